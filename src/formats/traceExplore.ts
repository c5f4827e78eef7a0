/**
 * "What could a power loss at instant t leave on this traced device?": the one place both the
 * command line (`explore <trace>`) and the app's trace screen build the answer, so the two
 * always agree. A trace shows nothing below the device, so the rules R1-R4 alone decide
 * (reference crash-model.md §4.1): what a completed flush or FUA write promised is the base,
 * every other write submitted by t may or may not be there.
 */
import { Exploration, powerLossFromTrace, promisesAt, type Granularity } from '../engine'
import { promiseCheck } from '../engine/explore/checks'
import { DEFAULT_OPTIONS } from '../engine/explore/explore'
import type { BlockTrace, DeviceTrace, ExplorerTrace } from './blockTrace'

export interface TraceExploreOptions {
  granularity: Granularity
  /** Spaces up to this many states are walked exhaustively; larger ones are sampled. */
  budget: number
  samples: number
  seed: number
  examplesPerVerdict: number
}

export const TRACE_EXPLORE_DEFAULTS: TraceExploreOptions = {
  granularity: 'write',
  budget: 2 ** 20,
  samples: 4096,
  seed: 1,
  examplesPerVerdict: 2,
}

/** A power loss at `t` (ns after the explorer trace's origin), ready to advance in slices. */
export function traceExploration(
  x: ExplorerTrace,
  t: number,
  opts: Partial<TraceExploreOptions> = {},
): Exploration {
  const o = { ...TRACE_EXPLORE_DEFAULTS, ...opts }
  return new Exploration(powerLossFromTrace(x.requests, t), {
    ...DEFAULT_OPTIONS,
    granularity: o.granularity,
    budget: o.budget,
    samples: o.samples,
    seed: o.seed,
    examplesPerVerdict: o.examplesPerVerdict,
    blockwise: [promiseCheck(x.requests, t)],
  })
}

/** The device a trace is explored on by default: the one with the most writes. */
export function busiest(trace: BlockTrace): DeviceTrace | undefined {
  let best: DeviceTrace | undefined
  let most = -1
  for (const d of trace.devices) {
    const writes = d.requests.filter(
      (r) => r.op === 'write' || r.op === 'discard' || r.op === 'write-zeroes',
    ).length
    if (writes > most) {
      best = d
      most = writes
    }
  }
  return best
}

/** Which rule made a group of writes durable. */
export type DurableRule =
  /** R1: a completed flush covers the writes that completed before it was submitted. */
  | 'flush'
  /** R4: the preflush of a PREFLUSH write is a flush submitted with it; it does not cover the write itself. */
  | 'preflush'
  /** R2: a completed FUA write covers itself, and only itself. */
  | 'fua'

export interface DurableGroup {
  /** The explorer id of the flush, PREFLUSH write or FUA write that made the promise. */
  by: number
  rule: DurableRule
  /** When it completed (ns after the origin). */
  at: number
  /** Explorer ids of the writes it made durable, in submission order. */
  writes: number[]
}

export interface Durability {
  groups: DurableGroup[]
  /** Writes that completed by t with no flush covering them yet (R1): a power loss may drop them. */
  uncovered: number[]
  /** Writes still in flight at t (R3): they may or may not have reached stable storage. */
  inFlight: number[]
}

/**
 * What is durable at `t` and why: the promises of the rules grouped by the request that made
 * them, and the writes no rule covers yet. Durable here is what the rules promise; a write not
 * promised may still be on the media, which is why it counts as a choice in the state space.
 */
export function durabilityAt(x: ExplorerTrace, t: number): Durability {
  const byId = new Map(x.requests.map((r) => [r.id, r]))
  // A PREFLUSH|FUA write makes two promises: its preflush covers earlier writes, its FUA itself.
  const groups = new Map<string, DurableGroup>()
  const promised = new Set<number>()
  for (const p of promisesAt(x.requests, t)) {
    promised.add(p.write.id)
    const rule: DurableRule =
      p.by === p.write.id ? 'fua' : byId.get(p.by)?.op === 'flush' ? 'flush' : 'preflush'
    const key = `${p.by}:${rule}`
    let g = groups.get(key)
    if (!g) groups.set(key, (g = { by: p.by, rule, at: p.at, writes: [] }))
    g.writes.push(p.write.id)
  }
  const uncovered: number[] = []
  const inFlight: number[] = []
  for (const r of x.requests) {
    if ((r.op !== 'write' && r.op !== 'discard') || r.submitT > t || promised.has(r.id)) continue
    if (r.completeT >= 0 && r.completeT <= t) uncovered.push(r.id)
    else inFlight.push(r.id)
  }
  const ordered = [...groups.values()].sort((a, b) => a.at - b.at || a.by - b.by)
  for (const g of ordered) g.writes.sort((a, b) => a - b)
  return { groups: ordered, uncovered, inFlight }
}
