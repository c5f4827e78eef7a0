/**
 * Values as the compact form writes them: whole numbers, times with a unit ("250us"), sizes
 * ("16MiB" or bytes), on/off, block ranges ("16+4": block 16 and the 3 after it), allocation
 * lists. Readers return a message saying what was expected; writers give the canonical spelling.
 */
import { quote } from '../describe'
import { formatTime, parseBytes, parseTime } from '../units'

export type Value<T> = { ok: true; value: T } | { ok: false; message: string }

const ok = <T>(value: T): Value<T> => ({ ok: true, value })
const bad = (message: string): Value<never> => ({ ok: false, message })

const DIGITS = /^\d{1,16}$/

export function wholeNumber(text: string, what = 'a whole number'): Value<number> {
  const n = DIGITS.test(text) ? Number(text) : NaN
  return Number.isSafeInteger(n) ? ok(n) : bad(`expected ${what}, found ${quote(text)}`)
}

/** A well-formed quantity that still fails: a fraction of the smallest unit, or too large. */
function unitTrouble(text: string, message: string): string | undefined {
  if (message.includes('whole number')) return message
  if (message.includes('too large')) return `${quote(text)} is too large`
  return undefined
}

export function timeValue(text: string): Value<number> {
  if (DIGITS.test(text))
    return bad(
      `expected a time with a unit (ns, us, ms or s), like ${text}us, found ${quote(text)}`,
    )
  const r = parseTime(text)
  if (r.ok) return r
  const why = unitTrouble(text, r.message)
  if (why !== undefined) return bad(why)
  return bad(
    `expected a time with a unit (ns, us, ms or s), like 250us or 1.5ms, found ${quote(text)}`,
  )
}

export function bytesValue(text: string): Value<number> {
  if (DIGITS.test(text)) return wholeNumber(text)
  const r = parseBytes(text)
  if (r.ok) return r
  const why = unitTrouble(text, r.message)
  if (why !== undefined) return bad(why)
  return bad(
    `expected a size in bytes or with a unit (k, m, g, KiB, MiB, GiB), like 4k or 16MiB, found ${quote(text)}`,
  )
}

const TRUE = new Set(['on', 'true', 'yes'])
const FALSE = new Set(['off', 'false', 'no'])

export function boolValue(text: string): Value<boolean> {
  if (TRUE.has(text)) return ok(true)
  if (FALSE.has(text)) return ok(false)
  return bad(`expected on or off, found ${quote(text)}`)
}

export interface Range {
  start: number
  /** Absent when the text gives no "+count". */
  count: number | undefined
}

const RANGE = /^(\d{1,16})(?:\+(\d{1,16}))?$/

/** "16" or "16+4" (start and count). */
export function rangeValue(text: string, what: string): Value<Range> {
  const m = RANGE.exec(text)
  const start = m ? Number(m[1]) : NaN
  const count = m?.[2] === undefined ? undefined : Number(m[2])
  if (!Number.isSafeInteger(start) || (count !== undefined && !Number.isSafeInteger(count)))
    return bad(`expected ${what} like 16 or 16+4 (16 and a count of 4), found ${quote(text)}`)
  return ok({ start, count })
}

export type Alloc = 'all' | 'none' | Array<[number, number]>

export function allocValue(text: string): Value<Alloc> {
  if (text === 'all' || text === 'none') return ok(text)
  const out: Array<[number, number]> = []
  for (const part of text.split(',')) {
    const m = /^(\d{1,16})\+(\d{1,16})$/.exec(part)
    if (!m)
      return bad(
        `expected all, none or block ranges like 0+16,40+8 (start+count), found ${quote(part === '' ? text : part)}`,
      )
    out.push([Number(m[1]), Number(m[2])])
  }
  return ok(out)
}

/** 2^30 -> "1GiB", 4096 -> "4KiB", 1000 -> "1000": the largest binary unit that divides exactly. */
export function sizeText(bytes: number): string {
  for (const [name, size] of [
    ['GiB', 2 ** 30],
    ['MiB', 2 ** 20],
    ['KiB', 2 ** 10],
  ] as const) {
    if (bytes !== 0 && bytes % size === 0) return `${bytes / size}${name}`
  }
  return String(bytes)
}

const TIME_UNITS = [
  ['s', 1e9],
  ['ms', 1e6],
  ['us', 1e3],
] as const

/**
 * A time for printing, always with a unit: the largest unit that gives at most three decimals
 * (4900000000 -> "4.9s", 1500000 -> "1.5ms", 250 -> "250ns"). parseTime reads it back exactly.
 */
export function timeText(ns: number): string {
  for (const [name, size] of TIME_UNITS) {
    if (ns >= size && ns % (size / 1000) === 0) {
      const whole = Math.floor(ns / size)
      const frac = String((ns % size) / (size / 1000))
        .padStart(3, '0')
        .replace(/0+$/, '')
      return frac === '' ? `${whole}${name}` : `${whole}.${frac}${name}`
    }
  }
  return formatTime(ns)
}

export function allocText(a: Alloc): string {
  return typeof a === 'string' ? a : a.map(([s, n]) => `${s}+${n}`).join(',')
}

/** Edit distance, for "did you mean" hints on misspelled words. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  let before = prev
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      )
      // Two letters swapped ("fau" for "fua") count as one edit.
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (before[j - 2] as number) + 1)
      row.push(d)
    }
    before = prev
    prev = row
  }
  return prev[b.length] as number
}

/** ' (did you mean "dio"?)' when one candidate is close, else ''. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  if (word.length > 40) return ''
  let best: string | undefined
  let bestD = Math.min(2, Math.floor(word.length / 2))
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase())
    if (d <= bestD && (best === undefined || d < bestD)) {
      best = c
      bestD = d
    }
  }
  return best === undefined ? '' : ` (did you mean ${quote(best)}?)`
}
