/**
 * Hand-built images for checker tests: start from mkfs with some files, then overwrite blocks
 * with content of your choosing. Each put is a new data version, as a write would be.
 */
import type { FsDiscipline } from '../config'
import { Data } from '../vocabulary'
import { checkImage, inspectImage, type Inspection } from './check'
import { type BlockContent, commitChecksum, type Inode, withMember } from './content'
import { FsImage } from './image'
import { type FsLayout, fsLayout, inodeHome, journalBlock } from './layout'
import { mkfs } from './mkfs'
import type { FsResult } from './types'

export class ImageBuilder {
  readonly layout: FsLayout
  private readonly fs: FsResult
  private readonly versions = new Map<number, number>()
  private next = 1

  constructor(files = [{ name: 'a', blocks: 1 }, { name: 'b', blocks: 1 }], discipline: FsDiscipline = 'jbd2') {
    this.layout = fsLayout(256)
    const { initial } = mkfs(this.layout, files)
    this.fs = { discipline, layout: this.layout, contents: [], initial: [...initial], promises: [], opsDone: [], transactions: [], labels: {} }
  }

  /** A snapshot of the FsResult (the checker caches by object, so each call gets a fresh one). */
  result(extra: Partial<FsResult> = {}): FsResult {
    return { ...this.fs, contents: this.fs.contents.slice(), ...extra }
  }

  readonly image = (b: number): number => this.versions.get(b) ?? Data.INITIAL

  version(block: number): number {
    return this.image(block)
  }

  get(block: number): BlockContent {
    return new FsImage(this.image, this.result()).raw(block)
  }

  put(block: number, content: BlockContent): number {
    const v = this.next++
    this.fs.contents.push([v, content])
    this.versions.set(block, v)
    return v
  }

  putVersion(block: number, v: number): void {
    this.versions.set(block, v)
  }

  inode(ino: number): Inode | null {
    const t = this.get(inodeHome(this.layout, ino).block)
    return t.kind === 'inode-table' ? (t.inodes[inodeHome(this.layout, ino).slot] ?? null) : null
  }

  /** The inode-table block content with one inode replaced (not written: combine with put or journal). */
  tableWith(inode: Inode): BlockContent {
    const { block, slot } = inodeHome(this.layout, inode.ino)
    const t = this.get(block)
    if (t.kind !== 'inode-table') throw new Error(`block ${block} is not an inode table`)
    const inodes = t.inodes.slice()
    inodes[slot] = inode
    return { kind: 'inode-table', first: t.first, inodes }
  }

  bitmapWith(kind: 'inode-bitmap' | 'block-bitmap', n: number, used: boolean): BlockContent {
    const block = kind === 'inode-bitmap' ? this.layout.inodeBitmap : this.layout.blockBitmap
    const c = this.get(block)
    if (c.kind !== kind) throw new Error(`block ${block} is not a ${kind}`)
    return { kind, used: withMember(c.used, n, used) }
  }

  dirWith(entries: Array<[string, number]>): BlockContent {
    return { kind: 'dir', entries }
  }

  /** Writes a transaction into the journal at position `pos`; `commit: false` leaves the commit block out. */
  journal(seq: number, pos: number, metas: Map<number, BlockContent>, opts: { commit?: boolean; checksum?: number } = {}): void {
    const homes = [...metas.keys()].sort((a, b) => a - b)
    const versions = [this.put(journalBlock(this.layout, pos), { kind: 'journal-descriptor', seq, homes })]
    homes.forEach((home, i) => {
      versions.push(this.put(journalBlock(this.layout, pos + 1 + i), { kind: 'journal-copy', seq, home, content: metas.get(home) as BlockContent }))
    })
    if (opts.commit === false) return
    const checksum = opts.checksum ?? (this.fs.discipline === 'async-commit' ? commitChecksum(seq, versions) : 0)
    this.put(journalBlock(this.layout, pos + 1 + homes.length), { kind: 'journal-commit', seq, checksum })
  }

  check(atEvent = 0, extra: Partial<FsResult> = {}): ReturnType<typeof checkImage> {
    return checkImage(this.image, this.result(extra), { atEvent })
  }

  inspect(atEvent = 0, extra: Partial<FsResult> = {}): Inspection {
    return inspectImage(this.image, this.result(extra), { atEvent })
  }
}
