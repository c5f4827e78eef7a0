/**
 * What a block of the guest file system means. Every write of the model is a one-block bio whose
 * data version is its bio id, and the model records, per version, the logical content it wrote.
 * Content is plain data (serializable) and never mutated after it is built: a change makes a new
 * object, which is how jbd2's frozen copies (the buffer as it was when the commit started) come
 * for free.
 */

/** An inode. `blocks[i]` is the data block of file block i (0: a hole). `gen` is i_generation. */
export interface Inode {
  ino: number
  gen: number
  links: number
  /** File size in blocks. */
  size: number
  blocks: number[]
}

export type BlockContent =
  | { kind: 'superblock' }
  | { kind: 'journal-super'; tailSeq: number; tailBlock: number }
  | { kind: 'block-bitmap'; used: number[] }
  | { kind: 'inode-bitmap'; used: number[] }
  | { kind: 'inode-table'; first: number; inodes: Array<Inode | null> }
  | { kind: 'dir'; entries: Array<[name: string, ino: number]> }
  | { kind: 'journal-descriptor'; seq: number; homes: number[] }
  | { kind: 'journal-copy'; seq: number; home: number; content: BlockContent }
  | { kind: 'journal-commit'; seq: number; checksum: number }
  /** File data: its owner (inode and generation), the file block, and the FsOp index that wrote it (-1: mkfs). */
  | { kind: 'data'; ino: number; gen: number; index: number; write: number }
  /** Zeros (Data.ZERO, or a block nothing ever wrote). Never stored in `contents`. */
  | { kind: 'zero' }
  /** Data.STALE: old contents of a host block that belonged to some other file. Never stored. */
  | { kind: 'stale' }
  /** A version no write of the file system produced (another writer of /dev/loop0). Never stored. */
  | { kind: 'foreign'; version: number }

export type Kind = BlockContent['kind']
export type ContentOf<K extends Kind> = Extract<BlockContent, { kind: K }>

export const ZERO: BlockContent = { kind: 'zero' }
export const STALE: BlockContent = { kind: 'stale' }

export function isKind<K extends Kind>(c: BlockContent, kind: K): c is ContentOf<K> {
  return c.kind === kind
}

/** A sorted copy of a set of numbers with `n` added or removed. */
export function withMember(list: readonly number[], n: number, present: boolean): number[] {
  const s = new Set(list)
  if (present) s.add(n)
  else s.delete(n)
  return [...s].sort((a, b) => a - b)
}

/**
 * The async_commit checksum of a transaction: a deterministic function of its sequence and the
 * data versions of its descriptor and metadata copies, in journal order. The kernel computes a
 * crc32c over the blocks' bytes (jbd2_commit_block_csum); versions stand in for bytes here.
 */
export function commitChecksum(seq: number, versions: readonly number[]): number {
  let h = (0x811c9dc5 ^ seq) >>> 0
  for (const v of versions) {
    h = Math.imul(h ^ (v & 0xffff), 0x01000193) >>> 0
    h = Math.imul(h ^ (v >>> 16), 0x01000193) >>> 0
  }
  return h
}

const NAMES: Record<Exclude<Kind, 'zero' | 'stale' | 'foreign' | 'data'>, string> = {
  superblock: 'a superblock',
  'journal-super': 'a journal superblock',
  'block-bitmap': 'a block bitmap',
  'inode-bitmap': 'an inode bitmap',
  'inode-table': 'an inode-table block',
  dir: 'a directory block',
  'journal-descriptor': 'a journal descriptor block',
  'journal-copy': 'a journal copy of a metadata block',
  'journal-commit': 'a journal commit block',
}

/** Plain-English name of what a block holds, for findings. */
export function describeKind(c: BlockContent): string {
  switch (c.kind) {
    case 'zero':
      return 'zeros'
    case 'stale':
      return 'stale data of some other host file'
    case 'foreign':
      return `data version ${c.version}, which no file-system write produced`
    case 'data':
      return `data of inode ${c.ino} (file block ${c.index})`
    default:
      return NAMES[c.kind]
  }
}
