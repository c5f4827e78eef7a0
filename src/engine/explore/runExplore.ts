import { Ev } from '../events'
import { checkImage } from '../guestfs'
import type { RunResult } from '../run'
import { Layer } from '../vocabulary'
import { expectationCheck, promiseCheck, staleCheck, type BlockwiseCheck } from './checks'
import { Exploration, DEFAULT_OPTIONS, type ExploreOptions, type ExploreResult, type StateCheck } from './explore'
import type { CrashInput, ModelName } from './input'
import { type RunStates } from './models'

/** An instant of a run: the state after the first `event` log records. */
export type At = 'end' | 'every' | { event: number } | { t: number }

export interface RunExploreOptions extends Omit<ExploreOptions, 'checks' | 'blockwise'> {
  model: ModelName
  /** Extra checks per instant, e.g. the guest file system checker. */
  extraChecks?: (states: RunStates, input: CrashInput) => StateCheck[]
}

export interface EveryResult extends Omit<ExploreResult, 't' | 'event'> {
  instants: Array<{ t: number; event: number; states_total: number; inconsistent: number }>
}

/** The event index of an instant: `{t}` is the state after every event at or before time t. */
export function eventIndexOf(run: RunResult, at: Exclude<At, 'every'>): number {
  if (at === 'end') return run.events
  if ('event' in at) {
    if (!Number.isInteger(at.event) || at.event < 0 || at.event > run.events) throw new RangeError(`event index ${at.event} is outside 0..${run.events}`)
    return at.event
  }
  let lo = 0
  let hi = run.events
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((run.log.time[mid] as number) <= at.t) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Records logged at one nanosecond are one step of the stack (a commit and the durability it
 * brings, say): an instant is taken after the last of them, never between.
 */
function endOfInstant(run: RunResult, i: number): number {
  const t = run.log.time[i] as number
  let j = i + 1
  while (j < run.events && run.log.time[j] === t) j++
  return j
}

/** The instants where a model's state set can change: right after each event that matters to it. */
export function instantsOf(run: RunResult, model: ModelName): number[] {
  const out = new Set<number>([0, run.events])
  const r = run.requests
  for (let i = 0; i < run.events; i++) {
    const k = run.log.kind[i] as number
    let relevant = false
    if (k === Ev.SUBMIT || k === Ev.COMPLETE) {
      const layer = r.layer[run.log.a[i] as number]
      relevant = layer === Layer.GUEST_BLK || (model === 'block-snapshot' && layer === Layer.DISK)
    } else if (model === 'power-loss') relevant = k === Ev.DURABLE
    else if (model !== 'fuzzy-copy') relevant = k === Ev.TXN_DURABLE || k === Ev.CACHE_PUT || k === Ev.DESTAGE || k === Ev.MEDIA_WRITE || k === Ev.PAGE_DIRTY || k === Ev.EXTENT
    if (relevant) out.add(endOfInstant(run, i))
  }
  return [...out].sort((a, b) => a - b)
}

export function blockwiseFor(states: RunStates, input: CrashInput): BlockwiseCheck[] {
  const trace = states.guestTrace(input.event)
  const expectations = states.run.config.workload.expectations ?? []
  const promises = input.model === 'fuzzy-copy' || input.event < 0 ? promiseCheck(trace, input.t) : states.promiseCheckAt(input.event)
  return [promises, expectationCheck(trace, input.t, expectations, states.indexes()), staleCheck(trace)]
}

/** The guest file system's checker (journal replay, then fsck), when the run has one. */
export function genericFor(states: RunStates, input: CrashInput, opts: RunExploreOptions): StateCheck[] {
  const fs = states.run.fs
  const own: StateCheck[] = fs ? [(image) => checkImage((b) => image.version(b), fs, { atEvent: input.event })] : []
  return [...own, ...(opts.extraChecks?.(states, input) ?? [])]
}

export function exploreAt(states: RunStates, index: number, opts: RunExploreOptions): ExploreResult {
  return exploreInput(states, states.input(opts.model, index), opts)
}

export function exploreInput(states: RunStates, input: CrashInput, opts: RunExploreOptions): ExploreResult {
  const e = new Exploration(input, { ...DEFAULT_OPTIONS, ...opts, checks: genericFor(states, input, opts), blockwise: blockwiseFor(states, input) })
  while (!e.advance(65_536));
  return e.result()
}

/** Explores every instant where the state set can change; counts are summed over instants. */
export function exploreEvery(states: RunStates, opts: RunExploreOptions): EveryResult {
  const rows: EveryResult['instants'] = []
  const examples: ExploreResult['examples'] = []
  const verdicts = new Map<string, { states: number; sentence: string }>()
  let total = 0
  let checked = 0
  let distinct = 0
  let inconsistent = 0
  let exhaustive = true
  // A fuzzy copy's image changes with its start time, not with the run's events.
  const inputs: Array<() => CrashInput> =
    opts.model === 'fuzzy-copy'
      ? states.fuzzyStarts().map((t0) => () => states.fuzzyAt(t0))
      : instantsOf(states.run, opts.model).map((index) => () => states.input(opts.model, index))
  for (const make of inputs) {
    const r = exploreInput(states, make(), opts)
    rows.push({ t: r.t, event: r.event, states_total: r.states_total, inconsistent: r.inconsistent })
    total += r.states_total
    checked += r.states_checked
    distinct += r.distinct
    inconsistent += r.inconsistent
    exhaustive &&= r.exhaustive
    for (const v of r.verdicts) {
      const cur = verdicts.get(v.category) ?? { states: 0, sentence: v.sentence }
      cur.states += v.states
      verdicts.set(v.category, cur)
    }
    for (const ex of r.examples) {
      if (ex.verdict !== 'consistent' && examples.filter((x) => x.verdict === ex.verdict).length < (opts.examplesPerVerdict ?? 2)) examples.push({ ...ex, at: { t: r.t, event: r.event } } as typeof ex)
    }
  }
  return {
    model: opts.model,
    granularity: opts.granularity,
    states_total: total,
    states_checked: checked,
    distinct,
    exhaustive,
    inconsistent,
    formula: opts.model === 'fuzzy-copy' ? `one image per copy start, over ${rows.length} start times where the image can change` : `sum over ${rows.length} instants of each instant's count`,
    coverage: exhaustive ? `exhaustive at all ${rows.length} instants` : `sampled at some of ${rows.length} instants`,
    verdicts: [...verdicts].map(([category, v]) => ({ category, states: v.states, sentence: v.sentence })),
    examples,
    instants: rows,
  }
}
