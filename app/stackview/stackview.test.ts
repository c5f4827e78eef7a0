import { describe, expect, it } from 'vitest'
import { Ev, FlushStep, Layer, PAGE } from '../../src/engine'
import { NOT_CACHED } from '../blockmap/classify'
import { RequestIndex, requestIndexOf } from './requestIndex'
import { testRun } from './testRuns'
import { activityAt, countsOf, groupOf, MAX_TOKENS, tokenOf } from './tokens'

/** Requests submitted and not completed after `index` events, straight from the request table. */
function bruteActive(run: ReturnType<typeof testRun>, index: number): number[] {
  const r = run.p.requests
  const out: number[] = []
  for (let id = 0; id < r.length; id++) {
    const s = r.submitEv[id] as number
    const c = r.completeEv[id] as number
    if (s >= 0 && s < index && !(c >= 0 && c < index)) out.push(id)
  }
  return out
}

describe('request index', () => {
  it('finds every START record, and the worker lane it names', () => {
    const run = testRun('aio-order', 'cgroup-workers')
    const ix = new RequestIndex(run.p)
    const { log } = run.p
    let starts = 0
    for (let i = 0; i < log.length; i++) {
      if (log.kind[i] !== Ev.START) continue
      starts++
      const a = log.a[i] as number
      expect(ix.startEv[a]).toBeLessThanOrEqual(i)
      if (ix.startEv[a] === i) expect(ix.startLane[a]).toBe(log.b[i])
    }
    expect(starts).toBeGreaterThan(0)
    expect(ix.layerStarts[Layer.LOOP]).toBe(true)
    expect(ix.layerStarts[Layer.GUEST_BLK]).toBe(false)
  })

  it('knows the active requests at any index, across checkpoints', () => {
    const run = testRun('aio-order', 'cgroup-workers')
    const ix = requestIndexOf(run)
    expect(requestIndexOf(run)).toBe(ix)
    expect(ix.interval).toBeLessThan(run.p.events)
    for (const at of [
      0,
      1,
      2,
      255,
      256,
      257,
      1000,
      2048,
      3333,
      4097,
      run.p.events - 1,
      run.p.events,
    ]) {
      expect(ix.activeAt(at).filter((id) => id !== 0)).toEqual(
        bruteActive(run, at).filter((id) => id !== 0),
      )
    }
  })

  it('reports completions of the last few events, newest first', () => {
    const run = testRun('unlink-snapshot', 'jbd2')
    const ix = requestIndexOf(run)
    // The first guest write (#1) completes right after its loop request (#2).
    const ce = run.p.requests.completeEv
    const at = (ce[1] as number) + 1
    expect(ix.recentAt(at, 8)).toEqual([
      { id: 1, age: 0 },
      { id: 2, age: (ce[1] as number) - (ce[2] as number) },
    ])
    expect(ix.recentAt(0)).toEqual([])
  })

  it('a loop request is queued until a worker starts it; a guest request is in flight once submitted', () => {
    const run = testRun('unlink-snapshot', 'jbd2')
    const ix = requestIndexOf(run)
    const start = ix.startEv[2] as number
    expect(run.p.requests.layer[2]).toBe(Layer.LOOP)
    expect(start).toBeGreaterThan(run.p.requests.submitEv[2] as number)
    expect(ix.started(2, start)).toBe(false)
    expect(ix.started(2, start + 1)).toBe(true)
    expect(run.p.requests.layer[1]).toBe(Layer.GUEST_BLK)
    expect(ix.started(1, (run.p.requests.submitEv[1] as number) + 1)).toBe(true)
  })

  it('follows the blk-flush machine of a PREFLUSH|FUA write step by step', () => {
    const run = testRun('unlink-snapshot', 'jbd2')
    const ix = requestIndexOf(run)
    // Request #11, “rm”: PREFLUSH, DATA, POSTFLUSH, DONE, each recorded by a FLUSH_STEP record.
    const { log } = run.p
    const steps: Array<[number, number]> = []
    for (let i = 0; i < log.length; i++)
      if (log.kind[i] === Ev.FLUSH_STEP && log.a[i] === 11) steps.push([i, log.b[i] as number])
    expect(steps.map(([, b]) => b)).toEqual([
      FlushStep.PREFLUSH,
      FlushStep.DATA,
      FlushStep.POSTFLUSH,
      FlushStep.DONE,
    ])
    expect(ix.flushStepAt(11, (steps[0] as [number, number])[0])).toBe(0)
    for (const [i, step] of steps) expect(ix.flushStepAt(11, i + 1)).toBe(step)
    expect(ix.flush.get(11)?.mask).toBe(
      FlushStep.PREFLUSH | FlushStep.DATA | FlushStep.POSTFLUSH | FlushStep.DONE,
    )
  })
})

