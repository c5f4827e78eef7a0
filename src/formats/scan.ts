/**
 * The lines of a trace text, and a scanner over one line. A failure throws LineError, which the
 * parsers catch per line and turn into an Issue with the column; nothing else is thrown.
 */
import { parseRwbs, type Rwbs } from './rwbs'

/** Valid RWBS codes already read (a bounded set: at most 9 letters from a small alphabet). */
const RWBS_SEEN = new Map<string, Rwbs>()

/**
 * The lines of a text one at a time, as split('\n') would give them, but as places in the text
 * rather than strings: a scanner reads a line where it lies, so a large trace is neither split
 * into hundreds of thousands of strings up front nor sliced line by line.
 */
export class Lines {
  /** Where the current line starts, and where it ends: before its '\n' and a '\r' just before. */
  start = 0
  end = 0
  /** The current line's 1-based number; 0 before the first. */
  n = 0
  private after = 0

  constructor(readonly text: string) {}

  /** Moves to the next line; false when there is none. */
  advance(): boolean {
    if (this.after > this.text.length) return false
    let end = this.text.indexOf('\n', this.after)
    if (end < 0) end = this.text.length
    this.start = this.after
    this.after = end + 1
    this.end = end > this.start && this.text.charCodeAt(end - 1) === 0x0d ? end - 1 : end
    this.n++
    return true
  }

  /** The current line as a string (for the slow paths: comments, errors). */
  line(): string {
    return this.text.slice(this.start, this.end)
  }

  /** Whether the current line starts with a match of `sticky`, a regexp with the y flag. */
  matchesAtStart(sticky: RegExp): boolean {
    sticky.lastIndex = this.start
    return sticky.test(this.text)
  }
}

export class LineError {
  constructor(
    /** 0-based index in the line. */
    readonly at: number,
    readonly message: string,
  ) {}
}

/** Digits beyond this many may not fit a double exactly; such a number is refused, not rounded. */
const SAFE_DIGITS = 15

const SPACE = 0x20
const TAB = 0x09
const DOT = 0x2e
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]

/**
 * "major,minor" names, one string per device: every event carries its device's name, and the
 * pairing looks devices up by it, so a trace of a few devices shares a few strings instead of
 * building one per line. Bounded, since random input can name any number of devices.
 */
const DEVICE_NAMES = new Map<number, string>()
const MAX_DEVICE_NAMES = 4096

function deviceName(maj: number, min: number): string {
  // Linux device numbers are 12 bits major, 20 bits minor; others are spelled out every time.
  if (maj >= 0x1000 || min >= 0x100000) return `${maj},${min}`
  const key = maj * 0x100000 + min
  let name = DEVICE_NAMES.get(key)
  if (name === undefined) {
    if (DEVICE_NAMES.size >= MAX_DEVICE_NAMES) DEVICE_NAMES.clear()
    name = `${maj},${min}`
    DEVICE_NAMES.set(key, name)
  }
  return name
}

/**
 * Reads the line s[lineStart, lineEnd): a whole string, or one line of a larger text in place.
 * Positions (`i`, `at`) are indices in `s`; errors give them from the start of the line. Past the
 * line's end lie only '\r', '\n' or the end of the text, which no field is made of, so a scan
 * for blanks, digits or letters stops at the line's end by itself.
 */
export class LineScanner {
  i: number

  constructor(
    readonly s: string,
    readonly lineStart = 0,
    readonly lineEnd = s.length,
  ) {
    this.i = lineStart
  }

  fail(message: string, at = this.i): never {
    throw new LineError(at - this.lineStart, message)
  }

  found(at = this.i): string {
    if (at >= this.lineEnd) return 'the end of the line'
    const c = this.s[at] as string
    const code = c.charCodeAt(0)
    if (code < 0x20 || code === 0x7f) return `a control character (U+${code.toString(16).padStart(4, '0').toUpperCase()})`
    return `'${c}'`
  }

  expected(what: string, at = this.i): never {
    this.fail(`expected ${what}, found ${this.found(at)}`, at)
  }

  /** Skips blanks; says whether there were any. */
  ws(): boolean {
    const s = this.s
    const start = this.i
    let i = start
    // Char codes in locals, not one-character strings: this runs several times per line.
    for (let c = s.charCodeAt(i); c === SPACE || c === TAB; c = s.charCodeAt(++i));
    this.i = i
    return i > start
  }

  /** Requires at least one blank (fields are separated by blanks). */
  gap(after: string): void {
    if (!this.ws()) this.expected(`a space after ${after}`)
  }

  peek(): string | undefined {
    return this.i < this.lineEnd ? this.s[this.i] : undefined
  }

  eat(c: string): boolean {
    if (this.s.startsWith(c, this.i)) {
      this.i += c.length
      return true
    }
    return false
  }

  expect(c: string, what: string): void {
    if (!this.eat(c)) this.expected(what)
  }

  atEnd(): boolean {
    return this.i >= this.lineEnd
  }

  /** The rest of the line. */
  rest(): string {
    return this.s.slice(this.i, this.lineEnd)
  }

  /** Only blanks may follow. */
  end(what: string): void {
    this.ws()
    if (!this.atEnd()) this.fail(`unexpected text after ${what}: ${this.found()}`)
  }

