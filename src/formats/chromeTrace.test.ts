/**
 * The Chrome trace export: every built-in scenario's run gives a trace that is valid against the
 * format's rules (validateChromeTrace), survives JSON text both as one object and as streamed
 * lines, and says what the run did: one slice per request with its arrows, the page and disk
 * cache counters ending where the engine ended, and requests cut off by the end of the run marked.
 */
import { describe, expect, it } from 'vitest'
import { Layer, PAGE, runConfig, type RunResult } from '../engine'
import { resolveScenario } from '../scenarios'
import { catalogue } from '../scenarios/catalogue'
import { chromeTraceLines, chromeTraceOf, endOfRun, pidOf, type TraceEvent } from './chromeTrace'
import { validateChromeTrace } from './chromeTraceCheck'

function runOf(id: string, variant?: string, cut?: (c: RunResult['config']) => void): { run: RunResult; variant: string } {
  const entry = catalogue().find((e) => e.meta.id === id)
  if (!entry) throw new Error(`no scenario ${id}`)
  const r = resolveScenario(entry.file, variant)
  if (!r.ok) throw new Error(JSON.stringify(r.errors))
  if (cut) cut(r.value.config)
  return { run: runConfig(r.value.config, r.value.seed), variant: r.value.variant }
}

const BIG = new Set(['double-cache'])
const cases = catalogue().flatMap((e) => e.meta.variants.map((v) => [e.meta.id, v.id] as const))

describe('Chrome trace export of every built-in scenario', () => {
  it.each(cases.filter(([id]) => !BIG.has(id)))('%s / %s is a valid trace, as an object and as JSON text', (id, variant) => {
    const { run } = runOf(id, variant)
    const trace = chromeTraceOf(run, { scenario: id, variant })
    expect(validateChromeTrace(trace)).toEqual([])
    const text = JSON.stringify(trace)
    const back = JSON.parse(text) as unknown
    expect(back).toEqual(trace)
    expect(validateChromeTrace(back)).toEqual([])
    expect(JSON.parse([...chromeTraceLines(run, { scenario: id, variant })].join('\n'))).toEqual(trace)
  })

  it.each(cases.filter(([id, v]) => BIG.has(id) && v === 'buffered'))(
    '%s / %s (about 300k requests) streams a valid trace',
    (id, variant) => {
      const { run } = runOf(id, variant)
      let bytes = 0
      const lines: string[] = []
      for (const line of chromeTraceLines(run, { scenario: id, variant })) {
        bytes += line.length + 1
        lines.push(line)
      }
      const parsed = JSON.parse(lines.join('\n')) as { traceEvents: TraceEvent[] }
      expect(validateChromeTrace(parsed)).toEqual([])
      expect(parsed.traceEvents.filter((e) => e.ph === 'b' && e.name !== 'queued')).toHaveLength(run.requests.length - 1)
      expect(bytes).toBeLessThan(200_000_000)
    },
    180_000,
  )
})

