import { Ev } from '../events'
import type { Sim } from '../kernel/sim'
import { Extent, Flag, Op } from '../vocabulary'

/** A metadata change: a file block's extent state, and the data version it stands for (or 0). */
export interface ExtentChange {
  state: number
  version: number
}

/** Journal blocks of transaction t carry data version JOURNAL_BASE - t. */
export const JOURNAL_BASE = -10

/**
 * The host file system's jbd2-like journal. Changes gather in the running transaction; a commit
 * writes the descriptor and metadata blocks, waits for them, then writes the commit block with
 * PREFLUSH|FUA (R7), and only when that completes is the transaction durable. One commit runs at a
 * time; commits start on fsync and on the commit-interval timer.
 */
export class HostJournal {
  running = new Map<number, ExtentChange>()
  private runningId = 1
  private committing: { id: number; changes: Map<number, ExtentChange> } | null = null
  private commitWaiters: Array<() => void> = []
  private cursor = 0
  private readonly aTimer: number
  /** Submits a host I/O; `done` runs at its completion. */
  io: (op: number, flags: number, block: number, count: number, version: number, done: () => void) => void = () => {}
  onDurable: (id: number, changes: Map<number, ExtentChange>) => void = () => {}

  constructor(
    private readonly sim: Sim,
    private readonly regionStart: number,
    private readonly regionBlocks: number,
    intervalNs: number,
  ) {
    this.aTimer = sim.on(() => {
      if (this.running.size > 0 && this.committing === null) this.startCommit()
      sim.after(intervalNs, this.aTimer)
    })
    sim.after(intervalNs, this.aTimer)
  }

  get isCommitting(): boolean {
    return this.committing !== null
  }

  change(block: number, state: number, version: number): void {
    // A punch or zero-range earlier in this transaction still decides what the block reads as
    // (zeros) if the later change is an allocation that is not yet written: keep its version.
    const prev = this.running.get(block)
    const keep = version === 0 && state !== Extent.WRITTEN && prev !== undefined && prev.version > 0
    this.running.set(block, { state, version: keep ? prev.version : version })
    this.sim.emit(Ev.EXTENT, block, state, version)
  }

  /**
   * What fsync needs from the journal: wait for a commit in progress, then commit the running
   * transaction if it holds changes. Returns false when there was nothing to commit, so the caller
   * must issue a cache flush of its own (ext4's needs_barrier).
   */
  commitAndWait(done: (committed: boolean) => void): void {
    if (this.committing !== null) {
      this.commitWaiters.push(() => this.commitAndWait(done))
      return
    }
    if (this.running.size === 0) {
      done(false)
      return
    }
    this.commitWaiters.push(() => done(true))
    this.startCommit()
  }

  private startCommit(): void {
    const id = this.runningId++
    const changes = this.running
    this.running = new Map()
    this.committing = { id, changes }
    this.sim.emit(Ev.TXN_COMMIT, id, changes.size)
    const blocks = Math.min(this.regionBlocks - 1, 1 + Math.ceil(changes.size / 128))
    const at = this.take(blocks)
    this.io(Op.WRITE, Flag.JOURNAL | Flag.SYNC | Flag.META, at, blocks, JOURNAL_BASE - id, () => {
      // Journal blocks complete before the commit block is even submitted (R7).
      const commitAt = this.take(1)
      this.io(Op.WRITE, Flag.JOURNAL | Flag.SYNC | Flag.META | Flag.PREFLUSH | Flag.FUA, commitAt, 1, JOURNAL_BASE - id, () =>
        this.committed(id, changes),
      )
    })
  }

  private committed(id: number, changes: Map<number, ExtentChange>): void {
    this.sim.emit(Ev.TXN_DURABLE, id, changes.size)
    this.committing = null
    this.onDurable(id, changes)
    const waiters = this.commitWaiters
    this.commitWaiters = []
    for (const w of waiters) w()
  }

  /** Takes `n` contiguous blocks of the circular journal region. */
  private take(n: number): number {
    if (this.cursor + n > this.regionBlocks) this.cursor = 0
    const at = this.regionStart + this.cursor
    this.cursor += n
    return at
  }
}
