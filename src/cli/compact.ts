/** `--compact "<text>"`: a run given as compact text (docs/compact.md) instead of an id or a file. */
import { formatCompactErrors, parseCompact } from '../scenarios/compact'
import { validateScenario, formatErrors, type ScenarioFile } from '../scenarios'
import { stringOption, UsageError, type Args } from './args'

/** The scenario document the text describes, or a UsageError naming the line and column. */
export function compactScenario(text: string): ScenarioFile {
  const r = parseCompact(text)
  if (!r.ok) throw new UsageError(`the compact text does not read:\n${formatCompactErrors(r.errors)}`)
  const doc = validateScenario({ loopscope: 1, id: 'compact', title: 'A run given as compact text', summary: text.slice(0, 400) || 'An empty run.', ...r.value.body })
  if (!doc.ok) throw new UsageError(formatErrors(doc.errors))
  return doc.value
}

/** The --compact option's document, if the option is given. */
export function compactOption(args: Args): ScenarioFile | undefined {
  const text = stringOption(args, 'compact')
  return text === undefined ? undefined : compactScenario(text)
}
