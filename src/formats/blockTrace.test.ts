/**
 * Pairing events into requests (blockTrace.ts) on the real lines of the reference notes and on
 * real captures, and what the explorer makes of the result: crash-state counts follow the rules
 * R1-R4 (a write completed before a completed flush was issued is durable, a completed FUA write
 * is durable, a PREFLUSH covers what completed before its write was submitted, an in-flight or
 * uncovered write may or may not be there).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { explore, powerLossFromTrace, type TraceRequest } from '../engine'
import { buildTrace, inversions, summarize, toTraceRequests, type BlockRequest, type BlockTrace, type DeviceTrace } from './blockTrace'
import { importTrace } from './index'
import { JBD2_NO_CACHE, PREFLUSH_FUA, SYNC } from './samples.testkit'

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')

function load(text: string): BlockTrace {
  const r = importTrace(text)
  if (!r.ok) throw new Error(JSON.stringify(r.errors))
  return r.trace
}

function device(trace: BlockTrace, dev?: string): DeviceTrace {
  const d = dev === undefined ? trace.devices[0] : trace.devices.find((x) => x.dev === dev)
  if (!d) throw new Error(`no device ${dev}`)
  return d
}

/** A blkparse line at `us` microseconds. */
function bp(us: number, act: string, rwbs: string, tail: string, dev = '8,0'): string {
  const [maj, min] = dev.split(',') as [string, string]
  const sec = Math.floor(us / 1e6)
  const ns = Math.round((us - sec * 1e6) * 1000)
  return `${maj.padStart(3)},${min.padEnd(3)}  0        1 ${String(sec).padStart(5)}.${String(ns).padStart(9, '0')}   100 ${act.padStart(2)} ${rwbs.padStart(3)} ${tail}\n`
}

const requests = (d: DeviceTrace): BlockRequest[] => d.requests.filter((r) => !r.proxy)
const proxies = (d: DeviceTrace): BlockRequest[] => d.requests.filter((r) => r.proxy)

/** Power-loss states at `t` (µs after the trace started) on the first device. */
function states(trace: BlockTrace, us?: number, dev?: DeviceTrace): number {
  const x = toTraceRequests(trace, dev ?? device(trace))
  return explore(powerLossFromTrace(x.requests, us === undefined ? x.end : us * 1000)).states_total
}

describe('a PREFLUSH+FUA write on a disk with a cache and no FUA (reference §5.4)', () => {
  const trace = load(PREFLUSH_FUA)
  const d = device(trace)

  it('is one request, seen as flush, write, flush, and completed by the zero-length C', () => {
    expect(requests(d)).toHaveLength(1)
    expect(requests(d)[0]).toMatchObject({
      op: 'write',
      rwbs: 'FWFSM',
      preflush: true,
      fua: true,
      sector: 43781957,
      sectors: 17,
      queueT: 1967,
      issueT: 1_671_798,
      dataT: 1_843_458,
      completeT: 2_742_812,
      comm: '(null)',
    })
    expect(proxies(d).map((p) => [p.issueT, p.completeT, p.comm])).toEqual([
      [31_145, 1_628_764, 'kworker/3:1H'],
      [1_863_050, 2_735_974, 'kworker/2:1H'],
    ])
    expect(d.flushProxies).toBe(true)
    expect(summarize(d)).toMatchObject({ requests: 1, flush_proxies: 2, preflush: 1, preflush_with_data: 1, fua: 1, in_flight: 0 })
  })

  it('is durable once it completed (FUA), and may be missing while its post-flush runs', () => {
    expect(states(trace)).toBe(1)
    // After the data completed, before the post-flush completed: the write is still in flight.
    expect(states(trace, 2000)).toBe(2)
  })

  it('stays in flight when the trace ends after its data completed but before its zero-length C', () => {
    const cut = load(PREFLUSH_FUA.split('\n').slice(0, 8).join('\n'))
    expect(requests(device(cut))[0]).toMatchObject({ dataT: 1_843_458, completeT: null })
    expect(states(cut)).toBe(2)
  })
})

