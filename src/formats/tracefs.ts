/**
 * The kernel's tracefs `trace` (or `trace_pipe`) text with the block tracepoints enabled
 * (include/trace/events/block.h), and the output of the `blk` tracer, which prints blkparse's body
 * after the same prefix:
 *
 *   # tracer: nop                                   (header comment lines start with '#')
 *   jbd2/loop0-8-17357 [001] ..... 10683.426119: block_bio_queue: 7,0 FWFSM 32788 + 2 [jbd2/loop0-8]
 *   kworker/1:1H-58    [001] ..... 10683.426262: block_rq_issue: 7,0 FF 0 () 0 + 0 none,0,0 [kworker/1:1H]
 *   ksoftirqd/1-22     [001] ..s.. 10683.426986: block_rq_complete: 7,0 FF () 18446744073709551615 + 0 none,0,0 [0]
 *   kworker/1:1H-58    [001] d..1. 10730.608242:   7,0    D  FN [kworker/1:1H]          (blk tracer)
 *
 * The prefix is task-pid, an optional "(tgid)" column, [cpu], the irq/preempt flags (absent when
 * the irq-info option is off) and the timestamp in seconds. Bodies, per TP_printk on 6.18
 * (fixtures/tracefs-print-fmt-6.18.txt); older kernels lack the ioprio field, which is optional:
 *   bio_queue, getrq, sleeprq, bio_backmerge, bio_frontmerge, bio_bounce:
 *                          dev rwbs sector + n [comm]
 *   rq_insert, rq_issue:   dev rwbs bytes (cmd) sector + n [ioprio] [comm]
 *   rq_complete, rq_requeue: dev rwbs (cmd) sector + n [ioprio] [error]
 *   bio_complete:          dev rwbs sector + n [error]
 *   bio_remap:             dev rwbs sector + n <- (maj,min) sector
 *   rq_remap:              dev rwbs sector + n <- (maj,min) sector [nr_bios]
 *   split:                 dev rwbs sector / new_sector [comm]
 *   plug: [comm]           unplug: [comm] depth
 * Other block_* events (buffer touches, io accounting, zone write plugs, rq_merge, rq_error) carry
 * nothing the request model needs and are skipped, as are other subsystems' events.
 */
import { isBlankOrComment, parseTail, readAction, withTail, type Tail } from './blkparse'
import { MAX_ERRORS, type Action, type BlockEvent, type Issue, type ParsedEvents } from './events'
import { LineError, LineScanner, Lines } from './scan'

/**
 * The action letter of each block event the model reads. A Map, not an object literal: a name
 * from the text must not find the properties every object inherits ("constructor", "toString"),
 * and a Map looks a string up by its hash without internalizing it first.
 */
const ACTION_OF = new Map<string, Action>(Object.entries({
  block_bio_queue: 'Q',
  block_getrq: 'G',
  block_sleeprq: 'S',
  block_rq_insert: 'I',
  block_rq_issue: 'D',
  block_rq_complete: 'C',
  block_bio_complete: 'C',
  block_rq_requeue: 'R',
  block_bio_backmerge: 'M',
  block_bio_frontmerge: 'F',
  block_bio_bounce: 'B',
  block_bio_remap: 'A',
  block_rq_remap: 'A',
  block_split: 'X',
  block_plug: 'P',
  block_unplug: 'U',
  block_unplug_io: 'U',
  block_unplug_timer: 'UT',
} satisfies Record<string, Action>))

/** task-pid, optional (tgid), [cpu]. The task name may hold blanks and dashes; the pid is the last "-digits" before the CPU. */
const PREFIX = /^([ \t]*)(.*?)-(\d+)[ \t]+(?:\([ \t]*(?:\d+|-+)[ \t]*\)[ \t]+)?\[(\d+)\][ \t]+/
/** Optional flags, then the timestamp and its colon. */
const STAMP = /^(?:([^\s:]+)[ \t]+)?(\d+(?:\.\d+)?):(?:[ \t]+|$)/
const LOST = /^\s*CPU:(\d+) \[LOST (\d+) EVENTS\]\s*$/

/** An "ioprio" field: class,level[,hint] such as be,0,4 or none,0,0 (kernels from 6.x). */
const IOPRIO = /^[a-z]+(?:,\d+)+$/

/** An event's body: its device and RWBS code, and the action's tail (kept whole: spreading it per line was slow). */
interface Body {
  dev: string | null
  rwbs: BlockEvent['rwbs']
  tail: Tail
}

const REQUEST_EVENTS = new Set(['block_rq_insert', 'block_rq_issue', 'block_rq_complete', 'block_rq_requeue'])

function bodyOf(sc: LineScanner, name: string, action: Action): Body {
  if (action === 'P' || action === 'U' || action === 'UT') return { dev: null, rwbs: null, tail: parseTail(sc, action) }
  const dev = sc.device()
  sc.gap('the device')
  const rwbs = sc.rwbs()
  sc.gap('the RWBS code')
  if (REQUEST_EVENTS.has(name)) return { dev, rwbs, tail: requestBody(sc, action) }
  // bio_complete prints [error] where the other bio events print [comm]: read it as a completion.
  if (name === 'block_bio_complete') return { dev, rwbs, tail: parseTail(sc, 'C') }
  if (name === 'block_rq_remap') {
    // "... <- (maj,min) sector nr_bios": read without the bio count.
    const m = /^(.*\)[ \t]*\d+)[ \t]+\d+[ \t]*$/.exec(sc.rest())
    if (m) {
      const inner = new LineScanner(sc.s, sc.lineStart, sc.i + (m[1] as string).length)
      inner.i = sc.i
      const tail = parseTail(inner, 'A')
      sc.i = sc.lineEnd
      return { dev, rwbs, tail }
    }
  }
  return { dev, rwbs, tail: parseTail(sc, action) }
}

