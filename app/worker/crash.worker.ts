/// <reference lib="webworker" />
/**
 * The crash explorer off the main thread. A question is answered in slices; between slices the
 * worker yields to its message queue, so a cancel message stops it within one slice.
 */
import { CrashOracle, runConfig, type CrashQuestion } from '../../src/engine'
import { findScenario } from '../../src/scenarios/catalogue'
import { formatErrors, resolveScenario, validateScenario } from '../../src/scenarios'
import type { AskMessage, FromWorker, ToWorker } from './protocol'

const scope = self as unknown as DedicatedWorkerGlobalScope
const cancelled = new Set<number>()
const SLICE = 8192

function post(m: FromWorker): void {
  scope.postMessage(m)
}

function prepare(ask: AskMessage): CrashQuestion {
  let file
  if (typeof ask.scenario === 'string') {
    const entry = findScenario(ask.scenario)
    if (!entry) throw new Error(`no scenario named ${JSON.stringify(ask.scenario)}`)
    file = entry.file
  } else {
    const v = validateScenario(ask.scenario)
    if (!v.ok) throw new Error(formatErrors(v.errors))
    file = v.value
  }
  const s = resolveScenario(file, ask.variant)
  if (!s.ok) throw new Error(formatErrors(s.errors))
  const run = runConfig(s.value.config, s.value.seed)
  const event = ask.event === 'end' ? run.events : ask.event
  return new CrashOracle(run).ask({ model: ask.model, event, granularity: ask.granularity ?? 'write' })
}

function work(id: number, q: CrashQuestion, slice: number): void {
  if (cancelled.delete(id)) {
    post({ type: 'cancelled', id })
    return
  }
  const done = q.step(slice)
  const p = q.progress()
  post({ type: 'progress', id, checked: p.checked, of: p.of })
  if (done) post({ type: 'result', id, result: q.result() })
  else setTimeout(() => work(id, q, slice), 0)
}

scope.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data
  if (m.type === 'cancel') {
    cancelled.add(m.id)
    return
  }
  try {
    work(m.id, prepare(m), Math.max(1, m.slice ?? SLICE))
  } catch (err) {
    post({ type: 'error', id: m.id, message: err instanceof Error ? err.message : String(err) })
  }
}