describe('sync(1) and the jbd2 commit without a cache (reference §5.4)', () => {
  it('reads sync as an empty flush bio with a block-layer flush for it', () => {
    const d = device(load(SYNC))
    expect(requests(d)).toEqual([expect.objectContaining({ op: 'flush', rwbs: 'FWS', preflush: true, sectors: 0, queueT: 0, completeT: 69_466, comm: 'sync' })])
    expect(proxies(d)).toEqual([expect.objectContaining({ issueT: 4327, completeT: 68_945 })])
  })

  it('pairs the commit through its remap, with no flush issued, closed by the late zero-length C', () => {
    const trace = load(JBD2_NO_CACHE)
    const d = device(trace)
    expect(d.flushProxies).toBe(false)
    const [journal, commit] = requests(d)
    // The journal write was submitted before the trace started: only its completion shows.
    expect(journal).toMatchObject({ op: 'write', sector: 7928704, sectors: 224, queueT: null, completeT: 3_244_357 })
    expect(commit).toMatchObject({ rwbs: 'FWFS', preflush: true, fua: true, queueT: 3_271_854, issueT: 3_398_213, dataT: 4_277_985, completeT: 4_446_931, remappedFrom: { dev: '253,1', sector: 7926880 } })
    // jbd2 waited for the journal write before submitting the commit: completion before submission.
    expect((journal as BlockRequest).completeT).toBeLessThan((commit as BlockRequest).queueT as number)
  })

  it('counts 4 states before the commit completes and 1 after: its PREFLUSH covers the journal (R4), its FUA itself (R2)', () => {
    const trace = load(JBD2_NO_CACHE)
    expect(states(trace, 1000)).toBe(4)
    expect(states(trace)).toBe(1)
  })
})

