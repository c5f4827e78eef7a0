/**
 * The blk-flush state machine as loop's guest queue runs it (write cache, no FUA): how requests are
 * decomposed, that one flush in flight serves every request parked when it was issued (C1), and
 * that the flush waits while flush-sequenced data is in flight (C2). Driven by whole runs, read
 * back from the request table and the FLUSH_ISSUE records.
 */
import { describe, expect, it } from 'vitest'
import { Ev } from '../events'
import { runConfig, type RunResult } from '../run'
import { makeConfig, ops, thread } from '../testing'
import { Flag, FlushStep, Layer, Op } from '../vocabulary'
import { driverFlags, flushPolicy, nextStep } from './flushPolicy'

const loopQueue = { writeCache: true, fua: false }

describe('flushPolicy (blk_insert_flush)', () => {
  it('decomposes requests for a queue with a write cache and no FUA', () => {
    expect(flushPolicy(Op.WRITE, 0, 1, loopQueue)).toBe(FlushStep.DATA)
    expect(flushPolicy(Op.WRITE, Flag.PREFLUSH, 1, loopQueue)).toBe(FlushStep.PREFLUSH | FlushStep.DATA)
    expect(flushPolicy(Op.WRITE, Flag.FUA, 1, loopQueue)).toBe(FlushStep.DATA | FlushStep.POSTFLUSH)
    expect(flushPolicy(Op.WRITE, Flag.PREFLUSH | Flag.FUA, 1, loopQueue)).toBe(FlushStep.PREFLUSH | FlushStep.DATA | FlushStep.POSTFLUSH)
    expect(flushPolicy(Op.FLUSH, Flag.PREFLUSH, 0, loopQueue)).toBe(FlushStep.PREFLUSH)
  })

  it('passes FUA through only when the device has it, and never PREFLUSH', () => {
    expect(flushPolicy(Op.WRITE, Flag.FUA, 1, { writeCache: true, fua: true })).toBe(FlushStep.DATA)
    expect(driverFlags(Flag.FUA | Flag.PREFLUSH, { writeCache: true, fua: true })).toBe(Flag.FUA)
    expect(driverFlags(Flag.FUA | Flag.PREFLUSH, loopQueue)).toBe(0)
  })

  it('strips everything without a write cache (R5)', () => {
    const wt = { writeCache: false, fua: false }
    expect(flushPolicy(Op.FLUSH, Flag.PREFLUSH, 0, wt)).toBe(0)
    expect(flushPolicy(Op.WRITE, Flag.PREFLUSH | Flag.FUA, 1, wt)).toBe(FlushStep.DATA)
  })

  it('walks the steps in order', () => {
    expect(nextStep(0)).toBe(FlushStep.PREFLUSH)
    expect(nextStep(FlushStep.PREFLUSH)).toBe(FlushStep.DATA)
    expect(nextStep(FlushStep.PREFLUSH | FlushStep.DATA)).toBe(FlushStep.POSTFLUSH)
    expect(nextStep(FlushStep.PREFLUSH | FlushStep.DATA | FlushStep.POSTFLUSH)).toBe(FlushStep.DONE)
  })
})

function loopFlushes(r: RunResult): number[] {
  const out: number[] = []
  for (let id = 1; id < r.requests.length; id++) if (r.requests.layer[id] === Layer.LOOP && r.requests.op[id] === Op.FLUSH) out.push(id)
  return out
}

describe('the flush queue', () => {
  it('C1: one flush in flight; the requests parked meanwhile share the next one', () => {
    const r = runConfig(makeConfig({}, [thread([ops.flush(), ops.flush(), ops.flush(), ops.flush(), ops.wait()])]), 1)
    const flushes = loopFlushes(r)
    expect(flushes.length).toBe(2)
    const [first, second] = flushes as [number, number]
    expect(r.requests.submitT[second]).toBeGreaterThanOrEqual(r.requests.completeT[first] as number)
    const served: number[] = []
    for (let i = 0; i < r.events; i++) {
      if (r.log.kind[i] === Ev.FLUSH_ISSUE && r.requests.layer[r.log.a[i] as number] === Layer.LOOP) served.push(r.log.b[i] as number)
    }
    expect(served).toEqual([1, 3])
  })

  it('C2: a preflush waits while flush-sequenced data is in flight, unless deferral is off', () => {
    const work = [thread([ops.write(1, { fua: true, count: 8 }), ops.flush(), ops.wait()])]
    const deferred = runConfig(makeConfig({ loop: { directIo: true, logicalBlockSize: 4096 }, disk: { perBlockNs: 50_000 } }, work), 1)
    const eager = runConfig(makeConfig({ loop: { directIo: true, logicalBlockSize: 4096 }, disk: { perBlockNs: 50_000 }, guestBlk: { flushDeferWhileData: false } }, work), 1)
    const dataDone = (r: RunResult): number => {
      for (let id = 1; id < r.requests.length; id++) if (r.requests.layer[id] === Layer.LOOP && r.requests.op[id] === Op.WRITE) return r.requests.completeT[id] as number
      return -1
    }
    const firstFlush = (r: RunResult): number => r.requests.submitT[loopFlushes(r)[0] as number] as number
    expect(firstFlush(deferred)).toBeGreaterThanOrEqual(dataDone(deferred))
    expect(firstFlush(eager)).toBeLessThan(dataDone(eager))
  })
})
