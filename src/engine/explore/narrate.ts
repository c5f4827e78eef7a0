import { Ev, WAKE_FROM_SLEEP } from '../events'
import type { RunResult } from '../run'
import { Layer, Outside } from '../vocabulary'
import type { ModelName } from './input'
import type { RunStates } from './models'
import { DEFAULT_OPTIONS } from './explore'
import { countAnswer, durableAnswer, imagesAnswer } from './questions'
import { exploreEvery } from './runExplore'

/** Events a narration step can be keyed to (the nth occurrence in the run). */
export const NARRATION_EVENTS = ['dio-mode', 'ioctl', 'freeze', 'unfreeze', 'flush-issue', 'host-commit', 'power-loss', 'snapshot', 'fuzzy-copy', 'worker-wake'] as const
export type NarrationEvent = (typeof NARRATION_EVENTS)[number]

export type Anchor =
  | { label: string; on: 'submit' | 'complete' }
  | { event: NarrationEvent; nth: number }
  | { at: 'start' | 'end' }
  /** The first instant at which the explorer finds an inconsistent state under this model. */
  | { firstBad: ModelName }

export type QuestionSpec =
  | { kind: 'which-images' | 'count'; model: ModelName; prompt: string }
  | { kind: 'durable'; label: string; prompt: string }

export interface NarrationStep {
  at: Anchor
  text: string
  /** The kernel function or commit behind the step, if any. */
  kernel: string | null
  /** Variants the step belongs to (null: all). */
  only: string[] | null
  question: QuestionSpec | null
}

export interface AnsweredQuestion {
  kind: QuestionSpec['kind']
  prompt: string
  choices: string[]
  /** Indices of the correct choices. */
  correct: number[]
  explanation: string
}

export interface NarratedStep {
  /** Event index the step is shown at (the state after that many events); null if never reached. */
  event: number | null
  t: number | null
  text: string
  kernel: string | null
  question: AnsweredQuestion | null
}

const KIND_OF: Record<NarrationEvent, (r: RunResult, i: number) => boolean> = {
  'dio-mode': (r, i) => r.log.kind[i] === Ev.DIO_MODE,
  ioctl: (r, i) => r.log.kind[i] === Ev.IOCTL,
  freeze: (r, i) => r.log.kind[i] === Ev.FREEZE && r.log.a[i] === 1,
  unfreeze: (r, i) => r.log.kind[i] === Ev.FREEZE && r.log.a[i] === 0,
  // The guest block layer's flush (to loop), not the host's own.
  'flush-issue': (r, i) => r.log.kind[i] === Ev.FLUSH_ISSUE && r.requests.layer[r.log.a[i] as number] === Layer.LOOP,
  'host-commit': (r, i) => r.log.kind[i] === Ev.TXN_DURABLE,
  'power-loss': (r, i) => r.log.kind[i] === Ev.OUTSIDE && r.log.a[i] === Outside.POWER_LOSS,
  snapshot: (r, i) => r.log.kind[i] === Ev.OUTSIDE && (r.log.a[i] === Outside.ATOMIC_SNAPSHOT || r.log.a[i] === Outside.BLOCK_SNAPSHOT),
  'fuzzy-copy': (r, i) => r.log.kind[i] === Ev.OUTSIDE && r.log.a[i] === Outside.FUZZY_COPY_START,
  'worker-wake': (r, i) => r.log.kind[i] === Ev.WORKER_WAKE && r.log.b[i] === WAKE_FROM_SLEEP,
}

/** The event index a step is shown at: right after the event it is keyed to. */
export function anchorIndex(states: RunStates, at: Anchor): number | null {
  const run = states.run
  if ('firstBad' in at) {
    const every = exploreEvery(states, { ...DEFAULT_OPTIONS, model: at.firstBad, examplesPerVerdict: 1 })
    return every.instants.find((i) => i.inconsistent > 0)?.event ?? null
  }
  if ('at' in at) return at.at === 'start' ? 0 : run.events
  if ('label' in at) {
    const id = run.labels[at.label]
    if (id === undefined) return null
    const ev = at.on === 'submit' ? run.requests.submitEv[id] : run.requests.completeEv[id]
    return ev === undefined || ev < 0 ? null : ev + 1
  }
  let seen = 0
  for (let i = 0; i < run.events; i++) if (KIND_OF[at.event](run, i) && ++seen === at.nth) return i + 1
  return null
}

/** Resolves a scenario's narration against a run of one of its variants and answers its questions. */
export function narrate(states: RunStates, steps: readonly NarrationStep[], variant: string): NarratedStep[] {
  const run = states.run
  return steps
    .filter((s) => s.only === null || s.only.includes(variant))
    .map((s) => {
      const event = anchorIndex(states, s.at)
      const t = event === null ? null : event === 0 ? 0 : (run.log.time[event - 1] as number)
      const question = event === null || s.question === null ? null : answer(states, s.question, event)
      return { event, t, text: s.text, kernel: s.kernel, question }
    })
    .map((step, order) => ({ step, order }))
    .sort((a, b) => (a.step.event ?? Infinity) - (b.step.event ?? Infinity) || a.order - b.order)
    .map(({ step }) => step)
}

function answer(states: RunStates, q: QuestionSpec, event: number): AnsweredQuestion {
  if (q.kind === 'durable') return durableAnswer(states, q.label, q.prompt, event)
  if (q.kind === 'count') return countAnswer(states, q.model, q.prompt, event)
  return imagesAnswer(states, q.model, q.prompt, event)
}
