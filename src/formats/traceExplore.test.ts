/**
 * The trace explorer both the command line and the app use: counts follow the rules R1-R4, and
 * the "why" names the flush, preflush or FUA completion behind each durable write.
 */
import { describe, expect, it } from 'vitest'
import { explore, powerLossFromTrace } from '../engine'
import { toTraceRequests, type BlockTrace } from './blockTrace'
import { importTrace } from './index'
import { JBD2_NO_CACHE, PREFLUSH_FUA } from './samples.testkit'
import { busiest, durabilityAt, traceExploration } from './traceExplore'

function load(text: string): BlockTrace {
  const r = importTrace(text)
  if (!r.ok) throw new Error(JSON.stringify(r.errors))
  return r.trace
}

function bp(us: number, act: string, rwbs: string, tail: string): string {
  const sec = Math.floor(us / 1e6)
  const ns = Math.round((us - sec * 1e6) * 1000)
  return `  8,0    0        1 ${String(sec).padStart(5)}.${String(ns).padStart(9, '0')}   100 ${act.padStart(2)} ${rwbs.padStart(3)} ${tail}\n`
}

// w1 completes, then sync's flush is issued and completes; w2 completes while it runs; w3 is in flight.
const MADE_UP = [
  bp(0, 'Q', 'WS', '0 + 8 [a]'),
  bp(1, 'D', 'WS', '0 + 8 [a]'),
  bp(2, 'C', 'WS', '0 + 8 [0]'),
  bp(3, 'Q', 'W', '8 + 8 [b]'),
  bp(3.5, 'D', 'W', '8 + 8 [b]'),
  bp(4, 'Q', 'FWS', '[sync]'),
  bp(5, 'D', 'FN', '[kworker]'),
  bp(6, 'C', 'W', '8 + 8 [0]'),
  bp(7, 'Q', 'W', '16 + 8 [c]'),
  bp(8, 'C', 'FN', '0 [0]'),
  bp(9, 'C', 'WS', '0 [0]'),
].join('')

describe('the trace explorer', () => {
  it('counts what explore() counts on the same input, in slices', () => {
    for (const text of [MADE_UP, PREFLUSH_FUA, JBD2_NO_CACHE]) {
      const trace = load(text)
      const x = toTraceRequests(trace, busiest(trace) ?? (trace.devices[0] as never))
      for (const t of [0, x.end / 2, x.end]) {
        const e = traceExploration(x, t)
        while (!e.advance(1));
        expect(e.result().states_total).toBe(
          explore(powerLossFromTrace(x.requests, t)).states_total,
        )
        expect(e.result().inconsistent).toBe(0)
      }
    }
  })

  it('says which flush made which write durable (R1), and which writes no rule covers yet', () => {
    const trace = load(MADE_UP)
    const x = toTraceRequests(trace, trace.devices[0] as never)
    const label = (id: number): string => x.requests[id - 1]?.label ?? '?'
    const d = durabilityAt(x, x.end)
    // The block-layer flush was issued after w1 completed and finished first: it keeps the promise.
    expect(d.groups.map((g) => [g.rule, label(g.by), g.writes.map(label)])).toEqual([
      ['flush', 'block-layer flush FN', ['WS 0+8 [a]']],
    ])
    expect(d.uncovered.map(label)).toEqual(['W 8+8 [b]'])
    expect(d.inFlight.map(label)).toEqual(['W 16+8 [c]'])
    // Before any flush completed, nothing is promised.
    expect(durabilityAt(x, 7500).groups).toEqual([])
  })

  it('splits a PREFLUSH|FUA commit into its preflush (the journal, R4) and its FUA (itself, R2)', () => {
    const trace = load(JBD2_NO_CACHE)
    const x = toTraceRequests(trace, trace.devices[0] as never)
    const d = durabilityAt(x, x.end)
    expect(d.groups.map((g) => [g.rule, g.by, g.writes])).toEqual([
      ['preflush', 2, [1]],
      ['fua', 2, [2]],
    ])
    expect([d.uncovered, d.inFlight]).toEqual([[], []])
  })

  it('picks the device with the most writes', () => {
    const trace = load(MADE_UP + bp(10, 'Q', 'R', '0 + 8 [r]').replace('8,0', '8,1'))
    expect(busiest(trace)?.dev).toBe('8,0')
  })
})
