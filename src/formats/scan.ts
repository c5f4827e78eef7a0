/**
 * A scanner over one line of trace text. A failure throws LineError, which the parsers catch per
 * line and turn into an Issue with the column; nothing else is thrown.
 */
import { parseRwbs, type Rwbs } from './rwbs'

/** Valid RWBS codes already read (a bounded set: at most 9 letters from a small alphabet). */
const RWBS_SEEN = new Map<string, Rwbs>()

export class LineError {
  constructor(
    /** 0-based index in the line. */
    readonly at: number,
    readonly message: string,
  ) {}
}

/** Digits beyond this many may not fit a double exactly; such a number is refused, not rounded. */
const SAFE_DIGITS = 15

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
    const start = this.i
    while (this.s[this.i] === ' ' || this.s[this.i] === '\t') this.i++
    return this.i > start
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
    while (this.i < this.s.length && (this.s.charCodeAt(this.i) ^ 0x30) < 10) this.i++
    if (this.i === at) this.expected(what, at)
    return { text: this.s.slice(at, this.i), at }
  }

  isDigit(): boolean {
    const c = this.s.charCodeAt(this.i)
    return c >= 0x30 && c <= 0x39
  }

  /** An unsigned integer that a double holds exactly. */
  uint(what: string): number {
    const d = this.digits(what)
    return exact(d.text, d.at, what, this)
  }

  /** An integer with an optional minus sign (errno values). */
  int(what: string): number {
    const neg = this.eat('-')
    const v = this.uint(what)
    return neg ? -v : v
  }

  /** A sector, where an all-ones value (printed for requests without a position) reads as null. */
  sector(what: string): number | null {
    const d = this.digits(what)
    if (d.text.length > SAFE_DIGITS && !Number.isSafeInteger(Number(d.text))) {
      if (d.text === '18446744073709551615') return null
      this.fail(`${what} ${d.text} is larger than 2^53 and cannot be represented exactly`, d.at)
    }
    return Number(d.text)
  }

  /** "sec.frac" in seconds (up to 9 fraction digits) as integer nanoseconds. */
  seconds(what: string): number {
    const s = this.digits(what)
    let ns = 0
    if (this.eat('.')) {
      const f = this.digits(`the fraction of ${what}`)
      if (f.text.length > 9) this.fail(`${what} has more than 9 fraction digits`, f.at)
      ns = Number(f.text.padEnd(9, '0'))
    }
    const sec = exact(s.text, s.at, what, this)
    const t = sec * 1e9 + ns
    if (!Number.isSafeInteger(t)) this.fail(`${what} ${s.text} s is too large to hold in nanoseconds exactly`, s.at)
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
    return `${maj},${min}`
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
