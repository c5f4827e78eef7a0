/**
 * Times and byte sizes as people write them: an integer (ns or bytes) or "<number><unit>".
 * Decimal fractions are computed exactly (with BigInt), so "1.5ms" is 1500000 and "0.3us" is 300.
 */
import { describe } from './describe'

export type UnitResult = { ok: true; value: number } | { ok: false; message: string }

const TIME_UNITS: ReadonlyMap<string, bigint> = new Map([
  ['ns', 1n],
  ['us', 1_000n],
  ['µs', 1_000n], // U+00B5 MICRO SIGN
  ['μs', 1_000n], // U+03BC GREEK SMALL LETTER MU
  ['ms', 1_000_000n],
  ['s', 1_000_000_000n],
])

const KIB = 1024n
const BYTE_UNITS: ReadonlyMap<string, bigint> = new Map([
  ['k', KIB],
  ['kib', KIB],
  ['m', KIB ** 2n],
  ['mib', KIB ** 2n],
  ['g', KIB ** 3n],
  ['gib', KIB ** 3n],
])

const QUANTITY = /^(\d{1,20})(?:\.(\d{1,18}))?([A-Za-zµμ]{1,3})$/

const TIME_HELP = 'a time: an integer of nanoseconds or a string like "250us", "1.5ms", "30s"'
const BYTES_HELP = 'a size: an integer of bytes or a string like "4k", "64KiB", "2GiB"'

function fromNumber(v: number, what: string, help: string): UnitResult {
  if (!Number.isInteger(v))
    return {
      ok: false,
      message: `must be ${help}; ${describe(v)} is not a whole number of ${what}`,
    }
  if (v < 0) return { ok: false, message: `must not be negative, got ${v}` }
  if (!Number.isSafeInteger(v)) return { ok: false, message: `is too large, got ${v}` }
  return { ok: true, value: v + 0 }
}

interface UnitSet {
  units: ReadonlyMap<string, bigint>
  /** Byte units are case-insensitive ("4K", "2gib"); time units are not ("Ms" is not "ms"). */
  anyCase: boolean
  what: string
  help: string
}

const TIME: UnitSet = { units: TIME_UNITS, anyCase: false, what: 'nanoseconds', help: TIME_HELP }
const BYTES: UnitSet = { units: BYTE_UNITS, anyCase: true, what: 'bytes', help: BYTES_HELP }

function fromString(text: string, { units, anyCase, what, help }: UnitSet): UnitResult {
  const m = QUANTITY.exec(text)
  const unit = anyCase ? m?.[3]?.toLowerCase() : m?.[3]
  const scale = unit === undefined ? undefined : units.get(unit)
  if (!m || scale === undefined)
    return { ok: false, message: `must be ${help}, got ${describe(text)}` }
  const whole = m[1] ?? '0'
  const frac = m[2] ?? ''
  const scaled = BigInt(whole + frac) * scale
  const divisor = 10n ** BigInt(frac.length)
  if (scaled % divisor !== 0n)
    return { ok: false, message: `${describe(text)} is not a whole number of ${what}` }
  const value = scaled / divisor
  if (value > BigInt(Number.MAX_SAFE_INTEGER))
    return { ok: false, message: `is too large, got ${describe(text)}` }
  return { ok: true, value: Number(value) }
}

function parseWith(v: unknown, set: UnitSet): UnitResult {
  if (typeof v === 'number') return fromNumber(v, set.what, set.help)
  if (typeof v === 'string') return fromString(v, set)
  return { ok: false, message: `must be ${set.help}, got ${describe(v)}` }
}

/** A time field: integer nanoseconds, or "<number>(ns|us|µs|ms|s)". */
export function parseTime(v: unknown): UnitResult {
  return parseWith(v, TIME)
}

/** A byte-size field: integer bytes, or "<number>(k|m|g|KiB|MiB|GiB)", case-insensitive, binary multiples. */
export function parseBytes(v: unknown): UnitResult {
  return parseWith(v, BYTES)
}

function formatWith(n: number, units: readonly [string, number][], fallback: string): string {
  for (const [name, size] of units) if (n !== 0 && n % size === 0) return `${n / size}${name}`
  return `${n}${fallback}`
}

/** 1500000 -> "1500us", 30e9 -> "30s": the largest unit that divides the value exactly. */
export function formatTime(ns: number): string {
  return formatWith(
    ns,
    [
      ['s', 1e9],
      ['ms', 1e6],
      ['us', 1e3],
    ],
    'ns',
  )
}

/** 4096 -> "4KiB", 2^31 -> "2GiB", 512 -> "512 bytes". */
export function formatBytes(bytes: number): string {
  return formatWith(
    bytes,
    [
      ['GiB', 2 ** 30],
      ['MiB', 2 ** 20],
      ['KiB', 2 ** 10],
    ],
    ' bytes',
  )
}
