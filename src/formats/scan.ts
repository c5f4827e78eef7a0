/**
 * A scanner over one line of trace text. A failure throws LineError, which the parsers catch per
 * line and turn into an Issue with the column; nothing else is thrown.
 */
import { parseRwbs, type Rwbs } from './rwbs'

/** Valid RWBS codes already read (a bounded set: at most 9 letters from a small alphabet). */
const RWBS_SEEN = new Map<string, Rwbs>()

/**
 * The lines of a text one at a time, as split('\n') gives them. Reading as it goes, rather than
 * splitting first, lets each line die young: a split holds every line of a large trace in memory
 * until the last one is parsed.
 */
export class Lines {
  private next = 0
  /** The 1-based number of the line read last. */
  n = 0

  constructor(private readonly text: string) {}

  /** The next line without its '\n', or null after the last one. */
  read(): string | null {
    if (this.next > this.text.length) return null
    let end = this.text.indexOf('\n', this.next)
    if (end < 0) end = this.text.length
    const line = this.text.slice(this.next, end)
    this.next = end + 1
    this.n++
    return line
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

export class LineScanner {
  i = 0

  constructor(readonly s: string) {}

  fail(message: string, at = this.i): never {
    throw new LineError(at, message)
  }

  found(at = this.i): string {
    const c = this.s[at]
    if (c === undefined) return 'the end of the line'
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
    return this.s[this.i]
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
    return this.i >= this.s.length
  }

  /** Only blanks may follow. */
  end(what: string): void {
    this.ws()
    if (!this.atEnd()) this.fail(`unexpected text after ${what}: ${this.found()}`)
  }

  digits(what: string): { text: string; at: number } {
    const at = this.i
    this.skipDigits(what)
    return { text: this.s.slice(at, this.i), at }
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
    while (this.i < this.s.length && this.s[this.i] !== ' ' && this.s[this.i] !== '\t') this.i++
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
  bracketed(what: string, stop = this.s.length): string {
    if (this.peek() !== '[') this.expected(`'[' before ${what}`)
    const close = this.s.lastIndexOf(']', stop - 1)
    if (close <= this.i) this.fail(`expected ']' closing ${what}`, this.s.length)
    const text = this.s.slice(this.i + 1, close)
    this.i = close + 1
    return text
  }

  /** "(...)" with the text inside; parentheses do not nest in trace output. */
  parenthesized(what: string): string {
    this.expect('(', `'(' before ${what}`)
    const close = this.s.indexOf(')', this.i)
    if (close < 0) this.fail(`expected ')' closing ${what}`, this.s.length)
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