/** insert/issue: "bytes (cmd) sector + n [ioprio] [comm]"; complete/requeue: "(cmd) sector + n [ioprio] [error]". */
function requestBody(sc: LineScanner, action: Action): Tail {
  // The byte count is the passthrough size (0 for file system requests on recent kernels).
  let bytes = 0
  if (action === 'I' || action === 'D') {
    bytes = sc.uint('the byte count')
    sc.gap('the byte count')
  }
  const cmd = sc.parenthesized('the command bytes')
  sc.ws()
  const sector = sc.sector('the sector')
  sc.ws()
  sc.expect('+', `'+' between the sector and the sector count`)
  sc.ws()
  const sectors = sc.uint('the sector count')
  sc.ws()
  if (sc.peek() !== '[') {
    const w = sc.word('the I/O priority or the bracketed field')
    if (!IOPRIO.test(w.text)) sc.fail(`expected an I/O priority such as be,0,4 or '[', got '${w.text}'`, w.at)
    sc.ws()
  }
  const tail: Tail = { sector, sectors, comm: null, error: null }
  if (action === 'C' || action === 'R') {
    sc.expect('[', `'[' before the error number`)
    sc.ws()
    tail.error = sc.int('the error number')
    sc.ws()
    sc.expect(']', `']' after the error number`)
  } else tail.comm = sc.bracketed('the process name')
  sc.end('the event')
  if (cmd.trim() !== '' || (bytes > 0 && sectors === 0)) tail.passthrough = true
  return tail
}

export function parseTracefs(text: string): ParsedEvents {
  const lines = new Lines(text)
  const events: BlockEvent[] = []
  const errors: Issue[] = []
  const warnings: Issue[] = []
  let ignored = 0
  while (lines.advance()) {
    const n = lines.n
    const raw = lines.line()
    if (isBlankOrComment(raw)) continue
    const lost = LOST.exec(raw)
    if (lost) {
      warnings.push({ line: n, col: 1, message: `the kernel dropped ${lost[2]} events on CPU ${lost[1]}: the trace has a gap here` })
      continue
    }
    try {
      const e = parseLine(raw, n)
      if (e) events.push(e)
      else ignored++
    } catch (err) {
      if (!(err instanceof LineError)) throw err
      errors.push({ line: n, col: err.at + 1, message: err.message })
      if (errors.length >= MAX_ERRORS) break
    }
  }
  if (errors.length === 0 && events.length === 0) errors.push({ line: 1, col: 1, message: 'no block events: enable events/block/* (or the blk tracer) before reading the trace file' })
  if (errors.length > 0) return { ok: false, format: 'tracefs', errors, warnings }
  return { ok: true, format: 'tracefs', events, warnings, ignored }
}

/** An event, or null for a line of another event this model skips. */
function parseLine(raw: string, line: number): BlockEvent | null {
  const p = PREFIX.exec(raw)
  if (!p) {
    const col = raw.length - raw.trimStart().length
    throw new LineError(col, `expected a tracefs line: "task-pid [cpu] flags timestamp: event: ...", found ${JSON.stringify(raw.trim().slice(0, 40))}`)
  }
  const pid = Number(p[3])
  const cpu = Number(p[4])
  if (!Number.isSafeInteger(pid) || !Number.isSafeInteger(cpu)) throw new LineError((p[1] as string).length, 'the process id or CPU number is too large')
  const sc: LineScanner = new LineScanner(raw)
  sc.i = p[0].length
  const s = STAMP.exec(raw.slice(sc.i))
  if (!s) sc.expected('the timestamp "seconds.fraction:" after the CPU and flags')
  const stampAt = sc.i + (s[1] === undefined ? 0 : s[0].indexOf(s[2] as string, s[1].length))
  sc.i = stampAt
  const t = sc.seconds('the timestamp')
  sc.expect(':', `':' after the timestamp`)
  sc.ws()
  // The blk tracer prints blkparse's body ("maj,min act rwbs tail") where events print their name.
  if (/^\d+,\d+[ \t]/.test(sc.rest())) {
    const dev = sc.device()
    sc.gap('the device')
    const action = readAction(sc)
    sc.gap('the action')
    const rwbs = sc.rwbs()
    sc.ws()
    return withTail({ line, t, dev, action, rwbs, pid, cpu, source: 'blk' }, parseTail(sc, action))
  }
  const nameAt = sc.i
  const m = /^([A-Za-z0-9_]+):(?:[ \t]+|$)/.exec(sc.rest())
  if (!m) sc.expected('an event name followed by ":"', nameAt)
  const name = m[1] as string
  const action = ACTION_OF.get(name)
  if (action === undefined) return null
  sc.i += m[0].length
  const { dev, rwbs, tail } = bodyOf(sc, name, action)
  return withTail({ line, t, dev, action, rwbs, pid, cpu, source: name }, tail)
}