describe('the rules on a made-up trace', () => {
  // w1 completes, then a flush is issued and completes; w2 completes while the flush runs; w3 is in flight.
  const text = [
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
  const trace = load(text)

  it('makes w1 durable (completed before the flush was issued, R1) and leaves w2 and w3 open (2^2 states)', () => {
    expect(states(trace)).toBe(4)
    const x = toTraceRequests(trace, device(trace))
    const input = powerLossFromTrace(x.requests, x.end)
    expect(input.base.get(0)?.writer).toBe(1)
    expect(input.writes.map((w) => w.blocks[0]).sort()).toEqual([1, 2])
  })

  it('gives 2^3 states before any flush completes, and no promise from a flush that failed', () => {
    expect(states(trace, 7.5)).toBe(8)
    // A flush that fails fails its bio too (blk_flush_complete_seq ends it with the error).
    const failed = load(text.replace('C  FN 0 [0]', 'C  FN 0 [-5]').replace('C  WS 0 [0]', 'C  WS 0 [-5]'))
    expect(states(failed)).toBe(8)
  })

  it('drops the block-layer flushes when asked: the submitter view promises the same here', () => {
    const x = toTraceRequests(trace, device(trace), { proxies: false })
    expect(x.requests.filter((r) => r.op === 'flush')).toHaveLength(1)
    expect(explore(powerLossFromTrace(x.requests, x.end)).states_total).toBe(4)
  })
})

describe('pairing details', () => {
  it('gives merged bios the time of the request they were merged into', () => {
    const d = device(load(fixture('blk-classic-loop0.txt')))
    const merged = requests(d).filter((r) => r.merged)
    expect(merged.length).toBeGreaterThan(10)
    for (const r of merged) {
      expect(r.issueT).not.toBeNull()
      expect(r.completeT).not.toBeNull()
    }
    // Q WSM 33022 + 2 was merged into D WSM 33020 + 14, completed at 10735.612384756.
    expect(requests(d).find((r) => r.sector === 33022)).toMatchObject({ merged: true, issueT: 10735_612_351_775, completeT: 10735_612_384_756 })
  })

  it('keeps the first issue of a requeued request, splits at X, and records errors', () => {
    const d = device(
      load(
        [
          bp(0, 'Q', 'W', '0 + 16 [a]'),
          bp(1, 'X', 'W', '0 / 8 [a]'),
          bp(2, 'D', 'W', '0 + 8 [a]'),
          bp(3, 'R', 'W', '0 + 8 [0]'),
          bp(4, 'D', 'W', '0 + 8 [a]'),
          bp(5, 'D', 'W', '8 + 8 [a]'),
          bp(6, 'C', 'W', '0 + 8 [0]'),
          bp(7, 'C', 'W', '8 + 8 [-5]'),
        ].join(''),
      ),
    )
    expect(d.requests.map((r) => [r.sector, r.sectors, r.queueT, r.issueT, r.completeT, r.requeues, r.error])).toEqual([
      [0, 8, 0, 2000, 6000, 1, 0],
      [8, 8, 0, 5000, 7000, 0, -5],
    ])
    const bad = load(bp(0, 'Q', 'W', '0 + 8 [a]') + bp(1, 'C', 'W', '0 + 8 [-5]'))
    const x = toTraceRequests(bad, device(bad))
    expect(x.requests.every((r) => r.completeT === -1)).toBe(true)
  })

  it('pairs block-layer flushes first in, first out', () => {
    const d = device(load([bp(0, 'D', 'FN', '[k]'), bp(1, 'D', 'FN', '[k]'), bp(2, 'C', 'FN', '0 [0]'), bp(3, 'C', 'FN', '0 [0]')].join('')))
    expect(d.requests.map((r) => [r.issueT, r.completeT])).toEqual([
      [0, 2000],
      [1000, 3000],
    ])
  })

  it('pairs two writes of the same sectors in flight together first in, first out', () => {
    // Two queues (cgroup workers) write block 8 at once; the second queued is issued and
    // completes first on the device, which the text cannot tell apart from the opposite.
    const d = device(
      load(
        [
          bp(0, 'Q', 'WS', '8 + 8 [a]'),
          bp(1, 'Q', 'WS', '8 + 8 [b]'),
          bp(2, 'D', 'WS', '8 + 8 [b]'),
          bp(3, 'C', 'WS', '8 + 8 [0]'),
          bp(4, 'D', 'WS', '8 + 8 [a]'),
          bp(5, 'C', 'WS', '8 + 8 [0]'),
        ].join(''),
      ),
    )
    expect(d.unmatched).toBe(0)
    expect(d.requests.map((r) => [r.comm, r.queueT, r.issueT, r.completeT])).toEqual([
      ['a', 0, 2000, 3000],
      ['b', 1000, 4000, 5000],
    ])
    // Issued together, one completion each, the first issued first.
    const both = device(load([bp(0, 'Q', 'W', '0 + 8 [a]'), bp(1, 'Q', 'W', '0 + 8 [b]'), bp(2, 'D', 'W', '0 + 8 [a]'), bp(3, 'D', 'W', '0 + 8 [b]'), bp(4, 'C', 'W', '0 + 8 [0]'), bp(6, 'C', 'W', '0 + 8 [0]')].join('')))
    expect(both.requests.map((r) => [r.issueT, r.completeT])).toEqual([
      [2000, 4000],
      [3000, 6000],
    ])
  })

  it('maps sectors to 4 KiB blocks, widening unaligned requests', () => {
    const trace = load([bp(0, 'Q', 'W', '3 + 2 [a]'), bp(1, 'Q', 'W', '6 + 4 [a]'), bp(2, 'Q', 'W', '16 + 8 [a]')].join(''))
    const x = toTraceRequests(trace, device(trace))
    expect(x.requests.map((r) => [r.block, r.count])).toEqual([
      [0, 1],
      [0, 2],
      [2, 1],
    ])
    expect(x.unaligned).toBe(2)
    expect(toTraceRequests(trace, device(trace), { sectorsPerBlock: 1 }).requests.map((r) => [r.block, r.count])).toEqual([
      [3, 2],
      [6, 4],
      [16, 8],
    ])
  })

  it('counts completion/issue order inversions', () => {
    const mk = (issueT: number, completeT: number): BlockRequest => ({ ...requests(device(load(SYNC)))[0], sectors: 8, issueT, completeT }) as BlockRequest
    expect(inversions([mk(0, 10), mk(1, 5), mk(2, 3), mk(3, 20)])).toBe(3)
    expect(inversions([mk(0, 1), mk(1, 2)])).toBe(0)
  })

  it('reads write-zeroes (N with sectors in the tracepoints) as a discard for the explorer', () => {
    const trace = load(fixture('tracefs-loop0-ext4.txt'))
    const d = device(trace, '7,0')
    expect(requests(d).filter((r) => r.op === 'write-zeroes').map((r) => [r.sector, r.sectors])).toEqual([
      [556, 1018],
      [1574, 1024],
    ])
    const ops = new Set(toTraceRequests(trace, d).requests.map((r: TraceRequest) => r.op))
    expect(ops.has('discard')).toBe(true)
  })
})

describe('real captures (kernel 6.18)', () => {
  it('finds the commit pattern on loop0: each FWFSM write is flush, write, flush, and durable at its close', () => {
    const trace = load(fixture('tracefs-loop0-ext4.txt'))
    const d = device(trace, '7,0')
    const commits = requests(d).filter((r) => r.rwbs === 'FWFSM')
    expect(commits).toHaveLength(6)
    for (const c of commits) {
      // Data went down after the pre-flush completed, the close came after the post-flush completed.
      const pre = proxies(d).find((p) => (p.completeT as number) <= (c.issueT as number) && (p.issueT as number) >= (c.queueT as number))
      const post = proxies(d).find((p) => (p.issueT as number) >= (c.dataT as number) && (p.completeT as number) <= (c.completeT as number))
      expect(pre).toBeDefined()
      expect(post).toBeDefined()
    }
    expect(summarize(d)).toMatchObject({ requests: 69, flush_proxies: 15, in_flight: 0, submitted_before_start: 0 })
  })

  it("sees the loop device's flush reach the backing disk as a flush there (R6)", () => {
    const trace = load(fixture('tracefs-loop0-ext4.txt'))
    const vda = device(trace, '254,0')
    const loop = device(trace, '7,0')
    // Every flush the loop device issued has a flush bio on vda (vfs_fsync of the backing file) inside it.
    for (const p of proxies(loop)) {
      const inside = requests(vda).filter((r) => r.op === 'flush' && (r.queueT as number) >= (p.issueT as number) && (r.completeT as number) <= (p.completeT as number))
      expect(inside.length).toBeGreaterThanOrEqual(1)
    }
  })

  it('follows the remaps of a partition', () => {
    const d = device(load(fixture('tracefs-loop1-partition.txt')))
    const remapped = requests(d).filter((r) => r.remappedFrom !== null)
    expect(remapped.length).toBeGreaterThan(40)
    for (const r of remapped) expect(r.sector - (r.remappedFrom as { sector: number }).sector).toBe(2048)
  })

  it('agrees between the tracepoints and the blk tracer on what each capture holds', () => {
    for (const name of ['blk-tracer-loop0.txt', 'blk-classic-loop0.txt', 'blk-classic-loop1-partition.txt']) {
      const s = summarize(device(load(fixture(name))))
      expect(s.in_flight).toBe(0)
      expect(s.flush_proxies).toBeGreaterThan(0)
      expect(s.preflush_with_data).toBe(s.fua)
    }
  })

  it('builds nothing from no events', () => {
    expect(buildTrace('blkparse', [])).toEqual({ format: 'blkparse', startT: 0, endT: 0, devices: [], warnings: [] })
  })
})
