/** How a found value is shown in an error message: short, and never the whole of a huge input. */

const MAX_SHOWN = 40

/** A string as a JSON literal, cut to 40 characters. */
export function quote(s: string): string {
  if (s.length <= MAX_SHOWN) return JSON.stringify(s)
  return `${JSON.stringify(s.slice(0, MAX_SHOWN) + '…')} (${s.length} characters)`
}

/** `"abc"`, `5000`, `true`, `null`, `an object`, `an array of 3`, `nothing`. */
export function describe(v: unknown): string {
  if (v === undefined) return 'nothing'
  if (v === null) return 'null'
  if (typeof v === 'string') return quote(v)
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (Array.isArray(v)) return v.length === 0 ? 'an empty array' : `an array of ${v.length}`
  if (typeof v === 'object') return 'an object'
  return `a ${typeof v}`
}

/** `512, 1024, 2048` or `"mainline", "pre-6.15"`. */
export function listValues(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v))).join(', ')
}
