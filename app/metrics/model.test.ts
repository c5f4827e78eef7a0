import { describe, expect, it } from 'vitest'
import type { RunView } from '../data/runView'
import type { Series } from '../data/series'
import { panelModel, runCurves, variantTitle } from './model'

const scenario = {
  id: 'double-cache',
  title: 'Double caching',
  summary: '',
  source: '',
  variants: [
    { id: 'buffered', title: 'Buffered loop', summary: '' },
    { id: 'dio', title: 'DIO loop', summary: '' },
  ],
}

function fakeRun(
  variant: string,
  guest: number,
  host: number,
  wakeups: number,
  duration: number,
  totalWakeups: number,
): RunView {
  const n = 4
  const series: Series = {
    duration,
    width: duration / n,
    guestPages: new Float64Array(n).fill(guest),
    hostPages: new Float64Array(n).fill(host),
    ios: new Float64Array(n).fill(10),
    wakeups: Float64Array.from([wakeups, 0, 0, 0]),
  }
  const p = { scenario, variant, series, metrics: { worker_wakeups: totalWakeups } }
  return { p, duration } as unknown as RunView
}

describe('variantTitle', () => {
  it('uses the variant title, else the id, else the scenario', () => {
    expect(variantTitle({ scenario, variant: 'dio' })).toBe('DIO loop')
    expect(variantTitle({ scenario, variant: 'other' })).toBe('other')
    expect(variantTitle({ scenario: { ...scenario, variants: [] }, variant: '' })).toBe(
      'Double caching',
    )
  })
})

describe('panelModel', () => {
  const buffered = runCurves(fakeRun('buffered', 56_587, 56_587, 1, 4e9, 40_021), 'primary', 400)
  const dio = runCurves(fakeRun('dio', 56_587, 0, 5, 1e9, 5), 'compare', 400)

  it('puts both variants on one memory scale and one time axis', () => {
    const m = panelModel([buffered, dio])
    expect(m.xMax).toBe(4e9)
    expect(m.memory.columns.map((c) => c.label)).toEqual(['Buffered loop', 'DIO loop'])
    expect(m.memory.y.max).toBeGreaterThanOrEqual(2 * 56_587 * 4096)
    expect(m.memory.columns[1]?.summary).toBe(
      'Page cache memory of DIO loop over 1 s: the guest page cache peaks at 221 MiB at 0 s; the host page cache stays empty.',
    )
    expect(m.memory.columns.map((c) => c.layers.map((l) => l.key))).toEqual([
      ['guest', 'host'],
      ['guest', 'host'],
    ])
  })

  it('labels columns only when comparing', () => {
    expect(panelModel([buffered]).memory.columns[0]?.label).toBeNull()
  })

  it('charts every wake-up the run counted', () => {
    const m = panelModel([buffered, dio])
    expect(m.wakeups.columns.length).toBe(2)
    expect([buffered.wakeTotal, dio.wakeTotal]).toEqual([1, 5])
  })
})
