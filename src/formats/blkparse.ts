/**
 * blkparse's default text output (blkparse_fmt.c, `process_default`), and the kernel's own copy of
 * it: the `blk` ftrace tracer with the blk_classic option prints the same lines without the
 * sequence column.
 *
 *   maj,min cpu seq   sec.nsec   pid act rwbs tail
 *     8,0    3     2  0.000001967  594  Q FWFSM 43781957 + 17 [(null)]
 *
 * The tail depends on the action (see parseTail). blkparse ends its output with per-CPU and
 * per-device summaries ("CPU0 (8,0):", "Total (8,0):", "Throughput (R/W): ..."): events end at the
 * first line that is not an event, and the rest is not read, except to check that no event line
 * follows it (that would mean a broken line cut the trace short).
 */
import { MAX_ERRORS, type Action, type BlockEvent, type Issue, type ParsedEvents } from './events'
import { DOUBLE_LAYOUT } from './layout'
import { LineError, LineScanner, Lines } from './scan'

/** The fields after the action and RWBS code. */
export interface Tail {
  sector: number | null
  sectors: number
  comm: string | null
  error: number | null
  from?: { dev: string; sector: number }
  newSector?: number
  depth?: number
  passthrough?: true
  message?: string
}

const SINGLE = new Set('QGSIDCRMFPUXBAm'.split(''))

/** The action letter(s): one of Q G S I D C R M F P U X B A m, or UT (the man page's T). */
export function readAction(sc: LineScanner): Action {
  // Nearly every line has one letter and a blank: take it without cutting out a word.
  const letter = sc.s[sc.i] as string
  const after = sc.s.charCodeAt(sc.i + 1)
  if (sc.i + 1 < sc.lineEnd && (after === 0x20 || after === 0x09) && SINGLE.has(letter)) {
    sc.i++
    return letter as Action
  }
  const w = sc.word('an action letter')
  if (w.text === 'UT' || w.text === 'T') return 'UT'
  if (w.text.length === 1 && SINGLE.has(w.text)) return w.text as Action
  sc.fail(`unknown action '${w.text}'; expected one of Q G S I D C R M F P U UT X B A m`, w.at)
}

function bracketInt(sc: LineScanner, what: string): number {
  sc.expect('[', `'[' before ${what}`)
  sc.ws()
  const v = sc.int(what)
  sc.ws()
  sc.expect(']', `']' after ${what}`)
  return v
}

/** "(   1234)": the elapsed time blkparse -t adds. */
function elapsed(sc: LineScanner): void {
  const text = sc.parenthesized('the elapsed time')
  if (!/^\s*\d+\s*$/.test(text)) sc.fail(`expected the elapsed time in nanoseconds inside '( )', got '${text}'`, sc.i - text.length - 1)
}

/** "<sector> + <n>" after the sector was read. */
function plusCount(sc: LineScanner): number {
  sc.ws()
  sc.expect('+', `'+' between the sector and the sector count`)
  sc.ws()
  return sc.uint('the sector count')
}

const zero = (): Tail => ({ sector: null, sectors: 0, comm: null, error: null })

/** Parses the action-specific tail; the scanner stands after the RWBS code's blanks. */
export function parseTail(sc: LineScanner, act: Action): Tail {
  const t = zero()
  switch (act) {
    case 'C':
    case 'R': {
      // "<sector> + <n> [err]", zero-length "<sector> [err]", with -t "(elapsed)" before [err];
      // passthrough "(cdb) [err]" or "[err]".
      if (sc.peek() === '(' || sc.peek() === '[') {
        if (sc.peek() === '(') {
          sc.parenthesized('the command bytes')
          sc.ws()
        }
        t.passthrough = true
        t.error = bracketInt(sc, 'the error number')
        break
      }
      t.sector = sc.sector('the sector')
      sc.ws()
      if (sc.peek() === '+') t.sectors = plusCount(sc)
      sc.ws()
      if (sc.peek() === '(') {
        elapsed(sc)
        sc.ws()
      }
      t.error = bracketInt(sc, 'the error number')
      break
    }
    case 'Q':
    case 'I':
    case 'D':
    case 'B': {
      // "<sector> + <n> [comm]", zero-length "[comm]", -t adds "(elapsed)", some versions "|align|";
      // passthrough "<bytes> (cdb) [comm]".
      if (sc.peek() === '(') {
        elapsed(sc)
        sc.ws()
      }
      if (sc.peek() !== '[') {
        const at = sc.i
        const first = sc.sector('the sector')
        sc.ws()
        if (sc.peek() === '+') {
          t.sector = first
          t.sectors = plusCount(sc)
          sc.ws()
          if (sc.peek() === '(') {
            elapsed(sc)
            sc.ws()
          }
          if (sc.eat('|')) {
            sc.uint('the alignment')
            sc.expect('|', `'|' after the alignment`)
            sc.ws()
          }
        } else if (sc.peek() === '(' || sc.peek() === '[') {
          if (first === null) sc.fail('a passthrough byte count is too large', at)
          t.passthrough = true
          if (sc.peek() === '(') {
            sc.parenthesized('the command bytes')
            sc.ws()
          }
        } else sc.expected(`'+' and a sector count, or '[' before the process name`)
      }
      t.comm = sc.bracketed('the process name')
      break
    }
    case 'M':
    case 'F':
    case 'G':
    case 'S': {
      if (sc.peek() !== '[') {
        t.sector = sc.sector('the sector')
        t.sectors = plusCount(sc)
        sc.ws()
      }
      t.comm = sc.bracketed('the process name')
      break
    }
    case 'P':
      t.comm = sc.bracketed('the process name')
      break
    case 'U':
    case 'UT': {
      const m = /\]\s*(\d+)\s*$/.exec(sc.rest())
      if (!m) sc.expected(`'[name] count' (the process name and the number of requests unplugged)`)
      t.comm = sc.bracketed('the process name', sc.i + m.index + 1)
      sc.ws()
      t.depth = sc.uint('the number of requests unplugged')
      break
    }
    case 'A': {
      t.sector = sc.sector('the sector')
      t.sectors = plusCount(sc)
      sc.ws()
      sc.expect('<-', `'<-' before the device and sector the request came from`)
      sc.ws()
      sc.expect('(', `'(' before the device the request came from`)
      const dev = sc.device('the major number of the device the request came from')
      sc.expect(')', `')' after the device the request came from`)
      sc.ws()
      const at = sc.i
      const from = sc.sector('the sector the request came from')
      if (from === null) sc.fail('the sector the request came from is not a position', at)
      t.from = { dev, sector: from }
      break
    }
    case 'X': {
      t.sector = sc.sector('the sector')
      sc.ws()
      sc.expect('/', `'/' between the sector and where the split starts`)
      sc.ws()
      const at = sc.i
      const n = sc.sector('the sector where the split starts')
      if (n === null) sc.fail('the split sector is not a position', at)
      t.newSector = n
      sc.ws()
      t.comm = sc.bracketed('the process name')
      break
    }
    case 'm':
      t.message = sc.rest().trimEnd()
      sc.i = sc.lineEnd
      break
  }
  sc.end('the event')
  return t
}

