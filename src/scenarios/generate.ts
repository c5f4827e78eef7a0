/**
 * Random valid scenarios, for property tests (and for fuzzing the engine): each document comes
 * with the RunConfig every variant must resolve to, built independently of the validator.
 * Only the seeded Rng is used, so a seed always gives the same document.
 */
import {
  defaultLimits,
  defaultStack,
  LOOP_MODES,
  MS,
  type RunConfig,
  S,
  type StackConfig,
  US,
} from '../engine/config'
import type { Rng } from '../engine/kernel/rng'
import { setOwn, type JsonObject } from './json'
import type { ScenarioFile } from './types'
import {
  labelsOf,
  randomEvents,
  randomExpectations,
  randomFs,
  randomJobs,
  randomThreads,
  writeBytes,
  writeTime,
} from './generateWorkload'
import { MAX_RUN_TIME } from './workload'

export interface Generated {
  doc: ScenarioFile
  /** Expected resolution of each variant id ("default" when there are none). */
  expected: Map<string, { seed: number; config: RunConfig }>
}

type Leaf = (rng: Rng, s: StackConfig) => unknown

const HOUR = 3600 * S
const SECTORS = [512, 1024, 2048, 4096] as const

/** A time in [min, max], often a round number so every unit spelling gets used. */
export function randomTime(rng: Rng, min: number, max: number): number {
  const unit = rng.pick([1, US, MS, S])
  const span = Math.floor((max - min) / unit)
  const t = min + unit * rng.int(Math.min(span, 2 ** 31) + 1)
  return Math.min(Math.max(t, min), max)
}

const int =
  (lo: number, hi: number): Leaf =>
  (rng) =>
    rng.range(lo, hi)
const flag: Leaf = (rng) => rng.chance(0.5)
const time =
  (lo: number, hi: number): Leaf =>
  (rng) =>
    randomTime(rng, lo, hi)

function allocated(rng: Rng, s: StackConfig): StackConfig['backing']['allocated'] {
  if (rng.chance(0.4)) return rng.pick(['all', 'none'] as const)
  const out: [number, number][] = []
  for (let n = rng.int(4); n > 0; n--) {
    const start = rng.int(s.deviceBlocks)
    out.push([start, rng.range(1, s.deviceBlocks - start)])
  }
  return out
}

function pageCacheLeaves(name: 'hostCache' | 'guestCache'): [string, Leaf][] {
  return [
    [`${name}.memoryBytes`, (rng) => 4096 * rng.range(256, 2 ** 28)],
    [`${name}.dirtyRatio`, (rng, s) => rng.range(s[name].dirtyBackgroundRatio + 1, 100)],
    [`${name}.dirtyBackgroundRatio`, (rng, s) => rng.int(s[name].dirtyRatio)],
    [`${name}.writebackIntervalNs`, time(0, HOUR)],
    [`${name}.dirtyExpireNs`, time(0, HOUR)],
    [`${name}.cacheRatio`, int(1, 100)],
  ]
}

/** Every stack leaf with a generator of valid values, in an order that respects dependencies. */
const LEAVES: [string, Leaf][] = [
  ['deviceBlocks', int(64, 20_000)],
  ['loop.mode', (rng) => rng.pick(LOOP_MODES)],
  ['loop.directIo', flag],
  ['loop.logicalBlockSize', (rng) => rng.pick(SECTORS)],
  ['loop.offsetBytes', (rng) => 512 * rng.int(5000)],
  ['loop.queueDepth', int(1, 4096)],
  ['loop.writeCache', flag],
  ['loop.readOnly', flag],
  ['loop.flushDrains', flag],
  ['backing.minDioSize', (rng) => rng.pick(SECTORS)],
  ['backing.canDirectIo', flag],
  ['backing.openedODirect', flag],
  ['backing.nowait', flag],
  ['backing.allocated', allocated],
  ['hostFs.commitIntervalNs', time(1, HOUR)],
  ['hostFs.legacyStaleData', flag],
  ['hostFs.journalBlocks', int(1, 2 ** 20)],
  ...pageCacheLeaves('hostCache'),
  ...pageCacheLeaves('guestCache'),
  ['guestBlk.flushDeferWhileData', flag],
  ['disk.writeCache', flag],
  ['disk.fua', flag],
  ['disk.cacheBlocks', int(1, 2 ** 24)],
  ['disk.queueDepth', int(1, 4096)],
  ['disk.channels', int(1, 64)],
  ['disk.reorder', flag],
  ...['writeNs', 'readNs', 'perBlockNs', 'flushNs', 'destageNs'].map((k): [string, Leaf] => [
    `disk.${k}`,
    time(0, 10 * S),
  ]),
  ['disk.destageIntervalNs', time(1, HOUR)],
  ['crypt.enabled', flag],
  ['crypt.maxDelayNs', time(0, 10 * S)],
  ...[
    'submitNs',
    'dispatchNs',
    'wakeNs',
    'workerCmdNs',
    'copyPerBlockNs',
    'hostSubmitNs',
    'allocNs',
    'endIoNs',
    'fallocateNs',
  ].map((k): [string, Leaf] => [`timing.${k}`, time(0, S)]),
]

/** Leaves a variant may patch without breaking rules that tie them to other fields. */
const PATCHABLE = LEAVES.filter(([p]) => !/deviceBlocks|allocated|dirty.*Ratio/.test(p))

