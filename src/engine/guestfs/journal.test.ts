/**
 * The journal's space rule, on a device we control. Goal: jbd2 never overwrites the journal blocks
 * of a transaction until that transaction's checkpoint is durable and the journal superblock's
 * tail has moved past it; when checkpoints lag, commits wait for space and a flush is issued to
 * get it (jbd2_log_do_checkpoint, jbd2_cleanup_journal_tail). Method: the journal runs against a
 * fake device whose home-block writes are slow, so many commits happen before any checkpoint
 * completes; the fake records every write and flush, and the test replays that record to check
 * durability by the rules (a write is durable once a flush submitted after it completed has
 * completed, or at completion with FUA).
 */
import { describe, expect, it } from 'vitest'
import { Rng } from '../kernel/rng'
import { Sim } from '../kernel/sim'
import { Flag, Op } from '../vocabulary'
import type { BioDone } from '../stack/guestSide'
import { FsState } from './fs'
import { GuestJournal } from './journal'
import { fsLayout, type FsLayout } from './layout'
import { mkfs } from './mkfs'
import { BlockWriter } from './writer'

interface Io {
  id: number
  op: number
  flags: number
  block: number
  submitT: number
  completeT: number
}

/** A device where home-block writes take `slowNs` and everything else 10 µs. */
class FakeDevice {
  readonly ios: Io[] = []
  /** Writes to this block fail with EIO. */
  failBlock = -1
  constructor(
    private readonly sim: Sim,
    private readonly l: FsLayout,
    private readonly slowNs: number,
  ) {}

  submit(op: number, flags: number, block: number, _count: number, _lane: number, _parent: number, done: BioDone): number {
    const io: Io = { id: this.ios.length + 1, op, flags, block, submitT: this.sim.now, completeT: -1 }
    this.ios.push(io)
    this.sim.inflight++
    const home = op === Op.WRITE && block >= this.l.blockBitmap && block <= this.l.rootDir
    this.sim.later(home ? this.slowNs : 10_000, () => {
      io.completeT = this.sim.now
      this.sim.inflight--
      done(io.id, op === Op.WRITE && block === this.failBlock ? -5 : 0)
    })
    return io.id
  }

  flush(lane: number, parent: number, done: BioDone): number {
    return this.submit(Op.FLUSH, Flag.PREFLUSH, 0, 0, lane, parent, done)
  }

  /** When a write became durable by the rules (R1, R2), or Infinity. */
  durableAt(w: Io): number {
    if (w.flags & Flag.FUA) return w.completeT
    let best = Infinity
    for (const f of this.ios) {
      if (f.flags & Flag.PREFLUSH && f.submitT >= w.completeT && f.completeT >= 0) best = Math.min(best, f.completeT)
    }
    return best
  }
}

function setup(slowNs: number, rounds: number, failBlock = -1): { dev: FakeDevice; writer: BlockWriter; journal: GuestJournal; sim: Sim; l: FsLayout; outcomes: Array<boolean | null> } {
  const sim = new Sim(new Rng(1), { maxEvents: 1_000_000, maxTimeNs: 1e12 })
  const l = fsLayout(256)
  const files = Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, blocks: 1 }))
  const made = mkfs(l, files)
  const fs = new FsState(l, made.initial, made.nextGen)
  const dev = new FakeDevice(sim, l, slowNs)
  dev.failBlock = failBlock
  const writer = new BlockWriter(dev, 0)
  const journal = new GuestJournal(sim, l, 'jbd2', fs, writer, 1e12, () => {})
  // Each round touches the inode bitmap, three inode-table blocks and the directory, and waits
  // for its commit.
  let i = 0
  const outcomes: Array<boolean | null> = []
  const round = (): void => {
    if (i === rounds) {
      sim.foreground--
      return
    }
    fs.create(`g${i}`)
    if (i > 0) fs.unlink(`g${i - 1}`)
    for (const f of ['f0', 'f8', 'f16']) fs.write(f, 0, 1, i, null)
    i++
    journal.commitAndWait((c) => {
      outcomes.push(c?.ok ?? null)
      round()
    })
  }
  sim.foreground++
  sim.later(0, round)
  return { dev, writer, journal, sim, l, outcomes }
}

describe('journal space', () => {
  it('waits for durable checkpoints and a tail update before reusing journal blocks', () => {
    const { dev, writer, journal, sim, l } = setup(5_000_000, 12)
    expect(sim.run()).toBe('idle')
    expect(journal.records.map((t) => t.committed)).toEqual(Array(12).fill(true))
    // Checkpoints lag, so the journal had to flush for space (no fsync or sync issued any flush).
    expect(dev.ios.some((io) => io.op === Op.FLUSH)).toBe(true)
    const byId = new Map(dev.ios.map((io) => [io.id, io]))
    const txnOfJournalBlock = new Map<number, number>()
    let reused = 0
    for (const t of journal.records) {
      for (const id of [...t.journal, t.commit]) {
        const io = byId.get(id) as Io
        const previous = txnOfJournalBlock.get(io.block)
        if (previous !== undefined) {
          reused++
          const old = journal.records[previous - 1]
          for (const h of old?.homes ?? []) expect(dev.durableAt(byId.get(h) as Io)).toBeLessThanOrEqual(io.submitT)
          // ...and a journal superblock write with a tail past it had completed.
          const tails = dev.ios.filter((x) => x.block === l.journalSuper && x.completeT >= 0 && x.completeT <= io.submitT)
          const last = tails.map((x) => writer.contents.get(x.id)).at(-1)
          expect(last?.kind === 'journal-super' && last.tailSeq > previous).toBe(true)
        }
        txnOfJournalBlock.set(io.block, t.seq)
      }
    }
    expect(reused).toBeGreaterThan(50)
  })

  it('with fast checkpoints, the next commit block preflush moves the tail and no extra flush is needed', () => {
    const { dev, writer, sim, l } = setup(10_000, 12)
    expect(sim.run()).toBe('idle')
    expect(dev.ios.some((io) => io.op === Op.FLUSH)).toBe(false)
    const tails = dev.ios.filter((x) => x.block === l.journalSuper).map((x) => writer.contents.get(x.id))
    expect(tails.length).toBeGreaterThan(5)
  })

  it('a failed journal write aborts the journal: the commit and every later one fail, and the run ends', () => {
    // Each transaction here is 7 blocks (descriptor, copies of the inode bitmap, three inode-table
    // blocks and the directory, commit), so the third commit block is block 9 + 3 * 7 - 1 = 29.
    const { journal, sim, outcomes } = setup(10_000, 5, 29)
    expect(sim.run()).toBe('idle')
    expect(outcomes).toEqual([true, true, false, false, false])
    expect(journal.aborted).toBe(true)
    expect(journal.records.map((t) => t.committed)).toEqual([true, true, false])
  })
})
