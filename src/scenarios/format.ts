import type { ScenarioError } from './types'

/** One line per error: "<path>: <message>" (just the message when the path is ""). */
export function formatErrors(errors: ScenarioError[]): string {
  return errors.map((e) => (e.path === '' ? e.message : `${e.path}: ${e.message}`)).join('\n')
}
