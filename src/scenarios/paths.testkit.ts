/**
 * Test support: checks that validation errors are well formed and that each path names a real
 * location of the document (the last step may be a missing field, as in "is required").
 */
import { isPlainObject, mergePatch, own } from './json'
import type { ScenarioError } from './types'

type Segment = string | number

const TOKEN = /^(?:\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\])/

/** "a.b[2][\"x y\"]" -> ["a", "b", 2, "x y"]; undefined when it is not a path. */
export function parsePath(path: string): Segment[] | undefined {
  const out: Segment[] = []
  for (let rest = path; rest !== '';) {
    const m = TOKEN.exec(rest)
    if (m === null || (out.length === 0 && rest.startsWith('.'))) return undefined
    out.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3] ?? '""') as string)))
    rest = rest.slice(m[0].length)
  }
  return out
}

/** Why `path` does not name a location in `doc`, or undefined when it does. */
export function locate(doc: unknown, path: string): string | undefined {
  const segments = parsePath(path)
  if (segments === undefined) return `not a path: ${path}`
  let cur = doc
  for (const [i, seg] of segments.entries()) {
    const last = i === segments.length - 1
    if (typeof seg === 'number') {
      if (!Array.isArray(cur) || seg >= cur.length)
        return `no element ${seg} at step ${i} of ${path}`
      cur = cur[seg] as unknown
    } else {
      if (!isPlainObject(cur)) return `no object at step ${i} of ${path}`
      if (!Object.hasOwn(cur, seg) && !last) return `no field ${seg} at step ${i} of ${path}`
      cur = own(cur, seg)
    }
  }
  return undefined
}

const VARIANT = /^variants\[(\d+)\] \(([^)]*)\)(?: → (.*))?$/

function locateInVariant(doc: unknown, m: RegExpExecArray): string | undefined {
  const variants = isPlainObject(doc) ? own(doc, 'variants') : undefined
  const v: unknown = Array.isArray(variants) ? variants[Number(m[1])] : undefined
  if (!isPlainObject(v) || own(v, 'id') !== m[2]) return `no variant ${m[1]} (${m[2]})`
  const rest = m[3]
  return rest === undefined ? undefined : locate(mergePatch(doc, own(v, 'patch')), rest)
}

/** Problems with a list of errors (empty when every error is well formed). */
export function checkErrors(errors: ScenarioError[], doc: unknown): string[] {
  const problems: string[] = []
  if (errors.length === 0) problems.push('a failure without errors')
  for (const e of errors) {
    if (typeof e.message !== 'string' || e.message.trim() === '')
      problems.push(`empty message at ${e.path}`)
    if (typeof e.path !== 'string') problems.push(`path is not a string: ${String(e.path)}`)
    if (e.path === '') continue
    if (doc === undefined) {
      problems.push(`path ${e.path} but the text was not JSON`)
      continue
    }
    const m = VARIANT.exec(e.path)
    const why = m ? locateInVariant(doc, m) : locate(doc, e.path)
    if (why !== undefined) problems.push(`${why} (${e.message})`)
  }
  return problems
}
