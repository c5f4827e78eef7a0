import type { BlockContent, ContentOf, Inode } from './content'
import { withMember } from './content'
import { type FsLayout, inodeHome, maxIno } from './layout'

/** Errno values a file operation can return (0 on success). */
export const FsErr = { ENOENT: -2, EIO: -5, EEXIST: -17, ENOSPC: -28, EROFS: -30 } as const

/** A dirty data block of the running transaction: whose block it is, and the op that wrote it. */
export interface DirtyData {
  ino: number
  gen: number
  index: number
  write: number
  labels: string[]
}

/** What a commit takes from the running transaction (jbd2's t_buffers and t_inode_list). */
export interface Changes {
  meta: Map<number, BlockContent>
  data: Map<number, DirtyData>
  /** Data blocks freed by this transaction: reusable only once it has committed. */
  freed: number[]
}

/**
 * The in-memory file system: the current content of every metadata block (what the buffer cache
 * holds) and the changes of the running transaction. Operations change metadata only here; a
 * commit (journal.ts) decides when anything reaches the device.
 */
export class FsState {
  readonly meta = new Map<number, BlockContent>()
  private changes: Changes = { meta: new Map(), data: new Map(), freed: [] }
  /** Blocks freed by a transaction that has not committed: ext4 does not reuse them before (ext4_free_blocks defers to the commit callback). */
  private readonly pendingFree = new Set<number>()

  constructor(
    readonly layout: FsLayout,
    initial: ReadonlyMap<number, BlockContent>,
    private nextGen: number,
  ) {
    for (let b = layout.superblock; b <= layout.rootDir; b++) {
      const c = initial.get(b)
      if (c && b !== layout.journalSuper) this.meta.set(b, c)
    }
  }

  get isDirty(): boolean {
    return this.changes.meta.size > 0 || this.changes.data.size > 0
  }

  /** Hands the running transaction's changes to a commit and opens a new, empty one. */
  freeze(): Changes {
    const c = this.changes
    this.changes = { meta: new Map(), data: new Map(), freed: [] }
    return c
  }

  /** The transaction that freed these blocks committed: they may be allocated again. */
  release(blocks: readonly number[]): void {
    for (const b of blocks) this.pendingFree.delete(b)
  }

  lookup(name: string): number | undefined {
    return this.get(this.layout.rootDir, 'dir').entries.find(([n]) => n === name)?.[1]
  }

  inode(ino: number): Inode | null {
    const { block, slot } = inodeHome(this.layout, ino)
    return this.get(block, 'inode-table').inodes[slot] ?? null
  }

  /** Names in the root directory and their inodes, in directory order. */
  entries(): ReadonlyArray<[string, number]> {
    return this.get(this.layout.rootDir, 'dir').entries
  }

  create(name: string): number {
    if (this.lookup(name) !== undefined) return FsErr.EEXIST
    const used = new Set(this.get(this.layout.inodeBitmap, 'inode-bitmap').used)
    let ino = this.layout.firstIno
    while (ino <= maxIno(this.layout) && used.has(ino)) ino++
    if (ino > maxIno(this.layout)) return FsErr.ENOSPC
    this.setBitmap('inode-bitmap', ino, true)
    this.putInode({ ino, gen: this.nextGen++, links: 1, size: 0, blocks: [] })
    this.setEntries([...this.entries(), [name, ino]])
    return 0
  }

  /**
   * A buffered write of file blocks [offset, offset + count): allocates what is missing (the
   * bitmap and inode change in the running transaction) and dirties the data, which the commit
   * writes first (ext4 data=ordered). The label goes with the last block.
   */
  write(name: string, offset: number, count: number, op: number, label: string | null): number {
    const ino = this.lookup(name)
    const inode = ino === undefined ? null : this.inode(ino)
    if (inode === null) return FsErr.ENOENT
    const blocks = inode.blocks.slice()
    let status = 0
    for (let i = offset; i < offset + count; i++) {
      let b = blocks[i] ?? 0
      if (b === 0) b = this.allocBlock()
      if (b < 0) {
        status = FsErr.ENOSPC
        break
      }
      while (blocks.length < i) blocks.push(0)
      blocks[i] = b
      // A label of an earlier write of the same block stays: the later data supersedes it.
      const labels = this.changes.data.get(b)?.labels.slice() ?? []
      if (label !== null && i === offset + count - 1) labels.push(label)
      this.changes.data.set(b, { ino: inode.ino, gen: inode.gen, index: i, write: op, labels })
    }
    // The inode is dirtied even by an overwrite (mtime), so every write joins the transaction.
    this.putInode({ ...inode, size: Math.max(inode.size, blocks.length), blocks })
    return status
  }

  unlink(name: string): number {
    const ino = this.lookup(name)
    if (ino === undefined) return FsErr.ENOENT
    this.setEntries(this.entries().filter(([n]) => n !== name))
    this.dropLink(ino)
    return 0
  }

  /** rename within the root directory; an existing target is unlinked in the same transaction. */
  rename(from: string, to: string): number {
    const ino = this.lookup(from)
    if (ino === undefined) return FsErr.ENOENT
    if (from === to) return 0
    const target = this.lookup(to)
    const kept = this.entries().filter(([n]) => n !== to)
    this.setEntries(kept.map(([n, i]): [string, number] => (n === from ? [to, i] : [n, i])))
    if (target !== undefined) this.dropLink(target)
    return 0
  }

  /** Drops a link; at zero the inode and its blocks are freed (ext4_evict_inode, ext4_free_blocks). */
  private dropLink(ino: number): void {
    const inode = this.inode(ino)
    if (inode === null) return
    if (inode.links > 1) {
      this.putInode({ ...inode, links: inode.links - 1 })
      return
    }
    for (const b of inode.blocks) {
      if (b === 0) continue
      this.setBitmap('block-bitmap', b, false)
      this.changes.data.delete(b)
      this.changes.freed.push(b)
      this.pendingFree.add(b)
    }
    this.putInode({ ...inode, links: 0, size: 0, blocks: [] })
    this.setBitmap('inode-bitmap', ino, false)
  }

  private allocBlock(): number {
    const used = new Set(this.get(this.layout.blockBitmap, 'block-bitmap').used)
    for (let b = this.layout.dataStart; b < this.layout.deviceBlocks; b++) {
      if (used.has(b) || this.pendingFree.has(b)) continue
      this.setBitmap('block-bitmap', b, true)
      return b
    }
    return -1
  }

  private get<K extends 'dir' | 'inode-table' | 'inode-bitmap' | 'block-bitmap'>(block: number, kind: K): ContentOf<K> {
    const c = this.meta.get(block)
    if (c?.kind !== kind) throw new Error(`guest fs: block ${block} is not a ${kind} block in memory`)
    return c as ContentOf<K>
  }

  private set(block: number, c: BlockContent): void {
    this.meta.set(block, c)
    this.changes.meta.set(block, c)
  }

  private setBitmap(kind: 'block-bitmap' | 'inode-bitmap', n: number, used: boolean): void {
    const block = kind === 'block-bitmap' ? this.layout.blockBitmap : this.layout.inodeBitmap
    this.set(block, { kind, used: withMember(this.get(block, kind).used, n, used) })
  }

  private putInode(inode: Inode): void {
    const { block, slot } = inodeHome(this.layout, inode.ino)
    const table = this.get(block, 'inode-table')
    const inodes = table.inodes.slice()
    inodes[slot] = inode
    this.set(block, { kind: 'inode-table', first: table.first, inodes })
  }

  private setEntries(entries: Array<[string, number]>): void {
    this.set(this.layout.rootDir, { kind: 'dir', entries })
  }
}
