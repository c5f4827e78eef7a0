/**
 * Plain data for the metric charts, folded from a run's Series (app/data/series.ts): cache memory
 * in bytes, I/O and wake-up rates per second, peaks, values at an instant, the summary rows and the
 * ratio between two variants. No d3 and no React here, so all of it is unit-tested.
 */
import type { Metrics } from '../../src/engine'
import type { Series } from '../data/series'
import { formatBytes, formatCount, formatNs } from '../ui/format'

/** Bytes in one cached page. */
export const PAGE_BYTES = 4096

/** One drawable curve: a value per time bin, bin i spanning [i, i+1) * width ns. */
export interface Curve {
  width: number
  values: Float64Array
}

/** Cache memory of one run: guest and host page cache, in bytes, per series bucket. */
export interface MemoryData {
  guest: Curve
  host: Curve
  /** guest + host per bucket (the top of the stacked chart). */
  total: Curve
}

export function memoryData(s: Series): MemoryData {
  const n = s.guestPages.length
  const guest = new Float64Array(n)
  const host = new Float64Array(n)
  const total = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const g = (s.guestPages[i] as number) * PAGE_BYTES
    const h = (s.hostPages[i] as number) * PAGE_BYTES
    guest[i] = g
    host[i] = h
    total[i] = g + h
  }
  return {
    guest: { width: s.width, values: guest },
    host: { width: s.width, values: host },
    total: { width: s.width, values: total },
  }
}

/**
 * How many series buckets to fold into one bin so a rate chart has about one bin per `pxPerBin`
 * pixels: the smallest divisor of the bucket count that does (so every bin is equally wide).
 */
export function binFactor(buckets: number, plotWidth: number, pxPerBin = 3): number {
  const want = Math.max(1, Math.floor(plotWidth / pxPerBin))
  for (let f = 1; f <= buckets; f++) if (buckets % f === 0 && buckets / f <= want) return f
  return Math.max(1, buckets)
}

/** Counts per bucket as a rate per second, `factor` buckets summed into each bin. */
export function rateCurve(counts: Float64Array, width: number, factor = 1): Curve {
  const f = Math.max(1, Math.floor(factor))
  const bins = Math.ceil(counts.length / f)
  const binWidth = width * f
  const perSecond = binWidth > 0 ? 1e9 / binWidth : 0
  const values = new Float64Array(bins)
  for (let i = 0; i < counts.length; i++) {
    const j = Math.floor(i / f)
    values[j] = (values[j] as number) + (counts[i] as number)
  }
  for (let j = 0; j < bins; j++) values[j] = (values[j] as number) * perSecond
  return { width: binWidth, values }
}

export function sum(values: ArrayLike<number>): number {
  let s = 0
  for (let i = 0; i < values.length; i++) s += values[i] as number
  return s
}

export interface Peak {
  value: number
  /** Start of the first bin that reaches the peak, in ns (0 when the curve is all zero). */
  t: number
}

export function peakOf(c: Curve): Peak {
  let value = 0
  let at = 0
  for (let i = 0; i < c.values.length; i++) {
    const v = c.values[i] as number
    if (v > value) {
      value = v
      at = i
    }
  }
  return { value, t: at * c.width }
}

/** The curve's value at time t (the bin holding t; past the end, the last bin; null if empty). */
export function valueAt(c: Curve, t: number): number | null {
  const n = c.values.length
  if (n === 0 || !(c.width > 0)) return null
  const i = Math.max(0, Math.min(n - 1, Math.floor(t / c.width)))
  return c.values[i] as number
}

/** The largest value over some curves (for a y scale shared by small multiples). */
export function maxOf(curves: Curve[]): number {
  let m = 0
  for (const c of curves)
    for (let i = 0; i < c.values.length; i++) m = Math.max(m, c.values[i] as number)
  return m
}

/** 1234 -> "1.2k", 56_000 -> "56k", 2_500_000 -> "2.5M": short labels for axes and readouts. */
export function formatCompact(n: number): string {
  const a = Math.abs(n)
  const trim = (x: number) => String(Number(x.toPrecision(x >= 100 ? 3 : 2)))
  if (a >= 1e9) return `${trim(n / 1e9)}G`
  if (a >= 1e6) return `${trim(n / 1e6)}M`
  if (a >= 1e3) return `${trim(n / 1e3)}k`
  if (a === 0) return '0'
  return a >= 10 ? String(Math.round(n)) : String(Number(n.toPrecision(2)))
}

/** Sentences for each chart's accessible name. */
export function memorySummary(m: MemoryData, duration: number, who = ''): string {
  const g = peakOf(m.guest)
  const h = peakOf(m.host)
  const lead = `Page cache memory${who ? ` of ${who}` : ''} over ${formatNs(duration)}`
  if (g.value === 0 && h.value === 0) return `${lead}: neither page cache holds any pages.`
  const part = (name: string, p: Peak) =>
    p.value === 0
      ? `the ${name} page cache stays empty`
      : `the ${name} page cache peaks at ${formatBytes(p.value)} at ${formatNs(p.t)}`
  const both = peakOf(m.total)
  const together =
    g.value > 0 && h.value > 0 ? `; both together peak at ${formatBytes(both.value)}` : ''
  return `${lead}: ${part('guest', g)}; ${part('host', h)}${together}.`
}

