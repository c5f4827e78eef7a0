/**
 * The validator's building blocks. A `Check<T>` looks at one JSON value at a path, reports what
 * is wrong to the context and returns the normalized value, or undefined when it was invalid.
 * Records are read through `Fields`, which reports unknown keys (including `__proto__`).
 */
import { describe, listValues, quote } from './describe'
import { isPlainObject, own, type JsonObject } from './json'
import type { ScenarioError } from './types'
import { formatBytes, formatTime, parseBytes, parseTime, type UnitResult } from './units'

export const MAX_ERRORS = 10_000

/** Thrown (and caught by the entry points) when a document has too many errors to go on. */
export class TooManyErrors extends Error {}

export class Ctx {
  readonly errors: ScenarioError[] = []

  fail(path: string, message: string): undefined {
    if (this.errors.length >= MAX_ERRORS) {
      this.errors.push({ path: '', message: `too many errors; stopped after ${MAX_ERRORS}` })
      throw new TooManyErrors()
    }
    this.errors.push({ path, message })
    return undefined
  }
}

export type Check<T> = (v: unknown, at: string, cx: Ctx, base?: T) => T | undefined

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/

/** `at.k`, or `at["odd key"]` when k is not an identifier. */
export function key(at: string, k: string): string {
  if (!IDENT.test(k)) return `${at}[${JSON.stringify(k)}]`
  return at === '' ? k : `${at}.${k}`
}

export function index(at: string, i: number): string {
  return `${at}[${i}]`
}

/** Returns parts as T when no part is undefined (each invalid part has reported its error). */
export function all<T extends object>(parts: { [K in keyof T]: T[K] | undefined }): T | undefined {
  for (const k in parts) if (parts[k] === undefined) return undefined
  return parts as T
}

// ---- leaves ----------------------------------------------------------------------------------

export function int(min: number, max: number): Check<number> {
  return (v, at, cx) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
      ? v + 0
      : cx.fail(at, `must be an integer between ${min} and ${max}, got ${describe(v)}`)
}

export const bool: Check<boolean> = (v, at, cx) =>
  typeof v === 'boolean' ? v : cx.fail(at, `must be true or false, got ${describe(v)}`)

export function oneOf<const T extends string | number>(values: readonly T[]): Check<T> {
  return (v, at, cx) =>
    values.includes(v as T)
      ? (v as T)
      : cx.fail(at, `must be one of ${listValues(values)}, got ${describe(v)}`)
}

export function text(opts: { max: number; nonEmpty?: boolean }): Check<string> {
  const what = `${opts.nonEmpty ? 'a non-empty' : 'a'} string of at most ${opts.max} characters`
  return (v, at, cx) => {
    if (typeof v !== 'string') return cx.fail(at, `must be ${what}, got ${describe(v)}`)
    if (opts.nonEmpty && v.trim() === '') return cx.fail(at, `must be ${what}, got an empty string`)
    if (v.length > opts.max) return cx.fail(at, `must be ${what}, got ${v.length} characters`)
    return v
  }
}

/** A string matching `re`; `what` says in words what that is. */
export function pattern(re: RegExp, what: string): Check<string> {
  return (v, at, cx) =>
    typeof v === 'string' && re.test(v) ? v : cx.fail(at, `must be ${what}, got ${describe(v)}`)
}

function unit(
  parse: (v: unknown) => UnitResult,
  show: (n: number) => string,
  min: number,
  max: number,
  multipleOf = 1,
): Check<number> {
  return (v, at, cx) => {
    const r = parse(v)
    if (!r.ok) return cx.fail(at, r.message)
    if (r.value < min || r.value > max)
      return cx.fail(at, `must be between ${show(min)} and ${show(max)}, got ${show(r.value)}`)
    if (r.value % multipleOf !== 0)
      return cx.fail(at, `must be a multiple of ${show(multipleOf)}, got ${show(r.value)}`)
    return r.value
  }
}

/** A time field in integer ns, within [min, max] ns. */
export function time(min: number, max: number): Check<number> {
  return unit(parseTime, formatTime, min, max)
}

/** A byte-size field within [min, max] bytes, a multiple of `multipleOf`. */
export function bytes(min: number, max: number, multipleOf = 1): Check<number> {
  return unit(parseBytes, formatBytes, min, max, multipleOf)
}

