/**
 * Every catalogue lesson, asserted from engine output, variant against variant (issue 4). Each
 * block names the rule the lesson rests on and, where the engine has a switch for it, flips that
 * rule to show the lesson goes away: a lesson that survives a broken rule would not be teaching it.
 */
import { describe, expect, it } from 'vitest'
import { Ev, Layer, Op, runConfig, type RunConfig, type RunResult } from '../../engine'
import { RunStates } from '../../engine/explore/models'
import { exploreEvery } from '../../engine/explore/runExplore'
import { catalogue, findScenario } from '../catalogue'
import { resolveScenario } from '../resolve'

function resolved(id: string, variant: string): { config: RunConfig; seed: number } {
  const entry = findScenario(id)
  if (!entry) throw new Error(`no scenario ${id}`)
  const s = resolveScenario(entry.file, variant)
  if (!s.ok) throw new Error(JSON.stringify(s.errors))
  return s.value
}

function run(id: string, variant: string, tweak?: (c: RunConfig) => void): RunResult {
  const s = resolved(id, variant)
  tweak?.(s.config)
  return runConfig(s.config, s.seed)
}

function badStates(r: RunResult, model: 'power-loss' | 'atomic-snapshot' = 'power-loss'): number {
  return exploreEvery(new RunStates(r), { model, granularity: 'write', budget: 2 ** 20, samples: 4096, seed: 1, examplesPerVerdict: 1 }).inconsistent
}

describe('the catalogue', () => {
  it('has the seven scenarios with their variants, first variant the default', () => {
    const ids = Object.fromEntries(catalogue().map((e) => [e.meta.id, e.meta.variants.map((v) => v.id)]))
    expect(ids).toEqual({
      'unlink-snapshot': ['jbd2', 'jbd2-dio', 'barrier-assumed', 'fuzzy-copy', 'crypt-reorder'],
      'flush-no-drain': ['no-wait', 'wait-then-flush'],
      'fua-aio': ['mainline', 'proposal-2012'],
      'double-cache': ['buffered', 'dio'],
      'dio-alignment': ['bs512', 'bs4096', 'runtime-switch'],
      'dio-holes': ['modern', 'aio-fsync-inflight', 'legacy-2003'],
      'aio-order': ['libaio', 'cgroup-workers', 'io_uring-drain'],
    })
    for (const e of catalogue()) expect(e.meta.source, e.meta.id).not.toBe('')
  })
})

describe('flush-no-drain (rests on R1: a flush covers only writes completed before it was submitted)', () => {
  it('no-wait leaves states where a or b is missing after the flush completed; wait-then-flush never does', () => {
    expect(badStates(run('flush-no-drain', 'no-wait'))).toBeGreaterThan(0)
    expect(badStates(run('flush-no-drain', 'wait-then-flush'))).toBe(0)
  })

  it('a loop that drains before its flush (the 2022 proposal) makes the lesson go away', () => {
    expect(badStates(run('flush-no-drain', 'no-wait', (c) => (c.stack.loop.flushDrains = true)))).toBe(0)
  })
})

describe('fua-aio (rests on R6: loop never advertises FUA, so the post-flush follows the AIO completion)', () => {
  it('mainline keeps an acknowledged FUA write through power loss; the 2012 proposal may lose it', () => {
    const mainline = run('fua-aio', 'mainline')
    const proposal = run('fua-aio', 'proposal-2012')
    expect(badStates(mainline)).toBe(0)
    expect(badStates(proposal)).toBeGreaterThan(0)
    expect(proposal.verdicts.find((v) => v.check === 'guest-fua-durable')?.ok).toBe(false)
  })
})

describe('dio-holes (rests on unwritten extents converted at end_io, and on R1 for the fsync in flight)', () => {
  it('modern and aio-fsync-inflight never expose stale data; legacy-2003 does', () => {
    expect(badStates(run('dio-holes', 'modern'))).toBe(0)
    expect(badStates(run('dio-holes', 'aio-fsync-inflight'))).toBe(0)
    expect(badStates(run('dio-holes', 'legacy-2003'))).toBeGreaterThan(0)
  })
})

