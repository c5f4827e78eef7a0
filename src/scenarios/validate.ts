/**
 * Whole-document checks: size and depth guard, version migration, the scenario's own fields,
 * its run, and every variant's run (the patch merged over the scenario). The entry points never
 * throw: every failure comes back as { ok: false, errors }.
 */
import {
  all,
  Ctx,
  Fields,
  index,
  key,
  list,
  pattern,
  text,
  TooManyErrors,
  type Check,
} from './check'
import { describe } from './describe'
import { guardSize, mergePatch, own, setOwn, type JsonObject } from './json'
import { parseJsonText } from './jsonText'
import { migrate } from './migrate'
import { narrationSection } from './narration'
import { BODY_KEYS, checkRun, type Run } from './run'
import type { ParseResult, ScenarioError, ScenarioFile, ScenarioMeta, VariantMeta } from './types'

const META_KEYS = ['loopscope', 'id', 'title', 'summary', 'source', 'variants', 'narration'] as const
const TOP_KEYS = [...META_KEYS, ...BODY_KEYS]
export const MAX_VARIANTS = 50
export const DEFAULT_VARIANT = 'default'

export const ID = /^[a-z0-9][a-z0-9-]{0,62}$/
const id = pattern(ID, 'an id: 1 to 63 of a-z, 0-9 or -, not starting with -')
/** Variant ids may also hold "_", as in the name of io_uring. */
export const VARIANT_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/
const variantId = pattern(
  VARIANT_ID,
  'a variant id: 1 to 63 of a-z, 0-9, _ or -, not starting with - or _',
)
const title = text({ max: 80, nonEmpty: true })
const summary = text({ max: 400, nonEmpty: true })
const variantSummary = text({ max: 400 })
const source = text({ max: 2000 })

/**
 * A checked scenario: the file as written (migrated), its metadata and one run per variant.
 * Runs may share parts with each other: hand out one run per check, never two.
 */
export interface Checked {
  file: ScenarioFile
  meta: ScenarioMeta
  runs: Map<string, Run>
}

interface Variant extends VariantMeta {
  patch: JsonObject
}

/** A patch may only hold run fields; unknown keys are reported here and left out of the merge. */
const runFieldsOnly: Check<JsonObject> = (v, at, cx) => {
  const f = Fields.open(v, at, cx, BODY_KEYS)
  if (f === undefined) return undefined
  const out: JsonObject = {}
  for (const k of BODY_KEYS) if (f.has(k)) setOwn(out, k, own(f.obj, k))
  return out
}

function variant(ids: Map<string, string>): Check<Variant> {
  return (v, at, cx) => {
    const f = Fields.open(v, at, cx, ['id', 'title', 'summary', 'patch'])
    if (f === undefined) return undefined
    const vid = f.req('id', variantId)
    const first = vid === undefined ? undefined : ids.get(vid)
    if (first !== undefined)
      cx.fail(key(at, 'id'), `duplicate variant id ${describe(vid)}; first used at ${first}`)
    else if (vid !== undefined) ids.set(vid, key(at, 'id'))
    const parts = {
      id: vid,
      title: f.req('title', title),
      summary: f.opt('summary', variantSummary, ''),
      patch: f.req('patch', runFieldsOnly),
    }
    return first === undefined ? all<Variant>(parts) : undefined
  }
}

function checkMeta(f: Fields): (ScenarioMeta & { variantList: Variant[] }) | undefined {
  const variants = f.opt('variants', list(variant(new Map()), MAX_VARIANTS), [])
  return all({
    id: f.req('id', id),
    title: f.req('title', title),
    summary: f.req('summary', summary),
    source: f.opt('source', source, ''),
    narration: f.opt('narration', narrationSection, []),
    seed: 1, // filled from the run
    variants: variants?.map(({ id, title, summary }) => ({ id, title, summary })),
    variantList: variants,
  })
}

