/**
 * Replay is how the UI scrubs: the state at any event index, reached forward or backward through
 * checkpoints, must equal the state folded from the start, and the end state must equal the live
 * engine's. The block map must show a version's journey through the stack.
 */
import { describe, expect, it } from 'vitest'
import { Rng } from '../kernel/rng'
import { runConfig } from '../run'
import { makeConfig, ops, thread } from '../testing'
import { Stage } from '../vocabulary'
import { Replay } from './replay'
import type { ViewState } from './state'

function comparable(s: ViewState) {
  return {
    index: s.index,
    t: s.t,
    media: Array.from(s.media),
    diskCache: Array.from(s.diskCache),
    hostPageState: Array.from(s.hostPageState),
    hostPageVer: Array.from(s.hostPageVer),
    memExtent: Array.from(s.memExtent),
    diskExtent: Array.from(s.diskExtent),
    durableMax: Array.from(s.durableMax),
    versions: [...s.versions].map(([b, l]) => [b, l.map((v) => ({ ...v }))]),
    awake: [...s.awakeWorkers].sort(),
    dio: s.dio,
    frozen: s.frozen,
  }
}

const workload = thread([
  ops.write(1, { count: 2 }),
  ops.write(5),
  ops.flush(),
  ops.write(1, { wait: true }),
  ops.setDirectIo(true),
  ops.write(9, { fua: true, wait: true }),
  ops.discard(5),
  ops.flush({ wait: true }),
])

describe('Replay', () => {
  const run = runConfig(makeConfig({ deviceBlocks: 32, loop: { logicalBlockSize: 4096 } }, [workload]), 11)

  it('gives the same state at an index whether reached forward, backward or fresh', () => {
    const scrubber = new Replay(run, 16)
    const rng = new Rng(5)
    for (let k = 0; k < 60; k++) {
      const i = rng.int(run.events + 1)
      const scrubbed = comparable(scrubber.seek(i))
      const fresh = comparable(new Replay(run, 1_000_000).seek(i))
      expect(scrubbed, `index ${i}`).toEqual(fresh)
    }
  })

  it('ends in the live engine state', () => {
    const end = new Replay(run).seek(run.events)
    expect(end.media).toEqual(run.final.media)
    expect(end.diskCache).toEqual(run.final.diskCache)
    expect(end.memExtent).toEqual(run.final.memExtent)
    expect(end.diskExtent).toEqual(run.final.diskExtent)
    expect(end.durableMax).toEqual(run.final.durableMax)
    expect(end.hostPageState).toEqual(run.final.hostPages)
    expect(end.hostPageVer).toEqual(run.final.hostPageVersions)
    expect(end.dio).toBe(true)
  })

  it('shows a buffered write moving through the stack until a flush makes it durable', () => {
    const r = runConfig(makeConfig({ deviceBlocks: 32 }, [thread([ops.write(3, { label: 'w', wait: true }), ops.flush({ wait: true, label: 'f' })])]), 1)
    const w = r.labels.w as number
    const replay = new Replay(r)
    const stages: number[] = []
    let durableAt = -1
    for (let i = 0; i <= r.events; i++) {
      const v = replay.seek(i).versions.get(3)?.find((x) => x.version === w)
      if (v && stages[stages.length - 1] !== v.stage) stages.push(v.stage)
      if (v?.durable && durableAt < 0) durableAt = i
    }
    expect(stages).toEqual([Stage.GUEST_QUEUE, Stage.LOOP, Stage.HOST_CACHE, Stage.HOST_IO, Stage.DISK_CACHE, Stage.MEDIA])
    expect(durableAt).toBeGreaterThan(0)
    expect(durableAt).toBeLessThanOrEqual((r.requests.completeEv[r.labels.f as number] as number) + 1)
    expect(durableAt).toBeGreaterThan(r.requests.completeEv[w] as number)
  })

  it('rejects indices outside the log', () => {
    const replay = new Replay(run)
    expect(() => replay.seek(-1)).toThrow(RangeError)
    expect(() => replay.seek(run.events + 1)).toThrow(RangeError)
    expect(() => replay.seek(1.5)).toThrow(RangeError)
  })
})

describe('warming', () => {
  it('builds every checkpoint without moving the cursor, and seeks agree afterwards', () => {
    const run = runConfig(makeConfig({ deviceBlocks: 32, loop: { logicalBlockSize: 4096 } }, [workload]), 11)
    const cold = new Replay(run, 8)
    const warm = new Replay(run, 8)
    const before = warm.seek(5)
    let calls = 0
    while (!warm.warm(7)) calls++
    expect(calls).toBeGreaterThan(1)
    expect(warm.seek(5)).toBe(before)
    for (const i of [run.events, 3, Math.floor(run.events / 2), 0, run.events - 1]) {
      expect(comparable(warm.seek(i))).toEqual(comparable(cold.seek(i)))
    }
  })
})
