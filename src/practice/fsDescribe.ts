/**
 * What a block of the guest file system is, and what one version of it holds, in the few words a
 * person needs to replay the journal and run fsck's rules by hand.
 */
import { Data, type BlockContent, type FsLayout, type Inode } from '../engine'

export function fsRole(l: FsLayout, b: number): string {
  if (b === l.superblock) return 'superblock'
  if (b === l.journalSuper) return 'journal superblock'
  if (b === l.blockBitmap) return 'block bitmap'
  if (b === l.inodeBitmap) return 'inode bitmap'
  if (b >= l.inodeTable && b < l.inodeTable + l.inodeTableBlocks) {
    const first = 1 + (b - l.inodeTable) * l.inodesPerBlock
    return `inodes ${first}–${first + l.inodesPerBlock - 1}`
  }
  if (b === l.rootDir) return 'root directory'
  if (b >= l.journal && b < l.journal + l.journalBlocks) return 'journal'
  return 'data'
}

const list = (xs: readonly number[]): string => (xs.length === 0 ? 'none' : xs.join(', '))

function inodeText(i: Inode): string {
  if (i.links === 0) return `#${i.ino} free`
  return `#${i.ino} (gen ${i.gen}) links ${i.links}, blocks ${list(i.blocks.filter((b) => b !== 0))}`
}

/** One version's content, as fsck would read it. `firstIno`: inodes below it are reserved. */
export function describeContent(c: BlockContent, firstIno: number): string {
  switch (c.kind) {
    case 'superblock':
      return 'superblock'
    case 'journal-super':
      return `replay starts at transaction ${c.tailSeq}, at block ${c.tailBlock}`
    case 'block-bitmap':
      return `data blocks in use: ${list(c.used)}`
    case 'inode-bitmap':
      return `inodes in use: ${list(c.used.filter((i) => i >= firstIno))} (and the reserved 1–${firstIno - 1})`
    case 'inode-table': {
      const live = c.inodes.filter(
        (i): i is Inode => i !== null && (i.ino >= firstIno || i.links > 0),
      )
      return live.length === 0 ? 'no inodes' : live.map(inodeText).join('; ')
    }
    case 'dir':
      return c.entries.length === 0 ? 'empty' : c.entries.map(([n, i]) => `${n} → ${i}`).join(', ')
    case 'journal-descriptor':
      return `descriptor of transaction ${c.seq}: ${c.homes.length === 1 ? `a copy of block ${c.homes[0]} follows` : `copies of blocks ${c.homes.join(', ')} follow`}`
    case 'journal-copy':
      return `transaction ${c.seq}'s copy of block ${c.home}: ${describeContent(c.content, firstIno)}`
    case 'journal-commit':
      return `commit block of transaction ${c.seq}`
    case 'data':
      return `data of inode ${c.ino} (gen ${c.gen}), file block ${c.index}`
    case 'zero':
      return 'zeros'
    case 'stale':
      return 'stale data of another host file'
    case 'foreign':
      return `version ${c.version}, which no file-system write produced`
  }
}

/** The content a version of a block stands for (as the checker resolves it). */
export function contentOf(
  contents: ReadonlyMap<number, BlockContent>,
  initial: ReadonlyMap<number, BlockContent>,
  b: number,
  v: number,
): BlockContent {
  if (v > 0) return contents.get(v) ?? { kind: 'foreign', version: v }
  if (v === Data.INITIAL) return initial.get(b) ?? { kind: 'zero' }
  if (v === Data.ZERO) return { kind: 'zero' }
  if (v === Data.STALE) return { kind: 'stale' }
  return { kind: 'foreign', version: v }
}
