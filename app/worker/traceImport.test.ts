/**
 * The worker's trace handlers, driven as the worker drives them: a file read and imported into a
 * timeline payload (or refused with a line and column), and "crash here" answered with the same
 * exploration as `loopscope explore <trace>`, naming requests by their timeline ids.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importTrace, toTraceRequests, traceExploration } from '../../src/formats'
import { describeRequest } from '../data/describe'
import type { ImportResult, TraceAnswer } from '../trace/types'
import type { FromWorker } from './protocol'
import { askTrace, importTraceFile } from './traceImport'

const FIXTURE = readFileSync(
  new URL('../../src/formats/fixtures/blk-classic-loop0.txt', import.meta.url),
  'utf8',
)

function imported(id: number, file: Blob, name: string): Promise<ImportResult> {
  return new Promise((resolve, reject) =>
    importTraceFile({ type: 'import', id, file, name }, (m: FromWorker) =>
      m.type === 'imported' ? resolve(m.result) : reject(new Error(JSON.stringify(m))),
    ),
  )
}

function answer(
  trace: number,
  device: string,
  t: number | 'end',
  granularity: 'write' | 'sector' = 'write',
): TraceAnswer {
  let out: TraceAnswer | null = null
  askTrace(
    { type: 'trace-ask', id: 99, trace, device, t, event: 0, granularity },
    (m) => {
      if (m.type === 'trace-answer') out = m.result
    },
    (step, _progress, finish) => {
      while (!step());
      finish()
    },
  )
  if (out === null) throw new Error('no answer')
  return out
}

describe('importing in the worker', () => {
  it('reads and imports a real trace into a payload with its summary', async () => {
    const r = await imported(1, new Blob([FIXTURE]), 'blk-classic-loop0.txt')
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    const ref = importTrace(FIXTURE)
    if (!ref.ok) throw new Error('fixture')
    expect(r.format).toBe('blkparse')
    expect(r.devices.map((d) => [d.device, d.requests, d.flush_proxies])).toEqual([['7,0', 58, 9]])
    expect(r.payload.requests.length - 1).toBe(ref.trace.devices[0]?.requests.length)
    expect(r.device).toBe('7,0')
    expect(r.parseMs).toBeGreaterThanOrEqual(0)
  })

  it('refuses a broken file with the line and column of each problem, the first five of them', async () => {
    const lines = FIXTURE.split('\n')
    for (const i of [5, 8, 11, 14, 17, 20, 23])
      lines[i] = (lines[i] ?? '').replace(/^(\s*\d+,\d+\s+\d+\s+[\d.]+\s+\d+\s+)\S+/, '$1Z')
    const r = await imported(2, new Blob([lines.join('\n')]), 'bad.txt')
    if (r.ok) throw new Error('accepted')
    expect(r.errors.map((e) => `${e.line}:${e.col}`)).toEqual([
      '6:35',
      '9:35',
      '12:35',
      '15:35',
      '18:35',
    ])
    expect([r.errorCount, r.capped]).toEqual([7, false])
  })

  it('refuses binary files and files over the limit without parsing them', async () => {
    const bin = await imported(
      3,
      new Blob([new Uint8Array([0x42, 0, 0, 7, 0])]),
      'trace.blktrace.0',
    )
    expect(bin.ok ? '' : bin.errors[0]?.message).toMatch(/binary file.*blkparse -i/)
    const huge = await imported(4, new Blob([new Uint8Array(64 * 2 ** 20 + 1)]), 'huge.txt')
    expect(huge.ok ? '' : huge.errors[0]?.message).toMatch(
      /^the file is 64\.0 MiB; loopscope opens traces up to 64\.0 MiB/,
    )
  })
})

describe('crash here on the imported trace', () => {
  it('counts what `loopscope explore` counts, and names requests by their timeline ids', async () => {
    const r = await imported(5, new Blob([FIXTURE]), 'blk-classic-loop0.txt')
    if (!r.ok) throw new Error('import')
    const ref = importTrace(FIXTURE)
    if (!ref.ok) throw new Error('fixture')
    const x = toTraceRequests(ref.trace, ref.trace.devices[0] as never)
    for (const t of [1_504_000, 12_000_000, 'end'] as const) {
      for (const g of ['write', 'sector'] as const) {
        const e = traceExploration(x, t === 'end' ? x.end : t, { granularity: g })
        while (!e.advance(65_536));
        const a = answer(5, '7,0', t, g)
        expect(a.result.states_total).toBe(e.result().states_total)
        expect(a.result.states_checked).toBe(e.result().states_checked)
      }
    }
    const end = answer(5, '7,0', 'end')
    expect(end.t).toBe(x.end)
    // The capture stopped after sync's last metadata writes, before a flush covered them.
    expect(end.uncovered.map((id) => describeRequest(r.payload, id))).toEqual(
      [2, 4, 520, 534, 550, 556, 8742].map(
        (s, i) => `7,0 WRITE WSM sectors ${s}+2 [sync] #${61 + i}`,
      ),
    )
    expect(end.inFlight).toEqual([])
    const fua = end.groups.filter((g) => g.rule === 'fua')
    expect(fua.length).toBe(4)
    for (const g of fua)
      expect(describeRequest(r.payload, g.by)).toMatch(
        /^7,0 WRITE F?WFSM? sectors \d+\+\d+ \[jbd2\/loop0-8\] #\d+ \[.*FUA\]$/,
      )
    for (const g of end.groups.filter((x) => x.rule === 'flush'))
      expect(describeRequest(r.payload, g.by)).toMatch(/block-layer flush FN|FLUSH/)
  })

  it('says so when the trace asked about is no longer the open one', async () => {
    await imported(6, new Blob([FIXTURE]), 'a.txt')
    expect(() => answer(5, '7,0', 'end')).toThrow(/no longer open/)
    expect(() => answer(6, '9,9', 'end')).toThrow(/no device 9,9/)
  })
})
