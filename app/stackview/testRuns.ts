/** Runs of built-in scenarios as the page sees them (RunView), for unit tests of the views. */
import { narrate, RunStates, runConfig } from '../../src/engine'
import { resolveScenario } from '../../src/scenarios'
import { findScenario } from '../../src/scenarios/catalogue'
import { buildPayload } from '../data/payload'
import { RunView } from '../data/runView'

const made = new Map<string, RunView>()

/** Runs a built-in scenario variant the way the engine worker does (cached per test file). */
export function testRun(id: string, variant: string): RunView {
  const key = `${id}/${variant}`
  const hit = made.get(key)
  if (hit) return hit
  const entry = findScenario(id)
  if (!entry) throw new Error(`no scenario ${id}`)
  const s = resolveScenario(entry.file, variant)
  if (!s.ok) throw new Error(`cannot resolve ${id}/${variant}`)
  const run = runConfig(s.value.config, s.value.seed)
  const narration = narrate(new RunStates(run), s.value.meta.narration, s.value.variant)
  const view = new RunView(buildPayload(run, s.value.meta, s.value.variant, narration))
  made.set(key, view)
  return view
}