describe('double-cache (rests on buffered loop copying into the host page cache, synchronously)', () => {
  it('buffered holds the data twice, DIO once', () => {
    const buffered = run('double-cache', 'buffered').metrics
    const dio = run('double-cache', 'dio').metrics
    expect(buffered.host_cache_peak_bytes).toBeGreaterThanOrEqual(buffered.guest_cache_peak_bytes / 3)
    expect(dio.host_cache_peak_bytes).toBeLessThan(dio.guest_cache_peak_bytes / 20)
    expect(dio.dio_effective).toBe(true)
    expect(buffered.dio_effective).toBe(false)
    // A buffered worker sleeps on every host read miss; a DIO worker submits and moves on.
    expect(dio.worker_wakeups).toBeLessThan(buffered.worker_wakeups)
    expect(dio.iops).toBeGreaterThanOrEqual(buffered.iops)
  })
})

describe('dio-alignment (rests on lo_can_use_dio)', () => {
  it('bs512 silently stays buffered and LOOP_SET_DIRECT_IO fails; bs4096 uses DIO; the switch fsyncs and freezes', () => {
    const bs512 = run('dio-alignment', 'bs512')
    expect(bs512.metrics.dio_effective).toBe(false)
    const ioctl = Array.from({ length: bs512.events }, (_, i) => i).find((i) => bs512.log.kind[i] === Ev.IOCTL) as number
    expect(bs512.log.b[ioctl]).toBe(-22)
    expect(run('dio-alignment', 'bs4096').metrics.dio_effective).toBe(true)
    const sw = run('dio-alignment', 'runtime-switch')
    expect(sw.metrics.dio_effective).toBe(true)
    const kinds = Array.from(sw.log.kind)
    const freeze = kinds.indexOf(Ev.FREEZE)
    expect(freeze).toBeGreaterThan(0)
    // The fsync before the freeze reached the host disk as a flush.
    const flushBefore = Array.from({ length: freeze }, (_, i) => i).some((i) => sw.log.kind[i] === Ev.SUBMIT && sw.requests.layer[sw.log.a[i] as number] === Layer.DISK && sw.requests.op[sw.log.a[i] as number] === Op.FLUSH)
    expect(flushBefore).toBe(true)
  })
})

describe('aio-order (rests on R3: requests in flight are unordered)', () => {
  const loopWrites = (r: RunResult) => {
    const ids: number[] = []
    for (let id = 1; id < r.requests.length; id++) if (r.requests.layer[id] === Layer.GUEST_BLK && r.requests.op[id] === Op.WRITE) ids.push(id)
    return ids
  }

  it('libaio: completion order differs from submission order, and an fsync goes out with writes in flight', () => {
    const r = run('aio-order', 'libaio')
    const ids = loopWrites(r)
    const byDone = [...ids].sort((a, b) => (r.requests.completeT[a] as number) - (r.requests.completeT[b] as number))
    expect(byDone).not.toEqual(ids)
    const flushes = Array.from({ length: r.requests.length }, (_, id) => id).filter((id) => r.requests.layer[id] === Layer.GUEST_BLK && r.requests.op[id] === Op.FLUSH)
    const early = flushes.some((f) => ids.some((w) => w < f && (r.requests.completeT[w] as number) > (r.requests.submitT[f] as number)))
    expect(early).toBe(true)
  })

  it('cgroup-workers: two cgroup workers and the root worker for flushes', () => {
    const r = run('aio-order', 'cgroup-workers')
    expect(r.workerLanes.map((l) => l.name).sort()).toEqual(['a worker', 'b worker', 'root worker'])
    for (let id = 1; id < r.requests.length; id++) if (r.requests.layer[id] === Layer.LOOP && r.requests.op[id] === Op.FLUSH) expect(r.requests.lane[id]).toBe(0)
  })

  it('io_uring-drain: every fsync goes out after every earlier write completed', () => {
    const r = run('aio-order', 'io_uring-drain')
    const ids = loopWrites(r)
    for (let f = 1; f < r.requests.length; f++) {
      if (r.requests.layer[f] !== Layer.GUEST_BLK || r.requests.op[f] !== Op.FLUSH) continue
      for (const w of ids) if (w < f) expect(r.requests.completeT[w]).toBeLessThanOrEqual(r.requests.submitT[f] as number)
    }
  })
})
