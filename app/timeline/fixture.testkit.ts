/** Runs a built-in scenario in node and builds the payload and RunView the page would get. */
import { narrate, RunStates, runConfig } from '../../src/engine'
import { findScenario } from '../../src/scenarios/catalogue'
import { resolveScenario } from '../../src/scenarios'
import { buildPayload, type RunPayload } from '../data/payload'
import { RunView } from '../data/runView'

const cache = new Map<string, RunView>()

export function payloadOf(scenario: string, variant?: string): RunPayload {
  const entry = findScenario(scenario)
  if (!entry) throw new Error(`no scenario ${scenario}`)
  const s = resolveScenario(entry.file, variant)
  if (!s.ok) throw new Error(`scenario ${scenario} does not resolve`)
  const run = runConfig(s.value.config, s.value.seed)
  const narration = narrate(new RunStates(run), s.value.meta.narration, s.value.variant)
  return buildPayload(run, s.value.meta, s.value.variant, narration)
}

export function runOf(scenario: string, variant?: string): RunView {
  const key = `${scenario}/${variant ?? ''}`
  let v = cache.get(key)
  if (!v) cache.set(key, (v = new RunView(payloadOf(scenario, variant))))
  return v
}
