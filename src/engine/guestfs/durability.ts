import { describeKind } from './content'
import type { Finding } from './check'
import { fileName, liveFiles, type Tree } from './fsck'
import type { FsImage } from './image'
import type { Recovery } from './recovery'
import type { FsPromise } from './types'

/**
 * No file exposes data it did not write: every block of a file in use holds that file's data
 * (same inode and generation, same file block) or zeros. ext4 data=ordered exists to keep this
 * true after a crash: a block is allocated on disk only once its new data is there.
 */
export function staleData(img: FsImage, tree: Tree): Finding[] {
  const out: Finding[] = []
  for (const inode of liveFiles(img.layout, tree)) {
    inode.blocks.forEach((b, index) => {
      if (b === 0) return
      const c = img.raw(b)
      if (c.kind === 'zero') return
      if (c.kind === 'data' && c.ino === inode.ino && c.gen === inode.gen && c.index === index) return
      const whose = c.kind === 'data' ? otherOwner(tree, c.ino, c.gen, c.index) : describeKind(c)
      out.push({
        category: 'stale-data',
        sentence: `file block ${index} of ${fileName(tree, inode.ino)} is block ${b}, which holds ${whose}: stale data exposed`,
        blocks: [b],
      })
    })
  }
  return out
}

function otherOwner(tree: Tree, ino: number, gen: number, index: number): string {
  const now = tree.inodes.get(ino)
  const alive = now !== undefined && now.gen === gen && now.links > 0
  return alive ? `file block ${index} of ${fileName(tree, ino)}` : `data of a deleted file (inode ${ino}, file block ${index})`
}

/**
 * The latest transaction an image holds: replayed from the journal, or behind the journal tail
 * (jbd2 moves the tail only past transactions whose checkpoint is durable).
 */
export function effectiveSeq(rec: Recovery): number {
  const last = rec.replayed.length > 0 ? (rec.replayed[rec.replayed.length - 1] as number) : 0
  return Math.max(last, rec.tailSeq - 1)
}

/**
 * Every fsync and sync that returned at or before the instant keeps its promise (CrashMonkey's
 * oracle): its transaction is in the image, and for fsync the file is there with at least the
 * data it had, unless a later operation on the same name is in the image too.
 */
export function fsyncLost(img: FsImage, tree: Tree, rec: Recovery, atEvent: number): Finding[] {
  const out: Finding[] = []
  const seq = effectiveSeq(rec)
  for (const p of img.fs.promises) {
    if (p.event > atEvent) continue
    const what = p.kind === 'fsync' ? `fsync of '${p.file?.name ?? '?'}'` : 'sync'
    if (p.seq > seq) {
      out.push({
        category: 'fsync-lost',
        sentence: `${what} returned once transaction ${p.seq} had committed, but this state neither replays transaction ${p.seq} from the journal nor has the journal tail past it: the promise is lost`,
        blocks: [img.layout.journalSuper],
      })
      continue
    }
    const broken = p.file && !superseded(img, p, seq) ? fileBroken(img, tree, p.file) : null
    if (broken) out.push({ category: 'fsync-lost', sentence: `${what} returned, but ${broken.why}`, blocks: broken.blocks })
  }
  return out
}

/** A later operation on the same name that the image holds changes what the name may show. */
function superseded(img: FsImage, p: FsPromise, seq: number): boolean {
  const name = p.file?.name
  return img.fs.opsDone.some((o) => o.index > p.op && o.status === 0 && o.seq <= seq && o.op !== 'write' && o.op !== 'fsync' && o.names.includes(name ?? ''))
}

function fileBroken(img: FsImage, tree: Tree, f: NonNullable<FsPromise['file']>): { why: string; blocks: number[] } | null {
  const l = img.layout
  const ino = tree.entries.find(([n]) => n === f.name)?.[1]
  if (ino === undefined) return { why: `this state has no directory entry '${f.name}'`, blocks: [l.rootDir] }
  const inode = tree.inodes.get(ino)
  if (ino !== f.ino || !inode || inode.gen !== f.gen || inode.links === 0) {
    return { why: `'${f.name}' here is not the file (inode ${f.ino}) the fsync made durable`, blocks: [l.rootDir] }
  }
  for (const [index, version] of f.data) {
    const b = inode.blocks[index] ?? 0
    if (b === 0) return { why: `file block ${index} of '${f.name}' is missing from its inode`, blocks: [] }
    const c = img.raw(b)
    const ok = c.kind === 'data' && c.ino === f.ino && c.gen === f.gen && c.index === index && img.version(b) >= version
    if (!ok) return { why: `file block ${index} of '${f.name}' (block ${b}) should hold the data written before the fsync (version ${version}) but holds ${describeKind(c)}`, blocks: [b] }
  }
  return null
}
