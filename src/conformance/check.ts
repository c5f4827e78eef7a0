/** A scenario's engine run against a captured kernel trace of the same scenario and variant. */
import { runConfig } from '../engine'
import { importTrace } from '../formats'
import { findScenario } from '../scenarios/catalogue'
import { formatErrors, resolveScenario } from '../scenarios'
import { compare, type Comparison } from './compare'
import { pictureOfRun } from './fromEngine'
import { pictureOfTrace, type CaptureFacts } from './fromTrace'

export type Conformance = { ok: true; rows: Comparison[]; kernel: string | null } | { ok: false; message: string }

/** `traceText` is the capture's tracefs text, `factsJson` its sidecar (`<trace>.json`). */
export function conformance(scenario: string, variant: string | undefined, traceText: string, factsJson: string): Conformance {
  const entry = findScenario(scenario)
  if (!entry) return { ok: false, message: `there is no built-in scenario named ${JSON.stringify(scenario)}` }
  const s = resolveScenario(entry.file, variant)
  if (!s.ok) return { ok: false, message: formatErrors(s.errors) }
  const trace = importTrace(traceText)
  if (!trace.ok) return { ok: false, message: trace.errors.map((e) => `line ${e.line}, column ${e.col}: ${e.message}`).join('\n') }
  let facts: CaptureFacts & { kernel?: string }
  try {
    facts = JSON.parse(factsJson) as CaptureFacts & { kernel?: string }
  } catch (e) {
    return { ok: false, message: `the capture sidecar is not JSON: ${e instanceof Error ? e.message : String(e)}` }
  }
  if (!Array.isArray(facts.devices) || typeof facts.loop?.dioEffective !== 'boolean') return { ok: false, message: 'the capture sidecar lacks devices or loop.dioEffective' }
  const rows = compare(pictureOfRun(runConfig(s.value.config, s.value.seed)), pictureOfTrace(trace.trace, facts))
  return { ok: true, rows, kernel: typeof facts.kernel === 'string' ? facts.kernel : null }
}
