import { BUILTIN_SCENARIOS } from './builtin'
import { formatErrors } from './format'
import type { ScenarioFile, ScenarioMeta } from './types'
import { validateScenario } from './validate'
import { resolveScenario } from './resolve'

export interface CatalogueEntry {
  file: ScenarioFile
  meta: ScenarioMeta
}

let cache: CatalogueEntry[] | null = null

/** The built-in scenarios, validated once. A broken built-in is a programming error: it throws. */
export function catalogue(): CatalogueEntry[] {
  if (cache) return cache
  cache = BUILTIN_SCENARIOS.map((doc) => {
    const v = validateScenario(doc)
    if (!v.ok) throw new Error(`built-in scenario is invalid:\n${formatErrors(v.errors)}`)
    const r = resolveScenario(v.value)
    if (!r.ok) throw new Error(`built-in scenario does not resolve:\n${formatErrors(r.errors)}`)
    return { file: v.value, meta: r.value.meta }
  })
  return cache
}

export function findScenario(id: string): CatalogueEntry | undefined {
  return catalogue().find((e) => e.meta.id === id)
}