/** Fills an event from a tail. */
export function withTail(base: Omit<BlockEvent, 'sector' | 'sectors' | 'comm' | 'error'>, tail: Tail): BlockEvent {
  // One literal with every field in a fixed order keeps all events the same shape (spreading is slow here).
  const e: BlockEvent = {
    line: base.line,
    // Placeholders for numbers that may pass 2^31, stored right below: see layout.ts.
    t: DOUBLE_LAYOUT,
    dev: base.dev,
    action: base.action,
    rwbs: base.rwbs,
    sector: null,
    sectors: tail.sectors,
    pid: base.pid,
    cpu: base.cpu,
    comm: tail.comm,
    error: tail.error,
    source: base.source,
  }
  e.t = base.t
  e.sector = tail.sector
  if (tail.from) e.from = tail.from
  if (tail.newSector !== undefined) e.newSector = tail.newSector
  if (tail.depth !== undefined) e.depth = tail.depth
  if (tail.passthrough) e.passthrough = true
  if (tail.message !== undefined) e.message = tail.message
  return e
}

/** A line that starts like an event: "maj,min cpu ". */
export const EVENT_LIKE = /^[ \t]*\d+,\d+[ \t]+\d+[ \t]/

/** EVENT_LIKE for Lines.matchesAtStart: matched where a line starts, in the whole text. */
const EVENT_AT = /[ \t]*\d+,\d+[ \t]+\d+[ \t]/y

function parseLine(sc: LineScanner, line: number): BlockEvent {
  sc.ws()
  const dev = sc.device()
  sc.gap('the device')
  const cpu = sc.uint('the CPU number')
  sc.gap('the CPU number')
  // blkparse prints a sequence number next; the kernel's blk_classic lines go straight to the time.
  const mark = sc.i
  sc.skipDigits('the sequence number or the time')
  if (sc.peek() !== '.') sc.gap('the sequence number')
  else sc.i = mark
  const t = sc.seconds('the time')
  sc.gap('the time')
  const pid = sc.uint('the process id')
  sc.gap('the process id')
  const action = readAction(sc)
  sc.gap('the action')
  const rwbs = sc.rwbs()
  sc.ws()
  return withTail({ line, t, dev, action, rwbs, pid, cpu, source: 'blkparse' }, parseTail(sc, action))
}

/** A line with nothing on it, or a comment ('#'). */
export function isBlankOrComment(line: string): boolean {
  const t = line.trim()
  return t === '' || t.startsWith('#')
}

function issue(e: LineError, line: number): Issue {
  return { line, col: e.at + 1, message: e.message }
}

export function parseBlkparse(text: string): ParsedEvents {
  const lines = new Lines(text)
  const events: BlockEvent[] = []
  const errors: Issue[] = []
  let started = false
  let stop = -1
  while (lines.advance()) {
    if (!started && isBlankOrComment(lines.line())) continue
    if (!lines.matchesAtStart(EVENT_AT)) {
      if (!started) {
        const raw = lines.line()
        const col = raw.length - raw.trimStart().length + 1
        errors.push({ line: lines.n, col, message: `expected a blkparse event line ("maj,min cpu seq sec.nsec pid action rwbs ..."), found ${JSON.stringify(raw.trim().slice(0, 40))}` })
        return { ok: false, format: 'blkparse', errors, warnings: [] }
      }
      stop = lines.n
      break
    }
    started = true
    try {
      // The scanner reads the line where it lies in the text: no string per line.
      events.push(parseLine(new LineScanner(text, lines.start, lines.end), lines.n))
    } catch (e) {
      if (!(e instanceof LineError)) throw e
      errors.push(issue(e, lines.n))
      if (errors.length >= MAX_ERRORS) break
    }
  }
  if (stop >= 0) {
    while (lines.advance()) {
      if (lines.matchesAtStart(EVENT_AT)) {
        errors.push({ line: stop, col: 1, message: `this line ends the events (only blkparse's summary may follow), but line ${lines.n} is an event again: a broken line cuts the trace here` })
        break
      }
    }
  }
  if (!started && errors.length === 0) errors.push({ line: 1, col: 1, message: 'no blkparse event lines: the text is empty or holds only comments' })
  if (errors.length > 0) return { ok: false, format: 'blkparse', errors, warnings: [] }
  return { ok: true, format: 'blkparse', events, warnings: [], ignored: 0 }
}
