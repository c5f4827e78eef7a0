import { describe, expect, it } from 'vitest'
import {
  breakMarks,
  chooseGaps,
  formatDelta,
  formatPrecise,
  intersectGaps,
  linearTimeScale,
  makeTimeScale,
  tOf,
  timeTicks,
  toT,
  toU,
  viewOf,
  windowOf,
  xOf,
  zoomU,
} from './scales'

// A run shaped like unlink-snapshot: nothing for 5 s, a 1.3 ms burst, 1 s idle, another burst.
const BURSTY = {
  duration: 6_001_300_000,
  idle: [
    { t0: 0, t1: 5_000_000_000 },
    { t0: 5_001_300_000, t1: 6_000_000_000 },
    { t0: 5_000_500_000, t1: 5_000_501_000 },
  ],
}

describe('gap selection', () => {
  it('squeezes the long idle stretches and keeps short waits linear', () => {
    const gaps = chooseGaps(BURSTY.idle, BURSTY.duration)
    expect(gaps).toEqual([
      { t0: 0, t1: 5_000_000_000 },
      { t0: 5_001_300_000, t1: 6_000_000_000 },
    ])
  })

  it('finds shorter gaps once the long ones are gone (rounds)', () => {
    const idle = [
      { t0: 0, t1: 1_000_000 },
      { t0: 1_001_000, t1: 1_001_400 },
    ]
    // Round 1 takes the 1 ms gap; what is left is 1.4 µs long, in which the 400 ns gap is long.
    expect(chooseGaps(idle, 1_002_000)).toHaveLength(2)
    expect(chooseGaps(idle, 1_002_000, 0.05, 1)).toHaveLength(1)
  })

  it('intersects two runs’ idle stretches', () => {
    expect(
      intersectGaps(
        [
          { t0: 0, t1: 10 },
          { t0: 20, t1: 30 },
        ],
        [{ t0: 5, t1: 25 }],
      ),
    ).toEqual([
      { t0: 5, t1: 10 },
      { t0: 20, t1: 25 },
    ])
    expect(intersectGaps([{ t0: 0, t1: 10 }], [])).toEqual([])
  })
})

describe('piecewise time scale', () => {
  const s = makeTimeScale(BURSTY.duration, chooseGaps(BURSTY.idle, BURSTY.duration))

  it('is linear without gaps', () => {
    const l = linearTimeScale(1000)
    expect(l.span).toBe(1000)
    expect(toU(l, 250)).toBe(250)
    expect(toT(l, 250)).toBe(250)
  })

  it('squeezes each gap to the same small width and keeps active time at full length', () => {
    const active = BURSTY.duration - 5_000_000_000 - 998_700_000
    const gapWidths = s.segments.filter((g) => g.gap).map((g) => g.u1 - g.u0)
    expect(gapWidths).toHaveLength(2)
    expect(gapWidths[0]).toBeCloseTo(gapWidths[1] as number)
    expect(gapWidths[0]).toBeCloseTo(active * 0.05)
    expect(s.span).toBeCloseTo(active * 1.1)
    // Active time advances u one for one.
    expect(toU(s, 5_000_200_000) - toU(s, 5_000_100_000)).toBeCloseTo(100_000)
  })

  it('is monotone and toT inverts toU', () => {
    let prev = -1
    for (let t = 0; t <= BURSTY.duration; t += BURSTY.duration / 997) {
      const u = toU(s, t)
      expect(u).toBeGreaterThan(prev)
      prev = u
      expect(toT(s, u)).toBeCloseTo(t, 0)
    }
    expect(toU(s, 0)).toBe(0)
    expect(toU(s, BURSTY.duration)).toBeCloseTo(s.span)
  })

  it('leaves gaps that squeezing would not shorten', () => {
    const t = makeTimeScale(1000, [{ t0: 100, t1: 110 }])
    expect(t.gaps).toEqual([])
    expect(t.span).toBe(1000)
  })

  it('maps windows and pixels both ways', () => {
    const v = viewOf(s, { t0: 5_000_000_000, t1: 5_001_300_000 }, 1000)
    expect(xOf(s, v, 5_000_000_000)).toBeCloseTo(0)
    expect(xOf(s, v, 5_001_300_000)).toBeCloseTo(1000)
    expect(tOf(s, v, 500)).toBeCloseTo(5_000_650_000, 0)
    const w = windowOf(s, v.u0, v.u1)
    expect(w.t0).toBeCloseTo(5_000_000_000, 0)
    expect(w.t1).toBeCloseTo(5_001_300_000, 0)
    expect(viewOf(s, null, 800)).toEqual({ u0: 0, u1: s.span, width: 800 })
  })

  it('zooms about a point and stays in the domain', () => {
    const [a, b] = zoomU(s, 0, s.span, 2, s.span / 2)
    expect(b - a).toBeCloseTo(s.span / 2)
    expect((a + b) / 2).toBeCloseTo(s.span / 2)
    const [c, d] = zoomU(s, 0, s.span, 4, 0)
    expect(c).toBe(0)
    expect(d).toBeCloseTo(s.span / 4)
    const [e, f] = zoomU(s, a, b, 0.1, 0)
    expect([e, f]).toEqual([0, s.span])
  })
})

describe('ticks and break marks', () => {
  const s = makeTimeScale(BURSTY.duration, chooseGaps(BURSTY.idle, BURSTY.duration))

  it('puts one break mark per squeezed gap, labelled with its length', () => {
    const v = viewOf(s, null, 1200)
    const b = breakMarks(s, v)
    expect(b.map((k) => k.label)).toEqual(['5 s', '998.7 ms'])
    expect(b[0]?.x0).toBeCloseTo(0)
  })

  it('labels ticks inside a burst relative to an anchor', () => {
    const v = viewOf(s, null, 1200)
    const ticks = timeTicks(s, v)
    expect(ticks.length).toBeGreaterThan(2)
    const anchors = ticks.filter((t) => t.anchor)
    expect(anchors.length).toBeGreaterThan(0)
    expect(anchors[0]?.label).toMatch(/^5\.0+\d* s$|^5 s$/)
    expect(ticks.some((t) => t.label.startsWith('+'))).toBe(true)
    for (let i = 1; i < ticks.length; i++)
      expect((ticks[i] as { x: number }).x).toBeGreaterThan((ticks[i - 1] as { x: number }).x)
  })

  it('uses plain labels when four digits suffice', () => {
    const l = linearTimeScale(600_000)
    const ticks = timeTicks(l, viewOf(l, null, 1200))
    expect(ticks.map((t) => t.label)).toContain('100 µs')
    expect(ticks.every((t) => !t.anchor)).toBe(true)
  })

  it('formats precise and relative times', () => {
    expect(formatPrecise(5_000_020_000, 10_000)).toBe('5.00002 s')
    expect(formatPrecise(1_500_000, 100_000)).toBe('1.5 ms')
    expect(formatPrecise(0, 1)).toBe('0 s')
    expect(formatDelta(20_000)).toBe('+20 µs')
  })
})
