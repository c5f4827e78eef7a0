import type { FsOp, GuestFsConfig, TimingConfig } from '../config'
import { Ev } from '../events'
import type { Sim } from '../kernel/sim'
import type { GuestSide } from '../stack/guestSide'
import type { OutsideEvents } from '../stack/outside'
import { Data } from '../vocabulary'
import { FsErr, FsState } from './fs'
import { GuestJournal } from './journal'
import { fsConfigProblems, type FsLayout, fsLayout } from './layout'
import { mkfs } from './mkfs'
import type { FsPromise, FsResult, OpDone } from './types'
import { BlockWriter } from './writer'

/**
 * One guest thread running file operations against the guest file system, each starting after
 * the previous one returned, like syscalls. Changes stay in memory until a commit; fsync and sync
 * wait for one. The runner records when each op returned and what fsync and sync promised.
 */
export class FsRunner {
  readonly layout: FsLayout
  readonly labels = new Map<string, number>()
  readonly opsDone: OpDone[] = []
  readonly promises: FsPromise[] = []
  private readonly initial: ReturnType<typeof mkfs>['initial']
  private readonly fs: FsState
  private readonly writer: BlockWriter
  private readonly journal: GuestJournal
  private i = 0

  constructor(
    private readonly sim: Sim,
    private readonly cfg: GuestFsConfig,
    deviceBlocks: number,
    lane: number,
    guest: GuestSide,
    private readonly outside: OutsideEvents,
    private readonly timing: TimingConfig,
  ) {
    const problems = fsConfigProblems(deviceBlocks, cfg)
    if (problems.length > 0) throw new Error(`guest file system: ${problems.join('; ')}`)
    this.layout = fsLayout(deviceBlocks)
    const made = mkfs(this.layout, cfg.files)
    this.initial = made.initial
    this.fs = new FsState(this.layout, made.initial, made.nextGen)
    this.writer = new BlockWriter(guest, lane)
    this.journal = new GuestJournal(sim, this.layout, cfg.discipline, this.fs, this.writer, cfg.commitIntervalNs, (l, bio) => this.labels.set(l, bio))
  }

  get completedIos(): number {
    return this.writer.completed
  }

  start(): void {
    this.sim.foreground++
    this.sim.later(0, () => this.step())
  }

  result(): FsResult {
    return {
      discipline: this.cfg.discipline,
      layout: this.layout,
      contents: [...this.writer.contents],
      initial: [...this.initial].sort((a, b) => a[0] - b[0]),
      promises: this.promises,
      opsDone: this.opsDone,
      transactions: this.journal.records,
      labels: Object.fromEntries(this.labels),
    }
  }

  private step(): void {
    if (this.i >= this.cfg.ops.length) {
      this.sim.foreground--
      return
    }
    const index = this.i++
    const op = this.cfg.ops[index] as FsOp
    switch (op.op) {
      case 'fsync':
        return this.fsync(index, op.name, op.label)
      case 'sync':
        return this.sync(index, op.label)
      case 'sleep':
        return this.sim.later(op.ns, () => {
          this.returned(index, 0, this.journal.runningSeq, -1)
          this.step()
        })
      case 'outside':
        this.outside.trigger(op.event)
        this.returned(index, 0, this.journal.runningSeq, -1)
        return this.sim.later(0, () => this.step())
      default:
        return this.change(index, op)
    }
  }

  /** create, write, unlink, rename: change memory now, return after the syscall's cost. */
  private change(index: number, op: Extract<FsOp, { op: 'create' | 'write' | 'unlink' | 'rename' }>): void {
    const seq = this.journal.runningSeq
    let status: number = FsErr.EROFS
    let cost = this.timing.submitNs
    if (!this.journal.aborted) {
      if (op.op === 'create') status = this.fs.create(op.name)
      else if (op.op === 'unlink') status = this.fs.unlink(op.name)
      else if (op.op === 'rename') status = this.fs.rename(op.from, op.to)
      else {
        status = this.fs.write(op.name, op.offset, op.count, index, op.label)
        cost += this.timing.copyPerBlockNs * op.count
      }
    }
    if (status === 0 && op.label !== null && op.op !== 'write') this.journal.labelRunning(op.label)
    this.sim.later(cost, () => {
      this.returned(index, status, seq, -1)
      this.step()
    })
  }

  /**
   * ext4_sync_file: commit the transaction holding the file's changes and wait for it (its data
   * goes first, data=ordered); with nothing to commit, flush the device cache instead.
   */
  private fsync(index: number, name: string, label: string | null): void {
    const ino = this.fs.lookup(name)
    if (ino === undefined) return this.finish(index, label, -1, FsErr.ENOENT, 0, null)
    this.journal.commitAndWait((c) => {
      if (c !== null && !c.ok) return this.finish(index, label, -1, FsErr.EIO, c.seq, null)
      if (c !== null) return this.finish(index, label, c.bio, 0, c.seq, name)
      const seq = this.journal.lastCommitted
      this.journal.flush((bio, ok) => this.finish(index, label, bio, ok ? 0 : FsErr.EIO, seq, name))
    })
  }

  /** ext4_sync_fs: commit and wait, then flush the device cache. */
  private sync(index: number, label: string | null): void {
    this.journal.commitAndWait((c) => {
      if (c !== null && !c.ok) return this.finish(index, label, -1, FsErr.EIO, c.seq, null)
      const seq = c?.seq ?? this.journal.lastCommitted
      this.journal.flush((bio, ok) => this.finish(index, label, bio, ok ? 0 : FsErr.EIO, seq, null))
    })
  }

  /** fsync or sync returned: the application saw `bio` complete; record what it promised. */
  private finish(index: number, label: string | null, bio: number, status: number, seq: number, name: string | null): void {
    if (label !== null && bio > 0) this.labels.set(label, bio)
    const event = this.returned(index, status, seq, bio)
    if (status === 0) {
      const kind = (this.cfg.ops[index] as FsOp).op === 'sync' ? 'sync' : 'fsync'
      this.promises.push({ kind, op: index, label, seq, event, t: this.sim.now, file: name === null ? null : this.fileNow(name) })
    }
    this.step()
  }

  private returned(index: number, status: number, seq: number, bio: number): number {
    const event = bio > 0 ? this.sim.emit(Ev.ACK, bio) + 1 : this.sim.log.length
    const op = this.cfg.ops[index] as FsOp
    const label = 'label' in op ? op.label : null
    this.opsDone.push({ index, op: op.op, label, names: namesOf(op), status, seq, event, t: this.sim.now })
    return event
  }

  /** The file as fsync leaves it: inode, generation, and the data version of each file block. */
  private fileNow(name: string): FsPromise['file'] {
    const ino = this.fs.lookup(name)
    const inode = ino === undefined ? null : this.fs.inode(ino)
    if (inode === null) return null
    const data: Array<[number, number]> = []
    inode.blocks.forEach((b, i) => {
      if (b !== 0) data.push([i, this.writer.lastVersion.get(b) ?? Data.INITIAL])
    })
    return { name, ino: inode.ino, gen: inode.gen, data }
  }
}

function namesOf(op: FsOp): string[] {
  if (op.op === 'rename') return [op.from, op.to]
  return 'name' in op ? [op.name] : []
}
