/// <reference lib="webworker" />
/**
 * The engine off the main thread: runs scenarios, answers crash questions and surveys a run for
 * bad instants; imports block traces and answers for them (traceImport.ts). Long work goes in slices; between slices the worker yields to its message queue,
 * so a cancel message stops it within one slice. Recent runs are kept, so a question about the
 * run on screen never re-runs the engine.
 */
import { baseVersion, CrashOracle, exploreInput, instantsOf, narrate, RunStates, runConfig, type RunResult } from '../../src/engine'
import { findScenario } from '../../src/scenarios/catalogue'
import { formatErrors, resolveScenario, validateScenario, type ScenarioMeta } from '../../src/scenarios'
import { buildPayload, transferables } from '../data/payload'
import { exportJob } from './exportJob'
import type { FromWorker, ScenarioRef, SurveyMessage, SurveyPoint, ToWorker } from './protocol'
import { problemReply } from './problem'
import { askTrace, importTraceFile } from './traceImport'

const scope = self as unknown as DedicatedWorkerGlobalScope
const cancelled = new Set<number>()
const SLICE = 8192
/** The survey looks at most this many instants, spread evenly over the run. */
const SURVEY_INSTANTS = 400

interface Prepared {
  run: RunResult
  meta: ScenarioMeta
  variant: string
  states?: RunStates
  oracle?: CrashOracle
}

const recent = new Map<string, Prepared>()

function post(m: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(m, transfer)
}

function keyOf(ref: ScenarioRef, variant: string | undefined): string {
  return `${typeof ref === 'string' ? ref : JSON.stringify(ref)}\u0000${variant ?? ''}`
}

function prepare(ref: ScenarioRef, variant: string | undefined): Prepared {
  const key = keyOf(ref, variant)
  const hit = recent.get(key)
  if (hit) return hit
  let file
  if (typeof ref === 'string') {
    const entry = findScenario(ref)
    if (!entry) throw new Error(`There is no built-in scenario named ${JSON.stringify(ref)}.`)
    file = entry.file
  } else {
    const v = validateScenario(ref)
    if (!v.ok) throw new Error(formatErrors(v.errors))
    file = v.value
  }
  const s = resolveScenario(file, variant)
  if (!s.ok) throw new Error(formatErrors(s.errors))
  const p: Prepared = { run: runConfig(s.value.config, s.value.seed), meta: s.value.meta, variant: s.value.variant }
  recent.set(key, p)
  // Compare mode keeps two runs on screen; a few more make switching back instant.
  if (recent.size > 4) recent.delete(recent.keys().next().value as string)
  return p
}

function statesOf(p: Prepared): RunStates {
  return (p.states ??= new RunStates(p.run))
}

function sliced(id: number, step: () => boolean, progress: () => { checked: number; of: number }, finish: () => void): void {
  if (cancelled.delete(id)) {
    post({ type: 'cancelled', id })
    return
  }
  const done = step()
  post({ type: 'progress', id, ...progress() })
  if (done) finish()
  else setTimeout(() => sliced(id, step, progress, finish), 0)
}

function survey(m: SurveyMessage, p: Prepared): void {
  const states = statesOf(p)
  const all = m.model === 'fuzzy-copy' ? [] : instantsOf(p.run, m.model)
  const stride = Math.max(1, all.length / SURVEY_INSTANTS)
  const picked: number[] = []
  for (let x = 0; x < all.length; x += stride) picked.push(all[Math.floor(x)] as number)
  const points: SurveyPoint[] = []
  const opts = { model: m.model, granularity: 'write' as const, budget: 2 ** 14, samples: 256, seed: p.run.seed, examplesPerVerdict: 0 }
  let i = 0
  sliced(
    m.id,
    () => {
      const until = Math.min(picked.length, i + 8)
      for (; i < until; i++) {
        const r = exploreInput(states, states.input(m.model, picked[i] as number), opts)
        points.push({ event: r.event, t: r.t, states: r.states_total, inconsistent: r.inconsistent })
      }
      return i >= picked.length
    },
    () => ({ checked: i, of: picked.length }),
    () => post({ type: 'survey', id: m.id, result: { model: m.model, points, instants: all.length } }),
  )
}

function handle(m: Exclude<ToWorker, { type: 'cancel' }>): void {
  if (m.type === 'problem') return post(problemReply(m))
  if (m.type === 'import') return importTraceFile(m, post)
  if (m.type === 'trace-ask') return askTrace(m, post, (step, progress, finish) => sliced(m.id, step, progress, finish))
  const p = prepare(m.scenario, m.variant)
  if (m.type === 'run') {
    const narration = narrate(statesOf(p), p.meta.narration, p.variant)
    const payload = buildPayload(p.run, p.meta, p.variant, narration)
    post({ type: 'run', id: m.id, run: payload }, transferables(payload))
  } else if (m.type === 'survey') survey(m, p)
  else if (m.type === 'export') exportJob(m, p, { post, cancelled: (id) => cancelled.delete(id) })
  else {
    const event = m.event === 'end' ? p.run.events : m.event
    p.oracle ??= new CrashOracle(p.run)
    const q = p.oracle.ask({ model: m.model, event, granularity: m.granularity ?? 'write' })
    const slice = Math.max(1, m.slice ?? SLICE)
    const input = statesOf(p).input(m.model, event)
    const base = new Int32Array(p.run.config.stack.deviceBlocks)
    for (let b = 0; b < base.length; b++) base[b] = baseVersion(input, b)
    sliced(m.id, () => q.step(slice), () => q.progress(), () => post({ type: 'result', id: m.id, result: { ...q.result(), base } }, [base.buffer]))
  }
}

scope.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data
  if (m.type === 'cancel') {
    cancelled.add(m.id)
    return
  }
  try {
    handle(m)
  } catch (err) {
    post({ type: 'error', id: m.id, message: err instanceof Error ? err.message : String(err) })
  }
}
