import type { GuestFsConfig } from '../config'
import type { BlockContent, Inode } from './content'
import { type FsLayout, inodeHome } from './layout'

export interface MkfsResult {
  /** Content of each block at Data.INITIAL; blocks not listed hold zeros. */
  initial: Map<number, BlockContent>
  /** Next i_generation to hand out. */
  nextGen: number
}

/**
 * The image right after mkfs plus the initial files, created, written, committed and
 * checkpointed: the journal is empty (zeroed) and its superblock's tail is the journal start,
 * expecting transaction 1 there. Files get inodes from 11 and contiguous data blocks from the
 * start of the data area.
 */
export function mkfs(l: FsLayout, files: GuestFsConfig['files']): MkfsResult {
  const inodes: Inode[] = [{ ino: l.rootIno, gen: 1, links: 2, size: 1, blocks: [l.rootDir] }]
  const initial = new Map<number, BlockContent>()
  const entries: Array<[string, number]> = []
  const usedBlocks: number[] = []
  let nextBlock = l.dataStart
  let gen = 2
  files.forEach((f, i) => {
    const ino = l.firstIno + i
    const blocks: number[] = []
    for (let k = 0; k < f.blocks; k++) {
      const b = nextBlock++
      blocks.push(b)
      usedBlocks.push(b)
      initial.set(b, { kind: 'data', ino, gen, index: k, write: -1 })
    }
    inodes.push({ ino, gen: gen++, links: 1, size: f.blocks, blocks })
    entries.push([f.name, ino])
  })
  const usedInodes: number[] = []
  for (let ino = 1; ino < l.firstIno + files.length; ino++) usedInodes.push(ino)
  initial.set(l.superblock, { kind: 'superblock' })
  initial.set(l.journalSuper, { kind: 'journal-super', tailSeq: 1, tailBlock: l.journal })
  initial.set(l.blockBitmap, { kind: 'block-bitmap', used: usedBlocks })
  initial.set(l.inodeBitmap, { kind: 'inode-bitmap', used: usedInodes })
  for (let t = 0; t < l.inodeTableBlocks; t++) {
    const first = 1 + t * l.inodesPerBlock
    initial.set(l.inodeTable + t, { kind: 'inode-table', first, inodes: new Array<Inode | null>(l.inodesPerBlock).fill(null) })
  }
  for (const inode of inodes) {
    const { block, slot } = inodeHome(l, inode.ino)
    const table = initial.get(block)
    if (table?.kind === 'inode-table') table.inodes[slot] = inode
  }
  initial.set(l.rootDir, { kind: 'dir', entries })
  return { initial, nextGen: gen }
}
