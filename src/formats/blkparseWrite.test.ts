/**
 * The order of lines at one instant: a bio's zero-length completion is the effect of the flush
 * completion (C FN) that ended its sequence, and blkparse text must say cause, then effect, even
 * when both print at the same nanosecond and the bio's request number is the lower one. Checked
 * on a hand-made trace and on every built-in scenario's run; the text still imports back.
 */
import { describe, expect, it } from 'vitest'
import { runConfig } from '../engine'
import { resolveScenario } from '../scenarios'
import { catalogue } from '../scenarios/catalogue'
import type { BlockRequest, BlockTrace } from './blockTrace'
import { writeBlkparse } from './blkparseWrite'
import { traceOf } from './fromRun'
import { importTrace } from './index'

function request(patch: Partial<BlockRequest>): BlockRequest {
  return {
    id: 1,
    dev: '7,0',
    op: 'write',
    rwbs: 'WFS',
    preflush: false,
    fua: true,
    sync: true,
    meta: false,
    sector: 112,
    sectors: 8,
    queueT: null,
    insertT: null,
    issueT: null,
    dataT: null,
    completeT: null,
    error: 0,
    comm: 'guest',
    pid: 1,
    proxy: false,
    merged: false,
    requeues: 0,
    remappedFrom: null,
    line: 0,
    ...patch,
  }
}

/** A FUA write (request 1) whose post-flush (request 2) completes at the same nanosecond as it. */
const FUA_TRACE: BlockTrace = {
  format: 'blkparse',
  startT: 1000,
  endT: 9000,
  warnings: [],
  devices: [
    {
      dev: '7,0',
      events: 6,
      startT: 1000,
      endT: 9000,
      flushProxies: true,
      unmatched: 0,
      requests: [
        request({ id: 1, queueT: 1000, issueT: 2000, dataT: 5000, completeT: 9000 }),
        request({ id: 2, op: 'flush', rwbs: 'FN', fua: false, sync: false, sector: 0, sectors: 0, issueT: 6000, completeT: 9000, proxy: true }),
      ],
    },
  ],
}

const action = (line: string): string => line.replace(/^\s*\d+,\d+\s+\d+\s+\d+\s+\d+\.\d{9}\s+\d+\s+/, '').replace(/\s+/g, ' ')

describe('writeBlkparse at one instant', () => {
  it('prints the flush completion before the zero-length completion it causes', () => {
    const lines = writeBlkparse(FUA_TRACE).text.trimEnd().split('\n')
    expect(lines.map(action)).toEqual(['Q WFS 112 + 8 [guest]', 'D WS 112 + 8 [guest]', 'C WS 112 + 8 [0]', 'D FN [guest]', 'C FN 0 [0]', 'C WS 112 [0]'])
  })

  it('reads back as the same FUA write, closed by its zero-length completion', () => {
    const back = importTrace(writeBlkparse(FUA_TRACE).text)
    if (!back.ok) throw new Error(JSON.stringify(back.errors))
    const [write, flush] = back.trace.devices[0]?.requests ?? []
    expect(write).toMatchObject({ fua: true, sector: 112, sectors: 8, queueT: 1000, issueT: 2000, dataT: 5000, completeT: 9000 })
    expect(flush).toMatchObject({ proxy: true, issueT: 6000, completeT: 9000 })
  })

  // double-cache is left out: 300k requests of the same shapes, for many seconds of test time.
  const small = catalogue().filter((e) => e.meta.id !== 'double-cache')
  it.each(small.map((e) => [e.meta.id, e.file] as const))('%s: no zero-length completion prints before another completion of its instant and device', (id, file) => {
    const s = resolveScenario(file)
    if (!s.ok) throw new Error(`${id} does not resolve`)
    const lines = writeBlkparse(traceOf(runConfig(s.value.config, s.value.seed))).text.trimEnd().split('\n')
    let closes = 0
    const key = (l: string): string => l.replace(/^\s*(\d+,\d+)\s+\d+\s+\d+\s+(\d+\.\d{9}).*$/, '$1 $2')
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i] as string
      if (!/ C +\S+ \d+ \[-?\d+\]$/.test(l)) continue // a zero-length C: "C W 112 [0]"
      closes++
      for (let j = i + 1; j < lines.length && key(lines[j] as string) === key(l); j++) {
        expect(action(lines[j] as string), `${id}: line ${j + 1} follows the zero-length completion on line ${i + 1}`).not.toMatch(/^C +FN|^C +\S+ \d+ \+ \d+/)
      }
    }
    if (id === 'fua-aio' || id === 'unlink-snapshot') expect(closes).toBeGreaterThan(0)
  })

  it('across the two devices: down the stack upper first, back up lower first', () => {
    const entry = small.find((e) => e.meta.id === 'fua-aio')
    const s = entry && resolveScenario(entry.file, 'mainline')
    if (!s?.ok) throw new Error('fua-aio/mainline does not resolve')
    const lines = writeBlkparse(traceOf(runConfig(s.value.config, s.value.seed))).text.trimEnd().split('\n')
    const at = (re: RegExp): number => lines.findIndex((l) => re.test(l))
    // The loop issues the guest's flush (D FN on 7,0), which becomes the backing file's fsync (Q on 8,0) ...
    expect(at(/^\s*7,0 .* D +FN /)).toBeLessThan(at(/^\s*8,0 .* Q +FW /))
    // ... and the disk's flush completes (C FN on 8,0) before the loop completes the guest's (C FN on 7,0).
    expect(at(/^\s*8,0 .* C +FN /)).toBeLessThan(at(/^\s*7,0 .* C +FN /))
    expect(importTrace(lines.join('\n')).ok).toBe(true)
  })
})