describe('what the trace says about a run', () => {
  const { run, variant } = runOf('unlink-snapshot', 'jbd2')
  const trace = chromeTraceOf(run, { scenario: 'unlink-snapshot', variant })
  const events = trace.traceEvents
  const q = run.requests

  it('keeps events in time order, ts in microseconds', () => {
    for (let i = 1; i < events.length; i++) expect((events[i] as TraceEvent).ts).toBeGreaterThanOrEqual((events[i - 1] as TraceEvent).ts)
    expect(Math.max(...events.map((e) => e.ts))).toBe(endOfRun(run) / 1000)
    expect(trace.displayTimeUnit).toBe('ns')
    expect(trace.metadata).toMatchObject({ scenario: 'unlink-snapshot', variant: 'jbd2', hash: run.hash, seed: run.seed })
  })

  it('names one process per layer, and the loop worker threads', () => {
    const names = events.filter((e) => e.ph === 'M' && e.name === 'process_name').map((e) => [e.pid, e.args?.name])
    expect(names).toEqual([
      [pidOf(Layer.GUEST_BLK), 'guest block layer'],
      [pidOf(Layer.LOOP), 'loop'],
      [pidOf(Layer.HOST_CACHE), 'host page cache'],
      [pidOf(Layer.HOST_BLK), 'host block layer'],
      [pidOf(Layer.DISK), 'host disk'],
    ])
    expect(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => e.args?.name)).toEqual(['root worker'])
  })

  it('gives each request one slice from submit to completion, with its args', () => {
    for (let id = 1; id < q.length; id++) {
      const mine = events.filter((e) => e.id === id && (e.ph === 'b' || e.ph === 'e') && e.name !== 'queued')
      expect(mine.map((e) => [e.ph, e.ts * 1000])).toEqual([
        ['b', q.submitT[id]],
        ['e', q.completeT[id]],
      ])
      const begin = mine[0] as TraceEvent
      expect(begin.args).toMatchObject({ request: id, block: q.block[id], count: q.count[id] })
      expect(mine[1]?.args).toEqual({ status: 0 })
    }
    const rm = events.find((e) => e.ph === 'b' && e.args?.label === 'rm')
    expect(rm).toMatchObject({ cat: 'guest block layer', name: 'WRITE [PREFLUSH FUA SYNC META]', args: { flags: 'PREFLUSH|FUA|SYNC|META' } })
    // The blk-flush steps of that bio, in order.
    expect(events.filter((e) => e.ph === 'n' && e.id === rm?.id).map((e) => e.name)).toEqual(['blk-flush PREFLUSH', 'blk-flush DATA', 'blk-flush POSTFLUSH', 'blk-flush DONE'])
  })

  it('nests the queued part of a request that waited to start', () => {
    for (let id = 1; id < q.length; id++) {
      const queued = events.filter((e) => e.id === id && e.name === 'queued').map((e) => [e.ph, e.ts * 1000])
      if ((q.startT[id] as number) > (q.submitT[id] as number)) {
        expect(queued).toEqual([
          ['b', q.submitT[id]],
          ['e', q.startT[id]],
        ])
      } else expect(queued).toEqual([])
    }
  })

  it('draws an arrow from each request to the requests it caused, and from bios to the flush that served them', () => {
    const arrows = new Set<string>()
    const starts = new Set<number>()
    for (const e of events) {
      if (e.bind_id === undefined) continue
      if (e.flow_out) starts.add(e.bind_id)
      if (e.flow_in) arrows.add(`${e.bind_id}->${e.id}`)
    }
    for (let id = 1; id < q.length; id++) {
      const p = q.parent[id] as number
      if (p > 0) {
        expect(arrows.has(`${p}->${id}`)).toBe(true)
        expect(starts.has(p)).toBe(true)
      }
    }
    // Request 11 is the PREFLUSH|FUA bio labelled "rm": the loop flushes 12 and 18 serve it
    // (its pre-flush and its post-flush), as FLUSH_ISSUE and FLUSH_STEP say.
    expect(q.parent[12]).toBe(-1)
    expect(arrows.has('11->12')).toBe(true)
    expect(arrows.has('11->18')).toBe(true)
  })

  it('counts cache pages and disk cache blocks as the engine does', () => {
    for (const { id, variant: v } of [
      { id: 'unlink-snapshot', variant: 'jbd2' },
      { id: 'dio-alignment', variant: 'runtime-switch' },
      { id: 'aio-order', variant: 'cgroup-workers' },
    ]) {
      const r = runOf(id, v).run
      const evs = chromeTraceOf(r, { scenario: id, variant: v }).traceEvents
      const last = (pid: number, name: string): Record<string, unknown> | undefined => evs.filter((e) => e.ph === 'C' && e.pid === pid && e.name === name).at(-1)?.args
      const peak = (pid: number): number => Math.max(0, ...evs.filter((e) => e.ph === 'C' && e.pid === pid && e.name === 'page cache').map((e) => e.args?.cached as number))
      const present = (pages: Uint8Array): number => pages.filter((s) => s !== PAGE.ABSENT).length
      const dirty = (pages: Uint8Array): number => pages.filter((s) => s === PAGE.DIRTY || s === PAGE.WRITEBACK_DIRTY).length
      for (const [layer, pages, peakBytes] of [
        [Layer.GUEST_CACHE, r.final.guestPages, r.metrics.guest_cache_peak_bytes],
        [Layer.HOST_CACHE, r.final.hostPages, r.metrics.host_cache_peak_bytes],
      ] as const) {
        expect(last(pidOf(layer), 'page cache')?.cached ?? 0).toBe(present(pages))
        expect(last(pidOf(layer), 'page cache')?.dirty ?? 0).toBe(dirty(pages))
        expect(peak(pidOf(layer)) * 4096).toBe(peakBytes)
      }
      expect(last(pidOf(Layer.DISK), 'volatile write cache')?.blocks ?? 0).toBe(r.metrics.disk_cache_blocks_end)
    }
  })

  it('marks outside events and DIO mode changes as global instants', () => {
    const fuzzy = chromeTraceOf(runOf('unlink-snapshot', 'fuzzy-copy').run, { scenario: 'unlink-snapshot', variant: 'fuzzy-copy' }).traceEvents
    expect(fuzzy.filter((e) => e.ph === 'i' && e.s === 'g').map((e) => e.name)).toEqual(['direct I/O off', 'fuzzy copy starts', 'fuzzy copy ends'])
    const sw = chromeTraceOf(runOf('dio-alignment', 'runtime-switch').run, { scenario: 'dio-alignment', variant: 'runtime-switch' }).traceEvents
    expect(sw.filter((e) => e.ph === 'i' && e.s === 'g').map((e) => [e.name, e.args?.reason])).toEqual([
      ['direct I/O off', 'buffered I/O requested'],
      ['direct I/O on', 'switched at run time'],
    ])
    expect(sw.filter((e) => e.tid !== undefined && e.name === 'frozen').map((e) => e.ph)).toEqual(['B', 'E'])
  })

  it('ends the requests still in flight at the end of the run, saying so', () => {
    const { run: cut } = runOf('unlink-snapshot', 'jbd2', (c) => {
      c.limits.maxTimeNs = 5_000_030_000
    })
    expect(cut.stop).toBe('max-time')
    const trace = chromeTraceOf(cut, { scenario: 'unlink-snapshot', variant: 'jbd2' })
    expect(validateChromeTrace(trace)).toEqual([])
    const open = []
    for (let id = 1; id < cut.requests.length; id++) if ((cut.requests.submitT[id] as number) >= 0 && (cut.requests.completeT[id] as number) < 0) open.push(id)
    expect(open.length).toBeGreaterThan(0)
    const marked = trace.traceEvents.filter((e) => e.ph === 'e' && e.args?.unfinished === true)
    expect(marked.map((e) => e.id)).toEqual(open)
    for (const e of marked) expect(e.ts).toBe(endOfRun(cut) / 1000)
  })
})

