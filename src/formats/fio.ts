/**
 * fio's I/O logs (write_iolog / read_iolog; HOWTO "Trace file format", iolog.c):
 *
 *   fio version 2 iolog            fio version 3 iolog
 *   /dev/loop0 add                 29 /dev/loop0 add
 *   /dev/loop0 open                277 /dev/loop0 open
 *   /dev/loop0 write 0 4096        287 /dev/loop0 write 0 4096
 *   /dev/loop0 wait 500 0          394 /dev/loop0 sync 28672 0
 *   /dev/loop0 sync 0 0            7860 /dev/loop0 close
 *
 * Offsets and lengths are bytes; v3 timestamps are microseconds since the job started
 * (log_io_u: utime_since_now), taken when fio submitted the I/O; v2 has none (a `wait` line
 * delays the next I/O by its offset in microseconds). Actions with data: read, write, trim; sync
 * and datasync are fsync/fdatasync, read here as a flush of the file; sync_file_range and syncfs
 * likewise. add, open and close only manage files.
 *
 * A log records submissions only. Each I/O is taken as completed when the next entry was logged
 * (`serial`, the default): true for one job with iodepth=1 and a synchronous engine, which is
 * what write_iolog is mostly used with; with `serial: false` nothing completes, so no sync
 * promises anything. Events come out as Q and C lines on a "device" named by the file, so
 * blockTrace.ts pairs them like a kernel trace. v2 entries are spaced 1 µs apart.
 */
import { MAX_ERRORS, type BlockEvent, type Issue, type ParsedEvents } from './events'
import { DOUBLE_LAYOUT } from './layout'
import type { Rwbs } from './rwbs'

const FILE_ACTIONS = new Set(['add', 'open', 'close'])
const IO_ACTIONS = new Set(['read', 'write', 'trim', 'sync', 'datasync', 'sync_file_range', 'syncfs', 'wait'])
const SAFE_DIGITS = 15

const rwbs = (op: Rwbs['op'], preflush = false): Rwbs => ({ op, preflush, fua: false, readahead: false, sync: false, meta: false, atomic: false })

interface Token {
  text: string
  at: number
}

function tokens(line: string): Token[] {
  const out: Token[] = []
  for (const m of line.matchAll(/\S+/g)) out.push({ text: m[0], at: m.index })
  return out
}

function num(tok: Token, what: string, line: number): number | Issue {
  if (!/^\d+$/.test(tok.text)) return { line, col: tok.at + 1, message: `expected ${what} (a non-negative integer), found '${tok.text.slice(0, 30)}'` }
  const v = Number(tok.text)
  if (tok.text.length > SAFE_DIGITS && !Number.isSafeInteger(v)) return { line, col: tok.at + 1, message: `${what} ${tok.text} is larger than 2^53 and cannot be represented exactly` }
  return v
}

const isIssue = (x: number | Issue): x is Issue => typeof x !== 'number'

interface Entry {
  line: number
  t: number
  file: string
  action: string
  offset: number
  length: number
  /** Index in the list of all logged entries' times. */
  mark: number
}

