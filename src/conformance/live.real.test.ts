/**
 * The engine against this machine's kernel, captured now: where the machine allows real loop
 * devices and tracefs (root), each scenario is captured and every ordering relation must agree
 * with the engine's run. Elsewhere the test is skipped and says why; the committed captures in
 * src/capture/fixtures are checked everywhere (fixtures.test.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { whyNoCapture } from '../capture/available'
import { captureCommand } from '../cli/capture'
import { conformance } from './check'
import { describeVerdict } from './compare'

const reason = whyNoCapture()
if (reason !== null) console.log(`live conformance skipped: ${reason}`)
const dir = reason === null ? mkdtempSync(join(tmpdir(), 'loopscope-live-conformance-')) : ''

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true })
})

describe.skipIf(reason !== null)('the engine agrees with this kernel', () => {
  it.each([
    ['fua-aio', 'mainline'],
    ['flush-no-drain', 'no-wait'],
    ['unlink-snapshot', 'jbd2-dio'],
  ] as const)('%s / %s', { timeout: 60_000 }, (scenario, variant) => {
    const file = join(dir, `${scenario}-${variant}.trace`)
    const log: string[] = []
    const code = captureCommand([scenario, '--variant', variant, '--out', file], (t) => log.push(t), (t) => log.push(t))
    expect(code, log.join('\n')).toBe(0)
    const r = conformance(scenario, variant, readFileSync(file, 'utf8'), readFileSync(`${file}.json`, 'utf8'))
    if (!r.ok) throw new Error(r.message)
    const broken = r.rows.filter((row) => !row.agree).map((row) => `${row.id}: engine ${describeVerdict(row.engine)}; kernel ${describeVerdict(row.real)}`)
    expect(broken).toEqual([])
    // The relations that matter for each scenario must actually have been exercised by the kernel.
    const exercised = r.rows.filter((row) => row.real.holds !== 'n/a').map((row) => row.id)
    expect(exercised).toContain('loop-flush-reaches-backing')
  })
})
