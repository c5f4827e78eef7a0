/**
 * One op of a thread (`w 16+4 fua wait @data`) or of the guest file system (`write a 0+2 @w`),
 * and the words of an outside event (`fuzzy-copy descending per-block=1ms`) -> JSON records.
 * Ranges are checked against the device by the validator, whose errors come back to these spans.
 */
import { key } from '../check'
import { quote } from '../describe'
import { setOwn, type JsonObject } from '../json'
import { type Context, spanOf } from './context'
import type { Token } from './lex'
import { boolValue, didYouMean, rangeValue, timeValue, type Value } from './values'
import { FS_OPS, FUZZY_ORDERS, opOf, THREAD_OPS } from './vocab'

/** Flags each block op takes, by compact word -> JSON key. */
const FLAGS: Record<string, Record<string, string>> = {
  write: { fua: 'fua', pre: 'preflush', preflush: 'preflush', wait: 'wait' },
  read: { wait: 'wait' },
  discard: { wait: 'wait' },
  write_zeroes: { unmap: 'unmap', wait: 'wait' },
  flush: { wait: 'wait' },
}

const IO_OPS = new Set(['write', 'read', 'discard', 'write_zeroes'])

interface OpCtx {
  cx: Context
  obj: JsonObject
  path: string
  head: Token
}

function set(o: OpCtx, field: string, value: unknown, at: Token, name = field): void {
  setOwn(o.obj, field, value)
  o.cx.mark(key(o.path, field), at, name)
}

function took(flags: Record<string, string>, labelled: boolean): string {
  const words = Object.keys(flags).filter((w) => w !== 'preflush')
  return [...words, ...(labelled ? ['@label'] : [])].join(', ')
}

/** Flags and an @label, in any order. */
function flagsAndLabel(
  o: OpCtx,
  args: Token[],
  flags: Record<string, string>,
  labelled: boolean,
): void {
  for (const a of args) {
    if (labelled && a.text.startsWith('@')) {
      if (a.text === '@') o.cx.fail(a, 'expected a label after "@", like @a')
      else if (Object.hasOwn(o.obj, 'label'))
        o.cx.fail(a, `${o.head.text} has two labels; give it one`)
      else set(o, 'label', a.text.slice(1), a)
      continue
    }
    const field = Object.hasOwn(flags, a.text) ? flags[a.text] : undefined
    // A flag given twice is a slip (as a setting given twice is), not a no-op to pass over.
    if (field !== undefined && Object.hasOwn(o.obj, field))
      o.cx.fail(a, `${o.head.text} has ${quote(a.text)} twice; give it once`)
    else if (field !== undefined) set(o, field, true, a, a.text)
    else {
      const hint = didYouMean(a.text, Object.keys(flags))
      const takes = took(flags, labelled)
      o.cx.fail(
        a,
        `${quote(a.text)} is not part of ${o.head.text}${hint}; it takes ${takes || 'nothing more'}`,
      )
    }
  }
}

/** Exactly `n` leading arguments; `what` says what they are, for a message when one is missing. */
function needs(o: OpCtx, args: Token[], n: number, what: string): boolean {
  if (args.length >= n) return true
  const last = args.at(-1) ?? o.head
  o.cx.fail(o.cx.after(last), `${o.head.text} needs ${what}`)
  return false
}

function nothingMore(o: OpCtx, extra: Token[]): void {
  const first = extra[0]
  if (first)
    o.cx.fail(spanOf(extra), `unexpected ${quote(first.text)}: ${o.head.text} takes nothing more`)
}

function put<T>(o: OpCtx, field: string, t: Token, v: Value<T>, name = field): void {
  if (v.ok) set(o, field, v.value, t, name)
  else o.cx.fail(t, v.message)
}

/** order and per-block of a fuzzy copy (other outside events take nothing). */
export function outsideArgs(o: OpCtx, args: Token[], fuzzy: boolean): void {
  if (!fuzzy) return nothingMore(o, args)
  for (const a of args) {
    if ((FUZZY_ORDERS as readonly string[]).includes(a.text)) set(o, 'order', a.text, a)
    else if (a.text.startsWith('per-block=') || a.text.startsWith('perBlock=')) {
      const eq = a.text.indexOf('=') + 1
      put(o, 'perBlock', a, timeValue(a.text.slice(eq)), 'per-block')
    } else
      o.cx.fail(
        a,
        `${quote(a.text)} is not part of fuzzy-copy${didYouMean(a.text, [...FUZZY_ORDERS, 'per-block'])}; it takes an order (${FUZZY_ORDERS.join(', ')}) and per-block=<time>`,
      )
  }
}

