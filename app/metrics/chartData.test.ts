import { describe, expect, it } from 'vitest'
import type { Metrics } from '../../src/engine'
import type { Series } from '../data/series'
import {
  binFactor,
  compareText,
  formatCompact,
  memoryData,
  memorySummary,
  peakOf,
  placeLabels,
  rateCurve,
  rateSummary,
  ratioText,
  summaryRows,
  valueAt,
} from './chartData'

function series(
  guest: number[],
  host: number[],
  ios: number[] = [],
  wakeups: number[] = [],
  duration = 4e9,
): Series {
  const n = guest.length
  const pad = (a: number[]) => Float64Array.from({ length: n }, (_, i) => a[i] ?? 0)
  return {
    duration,
    width: duration / n,
    guestPages: pad(guest),
    hostPages: pad(host),
    ios: pad(ios),
    wakeups: pad(wakeups),
  }
}

const metrics: Metrics = {
  guest_cache_peak_bytes: 231_780_352,
  host_cache_peak_bytes: 0,
  worker_wakeups: 30_022,
  iops: 37_903.4,
  dio_effective: true,
  duration_ns: 1_583_006_074,
  requests: 297_928,
  guest_ios: 60_000,
  host_disk_flushes: 20,
  disk_cache_blocks_end: 0,
}

describe('memoryData', () => {
  it('turns pages into bytes and stacks host on guest', () => {
    const m = memoryData(series([1, 2, 3, 0], [0, 2, 1, 0]))
    expect([...m.guest.values]).toEqual([4096, 8192, 12288, 0])
    expect([...m.host.values]).toEqual([0, 8192, 4096, 0])
    expect([...m.total.values]).toEqual([4096, 16384, 16384, 0])
    expect(m.guest.width).toBe(1e9)
  })
})

describe('rates', () => {
  it('folds buckets and divides by the bin width in seconds', () => {
    // 4 buckets of 1 ms: 2, 4, 0, 6 completions.
    const c = rateCurve(Float64Array.from([2, 4, 0, 6]), 1e6, 2)
    expect(c.width).toBe(2e6)
    expect([...c.values]).toEqual([3000, 3000])
    expect([...rateCurve(Float64Array.from([1, 0]), 5e8).values]).toEqual([2, 0])
  })

  it('picks an even bin factor near one bin per 3 px', () => {
    expect(binFactor(400, 1200)).toBe(1)
    expect(binFactor(400, 380)).toBe(4)
    expect(binFactor(400, 180)).toBe(8)
    expect(binFactor(400, 1)).toBe(400)
    expect(400 % binFactor(400, 250)).toBe(0)
  })
})

describe('peaks and values', () => {
  const c = { width: 10, values: Float64Array.from([1, 5, 5, 2]) }
  it('finds the first bin at the peak', () => expect(peakOf(c)).toEqual({ value: 5, t: 10 }))
  it('reads the bin holding a time, clamped to the curve', () => {
    expect(valueAt(c, 0)).toBe(1)
    expect(valueAt(c, 19.9)).toBe(5)
    expect(valueAt(c, 35)).toBe(2)
    expect(valueAt(c, 1e9)).toBe(2)
    expect(valueAt({ width: 10, values: new Float64Array(0) }, 3)).toBeNull()
  })
})

describe('summaries', () => {
  it('names the peaks of both caches', () => {
    const m = memoryData(series([0, 56_587, 56_587, 56_587], [0, 0, 56_587, 56_587], [], [], 4.8e9))
    expect(memorySummary(m, 4.8e9)).toBe(
      'Page cache memory over 4.8 s: the guest page cache peaks at 221 MiB at 1.2 s; the host page cache peaks at 221 MiB at 2.4 s; both together peak at 442 MiB.',
    )
    expect(memorySummary(memoryData(series([0, 0], [0, 0])), 1e6, 'DIO loop')).toBe(
      'Page cache memory of DIO loop over 1 ms: neither page cache holds any pages.',
    )
    expect(memorySummary(memoryData(series([3, 0], [0, 0])), 2e9)).toContain(
      'the host page cache stays empty',
    )
  })

  it('describes a rate curve', () => {
    const c = rateCurve(Float64Array.from([0, 3000, 1000, 0]), 1e6)
    expect(rateSummary('Guest I/O completions', c, 4000, 4e6)).toBe(
      'Guest I/O completions per second: peaks at 3M per second at 1 ms; 4,000 in 4 ms.',
    )
    expect(rateSummary('Wake-ups', rateCurve(new Float64Array(2), 1e6), 0, 2e6, 'DIO loop')).toBe(
      'Wake-ups per second in DIO loop: none over 2 ms.',
    )
  })
})

describe('formatCompact', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [2.5, '2.5'],
    [22.4, '22'],
    [1234, '1.2k'],
    [44_330, '44k'],
    [150_000, '150k'],
    [2_500_000, '2.5M'],
  ])('%d -> %s', (n, text) => expect(formatCompact(n)).toBe(text))
})

describe('ratioText', () => {
  it.each([
    [100, 100, 'same'],
    [0, 0, 'same'],
    [231_780_352, 0, '0×'],
    [0, 5, '—'],
    [13_297, 37_903, '2.9×'],
    [40_021, 30_022, '0.75×'],
    [4_512_146_217, 1_583_006_074, '0.35×'],
    [463_560_704, 231_780_352, '0.5×'],
    [3, 1000, '333×'],
  ])('%d then %d -> %s', (a, b, text) => expect(ratioText(a, b)).toBe(text))
})

describe('summaryRows', () => {
  it('lists the metrics in order with readable values', () => {
    const rows = summaryRows(metrics, series([56_587, 56_587], [0, 0], [], [], 1_583_006_074))
    expect(rows.map((r) => [r.key, r.text])).toEqual([
      ['guest-cache', '221 MiB'],
      ['host-cache', '0 B'],
      ['both-cache', '221 MiB'],
      ['iops', '37,903'],
      ['wakeups', '30,022'],
      ['guest-ios', '60,000'],
      ['flushes', '20'],
      ['dio', 'yes'],
      ['duration', '1.583 s'],
    ])
  })

  it('compares flags as same or differs, numbers by ratio', () => {
    const a = summaryRows(metrics, series([1], [1]))
    const b = summaryRows(
      { ...metrics, dio_effective: false, guest_ios: 120_000 },
      series([1], [1]),
    )
    const at = (rows: typeof a, key: string) => rows.find((r) => r.key === key)!
    expect(compareText(at(a, 'dio'), at(b, 'dio'))).toBe('differs')
    expect(compareText(at(a, 'dio'), at(a, 'dio'))).toBe('same')
    expect(compareText(at(a, 'guest-ios'), at(b, 'guest-ios'))).toBe('2×')
  })
})

describe('placeLabels', () => {
  it('keeps labels inside the axis and apart', () => {
    // Ticks at 0, 60, 120, 140 on a 150 px axis, labels 30 px wide: the last would overlap.
    expect(placeLabels([0, 60, 120, 140], [30, 30, 30, 30], 150)).toEqual([
      { i: 0, anchor: 'start' },
      { i: 1, anchor: 'middle' },
      { i: 2, anchor: 'middle' },
    ])
    expect(placeLabels([0, 75, 150], [20, 20, 20], 150)).toEqual([
      { i: 0, anchor: 'start' },
      { i: 1, anchor: 'middle' },
      { i: 2, anchor: 'end' },
    ])
  })
})
