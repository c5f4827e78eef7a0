import { describe, expect, it } from 'vitest'
import { byteAxis, countAxis, linear, stepArea, stepLine, timeTicks } from './scales'

const MiB = 1024 ** 2

describe('axes', () => {
  it('ticks bytes at round numbers of one binary unit', () => {
    const a = byteAxis(442 * MiB)
    expect(a.ticks).toEqual([0, 200 * MiB, 400 * MiB])
    expect(a.max).toBeGreaterThanOrEqual(442 * MiB)
    expect(a.max).toBeLessThan(500 * MiB)
    expect(byteAxis(44 * 1024).ticks).toEqual([0, 20 * 1024, 40 * 1024])
    expect(byteAxis(0)).toEqual({ max: 1024, ticks: [0] })
  })

  it('ends at a round number just above the data', () => {
    const a = countAxis(38_000)
    expect(a.max).toBe(40_000)
    expect(a.ticks).toEqual([0, 20_000, 40_000])
    expect(countAxis(0)).toEqual({ max: 1, ticks: [0] })
  })

  it('ticks time within the run', () => {
    expect(timeTicks(4.512e9, 400, 80)).toEqual([0, 1e9, 2e9, 3e9, 4e9])
    expect(timeTicks(3_530_702, 200, 100)).toEqual([0, 2e6])
  })
})

describe('paths', () => {
  const x = linear([0, 4], [0, 40])
  const y = linear([0, 10], [100, 0])
  const c = { width: 1, values: Float64Array.from([0, 5, 10, 5]) }

  it('maps both ways', () => {
    expect(x(2)).toBe(20)
    expect(x.invert(30)).toBe(3)
  })

  it('draws bins as steps to the end of the run', () => {
    expect(stepLine(c, 4, x, y)).toBe('M0,100L10,100L10,50L20,50L20,0L30,0L30,50L40,50L40,50')
  })

  it('clips the steps at the end', () => {
    expect(stepLine(c, 2.5, x, y)).toBe('M0,100L10,100L10,50L20,50L20,0L25,0L25,0')
  })

  it('fills between a lower and an upper curve', () => {
    const lower = { width: 1, values: Float64Array.from([0, 5, 5, 0]) }
    const d = stepArea(c, lower, 4, x, y)
    expect(d.startsWith('M0,100L10,100L10,50')).toBe(true)
    expect(d.endsWith('Z')).toBe(true)
    expect(stepArea({ width: 1, values: new Float64Array(0) }, null, 4, x, y)).toBe('')
  })
})
