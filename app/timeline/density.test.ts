import { describe, expect, it } from 'vitest'
import {
  countVisible,
  density,
  lowerBound,
  shouldAggregate,
  upperBound,
  visibleRange,
} from './density'
import { Cat } from './layout'

const lane = {
  submit: Float64Array.from([0, 10, 20, 30, 40]),
  end: Float64Array.from([100, 15, 25, 35, 45]),
  cat: Uint8Array.from([Cat.FLUSH, Cat.WRITE, Cat.WRITE, Cat.READ, Cat.WRITE]),
  maxDur: 100,
}

describe('visible range', () => {
  it('bisects', () => {
    const a = Float64Array.from([1, 2, 2, 3])
    expect(lowerBound(a, 2)).toBe(1)
    expect(upperBound(a, 2)).toBe(3)
    expect(lowerBound(a, 9)).toBe(4)
  })

  it('includes requests that started before the window but still run', () => {
    const [lo, hi] = visibleRange(lane, 32, 38)
    expect(lo).toBe(0) // the long flush from t=0 may still be in flight
    expect(hi).toBe(4)
  })

  it('counts only candidates still in flight in the window', () => {
    const [lo, hi] = visibleRange(lane, 32, 38)
    expect(countVisible(lane, lo, hi, 32, 100)).toBe(2) // the flush and the read
    expect(countVisible(lane, lo, hi, 32, 0)).toBe(1) // stops once past "enough"
  })

  it('aggregates only when requests outnumber pixel columns', () => {
    expect(shouldAggregate(1001, 1000)).toBe(true)
    expect(shouldAggregate(1000, 1000)).toBe(false)
  })
})

describe('density', () => {
  it('counts requests in flight per column and colour family', () => {
    // One pixel per 10 ns.
    const d = density(lane, 0, 5, (t) => t / 10, 10)
    expect([...d.total]).toEqual([1, 2, 2, 2, 2, 1, 1, 1, 1, 1])
    expect(d.max).toBe(2)
    expect(d.counts[Cat.WRITE * 10 + 1]).toBe(1)
    expect(d.counts[Cat.READ * 10 + 3]).toBe(1)
    expect(d.counts[Cat.FLUSH * 10 + 9]).toBe(1)
  })

  it('clips to the view', () => {
    const d = density(lane, 0, 5, (t) => t / 10 - 3, 2)
    expect([...d.total]).toEqual([2, 2])
  })
})
