/**
 * An engine run as blkparse text: the loop device and the backing disk print with blkparse's
 * header, action codes and RWBS letters, and importing the text gives back the same requests
 * (operations, flags, sectors, times, and so the order of completion), except where blkparse text
 * itself is ambiguous: two requests of one operation on the same sectors in flight together come
 * back paired first in, first out.
 */
import { describe, expect, it } from 'vitest'
import { Layer, runConfig, type RunResult } from '../engine'
import { resolveScenario } from '../scenarios'
import { catalogue } from '../scenarios/catalogue'
import type { BlockRequest, BlockTrace, DeviceTrace } from './blockTrace'
import { writeBlkparse } from './blkparseWrite'
import { BACKING_DEVICE, LOOP_DEVICE, traceOf } from './fromRun'
import { importTrace } from './index'

function runOf(id: string, variant?: string, cut?: (c: RunResult['config']) => void): RunResult {
  const entry = catalogue().find((e) => e.meta.id === id)
  if (!entry) throw new Error(`no scenario ${id}`)
  const r = resolveScenario(entry.file, variant)
  if (!r.ok) throw new Error(JSON.stringify(r.errors))
  if (cut) cut(r.value.config)
  return runConfig(r.value.config, r.value.seed)
}

function reimport(t: BlockTrace): BlockTrace {
  const w = writeBlkparse(t)
  expect(w.skipped).toEqual([])
  const r = importTrace(w.text)
  if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 3)))
  return r.trace
}

const withoutLine = ({ line: _line, ...r }: BlockRequest): Omit<BlockRequest, 'line'> => r
const device = (d: DeviceTrace): Omit<DeviceTrace, 'requests'> & { requests: Array<Omit<BlockRequest, 'line'>> } => ({ ...d, requests: d.requests.map(withoutLine) })

/** (operation class, sector) of data requests that overlap in time with another on the same sectors. */
function ambiguous(d: DeviceTrace): Set<string> {
  const key = (r: BlockRequest): string => `${r.op}:${r.sector}+${r.sectors}`
  const byKey = new Map<string, BlockRequest[]>()
  for (const r of d.requests) if (!r.proxy && r.sectors > 0) byKey.set(key(r), [...(byKey.get(key(r)) ?? []), r])
  const out = new Set<string>()
  for (const [k, list] of byKey) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i] as BlockRequest
        const b = list[j] as BlockRequest
        if ((a.queueT ?? 0) < (b.completeT ?? Infinity) && (b.queueT ?? 0) < (a.completeT ?? Infinity)) out.add(k)
      }
    }
  }
  return out
}

/**
 * The device with each group of same-sector requests in flight together re-paired first in,
 * first out: issue times in queue order, (data, completion) times in issue order.
 */
function fifo(d: DeviceTrace): DeviceTrace {
  const requests = d.requests.map((r) => ({ ...r }))
  for (const k of ambiguous(d)) {
    const group = requests.filter((r) => !r.proxy && `${r.op}:${r.sector}+${r.sectors}` === k).sort((a, b) => (a.queueT ?? 0) - (b.queueT ?? 0) || a.id - b.id)
    const issues = group.map((r) => r.issueT ?? Infinity).sort((a, b) => a - b)
    group.forEach((r, i) => (r.issueT = issues[i] as number))
    const ends = group.map((r) => [r.dataT ?? Infinity, r.completeT ?? Infinity] as const).sort((a, b) => a[0] - b[0])
    group.forEach((r, i) => ([r.dataT, r.completeT] = ends[i] as [number, number]))
  }
  return { ...d, requests }
}

// The two double-cache variants export the same shape; one of them (300k requests) is enough.
const cases = catalogue()
  .flatMap((e) => e.meta.variants.map((v) => [e.meta.id, v.id] as const))
  .filter(([id, v]) => id !== 'double-cache' || v === 'buffered')

