/**
 * A scenario file and a variant -> the RunConfig the engine runs, with its seed and metadata.
 */
import type { RunConfig } from '../engine/config'
import { describe } from './describe'
import type { ParseResult, ScenarioFile, ScenarioMeta } from './types'
import { checkScenario } from './validate'

export interface ResolvedScenario {
  meta: ScenarioMeta
  /** The variant id that was resolved ("default" when the file has no variants). */
  variant: string
  /** The seed to run with: the override, else the variant's (patched) seed. */
  seed: number
  config: RunConfig
}

/**
 * Checks the file again (it may have been built in code), merges the variant's patch (the first
 * variant when none is named) and normalizes the result. `seedOverride` replaces the seed.
 */
export function resolveScenario(
  file: ScenarioFile,
  variantId?: string,
  seedOverride?: number,
): ParseResult<ResolvedScenario> {
  const checked = checkScenario(file)
  if (!checked.ok) return checked
  const { meta, runs } = checked.value
  const ids = meta.variants.map((v) => v.id)
  const chosen = variantId ?? ids[0] ?? ''
  const run = runs.get(chosen)
  if (run === undefined) {
    const message = `unknown variant ${describe(variantId)}; expected one of ${ids.join(', ')}`
    return { ok: false, errors: [{ path: '', message }] }
  }
  if (seedOverride !== undefined && !(Number.isSafeInteger(seedOverride) && seedOverride >= 0)) {
    const message = `the seed override must be a non-negative safe integer, got ${describe(seedOverride)}`
    return { ok: false, errors: [{ path: '', message }] }
  }
  return {
    ok: true,
    value: { meta, variant: chosen, seed: seedOverride ?? run.seed, config: run.config },
  }
}
