/**
 * An imported trace as a timeline payload: every traced request is drawn once, in the lane of its
 * device (block-layer flushes in their own lane), the log holds each request's submission, issue
 * and completion in time order, and the jumps find its flushes and FUA writes.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { Ev, Flag } from '../../src/engine'
import { importTrace, type BlockTrace } from '../../src/formats'
import { describeRequest, describeStep } from '../data/describe'
import { PlayView } from '../data/runView'
import { buildTimeline } from '../timeline/layout'
import { buildTracePayload } from './tracePayload'

const read = (path: string): string =>
  readFileSync(new URL(`../../src/${path}`, import.meta.url), 'utf8')

function load(text: string): BlockTrace {
  const r = importTrace(text)
  if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 3)))
  return r.trace
}

describe('a trace as a timeline payload', () => {
  const trace = load(read('formats/fixtures/tracefs-loop0-ext4.txt'))
  const { payload: p, idOf } = buildTracePayload(trace, 'tracefs-loop0-ext4.txt')
  const all = trace.devices.flatMap((d) => d.requests)

  it('draws every request once, a lane per device and one for its block-layer flushes', () => {
    const tl = buildTimeline(p, new PlayView(p).duration)
    expect(tl.requests).toBe(all.length)
    expect(tl.lanes.map((l) => [l.label, l.ids.length])).toEqual(
      trace.devices.flatMap((d) => {
        const proxies = d.requests.filter((r) => r.proxy).length
        return [
          [d.dev, d.requests.length - proxies],
          ...(proxies > 0 ? [[`${d.dev} · blk-flush`, proxies]] : []),
        ]
      }),
    )
    expect(new Set(idOf.values()).size).toBe(all.length)
  })

  it('logs a submission, an issue and a completion per request, in time order', () => {
    const expected = all.reduce(
      (n, r) => n + 1 + (r.issueT !== null ? 1 : 0) + (r.completeT !== null ? 1 : 0),
      0,
    )
    expect(p.events).toBe(expected)
    for (let i = 1; i < p.events; i++)
      expect(p.log.time[i]).toBeGreaterThanOrEqual(p.log.time[i - 1] as number)
    for (let id = 1; id < p.requests.length; id++) {
      expect(p.log.kind[p.requests.submitEv[id] as number]).toBe(Ev.SUBMIT)
      const c = p.requests.completeEv[id] as number
      if (c >= 0) expect(p.log.time[c]).toBe(p.requests.completeT[id])
      if (c >= 0) expect(c).toBeGreaterThan(p.requests.submitEv[id] as number)
      expect(p.requests.submitT[id]).toBeGreaterThanOrEqual(
        id > 1 ? (p.requests.submitT[id - 1] as number) : 0,
      )
    }
    expect(p.log.time[0]).toBe(0)
    expect(new PlayView(p).duration).toBe(trace.endT - trace.startT)
  })

  it('marks PREFLUSH, FUA and the block-layer flushes, and jumps to them', () => {
    const flags = (f: number) =>
      new Set(
        [...idOf].filter(([, id]) => ((p.requests.flags[id] as number) & f) !== 0).map(([r]) => r),
      )
    expect(flags(Flag.PREFLUSH)).toEqual(new Set(all.filter((r) => r.preflush)))
    expect(flags(Flag.FUA)).toEqual(new Set(all.filter((r) => r.fua)))
    expect(flags(Flag.FLUSH_RQ)).toEqual(new Set(all.filter((r) => r.proxy)))
    expect(p.jumps.fua.length).toBe(all.filter((r) => r.fua).length)
    expect(p.jumps.flush.length).toBe(
      all.filter((r) => r.preflush || r.op === 'flush' || r.proxy).length,
    )
  })

  it('describes requests by device, RWBS, sectors and process', () => {
    const commit = all.find((r) => r.dev === '7,0' && r.rwbs === 'FWFSM' && r.sectors > 0)
    if (!commit) throw new Error('no commit block in the fixture')
    const id = idOf.get(commit) as number
    expect(describeRequest(p, id)).toBe(
      `7,0 WRITE FWFSM sectors ${commit.sector}+${commit.sectors} [${commit.comm}] #${id} [PREFLUSH, FUA]`,
    )
    const proxy = idOf.get(all.find((r) => r.proxy) as never) as number
    expect(describeRequest(p, proxy)).toMatch(/^7,0 block-layer flush F[FN] #\d+$/)
    expect(describeStep(p, 1)).toMatch(/^Event 1 of \d+ at 0 s: submitted: 7,0 /)
  })
})
