/**
 * Compact text -> the run fields of a scenario document (seed, stack, workload, events, limits),
 * with the span of text each part came from. Syntax only: ranges, names and labels are checked by
 * the scenario validator afterwards (see index.ts), whose errors are mapped back to these spans.
 */
import { index, key } from '../check'
import { quote } from '../describe'
import { setOwn, type JsonObject } from '../json'
import type { ScenarioBody } from '../types'
import { type Context, spanOf } from './context'
import { type Statement, type Token, splitAt, words } from './lex'
import { fsOp, outsideArgs, threadOp } from './parseOps'
import { readSettings } from './settings'
import { didYouMean, timeValue, wholeNumber } from './values'
import {
  FS_SETTINGS,
  JOB_SETTINGS,
  LIMIT_SETTINGS,
  opOf,
  OUTSIDE_WORDS,
  SECTIONS,
  STATEMENTS,
  THREAD_OPS,
  type OutsideWord,
  type Setting,
} from './vocab'

const CG: Setting[] = [{ name: 'cg', json: 'cgroup', kind: { t: 'word' } }]

/** The document as it is being built. */
class Doc {
  seed: number | undefined
  stack: JsonObject = {}
  limits: JsonObject = {}
  threads: JsonObject[] = []
  jobs: JsonObject[] = []
  fs: JsonObject | undefined
  /** Where the `fs` statement is (files alone also make a file system). */
  fsAt: Token | undefined
  events: JsonObject[] = []
  expectations: JsonObject[] = []

  fsRecord(): JsonObject {
    this.fs ??= {}
    return this.fs
  }

  body(): ScenarioBody {
    const out: JsonObject = {}
    if (this.seed !== undefined) out.seed = this.seed
    if (Object.keys(this.stack).length > 0) out.stack = this.stack
    const workload: JsonObject = {}
    if (this.threads.length > 0) workload.threads = this.threads
    if (this.jobs.length > 0) workload.jobs = this.jobs
    if (this.fs !== undefined) workload.fs = this.fs
    if (this.expectations.length > 0) workload.expectations = this.expectations
    if (Object.keys(workload).length > 0) out.workload = workload
    if (this.events.length > 0) out.events = this.events
    if (Object.keys(this.limits).length > 0) out.limits = this.limits
    return out as ScenarioBody
  }
}

/** A statement and the parser's state: `head` is its first word, `args` the rest. */
interface St {
  cx: Context
  doc: Doc
  head: Token
  args: Token[]
}

/** `seed 3`, `device 64`: one whole number, given once. */
function single(st: St, path: string, what: string, set: (n: number) => void): void {
  const { cx, head, args } = st
  const first = cx.spans.get(path)
  if (first) return void cx.fail(head, `${head.text} is given twice; first at ${cx.where(first)}`)
  const [arg, ...extra] = args
  if (!arg)
    return void cx.fail(
      cx.after(head),
      `${head.text} needs ${what}, like "${head.text} ${head.text === 'seed' ? 3 : 64}"`,
    )
  const n = wholeNumber(arg.text, what)
  if (!n.ok) return void cx.fail(arg, n.message)
  if (extra[0])
    cx.fail(spanOf(extra), `unexpected ${quote(extra[0].text)} after ${head.text} ${arg.text}`)
  set(n.value)
  cx.mark(path, arg, head.text)
}

function section(st: St, word: string): void {
  const s = SECTIONS.find((x) => x.word === word)
  if (!s) return
  const obj = (st.doc.stack[s.stackKey] as JsonObject | undefined) ?? {}
  setOwn(st.doc.stack, s.stackKey, obj)
  readSettings(st.cx, words(st.args), s.settings, {
    obj,
    path: key('stack', s.stackKey),
    what: word,
  })
}

/** Splits `NAME words : items` at the colon; reports a missing colon. */
function header(st: St, example: string): { names: Token[]; items: Token[] } | undefined {
  const colon = st.args.findIndex((t) => t.text === ':')
  if (colon < 0) {
    // Right after the name, unless what follows is a setting of the header (cg=a).
    const [name, next] = st.args
    const at = name && next && !next.text.includes('=') ? name : (st.args.at(-1) ?? st.head)
    return st.cx.fail(
      st.cx.after(at),
      `expected ":" after ${at === st.head ? st.head.text : quote(at.text)}, like "${example}"`,
    )
  }
  return { names: st.args.slice(0, colon), items: st.args.slice(colon + 1) }
}

