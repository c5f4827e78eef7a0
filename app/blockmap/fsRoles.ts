/** What each block of the guest file system holds (its fixed layout), for cell labels and tooltips. */
import { fsLayout } from '../../src/engine'

export interface BlockRole {
  /** A few letters for a cell ("sb", "jnl"). */
  short: string
  /** Words for a tooltip. */
  long: string
  /** Metadata rather than file data. */
  meta: boolean
}

export function fsRoles(deviceBlocks: number): (b: number) => BlockRole {
  const l = fsLayout(deviceBlocks)
  return (b) => {
    if (b === l.superblock) return { short: 'sb', long: 'superblock', meta: true }
    if (b === l.journalSuper)
      return { short: 'jsb', long: 'journal superblock (where replay starts)', meta: true }
    if (b === l.blockBitmap) return { short: 'bmap', long: 'block bitmap', meta: true }
    if (b === l.inodeBitmap) return { short: 'imap', long: 'inode bitmap', meta: true }
    if (b >= l.inodeTable && b < l.inodeTable + l.inodeTableBlocks) {
      const first = (b - l.inodeTable) * l.inodesPerBlock + 1
      return {
        short: 'ino',
        long: `inode table (inodes ${first}–${first + l.inodesPerBlock - 1})`,
        meta: true,
      }
    }
    if (b === l.rootDir) return { short: 'dir', long: 'root directory', meta: true }
    if (b >= l.journal && b < l.journal + l.journalBlocks)
      return {
        short: 'jnl',
        long: `journal block ${b - l.journal + 1} of ${l.journalBlocks}`,
        meta: true,
      }
    return { short: '', long: 'data block', meta: false }
  }
}
