import type { BaseBlock, CrashInput, ExWrite } from './input'
import { happensBefore } from './input'

/**
 * A request as a block trace records it (blkparse, fio iolog, or the guest side of an engine run):
 * enough to apply the rules, nothing about what is under the device.
 */
export interface TraceRequest {
  id: number
  op: 'write' | 'flush' | 'discard' | 'read'
  block: number
  count: number
  preflush: boolean
  fua: boolean
  submitT: number
  /** -1: never completed (in flight when the trace ended). */
  completeT: number
  /** Data version per block (writes and discards); default: the request id. */
  versions?: number[]
  label?: string
}

export interface RulePromise {
  /** The flush or FUA write that made the promise, and when it completed. */
  by: number
  at: number
  write: ExWrite
}

function asWrite(r: TraceRequest, t: number): ExWrite {
  const versions = r.versions ?? Array.from({ length: r.count }, () => r.id)
  const w: ExWrite = {
    id: r.id,
    blocks: Array.from({ length: r.count }, (_, i) => r.block + i),
    versions,
    submitT: r.submitT,
    completeT: r.completeT >= 0 && r.completeT <= t ? r.completeT : -1,
  }
  if (r.label !== undefined) w.label = r.label
  return w
}

/**
 * The promises the rules make by instant t (R1, R2, R4): a write is promised when a flush that was
 * submitted after the write completed has itself completed, or when it carried FUA and completed.
 * The preflush of a PREFLUSH write counts as a flush submitted with the write, completed by the
 * time the write started (so once the write has completed).
 */
export function promisesAt(trace: readonly TraceRequest[], t: number): RulePromise[] {
  const flushes = trace
    .filter((r) => (r.op === 'flush' || r.preflush) && r.completeT >= 0 && r.completeT <= t)
    .map((r) => ({ id: r.id, submitT: r.submitT, doneT: r.completeT }))
    .sort((a, b) => a.submitT - b.submitT || a.id - b.id)
  // firstDone[i]: the flush that completed earliest among those submitted at or after flushes[i].
  const firstDone = new Array<number>(flushes.length)
  for (let i = flushes.length - 1; i >= 0; i--) {
    const next = firstDone[i + 1]
    const mine = flushes[i] as { doneT: number }
    firstDone[i] = next !== undefined && (flushes[next] as { doneT: number }).doneT <= mine.doneT ? next : i
  }
  const out: RulePromise[] = []
  for (const r of trace) {
    if ((r.op !== 'write' && r.op !== 'discard') || r.submitT > t) continue
    const w = asWrite(r, t)
    if (w.completeT < 0) continue
    if (r.fua) {
      out.push({ by: w.id, at: w.completeT, write: w })
      continue
    }
    // The first flush submitted at or after the write completed (binary search on submitT).
    let lo = 0
    let hi = flushes.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((flushes[mid] as { submitT: number }).submitT < w.completeT) lo = mid + 1
      else hi = mid
    }
    if (lo < flushes.length) {
      const f = flushes[firstDone[lo] as number] as { id: number; doneT: number }
      if (f.id !== w.id) out.push({ by: f.id, at: f.doneT, write: w })
    }
  }
  return out
}

/**
 * Power loss at instant t, from the trace alone: the promised writes form the base (where two
 * promised writes share a block, the one ordered after the other wins; if they are concurrent the
 * later submitted one is taken as base and the other stays a candidate), and every other write
 * submitted by t may or may not be there.
 */
export function powerLossFromTrace(trace: readonly TraceRequest[], t: number, initial: (b: number) => number = () => 0): CrashInput {
  const promised = promisesAt(trace, t)
  const promisedIds = new Set(promised.map((p) => p.write.id))
  const base = new Map<number, BaseBlock>()
  const ordered = [...promised].sort((a, b) => a.write.submitT - b.write.submitT || a.write.id - b.write.id)
  for (const { write } of ordered) {
    write.blocks.forEach((b, i) => {
      const cur = base.get(b)
      if (!cur || cur.writer < 0 || !happensBefore(write, { submitT: cur.writerSubmitT })) {
        base.set(b, { version: write.versions[i] as number, writer: write.id, writerSubmitT: write.submitT })
      }
    })
  }
  const writes = trace
    .filter((r) => (r.op === 'write' || r.op === 'discard') && r.submitT <= t)
    .map((r) => asWrite(r, t))
    .filter((w) => !promisedIds.has(w.id) || w.blocks.some((b, i) => base.get(b)?.version !== w.versions[i]))
  return { model: 'power-loss', t, event: -1, base, initial, writes }
}
