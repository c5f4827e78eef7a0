/**
 * The consistency checker on hand-built images. Goal: each rule fires on the damage it names and
 * only there, journal replay applies exactly the complete transactions, and the output is stable.
 * Method: start from the mkfs image with files 'a' (inode 11, block 41) and 'b' (inode 12,
 * block 42), overwrite blocks by hand (ImageBuilder), and compare the findings with the
 * sentences a student would read.
 */
import { describe, expect, it } from 'vitest'
import { Data } from '../vocabulary'
import type { BlockContent } from './content'
import { ImageBuilder } from './image.testkit'
import type { FsPromise } from './types'

/** The metadata of "rm /b": b's dirent gone, inode 12 freed, its block 42 freed. */
function rmB(b: ImageBuilder): Map<number, BlockContent> {
  const l = b.layout
  return new Map<number, BlockContent>([
    [l.rootDir, b.dirWith([['a', 11]])],
    [l.inodeBitmap, b.bitmapWith('inode-bitmap', 12, false)],
    [l.blockBitmap, b.bitmapWith('block-bitmap', 42, false)],
    [l.inodeTable + 1, b.tableWith({ ino: 12, gen: 3, links: 0, size: 0, blocks: [] })],
  ])
}

const categories = (f: Array<{ category: string }>): string[] => f.map((x) => x.category)

describe('fsck rules', () => {
  it('the image mkfs made (with its files) is consistent', () => {
    expect(new ImageBuilder().check()).toEqual([])
  })

  it('a directory entry to an inode the bitmap marks free is "deleted inode referenced"', () => {
    const b = new ImageBuilder()
    const l = b.layout
    b.put(l.inodeBitmap, b.bitmapWith('inode-bitmap', 12, false))
    const f = b.check()
    expect(f).toContainEqual({
      category: 'deleted-inode-referenced',
      sentence: "the directory entry 'b' points at inode 12, which the inode bitmap marks free: deleted inode referenced",
      blocks: [l.rootDir, l.inodeBitmap],
    })
  })

  it('a directory entry to an inode with link count 0 is "deleted inode referenced" too', () => {
    const b = new ImageBuilder()
    b.put(b.layout.inodeTable + 1, b.tableWith({ ino: 12, gen: 3, links: 0, size: 0, blocks: [] }))
    const f = b.check()
    expect(categories(f)).toContain('deleted-inode-referenced')
    expect(f[0]?.sentence).toContain('link count is 0')
  })

  it('an inode in use that no directory entry names is a leaked inode', () => {
    const b = new ImageBuilder()
    b.put(b.layout.rootDir, b.dirWith([['a', 11]]))
    expect(b.check()).toEqual([
      {
        category: 'leaked-inode',
        sentence: 'inode 12 is in use (link count 1) but no directory entry names it: leaked inode, fsck would move it to lost+found',
        blocks: [b.layout.inodeBitmap, b.layout.inodeTable + 1, b.layout.rootDir],
      },
    ])
  })

  // The state of practice seed 23 (generator v1): the entry and the record of 'b' are there, its inode bit is not.
  it('an inode record in use (links > 0) whose bit the inode bitmap clears is a bitmap mismatch (e2fsck pass 5)', () => {
    const b = new ImageBuilder()
    const l = b.layout
    b.put(l.inodeBitmap, b.bitmapWith('inode-bitmap', 12, false))
    const f = b.check()
    expect(f).toContainEqual({
      category: 'bitmap-mismatch',
      sentence: 'inode 12 is in use (link count 1) but the inode bitmap marks it free',
      blocks: [l.inodeBitmap, l.inodeTable + 1],
    })
    // e2fsck's pass 1 takes what is in use from the inode records: block 42 is still b's, not leaked.
    expect(f.map((x) => x.sentence).join(' ')).not.toContain('block 42')
  })

  it('an inode record in use that the bitmap clears and no entry names is leaked, and still owns its blocks', () => {
    const b = new ImageBuilder()
    const l = b.layout
    // rm b half done: the entry and both bitmap bits are gone, the inode record is not.
    b.put(l.rootDir, b.dirWith([['a', 11]]))
    b.put(l.inodeBitmap, b.bitmapWith('inode-bitmap', 12, false))
    b.put(l.blockBitmap, b.bitmapWith('block-bitmap', 42, false))
    expect(b.check().map((x) => x.sentence)).toEqual([
      'inode 12 is in use (link count 1) but no directory entry names it: leaked inode, fsck would move it to lost+found',
      "block 42 holds data of inode 12, but the block bitmap marks it free",
      'inode 12 is in use (link count 1) but the inode bitmap marks it free',
    ])
  })

  it('a freed inode record is nobody’s: its blocks are leaked when the block bitmap still marks them', () => {
    const b = new ImageBuilder()
    b.put(b.layout.rootDir, b.dirWith([['a', 11]]))
    b.put(b.layout.inodeBitmap, b.bitmapWith('inode-bitmap', 12, false))
    b.put(b.layout.inodeTable + 1, b.tableWith({ ino: 12, gen: 3, links: 0, size: 0, blocks: [42] }))
    expect(b.check().map((x) => x.sentence)).toEqual([
      'the block bitmap marks block 42 in use, but no file owns it: a leaked block',
    ])
  })

  it('two entries for an inode with one link is a link-count error', () => {
    const b = new ImageBuilder()
    b.put(b.layout.rootDir, b.dirWith([['a', 11], ['b', 12], ['c', 12]]))
    expect(categories(b.check())).toEqual(['link-count'])
  })

  it('the block bitmap must agree with the blocks files own, both ways', () => {
    const b = new ImageBuilder()
    b.put(b.layout.blockBitmap, { kind: 'block-bitmap', used: [41, 43] })
    const f = b.check()
    expect(f.map((x) => x.sentence)).toEqual([
      "block 42 holds data of 'b' (inode 12), but the block bitmap marks it free",
      'the block bitmap marks block 43 in use, but no file owns it: a leaked block',
    ])
  })

  it('a block in two files is owned twice', () => {
    const b = new ImageBuilder()
    b.put(b.layout.inodeTable + 1, b.tableWith({ ino: 12, gen: 3, links: 1, size: 1, blocks: [41] }))
    const f = b.check()
    expect(f[0]).toEqual({ category: 'block-owned-twice', sentence: "block 41 belongs to 'a' (inode 11) and to 'b' (inode 12): block owned twice", blocks: [41] })
    // 42 is now in the bitmap with no owner, and 41 holds a's data, not b's.
    expect(categories(f)).toEqual(['block-owned-twice', 'bitmap-mismatch', 'stale-data'])
  })

  it('an image of zeros is not a file system', () => {
    const b = new ImageBuilder()
    for (let blk = 0; blk < 9; blk++) b.putVersion(blk, Data.ZERO)
    const f = b.check()
    expect(f[0]?.category).toBe('not-formatted')
    expect(f[0]?.sentence).toBe('block 0 should hold the superblock but holds zeros: fsck cannot make sense of this file system')
  })
})

