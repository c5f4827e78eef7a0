/**
 * Splits compact text into statements of tokens, each token with its offsets in the text.
 * A statement ends at a newline or ';'; a line whose last token is ',' continues on the next
 * line (so a long op list wraps). '#' starts a comment to the end of the line. ',' and ':' are
 * tokens of their own; everything else between spaces is a word.
 */

export interface Token {
  text: string
  start: number
  end: number
  /** Whitespace (or the start of the statement) comes right before it. */
  spaced: boolean
}

export type Statement = Token[]

const isBreak = (c: string) =>
  c === ' ' ||
  c === '\t' ||
  c === '\r' ||
  c === '\n' ||
  c === ';' ||
  c === '#' ||
  c === ',' ||
  c === ':'

export function lex(text: string): Statement[] {
  const out: Statement[] = []
  let cur: Token[] = []
  let spaced = true
  const end = () => {
    if (cur.length > 0) out.push(cur)
    cur = []
    spaced = true
  }
  let i = 0
  while (i < text.length) {
    const c = text[i] as string
    if (c === '\n') {
      if (cur.at(-1)?.text !== ',') end()
      spaced = true
      i++
    } else if (c === ';') {
      end()
      i++
    } else if (c === ' ' || c === '\t' || c === '\r') {
      spaced = true
      i++
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++
    } else if (c === ',' || c === ':') {
      cur.push({ text: c, start: i, end: i + 1, spaced })
      spaced = false
      i++
    } else {
      let j = i + 1
      while (j < text.length && !isBreak(text[j] as string)) j++
      cur.push({ text: text.slice(i, j), start: i, end: j, spaced })
      spaced = false
      i = j
    }
  }
  end()
  return out
}

/** Splits tokens at ',' tokens; each part is an op or a label list item (possibly empty). */
export function splitAt(tokens: Token[], sep: string): Token[][] {
  const parts: Token[][] = [[]]
  for (const t of tokens) {
    if (t.text === sep) parts.push([])
    else parts.at(-1)?.push(t)
  }
  return parts
}

/**
 * Joins tokens that touch a ',' into one word ("alloc=0+16,40+8" is one setting): settings
 * statements are split by spaces only.
 */
export function words(tokens: Token[]): Token[] {
  const out: Token[] = []
  for (const t of tokens) {
    const last = out.at(-1)
    const glue = last !== undefined && (t.text === ',' || last.text.endsWith(','))
    if (glue) out[out.length - 1] = { ...last, text: last.text + t.text, end: t.end }
    else out.push(t)
  }
  return out
}
