/**
 * Seeded property test: random workloads through every loop mode and stack setting. For each seed
 * it builds a configuration and an operation list from the seeded generator, runs it, and checks:
 * no engine invariant breaks (every request completes once, never before submission; every rule
 * promise is physically backed); every request completes unless power was lost; guest FLUSH and FUA
 * promises hold wherever the mode keeps them; and, for a sample, replaying the log rebuilds the
 * live engine's final state. A failure names its seed; rerun it with PROPERTY_SEED=<seed>.
 */
import { describe, expect, it } from 'vitest'
import { randomConfig } from './randomWorkload'
import { Replay } from './replay/replay'
import { runConfig } from './run'

const SEEDS = 1000

function checkSeed(seed: number): void {
  const cfg = randomConfig(seed)
  let r
  try {
    r = runConfig(cfg, seed)
  } catch (e) {
    throw new Error(`seed ${seed}: ${(e as Error).message}`, { cause: e })
  }
  const v = Object.fromEntries(r.verdicts.map((x) => [x.check, x]))
  expect(v['run-bounded']?.ok, `seed ${seed}: ${v['run-bounded']?.detail}`).toBe(true)
  expect(v['requests-complete']?.ok, `seed ${seed}: ${v['requests-complete']?.detail}`).toBe(true)
  const loop = cfg.stack.loop
  if (loop.writeCache) {
    expect(v['guest-flush-durable']?.ok, `seed ${seed}: ${v['guest-flush-durable']?.detail}`).toBe(true)
    if (loop.mode !== 'proposal-2012') expect(v['guest-fua-durable']?.ok, `seed ${seed}: ${v['guest-fua-durable']?.detail}`).toBe(true)
  }
  if (seed % 10 === 0) {
    const end = new Replay(r).seek(r.events)
    expect(end.media, `seed ${seed} media`).toEqual(r.final.media)
    expect(end.memExtent, `seed ${seed} extents`).toEqual(r.final.memExtent)
    expect(end.diskExtent, `seed ${seed} committed extents`).toEqual(r.final.diskExtent)
    expect(end.durableMax, `seed ${seed} durable`).toEqual(r.final.durableMax)
    expect(end.hostPageState, `seed ${seed} host pages`).toEqual(r.final.hostPages)
    expect(end.guestPageState, `seed ${seed} guest pages`).toEqual(r.final.guestPages)
    expect(end.dio, `seed ${seed} dio`).toBe(r.final.dio)
  }
}

describe('random workloads through every loop mode', () => {
  const only = process.env.PROPERTY_SEED
  it(`keeps every invariant for ${only ? `seed ${only}` : `${SEEDS} seeds`}`, () => {
    if (only) {
      checkSeed(Number(only))
      return
    }
    for (let seed = 1; seed <= SEEDS; seed++) checkSeed(seed)
  }, 120_000)
})
