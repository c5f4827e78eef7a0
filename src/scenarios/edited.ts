/**
 * The document an edit in the scenario editor produces: one run (no variants), made from the
 * scenario's base merged with the variant on screen and then edited. What describes the scenario
 * (id, summary, source) is kept; the title says it was edited; narration steps are kept when they
 * belong to that variant and every label they name is still in the run.
 */
import type { RunConfig } from '../engine/config'
import { minimalBody } from './compact/minimal'
import { isPlainObject, type JsonObject } from './json'
import type { ParseResult, ScenarioFile } from './types'
import { validateScenario } from './validate'

export interface Draft {
  seed: number
  config: RunConfig
}

const EDITED = ' (edited)'
const MAX_TITLE = 80

/** True for a document the editor made (its title carries the mark editedTitle adds). */
export function isEdited(title: string): boolean {
  return title.endsWith(EDITED)
}

export function editedTitle(title: string): string {
  let base = title
  while (base.endsWith(EDITED)) base = base.slice(0, -EDITED.length)
  if (base.length + EDITED.length > MAX_TITLE)
    base = `${base.slice(0, MAX_TITLE - EDITED.length - 1)}…`
  return base + EDITED
}

/** Labels the run's ops define (thread ops and file-system ops). */
export function labelsOf(config: RunConfig): Set<string> {
  const out = new Set<string>()
  for (const t of config.workload.threads)
    for (const op of t.ops) if ('label' in op && op.label !== null) out.add(op.label)
  for (const op of config.workload.fs?.ops ?? [])
    if ('label' in op && op.label !== null) out.add(op.label)
  return out
}

/** Labels a narration step names: its anchor's and its question's. */
function stepLabels(step: JsonObject): string[] {
  const out: string[] = []
  for (const part of [step.at, step.question]) {
    if (isPlainObject(part) && typeof part.label === 'string') out.push(part.label)
  }
  return out
}

/** The steps of `variant` whose labels all exist, without their `only` lists. */
export function narrationFor(
  narration: unknown,
  variant: string,
  labels: Set<string>,
): JsonObject[] {
  if (!Array.isArray(narration)) return []
  const out: JsonObject[] = []
  for (const step of narration) {
    if (!isPlainObject(step)) continue
    const { only, ...rest } = step
    if (Array.isArray(only) && !only.includes(variant)) continue
    if (stepLabels(rest).every((l) => labels.has(l))) out.push(rest)
  }
  return out
}

/**
 * The edited document, checked. When the narration does not validate with the edited run, the
 * document goes without it (the run is what was asked for).
 */
export function editedScenario(
  file: ScenarioFile,
  variant: string,
  draft: Draft,
): ParseResult<ScenarioFile> {
  const raw = file as unknown as JsonObject
  const head: JsonObject = {
    loopscope: file.loopscope,
    id: file.id,
    title: editedTitle(file.title),
    summary: file.summary,
  }
  if (typeof file.source === 'string' && file.source !== '') head.source = file.source
  const body = minimalBody(draft.seed, draft.config) as JsonObject
  const narration = narrationFor(raw.narration, variant, labelsOf(draft.config))
  if (narration.length > 0) {
    const withSteps = validateScenario({ ...head, narration, ...body })
    if (withSteps.ok) return withSteps
  }
  return validateScenario({ ...head, ...body })
}
