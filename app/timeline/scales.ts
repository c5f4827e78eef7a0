/**
 * Time → x for the timeline. Runs are bursty (bursts microseconds long, seconds apart), so the
 * base scale is piecewise linear: idle gaps are squeezed to a small fixed width and drawn as a
 * break mark. Times map to "u", a virtual coordinate that advances one unit per nanosecond in
 * active stretches and a fixed amount per squeezed gap; the view (zoom) is a u-range mapped
 * linearly onto pixels. Pure functions, unit tested.
 */
import { scaleLinear } from 'd3-scale'
import { formatNs } from '../ui/format'

export interface Gap {
  t0: number
  t1: number
}

export interface Segment {
  t0: number
  t1: number
  u0: number
  u1: number
  gap: boolean
}

export interface TimeScale {
  /** End of the time domain [0, duration]. */
  duration: number
  /** End of the u domain [0, span]. */
  span: number
  segments: Segment[]
  /** The squeezed gaps (empty when compression is off or nothing is idle for long). */
  gaps: Gap[]
}

/** A visible part of the scale: the u-range [u0, u1] drawn over `width` pixels. */
export interface View {
  u0: number
  u1: number
  width: number
}

const len = (g: Gap) => g.t1 - g.t0

/**
 * Which idle stretches to squeeze: those longer than `ratio` of the time that stays linear,
 * repeated a few rounds (after the long gaps go, shorter ones may dominate what is left).
 */
export function chooseGaps(idle: Gap[], duration: number, ratio = 0.05, rounds = 3): Gap[] {
  const chosen = new Set<Gap>()
  let kept = duration
  for (let round = 0; round < rounds; round++) {
    const threshold = ratio * kept
    let added = 0
    for (const g of idle) {
      if (!chosen.has(g) && len(g) > threshold) {
        chosen.add(g)
        kept -= len(g)
        added++
      }
    }
    if (added === 0 || kept <= 0) break
  }
  return [...chosen].sort((a, b) => a.t0 - b.t0)
}

/** Time stretches idle in both lists (both sorted and disjoint). */
export function intersectGaps(a: Gap[], b: Gap[]): Gap[] {
  const out: Gap[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    const x = a[i] as Gap
    const y = b[j] as Gap
    const t0 = Math.max(x.t0, y.t0)
    const t1 = Math.min(x.t1, y.t1)
    if (t1 > t0) out.push({ t0, t1 })
    if (x.t1 < y.t1) i++
    else j++
  }
  return out
}

/** Width of one squeezed gap, as a fraction of the time left linear. */
export function gapFraction(count: number): number {
  return count === 0 ? 0 : Math.min(0.05, 0.3 / count)
}

/**
 * The piecewise-linear scale over [0, duration] with the given gaps squeezed. Gaps that would not
 * get shorter by squeezing (shorter than three gap widths) stay linear.
 */
export function makeTimeScale(duration: number, gaps: Gap[]): TimeScale {
  const d = Math.max(duration, 1)
  let use = gaps.filter((g) => g.t0 >= 0 && g.t1 <= d && g.t1 > g.t0)
  let width = 0
  for (let k = 0; k < 3; k++) {
    const kept = d - use.reduce((s, g) => s + len(g), 0)
    width = Math.max(1, kept * gapFraction(use.length))
    const next = use.filter((g) => len(g) > 3 * width)
    if (next.length === use.length) break
    use = next
  }
  const segments: Segment[] = []
  let t = 0
  let u = 0
  for (const g of use) {
    if (g.t0 > t) {
      segments.push({ t0: t, t1: g.t0, u0: u, u1: u + (g.t0 - t), gap: false })
      u += g.t0 - t
    }
    segments.push({ t0: g.t0, t1: g.t1, u0: u, u1: u + width, gap: true })
    u += width
    t = g.t1
  }
  if (t < d || segments.length === 0) {
    segments.push({ t0: t, t1: d, u0: u, u1: u + (d - t), gap: false })
    u += d - t
  }
  return { duration: d, span: u, segments, gaps: use }
}

export function linearTimeScale(duration: number): TimeScale {
  return makeTimeScale(duration, [])
}

function segmentAtT(s: TimeScale, t: number): Segment {
  const segs = s.segments
  let lo = 0
  let hi = segs.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((segs[mid] as Segment).t1 < t) lo = mid + 1
    else hi = mid
  }
  return segs[lo] as Segment
}

function segmentAtU(s: TimeScale, u: number): Segment {
  const segs = s.segments
  let lo = 0
  let hi = segs.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((segs[mid] as Segment).u1 < u) lo = mid + 1
    else hi = mid
  }
  return segs[lo] as Segment
}

/** Time → u (clamped linear extrapolation outside the domain). */
export function toU(s: TimeScale, t: number): number {
  if (t <= 0) return t
  if (t >= s.duration) return s.span + (t - s.duration)
  const g = segmentAtT(s, t)
  return g.t1 === g.t0 ? g.u0 : g.u0 + ((t - g.t0) / (g.t1 - g.t0)) * (g.u1 - g.u0)
}

/** u → time, the inverse of toU. */
export function toT(s: TimeScale, u: number): number {
  if (u <= 0) return u
  if (u >= s.span) return s.duration + (u - s.span)
  const g = segmentAtU(s, u)
  return g.u1 === g.u0 ? g.t0 : g.t0 + ((u - g.u0) / (g.u1 - g.u0)) * (g.t1 - g.t0)
}