  /** Moves past a run of digits (at least one) and returns their value (exact up to SAFE_DIGITS digits). */
  skipDigits(what: string): number {
    const s = this.s
    const at = this.i
    let i = at
    let v = 0
    // Accumulating as we go spares a slice and a Number() per field; the value is exact while
    // it has at most SAFE_DIGITS digits, and callers re-read longer runs from the text.
    for (let d = s.charCodeAt(i) - 0x30; d >= 0 && d <= 9; d = s.charCodeAt(++i) - 0x30) v = v * 10 + d
    if (i === at) this.expected(what, at)
    this.i = i
    return v
  }

  isDigit(): boolean {
    const c = this.s.charCodeAt(this.i)
    return c >= 0x30 && c <= 0x39
  }

  /** An unsigned integer that a double holds exactly. */
  uint(what: string): number {
    const at = this.i
    const v = this.skipDigits(what)
    return this.i - at > SAFE_DIGITS ? exact(this.s.slice(at, this.i), at, what, this) : v
  }

  /** An integer with an optional minus sign (errno values). */
  int(what: string): number {
    const neg = this.eat('-')
    const v = this.uint(what)
    return neg ? -v : v
  }

  /** A sector, where an all-ones value (printed for requests without a position) reads as null. */
  sector(what: string): number | null {
    const at = this.i
    const v = this.skipDigits(what)
    if (this.i - at <= SAFE_DIGITS) return v
    const text = this.s.slice(at, this.i)
    if (!Number.isSafeInteger(Number(text))) {
      if (text === '18446744073709551615') return null
      this.fail(`${what} ${text} is larger than 2^53 and cannot be represented exactly`, at)
    }
    return Number(text)
  }

  /** "sec.frac" in seconds (up to 9 fraction digits) as integer nanoseconds. */
  seconds(what: string): number {
    const at = this.i
    let sec = this.skipDigits(what)
    const end = this.i
    let ns = 0
    if (this.s.charCodeAt(this.i) === DOT) {
      this.i++
      const fracAt = this.i
      if (!this.isDigit()) this.expected(`the fraction of ${what}`)
      const frac = this.skipDigits(what)
      const n = this.i - fracAt
      if (n > 9) this.fail(`${what} has more than 9 fraction digits`, fracAt)
      // The fraction padded to 9 digits, as an integer: exact, since it is below 10^9.
      ns = frac * (POW10[9 - n] as number)
    }
    if (end - at > SAFE_DIGITS) sec = exact(this.s.slice(at, end), at, what, this)
    const t = sec * 1e9 + ns
    if (!Number.isSafeInteger(t)) this.fail(`${what} ${this.s.slice(at, end)} s is too large to hold in nanoseconds exactly`, at)
    return t
  }

  /** A run of non-blank characters. */
  word(what: string): { text: string; at: number } {
    const at = this.i
    while (this.i < this.lineEnd && this.s[this.i] !== ' ' && this.s[this.i] !== '\t') this.i++
    if (this.i === at) this.expected(what, at)
    return { text: this.s.slice(at, this.i), at }
  }

  /** "major,minor". */
  device(what = 'a device major,minor'): string {
    const maj = this.uint(what)
    this.expect(',', `',' between the device's major and minor numbers`)
    const min = this.uint(`the device's minor number`)
    return deviceName(maj, min)
  }

  rwbs(): Rwbs {
    const at = this.i
    for (let c = this.s.charCodeAt(this.i); (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a); c = this.s.charCodeAt(++this.i));
    const text = this.s.slice(at, this.i)
    if (text.length === 0) this.expected('an RWBS code such as W, WS, FWFSM or FN', at)
    const known = RWBS_SEEN.get(text)
    if (known) return known
    const r = parseRwbs(text)
    if (!r.ok) this.fail(r.message, at + r.at)
    // A trace uses a handful of codes: share one frozen object per code.
    const value = Object.freeze(r.value)
    RWBS_SEEN.set(text, value)
    return value
  }

  /** "[name]" running to the last ']' before `stop` (process names may hold spaces and brackets). */
  bracketed(what: string, stop = this.lineEnd): string {
    if (this.peek() !== '[') this.expected(`'[' before ${what}`)
    const close = this.s.lastIndexOf(']', stop - 1)
    if (close <= this.i) this.fail(`expected ']' closing ${what}`, this.lineEnd)
    const text = this.s.slice(this.i + 1, close)
    this.i = close + 1
    return text
  }

  /** "(...)" with the text inside; parentheses do not nest in trace output. */
  parenthesized(what: string): string {
    this.expect('(', `'(' before ${what}`)
    const close = this.s.indexOf(')', this.i)
    if (close < 0 || close >= this.lineEnd) this.fail(`expected ')' closing ${what}`, this.lineEnd)
    const text = this.s.slice(this.i, close)
    this.i = close + 1
    return text
  }
}

function exact(text: string, at: number, what: string, sc: LineScanner): number {
  const v = Number(text)
  if (text.length > SAFE_DIGITS && !Number.isSafeInteger(v)) sc.fail(`${what} ${text} is larger than 2^53 and cannot be represented exactly`, at)
  return v
}