export function rateSummary(
  what: string,
  c: Curve,
  total: number,
  duration: number,
  who = '',
): string {
  const p = peakOf(c)
  const lead = `${what} per second${who ? ` in ${who}` : ''}`
  if (p.value === 0) return `${lead}: none over ${formatNs(duration)}.`
  return `${lead}: peaks at ${formatCompact(p.value)} per second at ${formatNs(p.t)}; ${formatCount(total)} in ${formatNs(duration)}.`
}

/**
 * b ÷ a for the compare table: "same", "2.9×", "0.35×", "0×"; "—" when a is zero and b is not
 * (no finite ratio).
 */
export function ratioText(a: number, b: number): string {
  if (a === b) return 'same'
  if (a === 0 || !Number.isFinite(a) || !Number.isFinite(b)) return '—'
  const r = b / a
  if (r === 0) return '0×'
  const abs = Math.abs(r)
  const text = abs >= 100 ? String(Math.round(r)) : String(Number(r.toPrecision(2)))
  return `${text}×`
}

export interface SummaryRow {
  key: string
  label: string
  /** The number compared between variants (booleans as 0/1). */
  value: number
  text: string
  /** Booleans compare as same/differs rather than by ratio. */
  kind: 'number' | 'flag'
  hint?: string
}

/** The run's summary metrics, in the table's order. */
export function summaryRows(m: Metrics, s: Series): SummaryRow[] {
  const mem = memoryData(s)
  const both = peakOf(mem.total).value
  return [
    {
      key: 'guest-cache',
      label: 'Peak guest page cache',
      value: m.guest_cache_peak_bytes,
      text: formatBytes(m.guest_cache_peak_bytes),
      kind: 'number',
    },
    {
      key: 'host-cache',
      label: 'Peak host page cache',
      value: m.host_cache_peak_bytes,
      text: formatBytes(m.host_cache_peak_bytes),
      kind: 'number',
    },
    {
      key: 'both-cache',
      label: 'Both caches at once',
      value: both,
      text: formatBytes(both),
      kind: 'number',
      hint: `Largest guest + host page cache within one ${formatNs(s.width)} slice of the run`,
    },
    {
      key: 'iops',
      label: 'IOPS (guest)',
      value: m.iops,
      text: formatCount(Math.round(m.iops)),
      kind: 'number',
      hint: 'Guest block I/Os per second of simulated time',
    },
    {
      key: 'wakeups',
      label: 'Loop worker wake-ups',
      value: m.worker_wakeups,
      text: formatCount(m.worker_wakeups),
      kind: 'number',
      hint: 'Context switches of the loop workers: woken for new work or from an I/O wait',
    },
    {
      key: 'guest-ios',
      label: 'Guest I/Os',
      value: m.guest_ios,
      text: formatCount(m.guest_ios),
      kind: 'number',
    },
    {
      key: 'flushes',
      label: 'Host disk flushes',
      value: m.host_disk_flushes,
      text: formatCount(m.host_disk_flushes),
      kind: 'number',
    },
    {
      key: 'dio',
      label: 'Direct I/O effective',
      value: m.dio_effective ? 1 : 0,
      text: m.dio_effective ? 'yes' : 'no',
      kind: 'flag',
    },
    {
      key: 'duration',
      label: 'Duration',
      value: m.duration_ns,
      text: formatNs(m.duration_ns),
      kind: 'number',
    },
  ]
}

export function compareText(row: SummaryRow, other: SummaryRow): string {
  if (row.kind === 'flag') return row.value === other.value ? 'same' : 'differs'
  return ratioText(row.value, other.value)
}

export interface PlacedLabel {
  /** Index into the ticks. */
  i: number
  anchor: 'start' | 'middle' | 'end'
}

/**
 * Which axis labels to draw, and how to anchor them, so none overlaps another or runs off the
 * axis: a label that would cross 0 starts at its tick, one that would cross `length` ends at its
 * tick, and one that would touch the label before it is left out. `xs` are tick positions in px
 * (ascending), `widths` the labels' widths.
 */
export function placeLabels(
  xs: number[],
  widths: number[],
  length: number,
  pad = 6,
): PlacedLabel[] {
  const out: PlacedLabel[] = []
  let right = -Infinity
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number
    const w = widths[i] ?? 0
    let anchor: PlacedLabel['anchor'] = 'middle'
    let left = x - w / 2
    if (left < 0) {
      anchor = 'start'
      left = x
    } else if (x + w / 2 > length) {
      anchor = 'end'
      left = x - w
    }
    if (left < right + pad) continue
    out.push({ i, anchor })
    right = left + w
  }
  return out
}