describe('validateChromeTrace', () => {
  const ok: TraceEvent[] = [
    { ph: 'M', ts: 0, pid: 1, name: 'process_name', args: { name: 'p' } },
    { ph: 'b', ts: 1, pid: 1, cat: 'c', id: 1, name: 'A', bind_id: 1, flow_out: true },
    { ph: 'b', ts: 2, pid: 1, cat: 'c', id: 2, name: 'B', bind_id: 1, flow_in: true },
    { ph: 'e', ts: 3, pid: 1, cat: 'c', id: 2, name: 'B' },
    { ph: 'e', ts: 4, pid: 1, cat: 'c', id: 1, name: 'A' },
    { ph: 'C', ts: 4, pid: 1, name: 'n', args: { v: 1 } },
    { ph: 'i', ts: 5, s: 'g', name: 'x' },
  ]

  it('accepts a well-formed trace, as an array or an object', () => {
    expect(validateChromeTrace(ok)).toEqual([])
    expect(validateChromeTrace({ traceEvents: ok, displayTimeUnit: 'ns', metadata: { a: 1 } })).toEqual([])
  })

  it('reports what breaks the rules', () => {
    const broken: unknown[] = [
      { ph: 'b', ts: -1, pid: 1, cat: 'c', id: 1, name: 'A' },
      { ph: 'e', ts: 2, pid: 1, cat: 'c', id: 1, name: 'Z' },
      { ph: 'b', ts: 3, pid: 1, id: 2, name: 'no cat' },
      { ph: 'C', ts: 3, pid: 1, name: 'n', args: { v: 'high' } },
      { ph: 'M', pid: 1, name: 'process_name', args: {} },
      { ph: 'n', ts: 4, pid: 1, cat: 'c', id: 3, name: 'in', bind_id: 9, flow_in: true },
      { ph: 'i', ts: 5, name: 'no tid' },
      { ph: 'Q', ts: 5, name: 'what' },
      { ph: 'B', ts: 6, pid: 1, tid: 1, name: 'open', args: { list: [1] }, extra: [1] },
    ]
    const problems = validateChromeTrace({ traceEvents: broken, displayTimeUnit: 'us', other: 1 })
    const expected = [
      /"other" is not a key of the format/,
      /displayTimeUnit must be "ms" or "ns"/,
      /traceEvents\[0\] \(ph b\): ts must be a finite number >= 0/,
      /traceEvents\[2\] \(ph b\): an async event needs a cat/,
      /traceEvents\[3\] \(ph C\): counter value args.v must be a finite number/,
      /traceEvents\[4\] \(ph M\): process_name needs args.name/,
      /traceEvents\[5\] \(ph n\): flow_in for bind_id 9 before any flow_out/,
      /traceEvents\[6\] \(ph i\): a thread-scoped instant needs a tid/,
      /traceEvents\[7\]: ph "Q" is not a phase/,
      /traceEvents\[8\] \(ph B\): extra holds an array/,
      /traceEvents\[1\] \(ph e\): ends nothing open/,
    ]
    for (const re of expected) expect(problems.some((p) => re.test(p)), `${re} in ${problems.join('\n')}`).toBe(true)
    expect(validateChromeTrace([{ ph: 'b', ts: 1, pid: 1, cat: 'c', id: 1, name: 'A' }, { ph: 'e', ts: 2, pid: 1, cat: 'c', id: 1, name: 'B' }])).toEqual([
      'traceEvents[1] (ph e): ends "B" but the innermost open slice on cat "c" id 1 is "A" (traceEvents[0])',
      'traceEvents[0] (ph b): "A" on cat "c" id 1 is never ended',
    ])
    expect(validateChromeTrace([{ ph: 'B', ts: 2, pid: 1, tid: 1, name: 'A' }, { ph: 'E', ts: 1, pid: 1, tid: 1 }])[0]).toMatch(/traceEvents\[1\] \(ph E\): ends nothing open on pid 1 tid 1/)
    expect(validateChromeTrace('nope')).toEqual(['top level: expected an array of events or an object with traceEvents, got "nope"'])
  })
})