function blockOp(o: OpCtx, op: string, args: Token[]): void {
  if (!needs(o, args, 1, `a block number, like "${o.head.text} 16" or "${o.head.text} 16+4"`))
    return
  const [where, ...rest] = args as [Token, ...Token[]]
  const r = rangeValue(where.text, 'a block number')
  if (!r.ok) o.cx.fail(where, r.message)
  else {
    set(o, 'block', r.value.start, where)
    if (r.value.count !== undefined) set(o, 'count', r.value.count, where)
  }
  flagsAndLabel(o, rest, FLAGS[op] ?? {}, true)
}

const THREAD_WORDS = Object.keys(THREAD_OPS)

/** A thread op: its words -> { op: ..., ... }; undefined when the op word is unknown. */
export function threadOp(cx: Context, tokens: Token[], path: string): JsonObject | undefined {
  const [head, ...args] = tokens as [Token, ...Token[]]
  const op = opOf(THREAD_OPS, head.text)
  if (op === undefined)
    return cx.fail(
      head,
      `unknown op ${quote(head.text)}${didYouMean(head.text, THREAD_WORDS)}; expected one of ${THREAD_WORDS.join(', ')}`,
    )
  const o: OpCtx = { cx, obj: { op }, path, head }
  cx.mark(path, spanOf(tokens), head.text)
  cx.mark(key(path, 'op'), head, 'op')
  if (IO_OPS.has(op)) blockOp(o, op, args)
  else if (op === 'flush') flagsAndLabel(o, args, FLAGS.flush ?? {}, true)
  else if (op === 'sleep') {
    if (needs(o, args, 1, 'a time, like "sleep 6s"'))
      put(o, 'time', args[0] as Token, timeValue((args[0] as Token).text))
    nothingMore(o, args.slice(1))
  } else if (op === 'set_direct_io') {
    if (needs(o, args, 1, 'on or off, like "dio on"'))
      put(o, 'on', args[0] as Token, boolValue((args[0] as Token).text))
    nothingMore(o, args.slice(1))
  } else outsideArgs(o, args, op === 'fuzzy_copy')
  return o.obj
}

const FS_WORDS = Object.keys(FS_OPS)

function named(o: OpCtx, args: Token[], fields: string[], what: string): Token[] {
  if (!needs(o, args, fields.length, what)) return []
  fields.forEach((f, i) => set(o, f, (args[i] as Token).text, args[i] as Token))
  return args.slice(fields.length)
}

/** A file-system op: `create a`, `write a 0+2`, `rename a b`, `sync @s`, `sleep 6s`, outside events. */
export function fsOp(cx: Context, tokens: Token[], path: string): JsonObject | undefined {
  const [head, ...args] = tokens as [Token, ...Token[]]
  const op = opOf(FS_OPS, head.text) ?? (head.text === 'w' ? 'write' : undefined)
  if (op === undefined)
    return cx.fail(
      head,
      `unknown file-system op ${quote(head.text)}${didYouMean(head.text, FS_WORDS)}; expected one of ${FS_WORDS.join(', ')}`,
    )
  const o: OpCtx = { cx, obj: { op }, path, head }
  cx.mark(path, spanOf(tokens), head.text)
  cx.mark(key(path, 'op'), head, 'op')
  fsArgs(o, op, args)
  return o.obj
}

function fsArgs(o: OpCtx, op: string, args: Token[]): void {
  const head = o.head.text
  switch (op) {
    case 'create':
    case 'fsync':
    case 'unlink':
      return flagsAndLabel(o, named(o, args, ['name'], `a file name, like "${head} a"`), {}, true)
    case 'rename':
      return flagsAndLabel(
        o,
        named(o, args, ['from', 'to'], 'two file names, like "rename a b"'),
        {},
        true,
      )
    case 'write':
      return fsWrite(o, args)
    case 'sync':
      return flagsAndLabel(o, args, {}, true)
    case 'sleep':
      if (needs(o, args, 1, 'a time, like "sleep 6s"'))
        put(o, 'time', args[0] as Token, timeValue((args[0] as Token).text))
      return nothingMore(o, args.slice(1))
    default:
      return outsideArgs(o, args, op === 'fuzzy_copy')
  }
}

function fsWrite(o: OpCtx, args: Token[]): void {
  const what = 'a file name and a block offset in the file, like "write a 0" or "write a 0+2"'
  if (!needs(o, args, 2, what)) return
  const [name, where, ...more] = args as [Token, Token, ...Token[]]
  set(o, 'name', name.text, name)
  const r = rangeValue(where.text, 'a block offset in the file')
  if (!r.ok) o.cx.fail(where, r.message)
  else {
    set(o, 'offset', r.value.start, where)
    if (r.value.count !== undefined) set(o, 'count', r.value.count, where)
  }
  flagsAndLabel(o, more, {}, true)
}

export type { OpCtx }