export function parseFioIolog(text: string, opts: { serial?: boolean } = {}): ParsedEvents {
  const lines = text.split('\n')
  const errors: Issue[] = []
  const first = (lines[0] ?? '').replace(/\r$/, '').trim()
  const version = first === 'fio version 2 iolog' ? 2 : first === 'fio version 3 iolog' ? 3 : 0
  const format = version === 2 ? 'fio-v2' : 'fio-v3'
  if (version === 0) {
    return { ok: false, format, errors: [{ line: 1, col: 1, message: `expected "fio version 2 iolog" or "fio version 3 iolog" on the first line, found ${JSON.stringify(first.slice(0, 40))}` }], warnings: [] }
  }
  const entries: Entry[] = []
  /** Times of every logged entry, file actions included: an I/O is done when the next one is logged. */
  const marks: number[] = []
  let ignored = 0
  let clock = 0
  for (let n = 1; n < lines.length && errors.length < MAX_ERRORS; n++) {
    const line = n + 1
    const toks = tokens((lines[n] as string).replace(/\r$/, ''))
    if (toks.length === 0) continue
    let t = clock
    let rest = toks
    if (version === 3) {
      const ts = num(toks[0] as Token, 'the timestamp in microseconds', line)
      if (isIssue(ts)) {
        errors.push(ts)
        continue
      }
      if (!Number.isSafeInteger(ts * 1000)) {
        errors.push({ line, col: (toks[0] as Token).at + 1, message: 'the timestamp is too large to hold in nanoseconds exactly' })
        continue
      }
      t = ts * 1000
      rest = toks.slice(1)
    }
    const [file, action, offTok, lenTok, extra] = rest
    if (file === undefined || action === undefined) {
      const at = rest[0]?.at ?? toks[0]?.at ?? 0
      errors.push({ line, col: at + 1, message: version === 3 ? 'expected "timestamp filename action [offset length]"' : 'expected "filename action [offset length]"' })
      continue
    }
    if (FILE_ACTIONS.has(action.text)) {
      if (offTok !== undefined) errors.push({ line, col: offTok.at + 1, message: `'${action.text}' takes no offset or length` })
      if (version === 2) clock += 1000
      marks.push(version === 2 ? clock : t)
      ignored++
      continue
    }
    if (!IO_ACTIONS.has(action.text)) {
      errors.push({ line, col: action.at + 1, message: `unknown action '${action.text.slice(0, 30)}'; expected one of add, open, close, read, write, trim, sync, datasync, sync_file_range, syncfs${version === 2 ? ', wait' : ''}` })
      continue
    }
    if (action.text === 'wait' && version === 3) {
      errors.push({ line, col: action.at + 1, message: "'wait' is a version 2 action; version 3 lines carry their own timestamps" })
      continue
    }
    if (offTok === undefined || lenTok === undefined) {
      errors.push({ line, col: action.at + action.text.length + 1, message: `expected an offset and a length in bytes after '${action.text}'` })
      continue
    }
    if (extra !== undefined) {
      errors.push({ line, col: extra.at + 1, message: 'unexpected text after the length' })
      continue
    }
    const offset = num(offTok, 'the offset in bytes', line)
    const length = num(lenTok, 'the length in bytes', line)
    if (isIssue(offset) || isIssue(length)) {
      errors.push(isIssue(offset) ? offset : (length as Issue))
      continue
    }
    if (action.text === 'wait') {
      // fio ignores waits under 100 µs (read_iolog2); the offset is the delay.
      if (offset >= 100) clock += offset * 1000
      ignored++
      continue
    }
    if (version === 2) {
      clock += 1000
      t = clock
    }
    entries.push({ line, t, file: file.text, action: action.text, offset, length, mark: marks.length })
    marks.push(t)
  }
  if (errors.length > 0) return { ok: false, format, errors, warnings: [] }
  const warnings: Issue[] = []
  const events: BlockEvent[] = []
  entries.forEach((e) => {
    const next = marks[e.mark + 1]
    const done = opts.serial === false ? null : next !== undefined ? Math.max(next, e.t) : null
    const flush = e.action !== 'read' && e.action !== 'write' && e.action !== 'trim'
    const sector = Math.floor(e.offset / 512)
    const sectors = flush ? 0 : Math.ceil((e.offset + e.length) / 512) - sector
    if (!flush && (e.offset % 512 !== 0 || e.length % 512 !== 0)) warnings.push({ line: e.line, col: 1, message: 'offset or length is not a multiple of 512 bytes: widened to whole sectors' })
    const op = flush ? 'W' : e.action === 'read' ? 'R' : e.action === 'trim' ? 'D' : 'W'
    const source = `fio ${e.action}`
    events.push(fioEvent(e, source, 'Q', e.t, rwbs(op, flush), flush ? 0 : sector, sectors))
    if (done !== null) events.push(fioEvent(e, source, 'C', done, rwbs(op), flush ? 0 : sector, sectors))
  })
  return { ok: true, format, events, warnings, ignored }
}

/**
 * A queue (submission) or completion event of an entry. One whole literal per event: spreading a
 * shared base into each was most of the time a large log took. The keys keep the order the
 * events always had (the entry's fields, then the event's).
 */
function fioEvent(e: Entry, source: string, action: 'Q' | 'C', t: number, code: Rwbs, sector: number, sectors: number): BlockEvent {
  const ev: BlockEvent = {
    line: e.line,
    dev: e.file,
    pid: null,
    cpu: null,
    error: action === 'C' ? 0 : null,
    source,
    // A placeholder, stored right below: see layout.ts.
    t: DOUBLE_LAYOUT,
    action,
    rwbs: code,
    sector,
    sectors,
    comm: action === 'Q' ? 'fio' : null,
  }
  ev.t = t
  return ev
}