/** A byte-size field that must be whole 4 KiB blocks; returns blocks. */
export function blocksOfBytes(min: number, max: number, blockBytes: number): Check<number> {
  const check = bytes(min * blockBytes, max * blockBytes, blockBytes)
  return (v, at, cx) => {
    const b = check(v, at, cx)
    return b === undefined ? undefined : b / blockBytes
  }
}

/** A list of at most `max` items, each checked; undefined when any item is invalid. */
export function list<T>(item: Check<T>, max: number): Check<T[]> {
  return (v, at, cx) => {
    if (!Array.isArray(v)) return cx.fail(at, `must be a list (JSON array), got ${describe(v)}`)
    if (v.length > max) return cx.fail(at, `must have at most ${max} entries, got ${v.length}`)
    const out: T[] = []
    let ok = true
    for (let i = 0; i < v.length; i++) {
      const x = item(v[i], index(at, i), cx)
      if (x === undefined) ok = false
      else out.push(x)
    }
    return ok ? out : undefined
  }
}

// ---- records ---------------------------------------------------------------------------------

/** Explains an unknown key better than the list of allowed ones, when it can. */
export type Hint = (k: string) => string | undefined

/** Own keys of an object that is being read; reports keys it does not know as it opens. */
export class Fields {
  private constructor(
    readonly obj: JsonObject,
    readonly at: string,
    readonly cx: Ctx,
  ) {}

  static open(
    v: unknown,
    at: string,
    cx: Ctx,
    allowed: readonly string[],
    hint?: Hint,
  ): Fields | undefined {
    if (!isPlainObject(v)) return cx.fail(at, `must be an object, got ${describe(v)}`)
    for (const k of Object.keys(v)) {
      if (!allowed.includes(k)) reportUnknown(k, at, cx, allowed, hint)
    }
    return new Fields(v, at, cx)
  }

  has(k: string): boolean {
    return Object.hasOwn(this.obj, k)
  }

  get(k: string): unknown {
    return own(this.obj, k)
  }

  req<T>(k: string, check: Check<T>): T | undefined {
    if (!this.has(k)) return this.cx.fail(key(this.at, k), 'is required but missing')
    return check(this.get(k), key(this.at, k), this.cx)
  }

  opt<T>(k: string, check: Check<T>, dflt: T): T | undefined {
    return this.has(k) ? check(this.get(k), key(this.at, k), this.cx, dflt) : dflt
  }
}

function reportUnknown(
  k: string,
  at: string,
  cx: Ctx,
  allowed: readonly string[],
  hint?: Hint,
): void {
  const why = hint?.(k) ?? suggest(k, allowed)
  const expected = `expected one of ${allowed.join(', ')}`
  // A very long key is named in the message, not the path, so the path stays readable.
  if (k.length > 64) cx.fail(at, `unknown field ${quote(k)}; ${expected}`)
  else cx.fail(key(at, k), `unknown field${why ? ` (${why})` : ''}; ${expected}`)
}

function suggest(k: string, allowed: readonly string[]): string | undefined {
  if (k.endsWith('Ns') && allowed.includes(k.slice(0, -2))) {
    return `times are written without the Ns suffix: use "${k.slice(0, -2)}"`
  }
  const same = allowed.find((a) => a.toLowerCase() === k.toLowerCase())
  return same === undefined ? undefined : `did you mean "${same}"?`
}

/** JSON name of a config field: drop a trailing "Ns". */
export function jsonKey(k: string): string {
  return k.endsWith('Ns') ? k.slice(0, -2) : k
}

export type Spec<T> = { [K in keyof T]-?: Check<T[K]> }

/**
 * A deep-partial record merged over `base`: every field may be omitted (keeps the base value);
 * JSON names drop "Ns". `refine` runs cross-field checks when every field was valid.
 */
export function partial<T extends object>(
  spec: Spec<T>,
  refine?: (v: T, at: string, cx: Ctx) => boolean,
): Check<T> {
  const names = Object.keys(spec) as (keyof T & string)[]
  const allowed = names.map(jsonKey)
  return (v, at, cx, base) => {
    const f = Fields.open(v, at, cx, allowed)
    if (f === undefined || base === undefined) return undefined
    const out = { ...base }
    let ok = true
    for (const k of names) {
      const x = f.opt(jsonKey(k), spec[k], base[k])
      if (x === undefined) ok = false
      else out[k] = x
    }
    if (!ok) return undefined
    return refine === undefined || refine(out, at, cx) ? out : undefined
  }
}
