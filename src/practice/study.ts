/**
 * Runs a practice scenario through the engine and reads what a person needs to reason about it:
 * the label of each request and data version, and the history of the guest's requests (each
 * submission and completion, grouped by simulated instant) as numbered steps.
 */
import { Layer, runConfig, RunStates, type RunResult } from '../engine'
import { formatErrors, resolveScenario, type ScenarioFile } from '../scenarios'
import type { HistoryStep, ProblemInstant } from './types'

export interface Studied {
  run: RunResult
  states: RunStates
  labelOfId: Map<number, string>
  labelOfVersion: Map<number, string>
  history: HistoryStep[]
  /** The history step at which each labelled request was submitted (and completed, if it did). */
  submitStep: Map<number, number>
  completeStep: Map<number, number>
}

/** Runs a scenario document; a practice scenario that does not validate is a generator bug. */
export function runScenario(file: ScenarioFile): RunResult {
  const r = resolveScenario(file)
  if (!r.ok)
    throw new Error(`practice scenario ${file.id} does not validate:\n${formatErrors(r.errors)}`)
  return runConfig(r.value.config, r.value.seed)
}

/**
 * The instant right after log event i: records logged at the same nanosecond are one step of the
 * stack, so an instant is taken after the last of them (as the explorer's instants are).
 */
export function endOfInstant(run: RunResult, i: number): number {
  const t = run.log.time[i] as number
  let j = i + 1
  while (j < run.events && run.log.time[j] === t) j++
  return j
}

export function study(file: ScenarioFile): Studied {
  const run = runScenario(file)
  const r = run.requests
  const labelOfId = new Map<number, string>()
  const labelOfVersion = new Map<number, string>()
  for (const [label, id] of Object.entries(run.labels)) {
    labelOfId.set(id, label)
    if ((r.dataOff[id] as number) >= 0)
      for (let i = 0; i < (r.count[id] as number); i++) labelOfVersion.set(r.version(id, i), label)
  }
  const marks: Array<{ ev: number; id: number; done: boolean }> = []
  for (const id of labelOfId.keys()) {
    if (r.layer[id] !== Layer.GUEST_BLK) continue
    marks.push({ ev: r.submitEv[id] as number, id, done: false })
    if ((r.completeEv[id] as number) >= 0)
      marks.push({ ev: r.completeEv[id] as number, id, done: true })
  }
  marks.sort((a, b) => a.ev - b.ev)
  const history: HistoryStep[] = []
  const submitStep = new Map<number, number>()
  const completeStep = new Map<number, number>()
  for (const m of marks) {
    const end = endOfInstant(run, m.ev)
    let step = history.at(-1)
    if (step === undefined || step.event !== end) {
      step = { step: history.length + 1, event: end, t: run.log.time[m.ev] as number, items: [] }
      history.push(step)
    }
    const label = labelOfId.get(m.id) as string
    step.items.push(m.done ? `${label} completes` : `${label} is submitted`)
    ;(m.done ? completeStep : submitStep).set(m.id, step.step)
  }
  return {
    run,
    states: new RunStates(run),
    labelOfId,
    labelOfVersion,
    history,
    submitStep,
    completeStep,
  }
}

/** The instant right after a history step, with its words. */
export function instantAfter(s: Studied, step: number): ProblemInstant {
  const h = s.history[step - 1]
  if (h === undefined) throw new RangeError(`there is no history step ${step}`)
  return { step, event: h.event, t: h.t, text: `right after step ${step} (${h.items.join('; ')})` }
}

/** A guest request the history cannot name (none is expected: every practice op is labelled). */
export function hasUnlabelledGuestRequests(s: Studied): boolean {
  const r = s.run.requests
  for (let id = 1; id < r.length; id++)
    if (r.layer[id] === Layer.GUEST_BLK && !s.labelOfId.has(id)) return true
  return false
}
