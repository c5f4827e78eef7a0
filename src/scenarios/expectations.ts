/**
 * `workload.expectations`: durability claims a scenario makes about its own labelled ops ->
 * Expectation[]. Every label named must be defined by a thread op or a file-system op.
 */
import type { Expectation } from '../engine/config'
import { all, type Check, Fields, list } from './check'
import { describe } from './describe'
import { labelText } from './ops'

export const MAX_EXPECTATIONS = 1_000
/** Labels one expectation may name as durable. */
export const MAX_DURABLE = 64
/** Known labels an unknown-label message lists before it says how many more there are. */
const MAX_LISTED = 20

/** "expected one of a, b, c" (the first 20, in the order they were defined). */
function knownLabels(labels: ReadonlyMap<string, string>): string {
  if (labels.size === 0) return 'no thread op or file-system op has a label'
  const names = [...labels.keys()]
  const more = names.length - MAX_LISTED
  const shown = names.slice(0, MAX_LISTED).join(', ')
  return `expected one of ${shown}${more > 0 ? `, and ${more} more` : ''}`
}

/**
 * A label that some op defines. `labels` is undefined when the ops that define labels were not
 * all valid: the labels are then not all known, and only the label's form is checked.
 */
function labelRef(labels: ReadonlyMap<string, string> | undefined): Check<string> {
  return (v, at, cx) => {
    const name = labelText(v, at, cx)
    if (name === undefined || labels === undefined || labels.has(name)) return name
    return cx.fail(at, `unknown label ${describe(name)}; ${knownLabels(labels)}`)
  }
}

function durable(ref: Check<string>): Check<string[]> {
  const refs = list(ref, MAX_DURABLE)
  return (v, at, cx) =>
    Array.isArray(v) && v.length === 0
      ? cx.fail(at, 'must name at least one label, got an empty array')
      : refs(v, at, cx)
}

function expectation(labels: ReadonlyMap<string, string> | undefined): Check<Expectation> {
  const ref = labelRef(labels)
  const durableRefs = durable(ref)
  return (v, at, cx) => {
    const f = Fields.open(v, at, cx, ['after', 'durable'])
    return (
      f && all<Expectation>({ after: f.req('after', ref), durable: f.req('durable', durableRefs) })
    )
  }
}

export function expectationsSection(
  labels: ReadonlyMap<string, string> | undefined,
): Check<Expectation[]> {
  return list(expectation(labels), MAX_EXPECTATIONS)
}
