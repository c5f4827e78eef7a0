import { Ev } from '../events'
import { assert, InvariantError } from './assert'
import { EventLog } from './log'
import { EventQueue, type PoppedEvent } from './queue'
import { RequestTable } from './requests'
import type { Rng } from './rng'

export type Handler = (a: number, b: number) => void

export interface Limits {
  maxEvents: number
  maxTimeNs: number
}

/** Why a run stopped. */
export type StopReason = 'idle' | 'power-loss' | 'max-events' | 'max-time'

/**
 * The discrete-event core every layer shares: the clock, the queue, the log and the request
 * table. Layers register handlers once and schedule (handler, a, b) triples; nothing else can move
 * time forward, so a run is a pure function of its configuration and seed.
 */
export class Sim {
  now = 0
  readonly queue = new EventQueue()
  readonly log = new EventLog()
  readonly req = new RequestTable()
  private readonly handlers: Handler[] = []
  private stopped: StopReason | null = null
  private readonly closures: Array<(() => void) | null> = []
  private readonly freeSlots: number[] = []
  private readonly aClosure: number
  /** Requests submitted and not yet completed, across all layers. */
  inflight = 0
  /** Work that keeps the run alive besides requests (workload threads, pending outside events). */
  foreground = 0

  constructor(
    readonly rng: Rng,
    readonly limits: Limits,
  ) {
    this.aClosure = this.on((slot) => {
      const fn = this.closures[slot]
      if (!fn) throw new InvariantError(`closure slot ${slot} is empty`)
      this.closures[slot] = null
      this.freeSlots.push(slot)
      fn()
    })
  }

  /** Runs `fn` after `delayNs`. For paths that are not hot; hot paths schedule handler codes. */
  later(delayNs: number, fn: () => void): void {
    const slot = this.freeSlots.length > 0 ? (this.freeSlots.pop() as number) : this.closures.length
    this.closures[slot] = fn
    this.after(delayNs, this.aClosure, slot)
  }

  /** Registers a handler and returns the action code to schedule it with. */
  on(handler: Handler): number {
    this.handlers.push(handler)
    return this.handlers.length - 1
  }

  after(delayNs: number, action: number, a = 0, b = 0): void {
    assert(Number.isInteger(delayNs) && delayNs >= 0, `delay must be a non-negative integer, got ${delayNs}`)
    this.queue.push(this.now + delayNs, action, a, b)
  }

  at(t: number, action: number, a = 0, b = 0): void {
    assert(Number.isInteger(t) && t >= this.now, `cannot schedule at ${t}, now is ${this.now}`)
    this.queue.push(t, action, a, b)
  }

  emit(kind: number, a = 0, b = 0, c = 0): number {
    return this.log.append(kind, this.now, a, b, c)
  }

  /** Creates a request in a layer and logs its submission. */
  submit(layer: number, op: number, flags: number, block: number, count: number, parent: number, lane: number): number {
    const id = this.req.add(layer, op, flags, block, count, parent, lane)
    this.req.submitT[id] = this.now
    this.req.submitEv[id] = this.emit(Ev.SUBMIT, id, layer, op)
    this.inflight++
    return id
  }

  start(id: number, lane: number): void {
    const r = this.req
    assert(id >= 0 && id < r.length, `start of unknown request ${id}`)
    assert((r.startT[id] as number) < 0, `request ${id} started twice`)
    assert(!r.isComplete(id), `request ${id} started after it completed`)
    r.startT[id] = this.now
    r.lane[id] = lane
    this.emit(Ev.START, id, lane)
  }

  /** Completes a request: exactly once, and never before it was submitted. */
  complete(id: number, status = 0): void {
    const r = this.req
    if (id < 0 || id >= r.length) throw new InvariantError(`completion of unknown request ${id}`)
    if (r.isComplete(id)) throw new InvariantError(`request ${id} completed twice`)
    if ((r.submitEv[id] as number) < 0 || (r.submitT[id] as number) > this.now) {
      throw new InvariantError(`request ${id} completed before it was submitted`)
    }
    r.completeT[id] = this.now
    r.status[id] = status
    r.completeEv[id] = this.emit(Ev.COMPLETE, id, status)
    this.inflight--
  }

  /** Ends the run now (host power loss): nothing after this instant happens. */
  halt(reason: StopReason): void {
    this.stopped = reason
  }

  run(): StopReason {
    const ev: PoppedEvent = { t: 0, action: 0, a: 0, b: 0 }
    const { maxEvents, maxTimeNs } = this.limits
    while (this.stopped === null) {
      if (this.queue.peekTime() > maxTimeNs) return this.queue.size === 0 ? 'idle' : 'max-time'
      if (!this.queue.pop(ev)) return 'idle'
      assert(ev.t >= this.now, `time went backwards: ${ev.t} < ${this.now}`)
      this.now = ev.t
      const h = this.handlers[ev.action]
      if (h === undefined) throw new InvariantError(`no handler for action ${ev.action}`)
      h(ev.a, ev.b)
      if (this.stopped !== null) return this.stopped
      if (this.log.length >= maxEvents) return 'max-events'
      // Timers alone (writeback, destage, journal) do not keep a finished run going.
      if (this.foreground === 0 && this.inflight === 0) return 'idle'
    }
    return this.stopped
  }
}