/** How a leaf is written in JSON: times and sizes in a random spelling, names without "Ns". */
function encode(rng: Rng, leafName: string, v: unknown): unknown {
  if (typeof v !== 'number') return v
  if (leafName.endsWith('Ns') || leafName === 'copyPerBlockNs') return writeTime(rng, v)
  if (leafName.endsWith('Bytes')) return writeBytes(rng, v)
  return v
}

/** Sets `path` in the config (by config names) and in the JSON (by JSON names, objects made as needed). */
function setLeaf(rng: Rng, config: StackConfig, json: JsonObject, path: string, v: unknown): void {
  const parts = path.split('.')
  let c = config as unknown as JsonObject
  let j = json
  parts.forEach((part, i) => {
    const name = part.endsWith('Ns') ? part.slice(0, -2) : part
    if (i === parts.length - 1) {
      c[part] = v
      setOwn(j, name, encode(rng, part, v))
      return
    }
    c = c[part] as JsonObject
    if (!Object.hasOwn(j, name)) setOwn(j, name, {})
    j = j[name] as JsonObject
  })
}

function randomStackPatch(
  rng: Rng,
  stack: StackConfig,
  leaves: [string, Leaf][],
  p: number,
): JsonObject {
  const json: JsonObject = {}
  for (const [path, gen] of leaves)
    if (rng.chance(p)) setLeaf(rng, stack, json, path, gen(rng, stack))
  return json
}

const clone = <T>(v: T): T => structuredClone(v)

/** A random valid scenario with the RunConfig each of its variants resolves to. */
export function randomScenario(rng: Rng): Generated {
  const stack = defaultStack()
  const limits = defaultLimits()
  const doc: JsonObject = {
    loopscope: 1,
    id: `gen-${rng.int(1e6)}`,
    title: 'Generated',
    summary: 'A random scenario.',
  }
  const seed = rng.chance(0.5) ? rng.int(2 ** 40) : 1
  if (seed !== 1 || rng.chance(0.3)) doc.seed = seed
  const stackJson = randomStackPatch(rng, stack, LEAVES, rng.pick([0, 0.1, 0.5]))
  if (Object.keys(stackJson).length > 0 || rng.chance(0.3)) doc.stack = stackJson
  if (rng.chance(0.5)) {
    limits.maxTimeNs = randomTime(rng, 1, MAX_RUN_TIME)
    limits.maxEvents = rng.range(1, 50_000_000)
    doc.limits = { maxEvents: limits.maxEvents, maxTime: writeTime(rng, limits.maxTimeNs) }
  }
  const threads = randomThreads(rng, stack.deviceBlocks, 't')
  const jobs = randomJobs(rng, stack.deviceBlocks)
  const events = randomEvents(rng, limits.maxTimeNs)
  const fs = rng.chance(0.5) ? randomFs(rng, null, 'F') : { json: undefined, config: null }
  const expectations = randomExpectations(rng, labelsOf(threads.config, fs.config))
  const workload: JsonObject = { threads: threads.json, jobs: jobs.json }
  if (fs.json !== undefined) workload.fs = fs.json
  if (expectations.json.length > 0 || rng.chance(0.2)) workload.expectations = expectations.json
  doc.workload = workload
  if (events.json.length > 0 || rng.chance(0.3)) doc.events = events.json
  const base: RunConfig = {
    stack,
    limits,
    workload: {
      threads: threads.config,
      jobs: jobs.config,
      events: events.config,
      fs: fs.config,
      expectations: expectations.config,
    },
  }
  const expected = new Map<string, { seed: number; config: RunConfig }>()
  const variants = Array.from({ length: rng.int(4) }, (_, i) =>
    randomVariant(rng, i, seed, base, expected),
  )
  if (variants.length > 0) doc.variants = variants
  else expected.set('default', { seed, config: base })
  return { doc: doc as unknown as ScenarioFile, expected }
}

function randomVariant(
  rng: Rng,
  i: number,
  seed: number,
  base: RunConfig,
  expected: Generated['expected'],
): JsonObject {
  const config = clone(base)
  const patch: JsonObject = {}
  let vseed = seed
  if (rng.chance(0.3)) patch.seed = vseed = rng.int(1000)
  if (rng.chance(0.6)) patch.stack = randomStackPatch(rng, config.stack, PATCHABLE, 0.1)
  const work: JsonObject = {}
  if (rng.chance(0.3)) {
    const threads = randomThreads(rng, config.stack.deviceBlocks, `v${i}t`)
    config.workload.threads = threads.config
    work.threads = threads.json
  }
  if (rng.chance(0.25)) {
    const fs = randomFs(rng, config.workload.fs, 'F')
    config.workload.fs = fs.config
    work.fs = fs.json
  }
  // New threads or a new file system may drop labels the scenario's expectations name.
  if (Object.keys(work).length > 0 || rng.chance(0.15)) {
    const { threads, fs } = config.workload
    const expectations = randomExpectations(rng, labelsOf(threads, fs))
    config.workload.expectations = expectations.config
    work.expectations = expectations.json
  }
  if (Object.keys(work).length > 0) patch.workload = work
  if (rng.chance(0.2)) {
    const events = randomEvents(rng, config.limits.maxTimeNs)
    config.workload.events = events.config
    patch.events = events.json
  }
  const id = `v${i}-${rng.int(100)}`
  expected.set(id, { seed: vseed, config })
  return { id, title: `Variant ${i}`, ...(rng.chance(0.5) ? { summary: 'A variant.' } : {}), patch }
}