/** "variants[2] (dio) → stack.loop.mode" */
function variantPath(i: number, vid: string, path: string): string {
  const head = `${index('variants', i)} (${vid})`
  return path === '' ? head : `${head} → ${path}`
}

/** Checks a variant's merged document; reports only errors the scenario itself does not have. */
function checkVariant(
  doc: JsonObject,
  v: Variant,
  i: number,
  cx: Ctx,
  base: { run: Run | undefined; known: Set<string> },
): Run | undefined {
  const sub = new Ctx()
  const { known } = base
  // A variant that leaves the workload alone takes the base's checked workload over, so many
  // variants of a large workload cost little (unless the variant resizes the device).
  const reuse =
    base.run === undefined || Object.hasOwn(v.patch, 'workload')
      ? undefined
      : { deviceBlocks: base.run.config.stack.deviceBlocks, work: base.run.config.workload }
  let run: Run | undefined
  try {
    const f = Fields.open(mergePatch(doc, v.patch), '', sub, TOP_KEYS)
    run = f && checkRun(f, reuse)
  } catch (e) {
    if (!(e instanceof TooManyErrors)) throw e
  }
  for (const e of sub.errors) {
    if (!known.has(`${e.path}\n${e.message}`)) cx.fail(variantPath(i, v.id, e.path), e.message)
  }
  return run
}

function checkDocument(doc: JsonObject, cx: Ctx): Checked | undefined {
  const f = Fields.open(doc, '', cx, TOP_KEYS)
  if (f === undefined) return undefined
  const meta = checkMeta(f)
  const base = checkRun(f)
  const known = new Set(cx.errors.map((e) => `${e.path}\n${e.message}`))
  const runs = new Map<string, Run>()
  if (meta?.variantList.length === 0 && base) runs.set(DEFAULT_VARIANT, base)
  meta?.variantList.forEach((v, i) => {
    const run = checkVariant(doc, v, i, cx, { run: base, known })
    if (run) runs.set(v.id, run)
  })
  if (meta === undefined || base === undefined || cx.errors.length > 0) return undefined
  const { variantList, ...rest } = meta
  const variants =
    variantList.length > 0
      ? rest.variants
      : [{ id: DEFAULT_VARIANT, title: meta.title, summary: meta.summary }]
  return {
    file: doc as unknown as ScenarioFile, // already a private copy (made by migrate)
    meta: { ...rest, seed: base.seed, variants },
    runs,
  }
}

function safeMessage(e: unknown): string {
  try {
    return e instanceof Error ? e.message : String(e)
  } catch {
    return 'an unreadable error'
  }
}

const failed = (errors: ScenarioError[]): { ok: false; errors: ScenarioError[] } => ({
  ok: false,
  errors,
})

/** Validates and migrates any value; the core of validateScenario and resolveScenario. */
export function checkScenario(doc: unknown): ParseResult<Checked> {
  const cx = new Ctx()
  try {
    const guard = guardSize(doc)
    if (!guard.ok) return failed([{ path: '', message: guard.message }])
    const migrated = migrate(doc)
    if (!migrated.ok) return migrated
    const checked = checkDocument(migrated.value, cx)
    return checked && cx.errors.length === 0 ? { ok: true, value: checked } : failed(cx.errors)
  } catch (e) {
    if (e instanceof TooManyErrors) return failed(cx.errors)
    // Only a hostile object (a throwing getter, a proxy) gets here; JSON input cannot.
    return failed([
      ...cx.errors,
      { path: '', message: `could not read the document: ${safeMessage(e)}` },
    ])
  }
}

/** Checks a parsed document and migrates it to the current version. */
export function validateScenario(doc: unknown): ParseResult<ScenarioFile> {
  const r = checkScenario(doc)
  return r.ok ? { ok: true, value: r.value.file } : r
}

/** JSON text -> checked ScenarioFile. Syntax errors have path "" and say the line and column. */
export function parseScenarioJson(text: string): ParseResult<ScenarioFile> {
  const parsed = parseJsonText(text)
  return parsed.ok ? validateScenario(parsed.value) : parsed
}