describe('journal replay', () => {
  it('applies a complete transaction over half-checkpointed home blocks', () => {
    const b = new ImageBuilder()
    const meta = rmB(b)
    b.journal(1, 0, meta)
    // The checkpoint got as far as the inode bitmap: alone it would be "deleted inode referenced".
    b.put(b.layout.inodeBitmap, meta.get(b.layout.inodeBitmap) as BlockContent)
    const r = b.inspect()
    expect(r.recovery.replayed).toEqual([1])
    expect(r.findings).toEqual([])
  })

  it('ignores a transaction without its commit block, and stops at it', () => {
    const b = new ImageBuilder()
    const meta = rmB(b)
    b.journal(1, 0, meta, { commit: false })
    b.journal(2, 6, new Map([[b.layout.rootDir, b.dirWith([])]]))
    b.put(b.layout.inodeBitmap, meta.get(b.layout.inodeBitmap) as BlockContent)
    const r = b.inspect()
    expect(r.recovery.replayed).toEqual([])
    expect(r.recovery.stop).toBe('transaction 1 was not replayed: its commit block is missing')
    expect(categories(r.findings)).toEqual(['deleted-inode-referenced', 'bitmap-mismatch'])
  })

  it('replays from the tail the journal superblock names, in sequence order', () => {
    const b = new ImageBuilder()
    b.journal(1, 0, new Map([[b.layout.rootDir, b.dirWith([['a', 11]])]]))
    b.journal(2, 3, rmB(b))
    b.journal(3, 9, new Map([[b.layout.rootDir, b.dirWith([['b', 11]])]]), { commit: false })
    expect(b.inspect().recovery.replayed).toEqual([1, 2])
    b.put(b.layout.journalSuper, { kind: 'journal-super', tailSeq: 2, tailBlock: b.layout.journal + 3 })
    const r = b.inspect()
    expect(r.recovery.replayed).toEqual([2])
    expect(r.findings).toEqual([])
  })

  it('async-commit: rejects a transaction whose commit checksum does not match', () => {
    const good = new ImageBuilder(undefined, 'async-commit')
    good.journal(1, 0, rmB(good))
    expect(good.inspect().recovery.replayed).toEqual([1])
    const bad = new ImageBuilder(undefined, 'async-commit')
    bad.journal(1, 0, rmB(bad), { checksum: 12345 })
    const r = bad.inspect()
    expect(r.recovery.replayed).toEqual([])
    expect(r.recovery.stop).toContain('checksum does not match')
  })
})

