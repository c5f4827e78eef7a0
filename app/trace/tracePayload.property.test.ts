/**
 * Seeded property test of what the page builds from an imported trace: real traces with lines
 * cut, swapped, duplicated, dropped or given odd numbers either get refused with a place and a
 * message, or become a payload the timeline can draw (times finite and in order, every request
 * submitted once, never completed before it was submitted).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { Rng } from '../../src/engine/kernel/rng'
import { importTrace } from '../../src/formats'
import { PlayView } from '../data/runView'
import { buildTimeline } from '../timeline/layout'
import { buildTracePayload } from './tracePayload'

const REAL = [
  'blk-classic-loop0.txt',
  'blk-classic-loop1-partition.txt',
  'tracefs-loop1-partition.txt',
  'fio-iolog-v3.txt',
].map((f) =>
  readFileSync(new URL(`../../src/formats/fixtures/${f}`, import.meta.url), 'utf8')
    .split('\n')
    .slice(0, 120),
)

const ODD = ['0', '-1', '4294967296', '18446744073709551615', '999999999999', '7,0', '254,0']

function mutate(rng: Rng, base: string[]): string {
  const lines = [...base]
  for (let m = 1 + rng.int(4); m > 0; m--) {
    const i = rng.int(lines.length)
    const line = lines[i] ?? ''
    switch (rng.int(5)) {
      case 0:
        lines[i] = line.slice(0, rng.int(line.length + 1))
        break
      case 1:
        lines.splice(i, 0, line)
        break
      case 2:
        lines.splice(i, 1)
        break
      case 3: {
        const j = rng.int(lines.length)
        lines[i] = lines[j] ?? ''
        lines[j] = line
        break
      }
      default: {
        const nums = [...line.matchAll(/\d+/g)]
        const hit = nums[rng.int(Math.max(1, nums.length))]
        if (hit?.index !== undefined)
          lines[i] =
            line.slice(0, hit.index) +
            (ODD[rng.int(ODD.length)] as string) +
            line.slice(hit.index + hit[0].length)
      }
    }
  }
  return lines.join('\n')
}

describe('seeded mutations of real traces, through to the timeline', () => {
  it('are refused with a place, or drawn with their invariants', () => {
    const rng = new Rng(6)
    let drawn = 0
    for (let k = 0; k < 300; k++) {
      const text = mutate(rng, REAL[rng.int(REAL.length)] as string[])
      const r = importTrace(text)
      if (!r.ok) {
        for (const e of r.errors)
          expect(e.line >= 1 && e.col >= 1 && e.message.length > 10, `mutation ${k}`).toBe(true)
        continue
      }
      if (r.trace.devices.length === 0) continue
      const { payload: p } = buildTracePayload(r.trace, `m${k}.txt`)
      const q = p.requests
      for (let i = 0; i < p.events; i++) {
        expect(Number.isFinite(p.log.time[i]), `mutation ${k}`).toBe(true)
        if (i > 0)
          expect(p.log.time[i], `mutation ${k}`).toBeGreaterThanOrEqual(p.log.time[i - 1] as number)
      }
      for (let id = 1; id < q.length; id++) {
        expect(q.submitEv[id], `mutation ${k}`).toBeGreaterThanOrEqual(0)
        const c = q.completeT[id] as number
        expect(c === -1 || c >= (q.submitT[id] as number), `mutation ${k}`).toBe(true)
      }
      expect(buildTimeline(p, new PlayView(p).duration).requests).toBe(q.length - 1)
      drawn++
    }
    expect(drawn).toBeGreaterThan(50)
  }, 60_000)
})
