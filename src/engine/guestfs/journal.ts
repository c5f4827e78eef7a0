import type { FsDiscipline } from '../config'
import type { Sim } from '../kernel/sim'
import { Flag } from '../vocabulary'
import { type CommitIo, commitAsync, commitBarrierAssumed, commitJbd2, type Txn, type TxnRecord } from './commit'
import type { FsState } from './fs'
import { type FsLayout, journalBlock } from './layout'
import type { BlockWriter } from './writer'

/** How a commit ended, for whoever waited for it: the request whose completion committed it. */
export interface Committed {
  seq: number
  bio: number
  ok: boolean
}

export type CommitWaiter = (c: Committed | null) => void

const META = Flag.META | Flag.SYNC

/**
 * The guest journal (a toy jbd2). One transaction runs (collects changes in FsState), at most one
 * commits at a time, and committed transactions hold their journal space until their checkpoint
 * is durable and the journal superblock's tail has moved past them. Journal space is a circular
 * area addressed by a running position; `live` holds the transactions that occupy it, oldest first.
 */
export class GuestJournal {
  private nextSeq = 1
  lastCommitted = 0
  aborted = false
  private committing: Txn | null = null
  private nextWaiters: CommitWaiter[] = []
  private runningLabels: string[] = []
  private timerWants = false
  private live: Txn[] = []
  private head = 0
  private spaceSeq = 1
  /** The tail last written (or being written) to the journal superblock. */
  private tailSeq = 1
  private spaceWaiter: (() => void) | null = null
  readonly records: TxnRecord[] = []
  private readonly io: CommitIo

  constructor(
    sim: Sim,
    private readonly layout: FsLayout,
    private readonly discipline: FsDiscipline,
    private readonly fs: FsState,
    private readonly writer: BlockWriter,
    intervalNs: number,
    label: (label: string, bio: number) => void,
  ) {
    this.io = { layout, writer, label, flushing: () => this.flushing() }
    // kjournald2's commit timer. It never keeps a finished run alive: it holds no foreground count.
    const tick = (): void => {
      if (this.fs.isDirty && !this.aborted) {
        if (this.committing === null) this.startCommit()
        else this.timerWants = true
      }
      sim.later(intervalNs, tick)
    }
    sim.later(intervalNs, tick)
  }

  /** The sequence the running transaction will commit as. */
  get runningSeq(): number {
    return this.nextSeq
  }

  /** An op's label that names the commit of the running transaction (create, unlink, rename). */
  labelRunning(label: string): void {
    this.runningLabels.push(label)
  }

  /**
   * What fsync and sync need (jbd2_complete_transaction): commit the running transaction if it
   * holds changes and wait for it, or wait for the committing one. `null` when there was nothing
   * to wait for: the caller then issues its own cache flush, as ext4_sync_file does.
   */
  commitAndWait(cb: CommitWaiter): void {
    if (this.aborted) cb({ seq: this.lastCommitted, bio: -1, ok: false })
    else if (this.fs.isDirty) {
      this.nextWaiters.push(cb)
      if (this.committing === null) this.startCommit()
    } else if (this.committing !== null) {
      const { seq, record } = this.committing
      this.committing.waiters.push((ok) => cb({ seq, bio: record.flush ?? record.commit, ok }))
    } else cb(null)
  }

  /** blkdev_issue_flush. Its completion makes completed checkpoint writes durable, so the tail may move. */
  flush(done: (bio: number, ok: boolean) => void): number {
    const hook = this.flushing()
    return this.writer.flush((bio, ok) => {
      hook(ok)
      done(bio, ok)
    })
  }

  private startCommit(): void {
    const changes = this.fs.freeze()
    const seq = this.nextSeq++
    const record: TxnRecord = { seq, data: [], journal: [], commit: -1, flush: null, homes: [], committed: false }
    const txn: Txn = {
      seq,
      changes,
      start: -1,
      length: 2 + changes.meta.size,
      labels: this.runningLabels,
      waiters: [],
      homesLeft: changes.meta.size,
      checkpointed: false,
      durable: false,
      record,
    }
    const waiters = this.nextWaiters
    txn.waiters.push((ok) => {
      for (const w of waiters) w({ seq, bio: record.flush ?? record.commit, ok })
    })
    this.nextWaiters = []
    this.runningLabels = []
    this.timerWants = false
    this.committing = txn
    this.records.push(record)
    this.ensureSpace(txn, () => this.writeTxn(txn))
  }

  private writeTxn(txn: Txn): void {
    const done = (ok: boolean): void => this.finishCommit(txn, ok)
    if (this.discipline === 'jbd2') commitJbd2(this.io, txn, done)
    else if (this.discipline === 'async-commit') commitAsync(this.io, txn, done)
    else {
      commitBarrierAssumed(this.io, txn, () => {
        this.checkpoint(txn)
        this.believeTail(txn)
      }, done)
    }
  }

