import type { GuestThread, WorkOp } from '../config'
import { Ev } from '../events'
import type { Sim } from '../kernel/sim'
import { Flag, Op } from '../vocabulary'
import type { GuestSide } from './guestSide'
import type { LoopDevice } from './loop'
import type { OutsideEvents } from './outside'

const OP_CODE = { write: Op.WRITE, read: Op.READ, discard: Op.DISCARD, write_zeroes: Op.WRITE_ZEROES } as const

/**
 * A guest thread running an explicit operation list against /dev/loop0 with O_DIRECT. An I/O op
 * submits a bio and moves on unless it says `wait`; `wait` alone waits for everything the thread
 * has outstanding. So "write a, write b, flush" submits the flush while a and b may be in flight,
 * and "write a, write b, wait, flush" does not.
 */
export class ThreadRunner {
  private i = 0
  private readonly outstanding = new Set<number>()
  private waitingFor: number | 'all' | null = null
  readonly labels = new Map<string, number>()
  completedIos = 0

  constructor(
    private readonly sim: Sim,
    private readonly thread: GuestThread,
    private readonly lane: number,
    private readonly guest: GuestSide,
    private readonly loop: LoopDevice,
    private readonly outside: OutsideEvents,
    private readonly submitNs: number,
  ) {}

  start(): void {
    this.sim.foreground++
    this.sim.later(0, () => this.step())
  }

  private step(): void {
    const ops = this.thread.ops
    if (this.i >= ops.length) {
      this.sim.foreground--
      return
    }
    const op = ops[this.i++] as WorkOp
    const submitNs = this.submitNs
    switch (op.op) {
      case 'write':
      case 'read':
      case 'discard':
      case 'write_zeroes': {
        let flags = Flag.DIRECT | Flag.SYNC
        if (op.op === 'write' && op.fua) flags |= Flag.FUA
        if (op.op === 'write' && op.preflush) flags |= Flag.PREFLUSH
        if (op.op === 'write_zeroes' && op.unmap === false) flags |= Flag.NOUNMAP
        const bio = this.guest.submit(OP_CODE[op.op], flags, op.block, op.count, this.lane, -1, (b) => this.done(b))
        this.track(bio, op.label, op.wait, submitNs)
        return
      }
      case 'flush': {
        const bio = this.guest.flush(this.lane, -1, (b) => this.done(b))
        this.track(bio, op.label, op.wait, submitNs)
        return
      }
      case 'wait':
        if (this.outstanding.size === 0) this.sim.later(0, () => this.step())
        else this.waitingFor = 'all'
        return
      case 'sleep':
        this.sim.later(op.ns, () => this.step())
        return
      case 'set_direct_io':
        this.loop.setDirectIo(op.on, () => this.sim.later(0, () => this.step()))
        return
      case 'outside':
        this.outside.trigger(op.event)
        this.sim.later(0, () => this.step())
        return
    }
  }

  private track(bio: number, label: string | null, wait: boolean, submitNs: number): void {
    this.outstanding.add(bio)
    if (label !== null) this.labels.set(label, bio)
    if (wait) this.waitingFor = bio
    else this.sim.later(submitNs, () => this.step())
  }

  private done(bio: number): void {
    this.outstanding.delete(bio)
    this.completedIos++
    this.sim.emit(Ev.ACK, bio)
    const w = this.waitingFor
    if (w === bio || (w === 'all' && this.outstanding.size === 0)) {
      this.waitingFor = null
      this.step()
    }
  }
}
