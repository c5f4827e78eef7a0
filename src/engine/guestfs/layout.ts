/**
 * The on-disk layout of the guest file system, fixed and small so that every block of it can be
 * shown and reasoned about. This is the one place it is defined; everything else reads FsLayout.
 *
 *   block 0            superblock
 *   block 1            journal superblock (the log tail: where replay starts)
 *   block 2            block bitmap (data blocks in use)
 *   block 3            inode bitmap
 *   blocks 4..7        inode table: 4 blocks × 8 inodes, inodes 1..32
 *   block 8            root directory (the only directory)
 *   blocks 9..40       journal area, 32 blocks, used circularly
 *   blocks 41..end     data blocks
 *
 * Inode numbers follow ext4: inode 2 is the root directory, inodes below 11 are reserved
 * (EXT4_GOOD_OLD_FIRST_INO), so files get inodes 11..32.
 */
import type { GuestFsConfig } from '../config'

export interface FsLayout {
  /** Blocks of /dev/loop0. */
  deviceBlocks: number
  superblock: number
  journalSuper: number
  blockBitmap: number
  inodeBitmap: number
  inodeTable: number
  inodeTableBlocks: number
  inodesPerBlock: number
  rootIno: number
  firstIno: number
  rootDir: number
  journal: number
  journalBlocks: number
  dataStart: number
  dataBlocks: number
}

const INODE_TABLE_BLOCKS = 4
const INODES_PER_BLOCK = 8
const JOURNAL_BLOCKS = 32
/** Smallest data area worth running: a few files of a few blocks. */
const MIN_DATA_BLOCKS = 8

export function fsLayout(deviceBlocks: number): FsLayout {
  const inodeTable = 4
  const rootDir = inodeTable + INODE_TABLE_BLOCKS
  const journal = rootDir + 1
  const dataStart = journal + JOURNAL_BLOCKS
  return {
    deviceBlocks,
    superblock: 0,
    journalSuper: 1,
    blockBitmap: 2,
    inodeBitmap: 3,
    inodeTable,
    inodeTableBlocks: INODE_TABLE_BLOCKS,
    inodesPerBlock: INODES_PER_BLOCK,
    rootIno: 2,
    firstIno: 11,
    rootDir,
    journal,
    journalBlocks: JOURNAL_BLOCKS,
    dataStart,
    dataBlocks: Math.max(0, deviceBlocks - dataStart),
  }
}

/** Highest inode number. */
export function maxIno(l: FsLayout): number {
  return l.inodeTableBlocks * l.inodesPerBlock
}

/** The inode-table block holding an inode, and its slot there. */
export function inodeHome(l: FsLayout, ino: number): { block: number; slot: number } {
  return { block: l.inodeTable + Math.floor((ino - 1) / l.inodesPerBlock), slot: (ino - 1) % l.inodesPerBlock }
}

/** The journal block at a position of the circular journal area (positions wrap). */
export function journalBlock(l: FsLayout, pos: number): number {
  return l.journal + (((pos % l.journalBlocks) + l.journalBlocks) % l.journalBlocks)
}

export function isDataBlock(l: FsLayout, b: number): boolean {
  return b >= l.dataStart && b < l.deviceBlocks
}

/**
 * Why a configuration cannot run (empty when it can): the layout must fit on the device and the
 * initial files must fit in the data area and the inode table.
 */
export function fsConfigProblems(deviceBlocks: number, fs: GuestFsConfig): string[] {
  const l = fsLayout(deviceBlocks)
  const out: string[] = []
  const need = l.dataStart + MIN_DATA_BLOCKS
  if (deviceBlocks < need) {
    out.push(
      `the guest file system needs at least ${need} blocks of /dev/loop0 (${l.dataStart} for the superblock, bitmaps, inode table, root directory and a ${l.journalBlocks}-block journal, plus ${MIN_DATA_BLOCKS} data blocks), but the device has ${deviceBlocks}`,
    )
    return out
  }
  const files = maxIno(l) - l.firstIno + 1
  if (fs.files.length > files) out.push(`${fs.files.length} initial files do not fit: the inode table holds ${files} files`)
  const blocks = fs.files.reduce((n, f) => n + f.blocks, 0)
  if (blocks > l.dataBlocks) out.push(`the initial files need ${blocks} data blocks, but the data area has ${l.dataBlocks}`)
  const names = new Set<string>()
  for (const f of fs.files) {
    if (names.has(f.name)) out.push(`the initial file '${f.name}' is listed twice`)
    names.add(f.name)
  }
  if (fs.commitIntervalNs <= 0 || !Number.isInteger(fs.commitIntervalNs)) out.push(`the commit interval must be a positive whole number of nanoseconds`)
  return out
}
