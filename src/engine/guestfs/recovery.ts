import { type BlockContent, commitChecksum } from './content'
import type { FsImage } from './image'
import { journalBlock } from './layout'

/** What journal replay did to an image. */
export interface Recovery {
  /** Sequences replayed, in order. */
  replayed: number[]
  /** The tail in the journal superblock (0 if it could not be read). */
  tailSeq: number
  /** Why the scan stopped, in words (the first transaction not replayed). */
  stop: string
}

type Txn = { seq: number; homes: number[]; copies: BlockContent[]; next: number }

/**
 * jbd2 recovery (fs/jbd2/recovery.c do_one_pass, toy edition): start at the tail the journal
 * superblock names and replay transactions in sequence order. A transaction replays only if its
 * descriptor, every metadata copy and a commit block with its sequence are all there (and, with
 * async_commit, the commit block's checksum matches); the first one that is not ends the scan.
 * Replay writes each copy over its home block. Real jbd2 copies are raw blocks with no header;
 * the toy tags them with their sequence so a missing copy can be told from a present one, which
 * is what the async_commit checksum does for the kernel.
 */
export function recover(img: FsImage): Recovery {
  const l = img.layout
  const sb = img.raw(l.journalSuper)
  if (sb.kind !== 'journal-super') return { replayed: [], tailSeq: 0, stop: 'the journal superblock is unreadable, so nothing was replayed' }
  const replayed: number[] = []
  let seq = sb.tailSeq
  let pos = sb.tailBlock - l.journal
  let scanned = 0
  for (;;) {
    const t = readTxn(img, seq, pos)
    if (typeof t === 'string') return { replayed, tailSeq: sb.tailSeq, stop: t }
    scanned += t.next - pos
    // A chain longer than the journal would be reading the same blocks twice.
    if (scanned > l.journalBlocks) return { replayed, tailSeq: sb.tailSeq, stop: 'the journal wrapped onto itself' }
    t.homes.forEach((home, i) => img.replayOnto(home, t.copies[i] as BlockContent))
    replayed.push(seq)
    seq++
    pos = t.next
  }
}

/** Reads the transaction with sequence `seq` starting at journal position `pos`, or says why not. */
function readTxn(img: FsImage, seq: number, pos: number): Txn | string {
  const l = img.layout
  const desc = img.raw(journalBlock(l, pos))
  if (desc.kind !== 'journal-descriptor' || desc.seq !== seq) return `transaction ${seq} was not replayed: no descriptor for it at the journal tail`
  const copies: BlockContent[] = []
  const versions = [img.version(journalBlock(l, pos))]
  for (let i = 0; i < desc.homes.length; i++) {
    const b = journalBlock(l, pos + 1 + i)
    const c = img.raw(b)
    if (c.kind !== 'journal-copy' || c.seq !== seq || c.home !== desc.homes[i]) {
      return `transaction ${seq} was not replayed: its journal copy of block ${desc.homes[i]} is missing`
    }
    copies.push(c.content)
    versions.push(img.version(b))
  }
  const at = pos + 1 + desc.homes.length
  const commit = img.raw(journalBlock(l, at))
  if (commit.kind !== 'journal-commit' || commit.seq !== seq) return `transaction ${seq} was not replayed: its commit block is missing`
  if (img.fs.discipline === 'async-commit' && commit.checksum !== commitChecksum(seq, versions)) {
    return `transaction ${seq} was not replayed: its commit block's checksum does not match its journal blocks`
  }
  return { seq, homes: desc.homes, copies, next: at + 1 }
}
