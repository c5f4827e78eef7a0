/**
 * The guest file system's consistency checker (reference/crash-model.md §4.5): a pure function
 * from an image (the data version of every block of /dev/loop0) and the run's FsResult to
 * findings in plain English. It replays the journal first, as mount does, then applies fsck's
 * structural rules and the durability rules. An image with no findings is consistent.
 */
import { fsyncLost, staleData } from './durability'
import { blockRules, inodeRules, parseTree } from './fsck'
import { FsImage, type ImageFn } from './image'
import { recover, type Recovery } from './recovery'
import type { FsResult } from './types'

export interface Finding {
  category: string
  sentence: string
  blocks?: number[]
}

export interface CheckOptions {
  /**
   * The instant the image belongs to, counted as Replay.seek counts: the state after the first
   * `atEvent` log records. Promises of fsync/sync whose `event` is at most this are checked.
   */
  atEvent: number
}

export interface Inspection {
  findings: Finding[]
  recovery: Recovery
}

/** Categories in the order findings are listed: the worst first. */
export const CATEGORIES = [
  'not-formatted',
  'metadata-unreadable',
  'deleted-inode-referenced',
  'block-owned-twice',
  'link-count',
  'leaked-inode',
  'bitmap-mismatch',
  'stale-data',
  'fsync-lost',
] as const

export function checkImage(image: ImageFn, fs: FsResult | null, opts: CheckOptions): Finding[] {
  return inspectImage(image, fs, opts).findings
}

/** checkImage, plus what journal replay did (which transactions it replayed, and why it stopped). */
export function inspectImage(image: ImageFn, fs: FsResult | null, opts: CheckOptions): Inspection {
  if (fs === null) return { findings: [], recovery: { replayed: [], tailSeq: 0, stop: 'there is no guest file system' } }
  const img = new FsImage(image, fs)
  const recovery = recover(img)
  const tree = parseTree(img)
  if (Array.isArray(tree)) return { findings: sortFindings(tree), recovery }
  const findings = [
    ...inodeRules(img.layout, tree),
    ...blockRules(img.layout, tree),
    ...staleData(img, tree),
    ...fsyncLost(img, tree, recovery, opts.atEvent),
  ]
  return { findings: sortFindings(findings), recovery }
}

function rank(category: string): number {
  const i = (CATEGORIES as readonly string[]).indexOf(category)
  return i < 0 ? CATEGORIES.length : i
}

/** Deterministic order: by category (worst first), then by sentence; exact duplicates dropped. */
export function sortFindings(findings: Finding[]): Finding[] {
  const sorted = findings.slice().sort((a, b) => rank(a.category) - rank(b.category) || cmp(a.category, b.category) || cmp(a.sentence, b.sentence))
  return sorted.filter((f, i) => i === 0 || f.sentence !== sorted[i - 1]?.sentence || f.category !== sorted[i - 1]?.category)
}

/** Code-unit order, the same in every locale. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