/** The comma-separated items after a colon; an empty one (",," or a trailing ",") is an error. */
function items(st: St, tokens: Token[], each: (t: Token[], i: number) => void): void {
  if (tokens.length === 0) return
  const parts = splitAt(tokens, ',')
  let n = 0
  parts.forEach((part, i) => {
    if (part.length > 0) return each(part, n++)
    const comma = tokens.filter((t) => t.text === ',')[Math.max(0, i - 1)] ?? st.head
    st.cx.fail(
      comma,
      i === parts.length - 1
        ? 'expected another item after ","'
        : 'expected an item between the commas',
    )
  })
}

function thread(st: St): void {
  const h = header(st, 'thread guest: w 0, flush')
  if (!h) return
  const [name, ...rest] = h.names
  if (!name)
    return void st.cx.fail(
      st.cx.after(st.head),
      'thread needs a name before ":", like "thread guest: w 0, flush"',
    )
  const path = index(key('workload', 'threads'), st.doc.threads.length)
  const t: JsonObject = { name: name.text }
  st.doc.threads.push(t)
  st.cx.mark(path, name, 'thread')
  st.cx.mark(key(path, 'name'), name, 'name')
  readSettings(st.cx, words(rest), CG, { obj: t, path, what: 'thread' })
  const ops: JsonObject[] = []
  t.ops = ops
  items(st, h.items, (toks, i) => {
    const op = threadOp(st.cx, toks, index(key(path, 'ops'), i))
    if (op) ops.push(op)
  })
}

function job(st: St): void {
  const [name, ...rest] = st.args
  if (!name)
    return void st.cx.fail(
      st.cx.after(st.head),
      'job needs a name, like "job writer randwrite size=16MiB ios=200"',
    )
  const path = index(key('workload', 'jobs'), st.doc.jobs.length)
  const j: JsonObject = { name: name.text }
  st.doc.jobs.push(j)
  st.cx.mark(path, name, 'job')
  st.cx.mark(key(path, 'name'), name, 'name')
  readSettings(st.cx, words(rest), JOB_SETTINGS, { obj: j, path, what: 'job' })
}

function fs(st: St): void {
  const first = st.doc.fsAt
  if (first) return void st.cx.fail(st.head, `fs is given twice; first at ${st.cx.where(first)}`)
  st.doc.fsAt = st.head
  const colon = st.args.findIndex((t) => t.text === ':')
  const settings = colon < 0 ? st.args : st.args.slice(0, colon)
  const fsRec = st.doc.fsRecord()
  st.cx.mark('workload.fs', st.head, 'fs')
  readSettings(st.cx, words(settings), FS_SETTINGS, { obj: fsRec, path: 'workload.fs', what: 'fs' })
  if (colon < 0) return
  const ops: JsonObject[] = []
  fsRec.ops = ops
  items(st, st.args.slice(colon + 1), (toks, i) => {
    const op = fsOp(st.cx, toks, index(key('workload.fs', 'ops'), i))
    if (op) ops.push(op)
  })
}

function files(st: St): void {
  const fsRec = st.doc.fsRecord()
  const list = (fsRec.files as JsonObject[] | undefined) ?? []
  fsRec.files = list
  if (!st.cx.spans.has('workload.fs')) st.cx.mark('workload.fs', st.head, 'files')
  if (st.args.length === 0)
    st.cx.fail(
      st.cx.after(st.head),
      'files needs at least one file, like "files a=2 b=2" (name=blocks)',
    )
  for (const w of words(st.args)) {
    const eq = w.text.indexOf('=')
    if (eq <= 0) {
      st.cx.fail(w, `expected a file as name=blocks, like a=2, found ${quote(w.text)}`)
      continue
    }
    const n = wholeNumber(w.text.slice(eq + 1), 'a number of blocks')
    if (!n.ok) {
      st.cx.fail({ start: w.start + eq + 1, end: w.end }, n.message)
      continue
    }
    const path = index(key('workload.fs', 'files'), list.length)
    list.push({ name: w.text.slice(0, eq), blocks: n.value })
    st.cx.mark(path, w, 'file')
    st.cx.mark(key(path, 'name'), { start: w.start, end: w.start + eq }, 'name')
    st.cx.mark(key(path, 'blocks'), { start: w.start + eq + 1, end: w.end }, 'blocks')
  }
}

