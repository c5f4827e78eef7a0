/**
 * What the parser of compact text carries along: the errors so far (each at a span of the text),
 * and where each part of the document it builds came from, so that the validator's errors (which
 * name a path like `workload.threads[0].ops[2].block`) can be shown at a line and column too.
 */
import { lineColumn } from '../jsonText'
import type { Token } from './lex'

export interface Span {
  start: number
  end: number
  /** What the part is called in the compact form ("qd", "block"), for messages. */
  name?: string | undefined
}

/** An error in compact text: 1-based line and column, the length of the part to mark. */
export interface CompactError {
  line: number
  column: number
  length: number
  message: string
}

/** Parse errors past this many are not reported: the first ones are what a person fixes. */
export const MAX_PARSE_ERRORS = 20

export class Stop extends Error {}

export class Context {
  readonly errors: Array<{ span: Span; message: string }> = []
  readonly spans = new Map<string, Span>()

  constructor(readonly text: string) {}

  fail(at: Span | Token, message: string): undefined {
    this.errors.push({ span: { start: at.start, end: at.end }, message })
    if (this.errors.length >= MAX_PARSE_ERRORS) throw new Stop()
    return undefined
  }

  /** Right after a token: where a missing part should have been. */
  after(t: Span | Token): Span {
    return { start: t.end, end: t.end }
  }

  mark(path: string, at: Span | Token, name?: string): void {
    this.spans.set(path, { start: at.start, end: at.end, name })
  }

  /** "line 3, column 7" of a span, for messages that point at an earlier part. */
  where(at: Span): string {
    const { line, column } = lineColumn(this.text, at.start)
    return `line ${line}, column ${column}`
  }

  /** The span a path (or its nearest marked parent) came from. */
  spanOf(path: string): Span | undefined {
    for (let p: string | undefined = path; p !== undefined && p !== ''; p = parentPath(p)) {
      const s = this.spans.get(p)
      if (s) return s
    }
    return undefined
  }

  toError(span: Span, message: string): CompactError {
    const { line, column } = lineColumn(this.text, span.start)
    return { line, column, length: Math.max(1, span.end - span.start), message }
  }
}

/** `a.b[2].c` -> `a.b[2]` -> `a.b` -> `a` -> undefined. */
export function parentPath(path: string): string | undefined {
  const m = /(\.[^.[\]]+|\[\d+\]|\["(?:[^"\\]|\\.)*"\])$/.exec(path)
  return m ? path.slice(0, m.index) : undefined
}

export function spanOf(tokens: Token[]): Span {
  const first = tokens[0]
  const last = tokens.at(-1)
  return first && last ? { start: first.start, end: last.end } : { start: 0, end: 0 }
}
