/**
 * A minimal body (from minimal.ts: only non-default fields, times in ns, sizes in bytes) -> compact
 * text, one statement a line in the order of STATEMENTS. Long op lists wrap after a comma, which
 * the lexer reads as a continued line.
 */
import type { JsonObject } from '../json'
import type { ScenarioBody } from '../types'
import { allocText, sizeText, timeText, type Alloc } from './values'
import {
  FS_OPS,
  FS_SETTINGS,
  JOB_SETTINGS,
  LIMIT_SETTINGS,
  OUTSIDE_WORDS,
  SECTIONS,
  THREAD_OPS,
  wordOf,
  type Setting,
} from './vocab'

/** Lines wrap before this column (the editor's text area is about this wide). */
export const WRAP = 72

function valueText(s: Setting, v: unknown): string {
  const k = s.kind
  switch (k.t) {
    case 'bool':
      return v === true ? s.name : `${s.name}=off`
    case 'enum':
      return String(v)
    case 'time':
      return `${s.name}=${timeText(v as number)}`
    case 'bytes':
      return `${s.name}=${k.print === 'units' ? sizeText(v as number) : String(v)}`
    case 'alloc':
      return `${s.name}=${allocText(v as Alloc)}`
    default:
      return `${s.name}=${String(v)}`
  }
}

/** The words of a record's fields, in the table's order ("loop proposal-2012 dio lbs=4096"). */
function settingWords(rec: JsonObject, table: readonly Setting[]): string[] {
  return table.filter((s) => Object.hasOwn(rec, s.json)).map((s) => valueText(s, rec[s.json]))
}

const range = (start: unknown, count: unknown) =>
  count === undefined ? String(start) : `${String(start)}+${String(count)}`
const label = (o: JsonObject) => (typeof o.label === 'string' ? [`@${o.label}`] : [])

function outsideWords(o: JsonObject): string[] {
  const out: string[] = []
  if (typeof o.order === 'string') out.push(o.order)
  if (typeof o.perBlock === 'number') out.push(`per-block=${timeText(o.perBlock)}`)
  return out
}

const FLAG_WORDS: [string, string][] = [
  ['fua', 'fua'],
  ['preflush', 'pre'],
  ['unmap', 'unmap'],
  ['wait', 'wait'],
]

function threadOpText(o: JsonObject): string {
  const op = String(o.op)
  const word = wordOf(THREAD_OPS, op)
  const parts = [word]
  if (typeof o.block === 'number') parts.push(range(o.block, o.count))
  if (op === 'sleep') parts.push(timeText(o.time as number))
  if (op === 'set_direct_io') parts.push(o.on === true ? 'on' : 'off')
  for (const [field, flag] of FLAG_WORDS) if (o[field] === true) parts.push(flag)
  return [...parts, ...label(o), ...outsideWords(o)].join(' ')
}

function fsOpText(o: JsonObject): string {
  const op = String(o.op)
  const parts = [wordOf(FS_OPS, op)]
  if (typeof o.name === 'string') parts.push(o.name)
  if (typeof o.from === 'string') parts.push(o.from, String(o.to))
  if (typeof o.offset === 'number') parts.push(range(o.offset, o.count))
  if (op === 'sleep') parts.push(timeText(o.time as number))
  return [...parts, ...label(o), ...outsideWords(o)].join(' ')
}

/** `head item, item, item` wrapped after commas, continuation lines indented. */
function list(head: string, items: string[]): string {
  if (items.length === 0) return head
  const lines: string[] = []
  let line = `${head} ${items[0]}`
  for (const item of items.slice(1)) {
    if (line.length + item.length + 2 > WRAP) {
      lines.push(`${line},`)
      line = `  ${item}`
    } else line += `, ${item}`
  }
  lines.push(line)
  return lines.join('\n')
}

const obj = (v: unknown): JsonObject => (v ?? {}) as JsonObject
const arr = (v: unknown): JsonObject[] => (Array.isArray(v) ? (v as JsonObject[]) : [])

function stackLines(stack: JsonObject): string[] {
  const out: string[] = []
  if (typeof stack.deviceBlocks === 'number') out.push(`device ${stack.deviceBlocks}`)
  for (const s of SECTIONS) {
    const rec = obj(stack[s.stackKey])
    const words = settingWords(rec, s.settings)
    if (words.length > 0) out.push(`${s.word} ${words.join(' ')}`)
  }
  return out
}

function fsLines(fs: JsonObject | undefined): string[] {
  if (fs === undefined) return []
  const out: string[] = []
  const files = arr(fs.files)
  if (files.length > 0)
    out.push(`files ${files.map((f) => `${String(f.name)}=${String(f.blocks)}`).join(' ')}`)
  const head = ['fs', ...settingWords(fs, FS_SETTINGS)].join(' ')
  const ops = arr(fs.ops)
  if (ops.length > 0) out.push(list(`${head}:`, ops.map(fsOpText)))
  else if (head !== 'fs' || files.length === 0) out.push(head)
  return out
}

/** Prints a body made by minimalBody. */
export function printBody(body: ScenarioBody): string {
  const b = body as JsonObject
  const out: string[] = []
  if (typeof b.seed === 'number') out.push(`seed ${b.seed}`)
  const limits = settingWords(obj(b.limits), LIMIT_SETTINGS)
  if (limits.length > 0) out.push(`limits ${limits.join(' ')}`)
  out.push(...stackLines(obj(b.stack)))
  const w = obj(b.workload)
  out.push(...fsLines(w.fs as JsonObject | undefined))
  for (const t of arr(w.threads)) {
    const cg = typeof t.cgroup === 'string' ? ` cg=${t.cgroup}` : ''
    out.push(list(`thread ${String(t.name)}${cg}:`, arr(t.ops).map(threadOpText)))
  }
  for (const j of arr(w.jobs))
    out.push([`job ${String(j.name)}`, ...settingWords(j, JOB_SETTINGS)].join(' '))
  for (const e of arr(b.events)) {
    const kind =
      Object.entries(OUTSIDE_WORDS).find(([, v]) => v.kind === e.kind)?.[0] ?? String(e.kind)
    out.push([`at ${timeText(e.at as number)}`, kind, ...outsideWords(e)].join(' '))
  }
  for (const x of arr(w.expectations))
    out.push(`expect ${String(x.after)}: ${(x.durable as string[]).join(' ')}`)
  return out.join('\n')
}
