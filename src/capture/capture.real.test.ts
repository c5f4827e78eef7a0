/**
 * capture on the real kernel, where the machine allows it (root, the loop driver, tracefs,
 * losetup): fua-aio and flush-no-drain leave block_rq_issue / block_rq_complete lines of the loop
 * device in the trace, and neither a capture nor a failed one leaves a loop device, a mount or a
 * file behind. Skipped elsewhere, with the reason.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { captureCommand } from '../cli/capture'
import { whyNoCapture } from './available'
import type { Sidecar } from './run'

const reason = whyNoCapture()
const canCapture = reason === null
if (!canCapture) console.log(`capture.real.test: skipped: ${reason}`)

/** A parent for the temp dirs and outputs of these tests only: what is in it at the end is left over. */
const parent = canCapture ? mkdtempSync(join(tmpdir(), 'loopscope-capture-test-')) : ''

afterAll(() => {
  if (parent !== '') rmSync(parent, { recursive: true, force: true })
})

function capture(...argv: string[]): { code: number; out: string; err: string } {
  const out: string[] = []
  const err: string[] = []
  const code = captureCommand([...argv, '--dir', parent], (t) => out.push(t), (t) => err.push(t))
  return { code, out: out.join('\n'), err: err.join('\n') }
}

/** Loop devices and mounts that refer to `parent`, and what `parent` holds besides trace outputs. */
function leftovers(): string[] {
  const loops = execFileSync('losetup', ['-a'], { encoding: 'utf8', env: { ...process.env, PATH: `${process.env['PATH'] ?? ''}:/usr/sbin:/sbin` } })
    .split('\n')
    .filter((l) => l.includes(parent))
  const mounts = readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .filter((l) => l.includes(parent))
  const files = readdirSync(parent).filter((f) => !/\.trace(\.json)?$/.test(f))
  return [...loops, ...mounts, ...files]
}

describe.skipIf(!canCapture)('capture on this kernel', () => {
  for (const [id, variant] of [
    ['fua-aio', 'mainline'],
    ['flush-no-drain', 'no-wait'],
  ] as const) {
    it(`${id} / ${variant}: the loop device's requests are issued and completed, and nothing is left`, { timeout: 30_000 }, () => {
      const file = join(parent, `${id}.trace`)
      const r = capture(id, '--variant', variant, '--out', file, '--json')
      expect(r.err).toBe('')
      expect(r.code).toBe(0)
      const side = JSON.parse(r.out) as Sidecar
      expect(JSON.parse(readFileSync(`${file}.json`, 'utf8'))).toEqual(side)
      const loop = side.devices.find((d) => d.role === 'loop')
      expect(loop).toBeDefined()
      const dev = loop?.traceDev ?? '?'
      const trace = readFileSync(file, 'utf8')
      expect(trace).toMatch(new RegExp(`block_rq_issue: ${dev} W`))
      expect(trace).toMatch(new RegExp(`block_rq_complete: ${dev} W`))
      // The post-flush of the FUA write, or the flush of flush-no-drain, reaches the loop device.
      expect(trace).toMatch(new RegExp(`block_rq_issue: ${dev} FF `))
      expect(trace).toMatch(/tracing_mark_write: loopscope: step 0 begin write/)
      expect(side.workload.steps.every((s) => s.status === 0)).toBe(true)
      expect(side.loop.dioRequested).toBe(true)
      expect(side.kernel).toMatch(/^\d+\.\d+/)
      expect(side.cleanup.every((c) => c.ok)).toBe(true)
      expect(side.leftovers).toEqual([])
      expect(leftovers()).toEqual([])
    })
  }

  for (const [id, failAt] of [
    ['flush-no-drain', 'workload'],
    ['unlink-snapshot', 'setup'],
  ] as const) {
    it(`${id}: a failure at ${failAt} undoes the loop device, the mounts and the files`, { timeout: 30_000 }, () => {
      const file = join(parent, `failed-${id}.trace`)
      const r = capture(id, '--out', file, '--fail-at', failAt)
      expect(r.code).toBe(1)
      expect(r.err).toMatch(new RegExp(`injected failure at ${failAt}`))
      expect(r.err).toMatch(/everything capture made was undone/)
      expect(existsSync(file)).toBe(false)
      expect(existsSync(`${file}.json`)).toBe(false)
      expect(leftovers()).toEqual([])
    })
  }
})
