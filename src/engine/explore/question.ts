import type { RunResult } from '../run'
import { DEFAULT_OPTIONS, Exploration, type ExploreResult } from './explore'
import type { Granularity, ModelName } from './input'
import { RunStates } from './models'
import { blockwiseFor, genericFor } from './runExplore'

/**
 * "What can a crash (or a snapshot) here leave?" as a question a UI can ask from a Web Worker:
 * the worker calls `step()` in a loop, posting `progress()` between slices and checking for a
 * cancel message; cancelling is simply not stepping any more. Nothing here blocks for long: one
 * slice visits at most `slice` states.
 */
export interface CrashQuestion {
  step(slice?: number): boolean
  progress(): { checked: number; of: number; done: boolean }
  result(): ExploreResult
}

export interface Ask {
  model: ModelName
  granularity?: Granularity
  /** Event index of the instant (0 … run.events). */
  event: number
  budget?: number
  samples?: number
  seed?: number
}

/** Prepares the indexes of a run once; then answers many questions about it. */
export class CrashOracle {
  private readonly states: RunStates

  constructor(run: RunResult) {
    this.states = new RunStates(run)
    this.states.promiseCheckAt(0)
  }

  ask(q: Ask): CrashQuestion {
    if (!Number.isInteger(q.event) || q.event < 0 || q.event > this.states.events) throw new RangeError(`event index ${q.event} is outside 0..${this.states.events}`)
    const input = this.states.input(q.model, q.event)
    const opts = { model: q.model, granularity: q.granularity ?? 'write', budget: q.budget ?? DEFAULT_OPTIONS.budget, samples: q.samples ?? DEFAULT_OPTIONS.samples, seed: q.seed ?? 1, examplesPerVerdict: 2 }
    const e = new Exploration(input, { ...DEFAULT_OPTIONS, ...opts, checks: genericFor(this.states, input, opts), blockwise: blockwiseFor(this.states, input) })
    let done = false
    return {
      step: (slice = 16_384) => (done ||= e.advance(slice)),
      progress: () => ({ ...e.progress(), done }),
      result: () => e.result(),
    }
  }
}
