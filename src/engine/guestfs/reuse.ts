/**
 * Directory entries that name a reused inode: the entry was written for one file, and the inode
 * record now holds another, made by a later create that took the freed inode number with a new
 * generation. No fsck rule can see this (a directory entry records an inode number, not its
 * generation), so such a state passes the checker; these notes say what the image really shows.
 *
 * Which name each (inode, generation) had is read from the file system's own history: the
 * image mkfs made, then every transaction's metadata copies applied in sequence order.
 */
import type { BlockContent, Inode } from './content'
import { parseTree } from './fsck'
import { FsImage, type ImageFn } from './image'
import { recover } from './recovery'
import type { FsResult } from './types'

const key = (ino: number, gen: number): string => `${ino}:${gen}`

const namesCache = new WeakMap<FsResult, Map<string, Set<string>>>()

/** Every name an (inode, generation) had in some state of the run's metadata, by `ino:gen`. */
function namesByGeneration(fs: FsResult): Map<string, Set<string>> {
  const cached = namesCache.get(fs)
  if (cached) return cached
  const out = new Map<string, Set<string>>()
  const meta = new Map<number, BlockContent>(fs.initial)
  const record = (): void => {
    const dir = meta.get(fs.layout.rootDir)
    if (dir?.kind !== 'dir') return
    const inodes = new Map<number, Inode>()
    for (const c of meta.values())
      if (c.kind === 'inode-table') for (const i of c.inodes) if (i && i.links > 0) inodes.set(i.ino, i)
    for (const [name, ino] of dir.entries) {
      const i = inodes.get(ino)
      if (!i) continue
      const k = key(ino, i.gen)
      out.set(k, (out.get(k) ?? new Set()).add(name))
    }
  }
  record()
  const contents = new Map(fs.contents)
  for (const t of [...fs.transactions].sort((a, b) => a.seq - b.seq)) {
    for (const v of t.journal) {
      const c = contents.get(v)
      if (c?.kind === 'journal-copy') meta.set(c.home, c.content)
    }
    record()
  }
  namesCache.set(fs, out)
  return out
}

/** Sentences for the entries of an image (after journal replay) that name an inode reused by another file. */
export function reusedInodeNotes(image: ImageFn, fs: FsResult): string[] {
  const img = new FsImage(image, fs)
  recover(img)
  const tree = parseTree(img)
  if (Array.isArray(tree)) return []
  const names = namesByGeneration(fs)
  const out: string[] = []
  for (const [name, ino] of tree.entries) {
    const inode = tree.inodes.get(ino)
    if (!inode || inode.links === 0) continue
    const was = [...(names.get(key(ino, inode.gen)) ?? [])]
    // An (inode, generation) the history never named says nothing about reuse.
    if (was.length === 0 || was.includes(name)) continue
    out.push(
      `the entry '${name}' names inode ${ino}, which now holds another file, '${was.join("' or '")}' (generation ${inode.gen}): a directory entry records no generation, so no fsck rule can tell`,
    )
  }
  return out
}
