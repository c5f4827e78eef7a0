import { Data } from '../vocabulary'
import type { Finding } from './explore'
import type { RulePromise, TraceRequest } from './trace'
import { promisesAt } from './trace'

export type Timing = { submitT: number; completeT: number }

/** Which write put each version there, so a state's version can be ordered against a promise. */
export function writerIndex(trace: readonly TraceRequest[]): Map<number, Timing> {
  const out = new Map<number, Timing>()
  for (const r of trace) {
    if (r.op !== 'write' && r.op !== 'discard') continue
    const versions = r.versions ?? Array.from({ length: r.count }, () => r.id)
    for (const v of versions) out.set(v, { submitT: r.submitT, completeT: r.completeT })
  }
  return out
}

/** Versions written by discards (and write-zeroes): they read as zeros. */
export function zeroVersions(trace: readonly TraceRequest[]): Set<number> {
  const out = new Set<number>()
  for (const r of trace) if (r.op === 'discard') for (const v of r.versions ?? [r.id]) out.add(v)
  return out
}

/** Version u keeps a promise of version v: it is v, or may legitimately have landed after v. */
function holds(u: number, v: number, w: Timing, writers: Map<number, Timing>, zeros: Set<number>): boolean {
  if (u === v || (zeros.has(v) && (u === Data.ZERO || zeros.has(u)))) return true
  const uw = writers.get(u)
  if (!uw) return false
  // u was still in flight or completed only after v's write was submitted: not ordered before it.
  return uw.completeT < 0 || uw.completeT > w.submitT
}

/**
 * The promises of the rules at the instant (a completed flush covers the writes that completed
 * before it was submitted; a completed FUA write covers itself): each must hold in every state.
 * The check is blockwise: whether a block's version keeps the promises on that block does not
 * depend on any other block, so the explorer judges each (block, version) once.
 */
export function promiseCheck(trace: readonly TraceRequest[], t: number): BlockwiseCheck {
  return promiseCheckOf(promisesAt(trace, t), writerIndex(trace), zeroVersions(trace))
}

/**
 * The same check from promises and indexes computed elsewhere (once per run, see models.ts). With
 * `events` (the event at which each promise is made), `judgeBefore(b, u, index)` judges only the
 * promises made before an instant, and `firstEvent` says when each block is first promised.
 */
export function promiseCheckOf(
  promises: readonly RulePromise[],
  writers: Map<number, Timing>,
  zeros: Set<number>,
  events?: Int32Array,
): BlockwiseCheck & { firstEvent: Map<number, number>; judgeBefore(b: number, u: number, index: number): Finding | null } {
  const onBlock = new Map<number, Array<{ p: RulePromise; v: number; ev: number }>>()
  const firstEvent = new Map<number, number>()
  promises.forEach((p, i) => {
    const ev = events ? (events[i] as number) : -1
    p.write.blocks.forEach((b, k) => {
      const list = onBlock.get(b) ?? []
      list.push({ p, v: p.write.versions[k] as number, ev })
      onBlock.set(b, list)
      if (!firstEvent.has(b) || (firstEvent.get(b) as number) > ev) firstEvent.set(b, ev)
    })
  })
  const judgeBefore = (b: number, u: number, index: number): Finding | null => {
    for (const { p, v, ev } of onBlock.get(b) ?? []) {
      if (ev >= index || holds(u, v, p.write, writers, zeros)) continue
      const how = p.by === p.write.id ? 'its FUA completion' : `flush ${p.by}, which completed at ${p.at} ns`
      return { category: 'promise-broken', sentence: `write ${p.write.id} was promised durable by ${how}, but block ${b} holds an older version in this state`, blocks: [b] }
    }
    return null
  }
  return { blocks: [...onBlock.keys()], firstEvent, judgeBefore, judge: (b, u) => judgeBefore(b, u, Infinity) }
}

/** Scenario-declared expectations over labels: once `after` completed, the labelled writes are there. */
export function expectationCheck(
  trace: readonly TraceRequest[],
  t: number,
  expectations: ReadonlyArray<{ after: string; durable: readonly string[] }>,
  indexes?: { writers: Map<number, Timing>; zeros: Set<number> },
): BlockwiseCheck {
  if (expectations.length === 0) return { blocks: [], judge: () => null }
  const byLabel = new Map(trace.filter((r) => r.label !== undefined).map((r) => [r.label as string, r]))
  const writers = indexes?.writers ?? writerIndex(trace)
  const zeros = indexes?.zeros ?? zeroVersions(trace)
  const onBlock = new Map<number, Array<{ label: string; after: string; v: number; w: TraceRequest }>>()
  for (const e of expectations) {
    const after = byLabel.get(e.after)
    if (after === undefined || after.completeT < 0 || after.completeT > t) continue
    for (const label of e.durable) {
      const w = byLabel.get(label)
      if (!w || (w.op !== 'write' && w.op !== 'discard')) continue
      const versions = w.versions ?? Array.from({ length: w.count }, () => w.id)
      versions.forEach((v, i) => {
        const list = onBlock.get(w.block + i) ?? []
        list.push({ label, after: e.after, v, w })
        onBlock.set(w.block + i, list)
      })
    }
  }
  return {
    blocks: [...onBlock.keys()],
    judge: (b, u) => {
      for (const x of onBlock.get(b) ?? []) {
        if (holds(u, x.v, x.w, writers, zeros)) continue
        return { category: 'expectation-failed', sentence: `"${x.label}" was expected to be durable once "${x.after}" completed, but block ${b} does not hold it in this state`, blocks: [b] }
      }
      return null
    },
  }
}

/** A check that judges each block on its own version alone. */
export interface BlockwiseCheck {
  blocks: number[]
  judge(block: number, version: number): Finding | null
}

/**
 * No stale data: a block the guest wrote must never show what the host disk held there before it
 * belonged to the image (another file's old contents).
 */
export function staleCheck(trace: readonly TraceRequest[]): BlockwiseCheck {
  const written = new Set<number>()
  for (const r of trace) if (r.op === 'write') for (let i = 0; i < r.count; i++) written.add(r.block + i)
  return {
    blocks: [...written],
    judge: (b, u) =>
      u === Data.STALE
        ? { category: 'stale-data', sentence: `block ${b} shows the old contents of the host disk (another file's data) instead of what the guest wrote or zeros: stale data exposed`, blocks: [b] }
        : null,
  }
}
