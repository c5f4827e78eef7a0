/**
 * Scenario format versions. `loopscope: N` says which version a file was written for; older
 * files are upgraded one step at a time by MIGRATIONS[k] (version k -> k + 1) before they are
 * checked. The version also pins the engine's random generator, so old files replay identically.
 */
import { describe } from './describe'
import { cloneJson, isPlainObject, own, setOwn, type JsonObject } from './json'
import type { ParseResult } from './types'

export const SCENARIO_VERSION = 1

/** The random generator (src/engine/kernel/rng RNG_ALGORITHM) each format version runs with. */
export const RNG_BY_VERSION: Readonly<Record<number, string>> = { 1: 'sfc32/splitmix32' }

/** Upgrades a document of version k to version k + 1. It gets a private copy it may change. */
export type Migration = (doc: JsonObject) => JsonObject

/** MIGRATIONS[k] upgrades version k to k + 1. Empty: version 1 is the first. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {}

const fail = (path: string, message: string): ParseResult<JsonObject> => ({
  ok: false,
  errors: [{ path, message }],
})

/** The oldest version that a chain of migrations leads from to `current`. */
function oldestReadable(migrations: Readonly<Record<number, Migration>>, current: number): number {
  let v = current
  while (Object.hasOwn(migrations, v - 1)) v--
  return v
}

/** Checks `loopscope` and upgrades the document to `current`; returns a fresh copy. */
export function migrate(
  doc: unknown,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  current: number = SCENARIO_VERSION,
): ParseResult<JsonObject> {
  if (!isPlainObject(doc)) return fail('', `a scenario must be a JSON object, got ${describe(doc)}`)
  if (!Object.hasOwn(doc, 'loopscope')) {
    return fail(
      'loopscope',
      `is required but missing: the format version of the file (this build reads up to ${current})`,
    )
  }
  const version = own(doc, 'loopscope')
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return fail('loopscope', `must be an integer format version, got ${describe(version)}`)
  }
  if (version > current)
    return fail(
      'loopscope',
      `written by a newer loopscope (version ${version}); this build reads up to ${current}`,
    )
  const oldest = oldestReadable(migrations, current)
  if (version < oldest)
    return fail(
      'loopscope',
      `must be a format version between ${oldest} and ${current}, got ${version}`,
    )
  let out = cloneJson(doc) as JsonObject
  for (let v = version; v < current; v++) {
    const step = migrations[v]
    try {
      out = step ? step(out) : out
    } catch (e) {
      return fail(
        '',
        `upgrading from format version ${v} failed: ${e instanceof Error ? e.message : String(e)}`,
      )
    }
    if (!isPlainObject(out))
      return fail('', `upgrading from format version ${v} did not give an object`)
  }
  setOwn(out, 'loopscope', current)
  return { ok: true, value: out }
}
