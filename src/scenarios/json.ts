/**
 * Plain JSON values, read and built safely: only own keys are read, and objects are built with
 * defineProperty, so a key named "__proto__" stays an ordinary (reported) key and never reaches
 * a prototype. Also the size and depth guard against hostile input.
 */

export type JsonObject = Record<string, unknown>

export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
export const MAX_DEPTH = 32

export function isPlainObject(v: unknown): v is JsonObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const proto: unknown = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/** o[k] if k is o's own key, else undefined (never an inherited value like o.__proto__). */
export function own(o: JsonObject, k: string): unknown {
  return Object.hasOwn(o, k) ? o[k] : undefined
}

/** o[k] = v as an own, enumerable data property, whatever k is (even "__proto__"). */
export function setOwn(o: JsonObject, k: string, v: unknown): void {
  // "__proto__" is the only accessor on Object.prototype; every other key assigns as data.
  if (k === '__proto__') {
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true })
  } else o[k] = v
}

/** A fresh copy of a JSON value: plain objects and arrays are rebuilt, other values kept. */
export function cloneJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(cloneJson)
  if (!isPlainObject(v)) return v
  const out: JsonObject = {}
  for (const k of Object.keys(v)) setOwn(out, k, cloneJson(v[k]))
  return out
}

/**
 * Deep merge for variant patches: objects merge key by key, anything else (arrays too) replaces.
 * Only objects on patched paths are new; the rest is shared with the inputs, so treat the result
 * as read-only (validation only reads it).
 */
export function mergePatch(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch
  const out: JsonObject = {}
  for (const k of Object.keys(base)) setOwn(out, k, base[k])
  for (const k of Object.keys(patch)) setOwn(out, k, mergePatch(own(out, k), patch[k]))
  return out
}

export type Guard = { ok: true } | { ok: false; message: string }

/** Characters a leaf takes at least in compact JSON text. */
function leafSize(v: unknown): number {
  if (typeof v === 'string') return v.length + 2
  if (typeof v === 'number') return 1
  return 4 // true, null, and anything JSON would write as null
}

/**
 * Walks a value (without recursion) and stops as soon as it is deeper than MAX_DEPTH or its
 * compact JSON text would be longer than MAX_DOCUMENT_BYTES (counted as a lower bound, so a
 * value parsed from text within the limit always passes). Cycles are caught by the depth limit.
 */
export function guardSize(doc: unknown): Guard {
  const stack: [unknown, number][] = [[doc, 1]]
  let size = 0
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number]
    const keys = isPlainObject(v) ? Object.keys(v) : undefined
    const items: unknown[] | undefined = Array.isArray(v)
      ? v
      : keys?.map((k) => (v as JsonObject)[k])
    if (items === undefined) size += leafSize(v)
    else if (depth > MAX_DEPTH)
      return { ok: false, message: `nesting is deeper than ${MAX_DEPTH} levels` }
    else size += 1 + Math.max(items.length, 1) + (keys?.reduce((n, k) => n + k.length + 3, 0) ?? 0)
    if (size > MAX_DOCUMENT_BYTES) return { ok: false, message: tooLarge() }
    for (const c of items ?? []) stack.push([c, depth + 1])
  }
  return { ok: true }
}

export function tooLarge(bytes?: number): string {
  const got = bytes === undefined ? '' : ` (${bytes} bytes)`
  return `document is larger than 2 MB${got}; the limit is ${MAX_DOCUMENT_BYTES} bytes`
}
