/**
 * The scenario a route names: a built-in from the catalogue, or the document a shared link
 * carries. Both give the file (what the worker runs) and its metadata (what the page shows).
 */
import { resolveScenario, formatErrors, type ScenarioFile, type ScenarioMeta } from '../../src/scenarios'
import { findScenario } from '../../src/scenarios/catalogue'
import type { ScenarioRoute } from './address'

export type Opened = { ok: true; file: ScenarioFile; meta: ScenarioMeta; builtin: boolean } | { ok: false; message: string }

const cache = new WeakMap<ScenarioFile, Opened>()

export function scenarioOf(route: Pick<ScenarioRoute, 'scenario' | 'shared'>): Opened {
  if (route.shared === null) {
    const entry = findScenario(route.scenario)
    return entry ? { ok: true, file: entry.file, meta: entry.meta, builtin: true } : { ok: false, message: `There is no scenario “${route.scenario}”. Pick one from the gallery.` }
  }
  const file = route.shared.file
  const hit = cache.get(file)
  if (hit) return hit
  const r = resolveScenario(file)
  const opened: Opened = r.ok ? { ok: true, file, meta: r.value.meta, builtin: false } : { ok: false, message: `The shared scenario does not resolve: ${formatErrors(r.errors)}` }
  cache.set(file, opened)
  return opened
}

/** What the engine worker is asked to run: a built-in's id, or the shared document itself. */
export function workerRef(route: Pick<ScenarioRoute, 'scenario' | 'shared'>): string | object {
  return route.shared ? route.shared.file : route.scenario
}