describe('tokens', () => {
  it('labels requests the way the diagram shows them', () => {
    const fua = testRun('fua-aio', 'mainline')
    const ix = requestIndexOf(fua)
    expect(tokenOf(fua.p, ix, 1).label).toBe('FUA W 7 “w”')
    expect(tokenOf(fua.p, ix, 1).kind).toBe('fua')
    expect(tokenOf(fua.p, ix, 5).label).toBe('FLUSH')
    const un = testRun('unlink-snapshot', 'jbd2')
    const ux = requestIndexOf(un)
    expect(tokenOf(un.p, ux, 11).label).toBe('PF·FUA W 14 “rm”')
    expect(tokenOf(un.p, ux, 13).label).toBe('WB 9–13')
    expect(tokenOf(un.p, ux, 13).title).toMatch(/host block layer WRITE #13/)
  })

  it('shows tokens when few and counts by kind when many', () => {
    const run = testRun('aio-order', 'libaio')
    const ix = requestIndexOf(run)
    const writes: number[] = []
    for (let id = 1; id < run.p.requests.length && writes.length < MAX_TOKENS + 3; id++)
      if (run.p.requests.layer[id] === Layer.GUEST_BLK) writes.push(id)
    const few = groupOf(run.p, ix, writes.slice(0, MAX_TOKENS))
    expect(few.tokens).toHaveLength(MAX_TOKENS)
    expect(few.counts).toEqual([])
    const many = groupOf(run.p, ix, writes)
    expect(many.total).toBe(MAX_TOKENS + 3)
    expect(many.tokens).toEqual([])
    expect(many.counts.reduce((a, c) => a + c.n, 0)).toBe(MAX_TOKENS + 3)
  })

  it('puts each request at its layer, the loop flush on its worker, and the flush step in progress', () => {
    const run = testRun('unlink-snapshot', 'jbd2')
    const ix = requestIndexOf(run)
    const r = run.p.requests
    const { log } = run.p
    // Just after #11 moved to POSTFLUSH: it is the only guest request, in flight, at that step.
    let post = -1
    for (let i = 0; i < log.length && post < 0; i++)
      if (log.kind[i] === Ev.FLUSH_STEP && log.a[i] === 11 && log.b[i] === FlushStep.POSTFLUSH)
        post = i + 1
    const a = activityAt(run.p, ix, post)
    expect(a.layers[Layer.GUEST_BLK]?.inflight.tokens.map((t) => t.id)).toEqual([11])
    const row = a.flush.find((f) => f.token.id === 11)
    expect(row?.step).toBe(FlushStep.POSTFLUSH)
    expect(row?.age).toBe(-1)
    // Every loop request a worker started shows on that worker.
    for (let id = 1; id < r.length; id++) {
      if (r.layer[id] !== Layer.LOOP || (ix.startEv[id] as number) < 0) continue
      const start = ix.startEv[id] as number
      const lane = ix.startLane[id] as number
      expect(
        activityAt(run.p, ix, start + 1)
          .lanes.get(lane)
          ?.tokens.map((t) => t.id),
      ).toContain(id)
      expect(
        activityAt(run.p, ix, start).layers[Layer.LOOP]?.queued.tokens.map((t) => t.id),
      ).toContain(id)
    }
    // A disk request is queued until the disk starts it, then in flight, then just completed.
    const disk = [...Array(r.length).keys()].find(
      (id) =>
        r.layer[id] === Layer.DISK && (ix.startEv[id] as number) > (r.submitEv[id] as number) + 1,
    ) as number
    const start = ix.startEv[disk] as number
    expect(
      activityAt(run.p, ix, start).layers[Layer.DISK]?.queued.tokens.map((t) => t.id),
    ).toContain(disk)
    expect(
      activityAt(run.p, ix, start + 1).layers[Layer.DISK]?.inflight.tokens.map((t) => t.id),
    ).toContain(disk)
    expect(
      activityAt(run.p, ix, (r.completeEv[disk] as number) + 1).layers[Layer.DISK]?.done.tokens.map(
        (t) => t.id,
      ),
    ).toContain(disk)
    // Host block layer flushes go through their own flush sequence.
    const hostFlush = [...ix.flush.keys()].find((id) => r.layer[id] === Layer.HOST_BLK) as number
    expect(
      activityAt(run.p, ix, (r.submitEv[hostFlush] as number) + 2).flush.find(
        (f) => f.token.id === hostFlush,
      )?.layer,
    ).toBe(Layer.HOST_BLK)
  })

  it('counts pages, the disk cache and media off the replayed state', () => {
    const run = testRun('unlink-snapshot', 'jbd2')
    const { log } = run.p
    // Just after the commit block (block 14) reached the disk cache: the five journal blocks
    // before it are on media and durable, all six pages are clean in the host page cache.
    let at = -1
    for (let i = 0; i < log.length && at < 0; i++)
      if (log.kind[i] === Ev.CACHE_PUT && log.a[i] === 14) at = i + 1
    const c = countsOf(run, run.stateAt(at))
    expect(c.diskCached).toBe(1)
    expect(c.mediaWritten).toBe(5)
    expect(c.durable).toBe(5)
    expect(c.host.dirty + c.host.writeback + c.host.clean).toBe(6)
    expect(c.dio).toBe(false)
    const end = countsOf(run, run.stateAt(run.p.events))
    expect(end.diskCached).toBe(0)
  })

  it('knows the loop mode only once the loop device is set up', () => {
    const run = testRun('flush-no-drain', 'wait-then-flush')
    const { log } = run.p
    const set = Array.from(log.kind.subarray(0, log.length)).indexOf(Ev.DIO_MODE)
    expect(set).toBeGreaterThanOrEqual(0)
    const before = countsOf(run, run.stateAt(set))
    expect(before.configured).toBe(false)
    const after = countsOf(run, run.stateAt(set + 1))
    expect(after.configured).toBe(true)
    expect(after.dio).toBe(run.p.config.stack.loop.directIo)
  })

  it('counts the same as a plain scan of every array', () => {
    for (const [id, variant] of [
      ['aio-order', 'libaio'],
      ['dio-holes', 'modern'],
      ['unlink-snapshot', 'barrier-assumed'],
    ] as const) {
      const run = testRun(id, variant)
      // In this order the count tracker steps forward, back, jumps, and steps again.
      const e = run.p.events
      for (const at of [
        0,
        7,
        8,
        3,
        Math.floor(e / 3),
        Math.floor(e / 3) + 40,
        Math.floor(e / 2),
        e,
        e - 1,
        1,
        Math.floor(e / 2) - 17,
      ]) {
        const s = run.stateAt(at)
        const pages = (st: Uint8Array) => {
          const c = { dirty: 0, writeback: 0, clean: 0 }
          for (const x of st) {
            if (x === PAGE.DIRTY) c.dirty++
            else if (x === PAGE.CLEAN) c.clean++
            else if (x !== PAGE.ABSENT) c.writeback++
          }
          return c
        }
        const c = countsOf(run, s)
        expect(c.guest).toEqual(pages(s.guestPageState))
        expect(c.host).toEqual(pages(s.hostPageState))
        expect(c.diskCached).toBe(s.diskCache.filter((v) => v !== NOT_CACHED).length)
        expect(c.mediaWritten).toBe(s.media.filter((v) => v > 0).length)
        expect(c.durable).toBe(s.durableLatest.filter((v) => v > 0).length)
      }
    }
  })
})
