import { existsSync, readFileSync } from 'node:fs'
import { findScenario, catalogue } from '../scenarios/catalogue'
import { formatErrors, parseScenarioJson, resolveScenario, type ResolvedScenario, type ScenarioFile } from '../scenarios'
import { UsageError } from './args'

/** Resolves `<id|file>` (or a document) with an optional variant and seed, or throws a UsageError that says why. */
export function loadScenario(target: string | ScenarioFile, variant?: string, seed?: number): ResolvedScenario {
  const resolved = resolveScenario(typeof target === 'string' ? loadScenarioFile(target) : target, variant, seed)
  if (!resolved.ok) throw new UsageError(formatErrors(resolved.errors))
  return resolved.value
}

/** The validated scenario document `<id|file>` names, or a UsageError that says why not. */
export function loadScenarioFile(target: string): ScenarioFile {
  let file
  if (existsSync(target)) {
    const parsed = parseScenarioJson(readFileSync(target, 'utf8'))
    if (!parsed.ok) throw new UsageError(`${target} is not a valid scenario:\n${formatErrors(parsed.errors)}`)
    file = parsed.value
  } else {
    const entry = findScenario(target)
    if (!entry) {
      const ids = catalogue().map((e) => e.meta.id)
      throw new UsageError(`no scenario or file named ${JSON.stringify(target)}; built-in scenarios: ${ids.join(', ')}`)
    }
    file = entry.file
  }
  return file
}
