/**
 * The compact form says exactly what a run is: every built-in scenario, every variant, and every
 * random scenario of the generator prints to text that parses back to the same RunConfig and the
 * same seed, and printing again gives the same text.
 */
import { describe, expect, it } from 'vitest'
import { runConfig, type RunConfig } from '../../engine'
import { Rng } from '../../engine/kernel/rng'
import { catalogue } from '../catalogue'
import { randomScenario } from '../generate'
import { mergePatch, type JsonObject } from '../json'
import { resolveScenario } from '../resolve'
import { BODY_KEYS } from '../run'
import type { ScenarioBody } from '../types'
import { formatCompact, formatCompactErrors, formatRun, parseCompact } from './index'

const builtins = catalogue().flatMap((e) =>
  e.meta.variants.map((v) => {
    const r = resolveScenario(e.file, v.id)
    if (!r.ok) throw new Error(`${e.meta.id}/${v.id} does not resolve`)
    return {
      id: e.meta.id,
      variant: v.id,
      file: e.file,
      seed: r.value.seed,
      config: r.value.config,
    }
  }),
)

function reparse(text: string) {
  const p = parseCompact(text)
  if (!p.ok) throw new Error(`does not parse:\n${formatCompactErrors(p.errors)}\n${text}`)
  return p.value
}

/** An empty list of allocated ranges is written "none": the engine treats the two alike. */
function canonical(c: RunConfig): RunConfig {
  const a = c.stack.backing.allocated
  if (!Array.isArray(a) || a.length > 0) return c
  return { ...c, stack: { ...c.stack, backing: { ...c.stack.backing, allocated: 'none' } } }
}

describe('built-in scenarios', () => {
  it.each(builtins.map((b) => [`${b.id}/${b.variant}`, b] as const))('%s round-trips', (_, b) => {
    const text = formatRun(b.seed, b.config)
    const back = reparse(text)
    expect(back.config).toEqual(b.config)
    expect(back.seed).toBe(b.seed)
    expect(formatRun(back.seed, back.config)).toBe(text)
  })

  it("formats a variant's effective body (the patch merged over the scenario) as its resolved run", () => {
    for (const b of builtins) {
      const file = b.file as unknown as JsonObject
      const base: JsonObject = {}
      for (const k of BODY_KEYS) if (Object.hasOwn(file, k)) base[k] = file[k]
      const patch = b.file.variants?.find((v) => v.id === b.variant)?.patch ?? {}
      const effective = mergePatch(base, patch) as ScenarioBody
      expect(formatCompact(effective), `${b.id}/${b.variant}`).toBe(formatRun(b.seed, b.config))
    }
  })

  it('gives short texts: only what differs from the defaults', () => {
    const fua = builtins.find((b) => b.id === 'fua-aio' && b.variant === 'proposal-2012')
    expect(fua && formatRun(fua.seed, fua.config)).toBe(
      'device 64\nloop proposal-2012 dio lbs=4096\nthread guest: w 7 fua wait @w',
    )
    for (const b of builtins) expect(formatRun(b.seed, b.config).length, b.id).toBeLessThan(600)
  })

  it('runs to the same engine hash after the round trip', () => {
    const small = builtins.filter((b) =>
      ['fua-aio', 'flush-no-drain', 'dio-holes', 'unlink-snapshot'].includes(b.id),
    )
    expect(small.length).toBeGreaterThan(8)
    for (const b of small) {
      const back = reparse(formatRun(b.seed, b.config))
      expect(runConfig(back.config, back.seed).hash, `${b.id}/${b.variant}`).toBe(
        runConfig(b.config, b.seed).hash,
      )
    }
  })
})

describe('random scenarios of the generator', () => {
  const SEEDS = 200
  it(`round-trip every variant (seeds 1…${SEEDS})`, () => {
    let variants = 0
    for (let seed = 1; seed <= SEEDS; seed++) {
      for (const [variant, want] of randomScenario(new Rng(seed)).expected) {
        const text = formatRun(want.seed, want.config)
        const p = parseCompact(text)
        expect(p.ok ? [] : p.errors, `seed ${seed} ${variant}`).toEqual([])
        if (!p.ok) continue
        expect(p.value.config, `seed ${seed} ${variant}`).toEqual(canonical(want.config))
        expect(p.value.seed, `seed ${seed} ${variant}`).toBe(want.seed)
        expect(formatRun(p.value.seed, p.value.config), `seed ${seed} ${variant}`).toBe(text)
        variants++
      }
    }
    expect(variants).toBeGreaterThan(SEEDS)
  })
})

describe('reading what people write', () => {
  it('takes JSON names, long op names, units, comments, ";" and continued lines', () => {
    const text = [
      '# a FUA write, then a flush',
      'seed 7; device 64',
      'loop directIo=on logicalBlockSize=4k mode=proposal-2012',
      'thread guest: write 7+2 fua wait @w,',
      '  flush wait @f, sleep 1.5ms, set_direct_io off, power_loss',
      'expect f: @w',
    ].join('\n')
    const run = reparse(text)
    expect(run.seed).toBe(7)
    expect(run.config.stack.loop).toMatchObject({
      directIo: true,
      logicalBlockSize: 4096,
      mode: 'proposal-2012',
    })
    expect(run.config.workload.threads[0]?.ops.map((o) => o.op)).toEqual([
      'write',
      'flush',
      'sleep',
      'set_direct_io',
      'outside',
    ])
    expect(run.config.workload.threads[0]?.ops[2]).toEqual({ op: 'sleep', ns: 1_500_000 })
    expect(formatRun(run.seed, run.config)).toBe(
      [
        'seed 7',
        'device 64',
        'loop proposal-2012 dio lbs=4096',
        'thread guest: w 7+2 fua wait @w, flush wait @f, sleep 1.5ms, dio off,',
        '  power-loss',
        'expect f: w',
      ].join('\n'),
    )
  })

  it('gives the body with only what the text says', () => {
    expect(reparse('device 64\nloop dio').body).toEqual({
      stack: { deviceBlocks: 64, loop: { directIo: true } },
    })
    expect(reparse('').body).toEqual({})
  })

  it('reads the file system, jobs and events', () => {
    const run = reparse(
      [
        'files a=2',
        'fs barrier-assumed commit=1s: create b @c, write b 0+2, rename b c, fsync c @f, sync',
        'job w randrw io_uring iodepth=4 size=1MiB ios=10 link rwmixread=70',
        'at 2ms fuzzy-copy random per-block=5us',
      ].join('\n'),
    )
    expect(run.config.workload.fs).toMatchObject({
      discipline: 'barrier-assumed',
      commitIntervalNs: 1e9,
      files: [{ name: 'a', blocks: 2 }],
    })
    expect(run.config.workload.fs?.ops[1]).toEqual({
      op: 'write',
      name: 'b',
      offset: 0,
      count: 2,
      label: null,
    })
    expect(run.config.workload.jobs[0]).toMatchObject({
      rw: 'randrw',
      ioengine: 'io_uring',
      iodepth: 4,
      size: 256,
      link: true,
      rwmixread: 70,
    })
    expect(run.config.workload.events).toEqual([
      { at: 2e6, kind: 'fuzzy-copy', order: 'random', nsPerBlock: 5000 },
    ])
  })
})
