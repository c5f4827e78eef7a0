/** Builds what the worker would send for a built-in scenario, in node, for unit tests. */
import { narrate, RunStates, runConfig } from '../../src/engine'
import { findScenario } from '../../src/scenarios/catalogue'
import { resolveScenario } from '../../src/scenarios'
import { buildPayload, type RunPayload } from './payload'
import { RunView } from './runView'

export function payloadOf(id: string, variant?: string): RunPayload {
  const entry = findScenario(id)
  if (!entry) throw new Error(`no scenario ${id}`)
  const s = resolveScenario(entry.file, variant)
  if (!s.ok) throw new Error(`cannot resolve ${id}/${variant}`)
  const run = runConfig(s.value.config, s.value.seed)
  return buildPayload(run, s.value.meta, s.value.variant, narrate(new RunStates(run), s.value.meta.narration, s.value.variant))
}

export function viewOf(id: string, variant?: string): RunView {
  return new RunView(payloadOf(id, variant))
}