/** A time → pixel function for one view (the hot loop of the canvas): no search without gaps. */
export function pixelMapper(s: TimeScale, v: View): (t: number) => number {
  const k = v.width / Math.max(v.u1 - v.u0, 1e-9)
  const u0 = v.u0
  if (s.segments.length === 1) return (t) => (t - u0) * k
  return (t) => (toU(s, t) - u0) * k
}

export function xOf(s: TimeScale, v: View, t: number): number {
  return ((toU(s, t) - v.u0) / Math.max(v.u1 - v.u0, 1e-9)) * v.width
}

export function tOf(s: TimeScale, v: View, x: number): number {
  return toT(s, v.u0 + (x / v.width) * (v.u1 - v.u0))
}

/** The view a time window shows (the whole run when null), clamped to the domain. */
export function viewOf(s: TimeScale, w: Gap | null, width: number): View {
  if (!w) return { u0: 0, u1: s.span, width }
  let u0 = Math.max(0, toU(s, w.t0))
  let u1 = Math.min(s.span, toU(s, w.t1))
  if (!(u1 - u0 > 0)) {
    u0 = 0
    u1 = s.span
  }
  return { u0, u1, width }
}

export function windowOf(s: TimeScale, u0: number, u1: number): Gap {
  return { t0: toT(s, Math.max(0, u0)), t1: toT(s, Math.min(s.span, u1)) }
}

/** Smallest visible u-range: about 20 ns across the whole width. */
export const MIN_SPAN_U = 20

/**
 * Zooming by `factor` (> 1 zooms in) about the u-coordinate `at`, clamped to the domain.
 */
export function zoomU(
  s: TimeScale,
  u0: number,
  u1: number,
  factor: number,
  at: number,
): [number, number] {
  const w = Math.min(s.span, Math.max(MIN_SPAN_U, (u1 - u0) / factor))
  const f = (at - u0) / Math.max(u1 - u0, 1e-9)
  let a = at - f * w
  a = Math.max(0, Math.min(s.span - w, a))
  return [a, a + w]
}

// ---------- ticks ----------

const UNITS: Array<[number, string]> = [
  [1e9, 's'],
  [1e6, 'ms'],
  [1e3, 'µs'],
  [1, 'ns'],
]

function unitOf(ns: number): [number, string] {
  const a = Math.abs(ns)
  for (const u of UNITS) if (a >= u[0]) return u
  return [1, 'ns']
}

/** A time with enough decimals to tell apart times `step` apart: 5000020000, 1e4 → "5.00002 s". */
export function formatPrecise(ns: number, step: number): string {
  if (ns === 0) return '0 s'
  const [div, name] = unitOf(ns)
  const decimals = Math.max(
    0,
    Math.min(9, Math.ceil(-Math.log10(Math.max(step, 1e-3) / div) - 1e-9)),
  )
  const s = (ns / div).toFixed(decimals)
  return `${decimals > 0 ? s.replace(/\.?0+$/, '') : s} ${name}`
}

/** A duration, signed: "+20 µs". */
export function formatDelta(ns: number): string {
  return `${ns < 0 ? '−' : '+'}${formatNs(Math.abs(ns))}`
}

export interface Tick {
  x: number
  t: number
  label: string
  /** The first tick of a run of relative labels: shows the full time, the rest show "+Δ". */
  anchor: boolean
}

export interface Break {
  x0: number
  x1: number
  t0: number
  t1: number
  label: string
}

/**
 * Axis ticks for a view: nice round times in every visible linear segment, about `spacing`
 * pixels apart, none too near a break mark. When the absolute labels would need more than four
 * significant digits (5.00002 s next to 5.00004 s), the segment's first tick shows the full time
 * and the others the offset from it.
 */
export function timeTicks(s: TimeScale, v: View, spacing = 110): Tick[] {
  const out: Tick[] = []
  const breaks = breakMarks(s, v)
  for (const seg of s.segments) {
    if (seg.gap || seg.u1 < v.u0 || seg.u0 > v.u1) continue
    const a = toT(s, Math.max(seg.u0, v.u0))
    const b = toT(s, Math.min(seg.u1, v.u1))
    const px = xOf(s, v, b) - xOf(s, v, a)
    const count = Math.floor(px / spacing)
    if (count < 1 || !(b > a)) continue
    const sc = scaleLinear().domain([a, b])
    const ts = sc.ticks(count).filter((t) => t >= a && t <= b)
    if (ts.length === 0) continue
    const step = ts.length > 1 ? (ts[1] as number) - (ts[0] as number) : Math.max(b - a, 1)
    const maxAbs = Math.max(...ts.map(Math.abs))
    const relative = maxAbs > 0 && maxAbs / step >= 1e4 - 1e-6
    const kept = ts.filter((t) => {
      const x = xOf(s, v, t)
      return !breaks.some((k) => x > k.x0 - 16 && x < k.x1 + 16)
    })
    const first = kept[0] as number
    for (const t of kept) {
      const anchor = relative && t === first
      const label = relative
        ? anchor
          ? formatPrecise(t, step)
          : formatDelta(t - first)
        : formatNs(t)
      out.push({ x: xOf(s, v, t), t, label, anchor })
    }
  }
  return out
}

/** The squeezed gaps visible in a view, in pixels, labelled with how long they last. */
export function breakMarks(s: TimeScale, v: View): Break[] {
  const out: Break[] = []
  for (const seg of s.segments) {
    if (!seg.gap || seg.u1 < v.u0 || seg.u0 > v.u1) continue
    out.push({
      x0: xOf(s, v, seg.t0),
      x1: xOf(s, v, seg.t1),
      t0: seg.t0,
      t1: seg.t1,
      label: formatNs(seg.t1 - seg.t0),
    })
  }
  return out
}
