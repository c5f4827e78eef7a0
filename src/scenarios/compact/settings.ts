/**
 * `name=value` words and bare words of a settings statement (`loop proposal-2012 dio lbs=4096`)
 * -> fields of a JSON record. A bare word is an on/off setting switched on, or a value of the
 * table's enum setting. A setting given twice is an error that names the first.
 */
import { key } from '../check'
import { quote } from '../describe'
import { setOwn, type JsonObject } from '../json'
import type { Context, Span } from './context'
import type { Token } from './lex'
import {
  allocValue,
  boolValue,
  bytesValue,
  didYouMean,
  timeValue,
  wholeNumber,
  type Value,
} from './values'
import { findSetting, type Kind, type Setting } from './vocab'

export function readKind(kind: Kind, text: string): Value<unknown> {
  switch (kind.t) {
    case 'bool':
      return boolValue(text)
    case 'int':
      return wholeNumber(text)
    case 'time':
      return timeValue(text)
    case 'bytes':
      return bytesValue(text)
    case 'alloc':
      return allocValue(text)
    case 'word':
      return { ok: true, value: text }
    case 'enum':
      return kind.values.includes(text)
        ? { ok: true, value: text }
        : {
            ok: false,
            message: `expected one of ${kind.values.join(', ')}, found ${quote(text)}${didYouMean(text, kind.values)}`,
          }
  }
}

/** An example of a setting, for "needs a value" messages. */
function example(s: Setting): string {
  const k = s.kind
  const value =
    k.t === 'time'
      ? '5ms'
      : k.t === 'bytes'
        ? '4096'
        : k.t === 'enum'
          ? (k.values[0] ?? 'x')
          : k.t === 'alloc'
            ? 'none'
            : '1'
  return `${s.name}=${value}`
}

/** "dio, lbs, qd …, or a mode: mainline, proposal-2012 …" */
function expectedWords(table: readonly Setting[]): string {
  const names = table.map((s) => s.name).join(', ')
  const enums = table.filter((s) => s.kind.t === 'enum' && s.kind.values.length > 0)
  const bare = enums.map(
    (s) => `a ${s.name} (${(s.kind as { values: readonly string[] }).values.join(', ')})`,
  )
  return [`a setting (${names})`, ...bare].join(' or ')
}

function allWords(table: readonly Setting[]): string[] {
  return table.flatMap((s) => [s.name, ...(s.kind.t === 'enum' ? s.kind.values : [])])
}

export interface SettingsTarget {
  /** The record the values go into. */
  obj: JsonObject
  /** Its path in the document ("stack.loop"). */
  path: string
  /** What the statement is called in messages ("loop"). */
  what: string
}

function unknown(cx: Context, at: Span, word: string, table: readonly Setting[], what: string) {
  return cx.fail(
    at,
    `${what} has no setting ${quote(word)}${didYouMean(word, allWords(table))}; expected ${expectedWords(table)}`,
  )
}

/** Reads one word into its setting; undefined when it was reported as wrong. */
function read(
  cx: Context,
  w: Token,
  table: readonly Setting[],
  what: string,
): [Setting, unknown] | undefined {
  const eq = w.text.indexOf('=')
  if (eq < 0) {
    const s = findSetting(table, w.text)
    if (s?.kind.t === 'bool') return [s, true]
    // A value before a name: the fio pattern "rw" is also the name of its setting.
    const e = table.find((x) => x.kind.t === 'enum' && x.kind.values.includes(w.text))
    if (e) return [e, w.text]
    return s
      ? cx.fail(w, `${s.name} needs a value, like ${example(s)}`)
      : unknown(cx, w, w.text, table, what)
  }
  const name = w.text.slice(0, eq)
  const s = findSetting(table, name)
  if (!s) return unknown(cx, { start: w.start, end: w.start + eq }, name, table, what)
  const raw = w.text.slice(eq + 1)
  const at = { start: w.start + eq + 1, end: w.end }
  if (raw === '') return cx.fail(w, `expected a value after "${name}=", like ${example(s)}`)
  const v = readKind(s.kind, raw)
  return v.ok ? [s, v.value] : cx.fail(at, `${s.name}: ${v.message}`)
}

export function readSettings(
  cx: Context,
  words: Token[],
  table: readonly Setting[],
  into: SettingsTarget,
): void {
  for (const w of words) {
    const r = read(cx, w, table, into.what)
    if (r === undefined) continue
    const [s, value] = r
    const path = key(into.path, s.json)
    const first = cx.spans.get(path)
    if (first) {
      cx.fail(w, `${s.name} is set twice; first at ${cx.where(first)}`)
      continue
    }
    setOwn(into.obj, s.json, value)
    cx.mark(path, w, s.name)
  }
}
