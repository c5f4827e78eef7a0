/**
 * The disk images a crash (or a snapshot) at an instant can leave, as the explorer enumerates
 * them, restricted to the blocks a problem shows. Two models are compared at every instant a
 * problem may use:
 *
 *  - the engine's: RunStates.input, everything the simulated stack knows (host page cache,
 *    fsync writing back more than a flush promised, host I/O in flight, ...);
 *  - the rules' model: the guest's requests alone, judged by rules R1–R4 (plus "a completed write
 *    is on the media" for direct I/O onto a disk without a write cache), which is what a person
 *    can work out from the problem's history.
 *
 * An instant is used only when both give the same images: then the problem can be solved by hand
 * from what it shows, and the engine's answer is also the rules' answer.
 */
import {
  Data,
  Exploration,
  powerLossFromTrace,
  type CrashInput,
  type RunStates,
  type TraceRequest,
} from '../engine'
import type { ProblemModel } from './types'

/** Versions per shown block, in the order of the problem's block list. */
export type Image = number[]

export const imageKey = (img: Image): string => img.join(',')

/** Every distinct image the explorer finds for an input, over `blocks` (must be exhaustive). */
export function imagesOf(input: CrashInput, blocks: readonly number[]): Map<string, Image> {
  const out = new Map<string, Image>()
  const e = new Exploration(input, {
    granularity: 'write',
    budget: 2 ** 16,
    samples: 256,
    seed: 1,
    examplesPerVerdict: 0,
    blockwise: [],
    // A check that judges nothing and records every image the walk visits.
    checks: [
      (image) => {
        const img = blocks.map((b) => image.version(b))
        out.set(imageKey(img), img)
        return []
      },
    ],
  })
  if (!e.exhaustive)
    throw new Error(
      `practice problems need an exhaustive walk, but ${e.total} states exceed the budget`,
    )
  while (!e.advance(65_536));
  return out
}

/** The guest's requests up to an instant, as the rules see them. */
export function rulesTrace(
  states: RunStates,
  event: number,
  completionIsDurable: boolean,
): TraceRequest[] {
  return states
    .guestTrace(event)
    .map((q) => (completionIsDurable && q.op === 'write' ? { ...q, fua: true } : q))
}

/**
 * The rules' crash input at an instant. Power loss: every write a completed flush or FUA write
 * promised, plus any subset of the others submitted so far. Atomic snapshot: every completed
 * write, plus any subset of those in flight; null when two completed writes to one block were in
 * flight together (which one the file shows is not in the history).
 */
export function rulesInput(trace: readonly TraceRequest[], model: ProblemModel): CrashInput | null {
  if (model === 'power-loss') return powerLossFromTrace(trace, Infinity, () => Data.INITIAL)
  const writes = trace.filter((q) => q.op === 'write')
  const base: CrashInput['base'] = new Map()
  const done = writes.filter((q) => q.completeT >= 0)
  for (const q of done) {
    for (let i = 0; i < q.count; i++) {
      const b = q.block + i
      const cur = base.get(b)
      const curQ = cur === undefined ? undefined : done.find((x) => x.id === cur.writer)
      if (curQ !== undefined && !(curQ.completeT <= q.submitT)) {
        if (!(q.completeT <= curQ.submitT)) return null
        continue
      }
      base.set(b, { version: q.versions?.[i] ?? q.id, writer: q.id, writerSubmitT: q.submitT })
    }
  }
  const inflight = writes
    .filter((q) => q.completeT < 0)
    .map((q) => ({
      id: q.id,
      blocks: Array.from({ length: q.count }, (_, i) => q.block + i),
      versions: q.versions ?? Array.from({ length: q.count }, () => q.id),
      submitT: q.submitT,
      completeT: -1,
    }))
  return {
    model: 'atomic-snapshot',
    t: Infinity,
    event: -1,
    base,
    initial: () => Data.INITIAL,
    writes: inflight,
  }
}

export interface Fair {
  event: number
  /** The images, as both models agree. */
  images: Map<string, Image>
  /** The rules' input, from which reasons are told. */
  input: CrashInput
  trace: TraceRequest[]
}

/** The images at an instant if the engine and the rules agree on them, else null. */
export function fairAt(
  states: RunStates,
  event: number,
  model: ProblemModel,
  blocks: readonly number[],
  completionIsDurable: boolean,
): Fair | null {
  const trace = rulesTrace(states, event, completionIsDurable)
  const input = rulesInput(trace, model)
  if (input === null) return null
  const engine = imagesOf(states.input(model, event), blocks)
  const rules = imagesOf(input, blocks)
  if (engine.size !== rules.size) return null
  for (const k of engine.keys()) if (!rules.has(k)) return null
  return { event, images: engine, input, trace }
}
