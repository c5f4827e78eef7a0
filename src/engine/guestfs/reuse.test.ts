/**
 * A directory entry that names a reused inode passes every fsck rule (an entry records no
 * generation), and the note says what the image really shows. The state is seed 17's: `rm b`
 * then `touch c`, and only the inode table and the block bitmap reached their home blocks, so
 * the old entry 'b' names inode 12, which now holds c (generation 4, no blocks).
 */
import { describe, expect, it } from 'vitest'
import type { BlockContent } from './content'
import { ImageBuilder } from './image.testkit'
import { journalBlock } from './layout'
import { reusedInodeNotes } from './reuse'
import type { TxnRecord } from './commit'

function rmBTouchC(): { b: ImageBuilder; metas: Map<number, BlockContent>; transactions: TxnRecord[] } {
  const b = new ImageBuilder()
  const l = b.layout
  const metas = new Map<number, BlockContent>([
    [l.rootDir, b.dirWith([['a', 11], ['c', 12]])],
    [l.blockBitmap, b.bitmapWith('block-bitmap', 42, false)],
    [l.inodeTable + 1, b.tableWith({ ino: 12, gen: 4, links: 1, size: 0, blocks: [] })],
  ])
  // Written to the journal without its commit block: replay leaves it out.
  b.journal(1, 0, metas, { commit: false })
  const journal = [1, 2, 3].map((i) => b.version(journalBlock(l, i)))
  const transactions: TxnRecord[] = [
    { seq: 1, data: [], journal, commit: 0, flush: null, homes: [], committed: true },
  ]
  return { b, metas, transactions }
}

describe('reused inode notes', () => {
  it("the old entry 'b' naming inode 12 as re-created for 'c' passes fsck, and the note says so", () => {
    const { b, metas, transactions } = rmBTouchC()
    const l = b.layout
    b.put(l.inodeTable + 1, metas.get(l.inodeTable + 1) as BlockContent)
    b.put(l.blockBitmap, metas.get(l.blockBitmap) as BlockContent)
    expect(b.check(0, { transactions })).toEqual([])
    expect(reusedInodeNotes(b.image, b.result({ transactions }))).toEqual([
      "the entry 'b' names inode 12, which now holds another file, 'c' (generation 4): a directory entry records no generation, so no fsck rule can tell",
    ])
  })

  it('says nothing when every entry names the file it was made for', () => {
    const { b, metas, transactions } = rmBTouchC()
    expect(reusedInodeNotes(b.image, b.result({ transactions }))).toEqual([])
    // The whole transaction at home: 'c' names inode 12 generation 4, as the run made it.
    for (const [home, c] of metas) b.put(home, c)
    expect(reusedInodeNotes(b.image, b.result({ transactions }))).toEqual([])
  })
})