  private finishCommit(txn: Txn, ok: boolean): void {
    this.committing = null
    txn.record.committed = ok
    if (ok) {
      this.lastCommitted = txn.seq
      this.fs.release(txn.changes.freed)
      // Checkpointing starts only once the commit is durable (R7); barrier-assumed did it already.
      if (this.discipline !== 'barrier-assumed') this.checkpoint(txn)
    } else this.abort()
    for (const w of txn.waiters) w(ok)
    if (this.aborted || !this.fs.isDirty) return
    if (this.nextWaiters.length > 0 || this.timerWants) this.startCommit()
  }

  /** A failed write aborts the journal (jbd2_journal_abort): every waiter hears of it, nothing more is written. */
  private abort(): void {
    this.aborted = true
    const waiters = this.nextWaiters
    this.nextWaiters = []
    for (const w of waiters) w({ seq: this.lastCommitted, bio: -1, ok: false })
    // A commit still waiting for journal space will never get it: fail it too.
    const stuck = this.spaceWaiter !== null ? this.committing : null
    this.spaceWaiter = null
    if (stuck) this.finishCommit(stuck, false)
  }

  /** Writes the transaction's metadata to its home blocks, all at once, in any order. */
  private checkpoint(txn: Txn): void {
    if (this.aborted) return
    if (txn.homesLeft === 0) txn.checkpointed = true
    for (const [home, content] of [...txn.changes.meta.entries()].sort((a, b) => a[0] - b[0])) {
      const done = (_bio: number, ok: boolean): void => {
        if (!ok) this.abort()
        if (--txn.homesLeft > 0) return
        txn.checkpointed = true
        if (this.spaceWaiter !== null) this.reclaim()
      }
      this.writer.write(home, content, META, done, (bio) => txn.record.homes.push(bio))
    }
  }

  /**
   * Called as a bio with PREFLUSH is submitted: the checkpoints complete by now are durable once
   * it completes (R1). Then jbd2_update_log_tail may drop them from the log.
   */
  private flushing(): (ok: boolean) => void {
    const covered = this.live.filter((t) => t.checkpointed && !t.durable)
    return (ok) => {
      if (!ok || covered.length === 0) return
      for (const t of covered) t.durable = true
      if (this.discipline !== 'barrier-assumed') this.updateTail()
    }
  }

  /**
   * jbd2_update_log_tail: the tail moves to the oldest transaction whose checkpoint is not durable
   * (or to the head). The superblock is written with FUA; only when that write completes is the
   * journal space behind the new tail free, since until then a crash replays from the old tail.
   */
  private updateTail(): void {
    const oldest = this.live.find((t) => !t.durable)
    const seq = oldest?.seq ?? this.spaceSeq
    const pos = oldest?.start ?? this.head
    if (seq === this.tailSeq) return
    this.tailSeq = seq
    const content = { kind: 'journal-super' as const, tailSeq: seq, tailBlock: journalBlock(this.layout, pos) }
    this.writer.write(this.layout.journalSuper, content, META | Flag.FUA, (_bio, ok) => {
      if (!ok) return this.abort()
      this.live = this.live.filter((t) => t.seq >= seq)
      const w = this.spaceWaiter
      this.spaceWaiter = null
      w?.()
    })
  }

  /** The believer frees the journal space at once: the barrier "ordered" the checkpoint before the tail. */
  private believeTail(txn: Txn): void {
    this.live = this.live.filter((t) => t !== txn)
    this.tailSeq = txn.seq + 1
    const content = { kind: 'journal-super' as const, tailSeq: txn.seq + 1, tailBlock: journalBlock(this.layout, this.head) }
    this.writer.write(this.layout.journalSuper, content, META | Flag.FUA, () => {})
  }

  /** Never overwrite journal space of a transaction whose checkpoint is not durable: wait for it. */
  private ensureSpace(txn: Txn, then: () => void): void {
    const used = this.head - (this.live[0]?.start ?? this.head)
    if (this.layout.journalBlocks - used >= txn.length) {
      txn.start = this.head
      this.head += txn.length
      this.spaceSeq = txn.seq + 1
      this.live.push(txn)
      then()
      return
    }
    this.spaceWaiter = () => this.ensureSpace(txn, then)
    this.reclaim()
  }

  /**
   * jbd2_log_do_checkpoint then jbd2_cleanup_journal_tail: once every checkpoint write has
   * completed, flush the device so they are durable; the flush's completion moves the tail.
   */
  private reclaim(): void {
    if (this.live.some((t) => !t.checkpointed)) return
    this.flush(() => {})
  }
}