describe('durability rules', () => {
  it("a file block holding another inode's data is stale data; zeros are not", () => {
    const b = new ImageBuilder()
    b.put(41, { kind: 'data', ino: 12, gen: 3, index: 0, write: 4 })
    b.putVersion(42, Data.ZERO)
    expect(b.check()).toEqual([
      { category: 'stale-data', sentence: "file block 0 of 'a' (inode 11) is block 41, which holds file block 0 of 'b' (inode 12): stale data exposed", blocks: [41] },
    ])
    b.putVersion(42, Data.STALE)
    expect(b.check()[1]?.sentence).toBe("file block 0 of 'b' (inode 12) is block 42, which holds stale data of some other host file: stale data exposed")
  })

  const fsyncOfC = (seq: number, version: number): FsPromise => ({
    kind: 'fsync',
    op: 2,
    label: null,
    seq,
    event: 10,
    t: 0,
    file: { name: 'c', ino: 13, gen: 4, data: [[0, version]] },
  })

  /** create c (inode 13, block 43) and write its block: the journal copies of that transaction. */
  function createC(b: ImageBuilder): Map<number, BlockContent> {
    const l = b.layout
    return new Map<number, BlockContent>([
      [l.rootDir, b.dirWith([['a', 11], ['b', 12], ['c', 13]])],
      [l.inodeBitmap, b.bitmapWith('inode-bitmap', 13, true)],
      [l.blockBitmap, b.bitmapWith('block-bitmap', 43, true)],
      [l.inodeTable + 1, b.tableWith({ ino: 13, gen: 4, links: 1, size: 1, blocks: [43] })],
    ])
  }

  it('an fsync whose transaction the image does not hold is lost, once the fsync returned', () => {
    const b = new ImageBuilder()
    const promises = [fsyncOfC(1, 1)]
    expect(b.check(9, { promises })).toEqual([])
    const f = b.check(10, { promises })
    expect(categories(f)).toEqual(['fsync-lost'])
    expect(f[0]?.sentence).toBe(
      "fsync of 'c' returned once transaction 1 had committed, but this state neither replays transaction 1 from the journal nor has the journal tail past it: the promise is lost",
    )
  })

  it('an fsync is kept when its transaction replays and the data is there, lost when the data is not', () => {
    const b = new ImageBuilder()
    const v = b.put(43, { kind: 'data', ino: 13, gen: 4, index: 0, write: 1 })
    b.journal(1, 0, createC(b))
    expect(b.check(10, { promises: [fsyncOfC(1, v)] })).toEqual([])
    b.putVersion(43, Data.INITIAL)
    const f = b.check(10, { promises: [fsyncOfC(1, v)] })
    expect(f.map((x) => x.sentence)).toEqual([
      `fsync of 'c' returned, but file block 0 of 'c' (block 43) should hold the data written before the fsync (version ${v}) but holds zeros`,
    ])
  })

  it('findings are sorted worst first and the same on every call', () => {
    const b = new ImageBuilder()
    b.put(41, { kind: 'data', ino: 12, gen: 3, index: 0, write: 4 })
    b.put(b.layout.inodeBitmap, b.bitmapWith('inode-bitmap', 12, false))
    b.put(b.layout.blockBitmap, { kind: 'block-bitmap', used: [41, 42, 50] })
    const f = b.check(10, { promises: [fsyncOfC(1, 1)] })
    expect(categories(f)).toEqual(['deleted-inode-referenced', 'bitmap-mismatch', 'bitmap-mismatch', 'stale-data', 'fsync-lost'])
    expect(b.check(10, { promises: [fsyncOfC(1, 1)] })).toEqual(f)
  })
})