const OUTSIDE = Object.keys(OUTSIDE_WORDS)

/** `at 4.9s fuzzy-copy descending per-block=1ms` */
function at(st: St): void {
  const [when, what, ...rest] = st.args
  if (!when || !what)
    return void st.cx.fail(
      st.cx.after(when ?? st.head),
      `at needs a time and an event, like "at 5ms power-loss"; events are ${OUTSIDE.join(', ')}`,
    )
  const path = index('events', st.doc.events.length)
  const t = timeValue(when.text)
  if (!t.ok) return void st.cx.fail(when, t.message)
  const kind = Object.hasOwn(OUTSIDE_WORDS, what.text)
    ? OUTSIDE_WORDS[what.text as OutsideWord].kind
    : undefined
  if (!kind)
    return void st.cx.fail(
      what,
      `unknown event ${quote(what.text)}${didYouMean(what.text, OUTSIDE)}; expected one of ${OUTSIDE.join(', ')}`,
    )
  const ev: JsonObject = { at: t.value, kind }
  st.doc.events.push(ev)
  st.cx.mark(path, spanOf(st.args), 'event')
  st.cx.mark(key(path, 'at'), when, 'at')
  st.cx.mark(key(path, 'kind'), what, 'event')
  outsideArgs({ cx: st.cx, obj: ev, path, head: what }, rest, kind === 'fuzzy-copy')
}

/** `expect f: a b` (once f completed, a and b must be durable). */
function expect(st: St): void {
  const h = header(st, 'expect f: a b')
  if (!h) return
  const [after, ...extra] = h.names
  if (!after)
    return void st.cx.fail(
      st.cx.after(st.head),
      'expect needs the label of a flush or FUA write before ":", like "expect f: a b"',
    )
  if (extra[0])
    st.cx.fail(spanOf(extra), `expected ":" after ${after.text}, found ${quote(extra[0].text)}`)
  const path = index(key('workload', 'expectations'), st.doc.expectations.length)
  const bare = (t: Token) => (t.text.startsWith('@') ? t.text.slice(1) : t.text)
  const labels = h.items.filter((t) => t.text !== ',')
  const e: JsonObject = { after: bare(after), durable: labels.map(bare) }
  st.doc.expectations.push(e)
  st.cx.mark(path, after, 'expect')
  st.cx.mark(key(path, 'after'), after, 'label')
  st.cx.mark(
    key(path, 'durable'),
    labels.length > 0 ? spanOf(labels) : st.cx.after(h.names.at(-1) ?? st.head),
    'durable labels',
  )
  labels.forEach((t, i) => st.cx.mark(index(key(path, 'durable'), i), t, 'label'))
}

function limits(st: St): void {
  if (st.args.length === 0)
    st.cx.fail(
      st.cx.after(st.head),
      'limits needs events=<n> or time=<time>, like "limits time=10s"',
    )
  readSettings(st.cx, words(st.args), LIMIT_SETTINGS, {
    obj: st.doc.limits,
    path: 'limits',
    what: 'limits',
  })
}

function statement(st: St): void {
  const word = st.head.text
  switch (word) {
    case 'seed':
      return single(st, 'seed', 'a seed (a whole number)', (n) => (st.doc.seed = n))
    case 'device':
      return single(
        st,
        'stack.deviceBlocks',
        'a size in 4 KiB blocks',
        (n) => (st.doc.stack.deviceBlocks = n),
      )
    case 'limits':
      return limits(st)
    case 'thread':
      return thread(st)
    case 'job':
      return job(st)
    case 'fs':
      return fs(st)
    case 'files':
      return files(st)
    case 'at':
      return at(st)
    case 'expect':
      return expect(st)
  }
  if (SECTIONS.some((s) => s.word === word)) return section(st, word)
  if (opOf(THREAD_OPS, word) !== undefined)
    return void st.cx.fail(
      st.head,
      `${quote(word)} is an op; ops go in a thread, like "thread guest: ${word === 'w' ? 'w 0' : word}"`,
    )
  st.cx.fail(
    st.head,
    `unknown statement ${quote(word)}${didYouMean(word, STATEMENTS)}; expected one of ${STATEMENTS.join(', ')}`,
  )
}

export function parseStatements(cx: Context, statements: Statement[]): ScenarioBody {
  const doc = new Doc()
  for (const [head, ...args] of statements) if (head) statement({ cx, doc, head, args })
  return doc.body()
}
