import { type BlockContent, describeKind, type Inode } from './content'
import type { FsImage } from './image'
import { type FsLayout, inodeHome } from './layout'
import type { Finding } from './check'

/** The metadata of an image after replay, parsed once for every rule. */
export interface Tree {
  inodeBitmap: Set<number>
  blockBitmap: Set<number>
  /** Inode records in the table, by number (free ones included, with links 0). */
  inodes: Map<number, Inode>
  entries: Array<[string, number]>
  namesOf: Map<number, string[]>
}

const ROLE: Array<[keyof FsLayout, BlockContent['kind'], string]> = [
  ['superblock', 'superblock', 'the superblock'],
  ['inodeBitmap', 'inode-bitmap', 'the inode bitmap'],
  ['blockBitmap', 'block-bitmap', 'the block bitmap'],
  ['rootDir', 'dir', 'the root directory'],
]

/** Parses the metadata, or says which block is not what it should be (fsck gives up there too). */
export function parseTree(img: FsImage): Tree | Finding[] {
  const l = img.layout
  const bad: Finding[] = []
  for (const [key, kind, role] of ROLE) {
    const b = l[key] as number
    const c = img.read(b)
    if (c.kind !== kind) bad.push(unreadable(b, role, c))
  }
  for (let t = 0; t < l.inodeTableBlocks; t++) {
    const c = img.read(l.inodeTable + t)
    if (c.kind !== 'inode-table') bad.push(unreadable(l.inodeTable + t, 'an inode-table block', c))
  }
  if (bad.length > 0) return bad
  const inodes = new Map<number, Inode>()
  for (let t = 0; t < l.inodeTableBlocks; t++) {
    const c = img.read(l.inodeTable + t)
    if (c.kind !== 'inode-table') continue
    c.inodes.forEach((inode, slot) => {
      if (inode) inodes.set(c.first + slot, inode)
    })
  }
  const dir = img.read(l.rootDir)
  const entries = dir.kind === 'dir' ? dir.entries : []
  const namesOf = new Map<number, string[]>()
  for (const [name, ino] of entries) namesOf.set(ino, [...(namesOf.get(ino) ?? []), name])
  const ib = img.read(l.inodeBitmap)
  const bb = img.read(l.blockBitmap)
  return {
    inodeBitmap: new Set(ib.kind === 'inode-bitmap' ? ib.used : []),
    blockBitmap: new Set(bb.kind === 'block-bitmap' ? bb.used : []),
    inodes,
    entries,
    namesOf,
  }
}

function unreadable(block: number, role: string, c: BlockContent): Finding {
  const category = c.kind === 'zero' && block === 0 ? 'not-formatted' : 'metadata-unreadable'
  return { category, sentence: `block ${block} should hold ${role} but holds ${describeKind(c)}: fsck cannot make sense of this file system`, blocks: [block] }
}

/**
 * The files in use, as e2fsck's pass 1 finds them: every inode record with links, whatever the
 * inode bitmap says (pass 5 compares the bitmap with this afterwards). The root is not a file.
 */
export function liveFiles(l: FsLayout, tree: Tree): Inode[] {
  return [...tree.inodes.values()].filter((i) => i.ino >= l.firstIno && i.links > 0)
}

export function fileName(tree: Tree, ino: number): string {
  const names = tree.namesOf.get(ino)
  return names && names.length > 0 ? `'${names.join("', '")}' (inode ${ino})` : `inode ${ino}`
}

/**
 * The fsck rules over inodes and directory entries (e2fsck passes 2 and 4), and the inode bitmap
 * against the records in use (pass 5). A directory entry naming an inode the bitmap marks free is
 * "deleted inode referenced" here, even when the record still has links: e2fsck itself would
 * trust the record there and report only the bitmap difference, which is reported too.
 */
export function inodeRules(l: FsLayout, tree: Tree): Finding[] {
  const out: Finding[] = []
  for (const [name, ino] of tree.entries) {
    const home = inodeHome(l, ino).block
    const inode = tree.inodes.get(ino)
    if (!tree.inodeBitmap.has(ino)) {
      out.push({ category: 'deleted-inode-referenced', sentence: `the directory entry '${name}' points at inode ${ino}, which the inode bitmap marks free: deleted inode referenced`, blocks: [l.rootDir, l.inodeBitmap] })
    } else if (!inode || inode.links === 0) {
      out.push({ category: 'deleted-inode-referenced', sentence: `the directory entry '${name}' points at inode ${ino}, whose link count is 0 (it was deleted): deleted inode referenced`, blocks: [l.rootDir, home] })
    }
  }
  // Inodes the bitmap marks in use, and inode records in use (links > 0) whatever the bitmap says.
  const inUse = new Set([...tree.inodeBitmap, ...liveFiles(l, tree).map((i) => i.ino)])
  for (const ino of [...inUse].sort((a, b) => a - b)) {
    if (ino < l.firstIno) continue
    const inode = tree.inodes.get(ino)
    const names = tree.namesOf.get(ino) ?? []
    const home = inodeHome(l, ino).block
    if (!inode || inode.links === 0) {
      if (names.length === 0) out.push({ category: 'bitmap-mismatch', sentence: `the inode bitmap marks inode ${ino} in use, but its inode is free (link count 0)`, blocks: [l.inodeBitmap, home] })
      continue
    }
    if (!tree.inodeBitmap.has(ino)) {
      out.push({ category: 'bitmap-mismatch', sentence: `inode ${ino} is in use (link count ${inode.links}) but the inode bitmap marks it free`, blocks: [l.inodeBitmap, home] })
    }
    if (names.length === 0) {
      out.push({ category: 'leaked-inode', sentence: `inode ${ino} is in use (link count ${inode.links}) but no directory entry names it: leaked inode, fsck would move it to lost+found`, blocks: [l.inodeBitmap, home, l.rootDir] })
    } else if (inode.links !== names.length) {
      out.push({ category: 'link-count', sentence: `inode ${ino} has link count ${inode.links} but ${names.length} directory entries name it ('${names.join("', '")}')`, blocks: [home, l.rootDir] })
    }
  }
  return out
}

/** The fsck rules over data blocks (e2fsck passes 1 and 5): one owner each, bitmap agrees. */
export function blockRules(l: FsLayout, tree: Tree): Finding[] {
  const out: Finding[] = []
  const owners = new Map<number, number[]>()
  for (const inode of liveFiles(l, tree)) {
    for (const b of inode.blocks) if (b !== 0) owners.set(b, [...(owners.get(b) ?? []), inode.ino])
  }
  for (const [b, inos] of [...owners].sort((x, y) => x[0] - y[0])) {
    if (inos.length > 1) {
      out.push({ category: 'block-owned-twice', sentence: `block ${b} belongs to ${inos.map((i) => fileName(tree, i)).join(' and to ')}: block owned twice`, blocks: [b] })
    }
    if (!tree.blockBitmap.has(b)) {
      out.push({ category: 'bitmap-mismatch', sentence: `block ${b} holds data of ${fileName(tree, inos[0] as number)}, but the block bitmap marks it free`, blocks: [b, l.blockBitmap] })
    }
  }
  for (const b of [...tree.blockBitmap].sort((x, y) => x - y)) {
    if (!owners.has(b)) out.push({ category: 'bitmap-mismatch', sentence: `the block bitmap marks block ${b} in use, but no file owns it: a leaked block`, blocks: [b, l.blockBitmap] })
  }
  return out
}
