/**
 * The engine held to real kernel traces: each trace in src/capture/fixtures was captured on a
 * real loop device (kernel in its sidecar); the engine's run of the same scenario and variant must
 * agree with it on every ordering relation that applies to both.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { conformance } from './check'
import { describeVerdict } from './compare'

const DIR = join(__dirname, '..', 'capture', 'fixtures')

function conformanceOf(scenario: string, variant: string, traceFile: string) {
  const r = conformance(scenario, variant, readFileSync(traceFile, 'utf8'), readFileSync(`${traceFile}.json`, 'utf8'))
  if (!r.ok) throw new Error(r.message)
  return r.rows
}

const CASES = [
  ['fua-aio', 'mainline'],
  ['flush-no-drain', 'no-wait'],
  ['flush-no-drain', 'wait-then-flush'],
  ['unlink-snapshot', 'jbd2'],
  ['unlink-snapshot', 'jbd2-dio'],
  ['double-cache', 'buffered'],
  ['double-cache', 'dio'],
  ['dio-alignment', 'bs512'],
  ['dio-alignment', 'runtime-switch'],
] as const

describe('engine vs captured kernel traces', () => {
  it.each(CASES)('%s / %s agrees on every relation', (scenario, variant) => {
    const rows = conformanceOf(scenario, variant, join(DIR, `${scenario}-${variant}.trace`))
    const report = rows.map((r) => `${r.agree ? 'agree' : 'DISAGREE'} ${r.id}: engine ${describeVerdict(r.engine)}; kernel ${describeVerdict(r.real)}`)
    expect(rows.filter((r) => !r.agree).map((r) => report[rows.indexOf(r)])).toEqual([])
  })
})