describe('blkparse export of every built-in scenario', () => {
  it.each(cases)(
    '%s / %s re-imports with the same requests',
    (id, variant) => {
      const t = traceOf(runOf(id, variant))
      const back = reimport(t)
      if (t.devices.every((d) => ambiguous(d).size === 0)) {
        expect(back.warnings).toEqual([])
        expect(back.devices.map(device)).toEqual(t.devices.map(device))
        expect([back.startT, back.endT]).toEqual([t.startT, t.endT])
        return
      }
      // Two writes of the same sectors in flight together (aio-order's cgroup workers): blkparse
      // text cannot say which issue and which completion is whose, so the importer pairs them
      // first in, first out: the first queued is issued first, the first issued completes first.
      // Every request comes back, each with one completion, and no completion is left over.
      expect(`${id}/${variant}`).toBe('aio-order/cgroup-workers')
      expect(back.warnings).toEqual([])
      const paired = t.devices.map(fifo)
      expect(paired.map((d) => ambiguous(d).size)).toEqual([1, 1])
      expect(back.devices.map(device)).toEqual(paired.map(device))
      expect([back.startT, back.endT]).toEqual([t.startT, t.endT])
    },
    60_000,
  )
})

describe('the blkparse text of a run', () => {
  const run = runOf('unlink-snapshot', 'jbd2')
  const t = traceOf(run)
  const text = writeBlkparse(t).text
  const lines = text.trimEnd().split('\n')

  it('has the loop device and the backing disk, one request per bio plus the flush proxies', () => {
    expect(t.devices.map((d) => d.dev)).toEqual([LOOP_DEVICE, BACKING_DEVICE])
    const q = run.requests
    const count = (layer: number, flushRq: boolean): number => {
      let n = 0
      for (let id = 1; id < q.length; id++) if (q.layer[id] === layer && ((q.flags[id] as number) & 512) !== 0 === flushRq) n++
      return n
    }
    const [loop, disk] = t.devices as [DeviceTrace, DeviceTrace]
    expect(loop.requests.filter((r) => !r.proxy)).toHaveLength(count(Layer.GUEST_BLK, false))
    expect(loop.requests.filter((r) => r.proxy)).toHaveLength(count(Layer.LOOP, true))
    expect(disk.requests.filter((r) => !r.proxy)).toHaveLength(count(Layer.HOST_BLK, false))
    expect(disk.requests.filter((r) => r.proxy)).toHaveLength(count(Layer.DISK, true))
    expect(loop.events + disk.events).toBe(lines.length)
  })

  it("prints blkparse's default header and the action codes of a PREFLUSH|FUA write's life", () => {
    for (const l of lines) expect(l).toMatch(/^\s*\d+,\d+\s+\d+\s+\d+\s+\d+\.\d{9}\s+\d+\s+(Q|D|C)\s+[A-Z]{1,6}\s/)
    // The jbd2 commit block labelled "rm": request 11, block 14, sector 112. Queued with its flags;
    // a pre-flush; the data issued and completed without them; a post-flush; then the
    // zero-length completion that tells jbd2, at the same nanosecond as the post-flush's
    // completion that caused it, and after it.
    const loop = lines.filter((l) => l.startsWith('  7,0 ') && l.includes('5.0'))
    const life = loop.filter((l) => / 112 | 112$|FN/.test(l) && !l.includes('6.00'))
    expect(life.map((l) => l.replace(/^\s*7,0\s+0\s+\d+\s+/, ''))).toEqual([
      '5.000020000     1  Q FWFSM 112 + 8 [guest]',
      '5.000022000     1  D  FN [guest]',
      '5.000687149     0  C  FN 0 [0]',
      '5.000689149     1  D WSM 112 + 8 [guest]',
      '5.000690149     0  C WSM 112 + 8 [0]',
      '5.000692149     1  D  FN [guest]',
      '5.001256058     0  C  FN 0 [0]',
      '5.001256058     0  C WSM 112 [0]',
    ])
    // An empty flush bio (sync) on the loop device, and its zero-length completion.
    expect(lines.some((l) => /^\s*7,0\s.*\s6\.000001000\s+1\s+Q\s+FW \[guest\]$/.test(l))).toBe(true)
    expect(lines.some((l) => /^\s*7,0\s.*\s6\.000677179\s+0\s+C\s+W 0 \[0\]$/.test(l))).toBe(true)
  })

  it('keeps requests in flight at the end of a cut run in flight', () => {
    const cut = runOf('unlink-snapshot', 'jbd2', (c) => {
      c.limits.maxTimeNs = 5_000_030_000
    })
    const tc = traceOf(cut)
    const open = tc.devices.flatMap((d) => d.requests.filter((r) => r.completeT === null))
    expect(open.length).toBeGreaterThan(0)
    expect(reimport(tc).devices.map(device)).toEqual(tc.devices.map(device))
  })
})
