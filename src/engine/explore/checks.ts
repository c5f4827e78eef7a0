import type { Finding, StateCheck, StateImage } from './explore'
import type { Promise, TraceRequest } from './trace'
import { promisesAt } from './trace'

type Timing = { submitT: number; completeT: number }

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

/** Holds version v for block b, or something that may legitimately have landed after v. */
function satisfies(image: StateImage, b: number, v: number, w: Timing, writers: Map<number, Timing>): boolean {
  const u = image.version(b)
  if (u === v) return true
  const uw = writers.get(u)
  if (!uw) return false
  // u was still in flight or completed only after v's write was submitted: not ordered before it.
  return uw.completeT < 0 || uw.completeT > w.submitT
}

/**
 * The promises of the rules at the instant (a completed flush covers the writes that completed
 * before it was submitted; a completed FUA write covers itself): each must hold in every state.
 */
export function promiseCheck(trace: readonly TraceRequest[], t: number): StateCheck {
  const promises: Promise[] = promisesAt(trace, t)
  const writers = writerIndex(trace)
  return (image) => {
    const out: Finding[] = []
    for (const p of promises) {
      const broken = p.write.blocks.filter((b, i) => !satisfies(image, b, p.write.versions[i] as number, p.write, writers))
      if (broken.length === 0) continue
      const how = p.by === p.write.id ? 'its FUA completion' : `flush ${p.by}, which completed at ${p.at} ns`
      out.push({
        category: 'promise-broken',
        sentence: `write ${p.write.id} was promised durable by ${how}, but block ${broken[0]} holds an older version in this state`,
        blocks: broken,
      })
    }
    return out
  }
}

/** Scenario-declared expectations over labels: once `after` completed, the labelled writes are there. */
export function expectationCheck(trace: readonly TraceRequest[], t: number, expectations: ReadonlyArray<{ after: string; durable: readonly string[] }>): StateCheck {
  const byLabel = new Map(trace.filter((r) => r.label !== undefined).map((r) => [r.label as string, r]))
  const writers = writerIndex(trace)
  const active = expectations.filter((e) => {
    const after = byLabel.get(e.after)
    return after !== undefined && after.completeT >= 0 && after.completeT <= t
  })
  return (image) => {
    const out: Finding[] = []
    for (const e of active) {
      for (const label of e.durable) {
        const w = byLabel.get(label)
        if (!w) continue
        const versions = w.versions ?? Array.from({ length: w.count }, () => w.id)
        const broken = versions.map((v, i) => [w.block + i, v] as const).filter(([b, v]) => !satisfies(image, b, v, w, writers))
        if (broken.length > 0) {
          out.push({
            category: 'expectation-failed',
            sentence: `"${label}" was expected to be durable once "${e.after}" completed, but block ${broken[0]?.[0]} does not hold it in this state`,
            blocks: broken.map(([b]) => b),
          })
        }
      }
    }
    return out
  }
}
