/**
 * The three commit disciplines (design §2 item 2), each a different answer to "when may the next
 * write be submitted?". They write the same blocks: ordered data, a descriptor naming the home
 * blocks, one journal copy per metadata block, and a commit block. What differs is what each step
 * waits for, which is the whole lesson (reference/crash-model.md §4.1 R3, R7).
 */
import { Flag } from '../vocabulary'
import type { BlockContent } from './content'
import { commitChecksum } from './content'
import type { Changes } from './fs'
import { type FsLayout, journalBlock } from './layout'
import type { BlockWriter } from './writer'

/** What the run shows of one transaction: the bios of each step. */
export interface TxnRecord {
  seq: number
  /** Ordered data writes (ext4 data=ordered), then descriptor + metadata copies. */
  data: number[]
  journal: number[]
  commit: number
  /** async-commit: the empty flush after the commit block. */
  flush: number | null
  /** Checkpoint writes of the metadata to their home blocks. */
  homes: number[]
  committed: boolean
}

export interface Txn {
  seq: number
  changes: Changes
  /** Journal position (a running count; journalBlock() wraps it) of the descriptor. */
  start: number
  /** Descriptor, one copy per metadata block, commit block. */
  length: number
  labels: string[]
  waiters: Array<(ok: boolean) => void>
  homesLeft: number
  checkpointed: boolean
  /** A flush completed after the checkpoint writes did: the journal may forget this transaction. */
  durable: boolean
  record: TxnRecord
}

/** What a commit needs from the journal around it. */
export interface CommitIo {
  layout: FsLayout
  writer: BlockWriter
  label(label: string, bio: number): void
  /** Call when a bio with PREFLUSH is submitted; the returned hook runs at its completion. */
  flushing(): (ok: boolean) => void
}

const META = Flag.META | Flag.SYNC

/** Counts completions of `n` writes; `done` runs once with whether all succeeded. */
function gather(n: number, done: (ok: boolean) => void): (bio: number, ok: boolean) => void {
  let left = n
  let allOk = true
  if (n === 0) done(true)
  return (_bio, ok) => {
    allOk &&= ok
    if (--left === 0) done(allOk)
  }
}

function homesOf(txn: Txn): number[] {
  return [...txn.changes.meta.keys()].sort((a, b) => a - b)
}

/** When the steps of the journal body are reached: all journal blocks submitted, data done, all done. */
interface BodyHooks {
  submitted?: (versions: number[]) => void
  dataDone?: (ok: boolean) => void
  allDone?: (ok: boolean) => void
}

/**
 * Step 1 of every discipline: submit the ordered data and the journal body (descriptor and
 * copies), as jbd2_journal_commit_transaction does before it waits (journal_submit_data_buffers,
 * then jbd2_journal_write_metadata_buffer per buffer). `submitted` gets the body's versions once
 * all are submitted; `dataDone` runs when the data writes completed, `allDone` when everything has.
 */
function submitBody(io: CommitIo, txn: Txn, hooks: BodyHooks): void {
  const homes = homesOf(txn)
  const data = [...txn.changes.data.entries()].sort((a, b) => a[0] - b[0])
  const all = gather(data.length + 1 + homes.length, hooks.allDone ?? (() => {}))
  const dataDone = gather(data.length, hooks.dataDone ?? (() => {}))
  for (const [block, d] of data) {
    const content: BlockContent = { kind: 'data', ino: d.ino, gen: d.gen, index: d.index, write: d.write }
    const done = (bio: number, ok: boolean): void => {
      dataDone(bio, ok)
      all(bio, ok)
    }
    io.writer.write(block, content, Flag.SYNC, done, (bio) => {
      txn.record.data.push(bio)
      for (const l of d.labels) io.label(l, bio)
    })
  }
  const body: BlockContent[] = [{ kind: 'journal-descriptor', seq: txn.seq, homes }]
  for (const home of homes) body.push({ kind: 'journal-copy', seq: txn.seq, home, content: txn.changes.meta.get(home) as BlockContent })
  const versions: number[] = []
  let count = 0
  body.forEach((content, i) => {
    io.writer.write(journalBlock(io.layout, txn.start + i), content, META, all, (bio) => {
      versions[i] = bio
      txn.record.journal[i] = bio
      if (++count === body.length) hooks.submitted?.(versions)
    })
  })
}

function submitCommitBlock(io: CommitIo, txn: Txn, flags: number, checksum: number, done: (ok: boolean) => void): void {
  const at = journalBlock(io.layout, txn.start + txn.length - 1)
  let flushed: ((ok: boolean) => void) | null = null
  const content: BlockContent = { kind: 'journal-commit', seq: txn.seq, checksum }
  io.writer.write(
    at,
    content,
    META | flags,
    (_bio, ok) => {
      flushed?.(ok)
      done(ok)
    },
    (bio) => {
      txn.record.commit = bio
      for (const l of txn.labels) io.label(l, bio)
      if (flags & Flag.PREFLUSH) flushed = io.flushing()
    },
  )
}

/**
 * jbd2 with barriers (R7): wait for the data and every journal block to complete, then submit the
 * commit block with PREFLUSH|FUA and wait for it. The preflush makes the journal blocks durable
 * because they completed before it was submitted (R1); FUA makes the commit block durable (R2).
 */
export function commitJbd2(io: CommitIo, txn: Txn, committed: (ok: boolean) => void): void {
  submitBody(io, txn, {
    allDone: (ok) => {
      if (!ok) committed(false)
      else submitCommitBlock(io, txn, Flag.PREFLUSH | Flag.FUA, 0, committed)
    },
  })
}

/**
 * The pre-2010 belief that a barrier orders the writes around it: the commit block follows the
 * journal blocks as soon as they are submitted, and `afterCommitSubmit` (checkpoint and tail
 * update) follows the commit block at once. Nothing here waits for a completion, so any of these
 * writes may land before any other (R3).
 */
export function commitBarrierAssumed(io: CommitIo, txn: Txn, afterCommitSubmit: () => void, committed: (ok: boolean) => void): void {
  submitBody(io, txn, {
    submitted: () => {
      submitCommitBlock(io, txn, Flag.PREFLUSH | Flag.FUA, 0, committed)
      afterCommitSubmit()
    },
  })
}

/**
 * jbd2 async_commit: wait for the ordered data only (journal_finish_inode_data_buffers), then
 * submit the commit block, without PREFLUSH/FUA and without waiting for the journal blocks; it
 * carries a checksum of them, and replay rejects a transaction whose checksum does not match.
 * Then wait for everything and issue an empty flush (blkdev_issue_flush): only after it is the
 * transaction committed.
 */
export function commitAsync(io: CommitIo, txn: Txn, committed: (ok: boolean) => void): void {
  const all = gather(2, (ok) => {
    if (!ok) {
      committed(false)
      return
    }
    const flushed = io.flushing()
    txn.record.flush = io.writer.flush((_bio, okFlush) => {
      flushed(okFlush)
      committed(okFlush)
    })
    for (const l of txn.labels) io.label(l, txn.record.flush)
  })
  let versions: number[] | null = null
  let dataOk: boolean | null = null
  const commitWhenReady = (): void => {
    if (versions === null || dataOk === null) return
    submitCommitBlock(io, txn, 0, commitChecksum(txn.seq, versions), (ok) => all(0, ok && dataOk === true))
  }
  submitBody(io, txn, {
    submitted: (v) => {
      versions = v
      commitWhenReady()
    },
    dataDone: (ok) => {
      dataOk = ok
      commitWhenReady()
    },
    allDone: (ok) => all(0, ok),
  })
}
