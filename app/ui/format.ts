/** Readable numbers for people: 4 significant digits at most, SI time units, binary byte units. */

function trim(x: number, digits = 4): string {
  const s = x.toPrecision(digits)
  return s.includes('e') ? String(Number(s)) : s.includes('.') ? s.replace(/\.?0+$/, '') : s
}

/** 1_234_567 ns -> "1.235 ms"; 0 -> "0 s". */
export function formatNs(ns: number): string {
  const a = Math.abs(ns)
  if (a === 0) return '0 s'
  if (a >= 1e9) return `${trim(ns / 1e9)} s`
  if (a >= 1e6) return `${trim(ns / 1e6)} ms`
  if (a >= 1e3) return `${trim(ns / 1e3)} µs`
  return `${trim(ns)} ns`
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let v = bytes
  let u = 0
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024
    u++
  }
  return `${trim(v, 3)} ${units[u]}`
}

export function formatCount(n: number): string {
  return n.toLocaleString('en')
}
