import type { FsDiscipline, FsOp } from '../config'
import type { TxnRecord } from './commit'
import type { BlockContent } from './content'
import type { FsLayout } from './layout'

/**
 * One returned file operation. `event` is the instant it had returned, counted the way Replay.seek
 * and the explorer count instants: the state after the first `event` log records includes the
 * return (for fsync and sync, the Ev.ACK record of the request that completed it).
 */
export interface OpDone {
  index: number
  op: FsOp['op']
  label: string | null
  /** The file names the op named (rename: from, then to). */
  names: string[]
  /** 0, or a negative errno (ENOENT, EEXIST, ENOSPC, EIO, EROFS). */
  status: number
  /** The transaction the op's changes joined, or the one fsync/sync waited for (0: none yet). */
  seq: number
  event: number
  t: number
}

/**
 * What a returned fsync or sync promised (CrashMonkey's persistence points): transaction `seq`
 * is committed, so every later state must replay it or have it checkpointed; for fsync also the
 * file as it was, its inode and the data version of each file block.
 */
export interface FsPromise {
  kind: 'fsync' | 'sync'
  op: number
  label: string | null
  seq: number
  event: number
  t: number
  file: { name: string; ino: number; gen: number; data: Array<[index: number, version: number]> } | null
}

/** The guest file system's part of a RunResult: everything the checker needs to judge an image. */
export interface FsResult {
  discipline: FsDiscipline
  layout: FsLayout
  /** Content written by each data version (= bio id), in version order. */
  contents: Array<[version: number, content: BlockContent]>
  /** Content of each block at Data.INITIAL (mkfs and the initial files); blocks not listed are zeros. */
  initial: Array<[block: number, content: BlockContent]>
  promises: FsPromise[]
  opsDone: OpDone[]
  transactions: TxnRecord[]
  labels: Record<string, number>
}
