/**
 * Reads scenario JSON text. A small scanner checks the syntax first, so that every engine gives
 * the same message with a line and column, nesting is limited before anything recurses deeply,
 * and duplicate keys (which JSON.parse silently drops) are reported at their path.
 */
import { key, index } from './check'
import { MAX_DEPTH, MAX_DOCUMENT_BYTES, tooLarge } from './json'
import type { ParseResult, ScenarioError } from './types'

class SyntaxFail {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

const MAX_DUPLICATES = 100

/** Line and column (1-based) of an offset in text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let start = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++
    start = i + 1
  }
  return { line, column: offset - start + 1 }
}

class Scanner {
  i = 0
  readonly duplicates: ScenarioError[] = []

  constructor(readonly s: string) {}

  fail(expected: string, at = this.i): never {
    throw new SyntaxFail(at, `expected ${expected}, found ${this.found(at)}`)
  }

  found(at: number): string {
    const c = this.s[at]
    if (c === undefined) return 'the end of the document'
    const code = c.charCodeAt(0)
    if (code < 0x20)
      return `a control character (U+${code.toString(16).padStart(4, '0').toUpperCase()})`
    return `'${c}'`
  }

  ws(): void {
    for (;;) {
      const c = this.s[this.i]
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i++
      else return
    }
  }

  document(): void {
    this.ws()
    this.value('', 1)
    this.ws()
    if (this.i < this.s.length) this.fail('the end of the document after the top-level value')
  }

  value(path: string, depth: number): void {
    const c = this.s[this.i]
    if (c === '{' || c === '[') {
      if (depth > MAX_DEPTH)
        throw new SyntaxFail(this.i, `nesting is deeper than ${MAX_DEPTH} levels`)
      if (c === '{') this.object(path, depth)
      else this.array(path, depth)
    } else if (c === '"') this.string()
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) this.number()
    else if (!this.literal('true') && !this.literal('false') && !this.literal('null'))
      this.fail('a value')
  }

  object(path: string, depth: number): void {
    const seen = new Set<string>()
    this.i++
    this.ws()
    if (this.s[this.i] === '}') return void this.i++
    for (;;) {
      if (this.s[this.i] !== '"') this.fail('a property name in double quotes')
      const start = this.i
      const end = this.string()
      const raw = this.s.slice(start + 1, end - 1)
      const name = raw.includes('\\') ? (JSON.parse(this.s.slice(start, end)) as string) : raw
      if (seen.has(name)) this.duplicate(key(path, name), start)
      seen.add(name)
      this.ws()
      if (this.s[this.i] !== ':') this.fail("':' after a property name")
      this.i++
      this.ws()
      this.value(key(path, name), depth + 1)
      this.ws()
      if (this.s[this.i] === '}') return void this.i++
      if (this.s[this.i] !== ',') this.fail("',' or '}' after a property value")
      this.i++
      this.ws()
    }
  }

  array(path: string, depth: number): void {
    this.i++
    this.ws()
    if (this.s[this.i] === ']') return void this.i++
    for (let n = 0; ; n++) {
      this.value(index(path, n), depth + 1)
      this.ws()
      if (this.s[this.i] === ']') return void this.i++
      if (this.s[this.i] !== ',') this.fail("',' or ']' after an array element")
      this.i++
      this.ws()
    }
  }

  /** Scans a string starting at its opening quote; returns the offset after its closing quote. */
  string(): number {
    const s = this.s
    for (this.i++; ; this.i++) {
      const c = s[this.i]
      if (c === '"') return ++this.i
      if (c === undefined) this.fail("a closing '\"'")
      if (c.charCodeAt(0) < 0x20) this.fail('a string character (write a line break as \\n)')
      if (c === '\\') this.escape()
    }
  }

  escape(): void {
    const c = this.s[++this.i]
    if (c === 'u') {
      for (let k = 1; k <= 4; k++)
        if (!/[0-9a-fA-F]/.test(this.s[this.i + k] ?? '')) this.fail('a hex digit', this.i + k)
      this.i += 4
    } else if (c === undefined || !'"\\/bfnrt'.includes(c))
      this.fail('an escape: one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX')
  }

  number(): void {
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
    m.lastIndex = this.i
    const r = m.exec(this.s)
    if (r === null) this.fail('a digit', this.s[this.i] === '-' ? this.i + 1 : this.i)
    this.i += r[0].length
    const c = this.s[this.i]
    if (c !== undefined && /[0-9.eE+-]/.test(c))
      this.fail('a number in JSON form (like 12, -3, 1.5 or 2e6)')
  }

  literal(word: string): boolean {
    if (!this.s.startsWith(word, this.i)) return false
    this.i += word.length
    return true
  }

  duplicate(path: string, at: number): void {
    if (this.duplicates.length >= MAX_DUPLICATES) return
    const { line, column } = lineColumn(this.s, at)
    this.duplicates.push({
      path,
      message: `duplicate key at line ${line}, column ${column} (JSON keeps only the last)`,
    })
  }
}

function byteLength(text: string): number {
  // Each UTF-16 unit is 1 to 3 bytes of UTF-8; only count exactly when it matters.
  if (text.length > MAX_DOCUMENT_BYTES || text.length * 3 <= MAX_DOCUMENT_BYTES) return text.length
  return new TextEncoder().encode(text).length
}

/** JSON text to a value; errors carry path "" and a line and column (duplicate keys: their path). */
export function parseJsonText(text: unknown): ParseResult<unknown> {
  if (typeof text !== 'string')
    return { ok: false, errors: [{ path: '', message: 'the document must be text' }] }
  const size = byteLength(text)
  if (size > MAX_DOCUMENT_BYTES)
    return { ok: false, errors: [{ path: '', message: tooLarge(size) }] }
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  const scanner = new Scanner(body)
  try {
    scanner.document()
  } catch (e) {
    if (!(e instanceof SyntaxFail)) throw e
    const { line, column } = lineColumn(body, e.offset)
    return {
      ok: false,
      errors: [
        { path: '', message: `invalid JSON at line ${line}, column ${column}: ${e.message}` },
      ],
    }
  }
  if (scanner.duplicates.length > 0) return { ok: false, errors: scanner.duplicates }
  try {
    return { ok: true, value: JSON.parse(body) as unknown }
  } catch (e) {
    return {
      ok: false,
      errors: [
        { path: '', message: `invalid JSON: ${e instanceof Error ? e.message : String(e)}` },
      ],
    }
  }
}
