/** Test support: a minimal scenario and helpers to read its validation errors. */
import { expect } from 'vitest'
import type { ScenarioError } from './types'
import { validateScenario } from './validate'

export const MINIMAL = { loopscope: 1, id: 'flush-demo', title: 'Flush demo', summary: 'A flush.' }

/** The errors of MINIMAL with `extra` fields. */
export function errorsOf(
  extra: Record<string, unknown>,
  base: Record<string, unknown> = MINIMAL,
): ScenarioError[] {
  const r = validateScenario({ ...base, ...extra })
  return r.ok ? [] : r.errors
}

/** An expected error; a RegExp message matches instead of comparing. */
export const error = (path: string, message: string | RegExp) => ({
  path,
  message: typeof message === 'string' ? message : expect.stringMatching(message),
})

/** A workload of one thread with these ops. */
export const thread = (ops: unknown[]) => ({ workload: { threads: [{ name: 'app', ops }] } })
