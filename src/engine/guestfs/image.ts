import { Data } from '../vocabulary'
import { type BlockContent, STALE, ZERO } from './content'
import type { FsLayout } from './layout'
import type { FsResult } from './types'

/** A state of /dev/loop0 as the checker sees it: the data version of every block. */
export type ImageFn = (block: number) => number

/** The contents and initial image of a run, indexed once: the explorer checks many states of one run. */
interface Index {
  contents: Map<number, BlockContent>
  initial: Map<number, BlockContent>
}

const indexes = new WeakMap<FsResult, Index>()

function indexOf(fs: FsResult): Index {
  let ix = indexes.get(fs)
  if (!ix) {
    ix = { contents: new Map(fs.contents), initial: new Map(fs.initial) }
    indexes.set(fs, ix)
  }
  return ix
}

/**
 * Reads an image as file-system blocks. `raw` is what the device holds; `read` is what the
 * file system sees after journal replay (the overlay of replayed metadata over home blocks).
 */
export class FsImage {
  readonly layout: FsLayout
  private readonly ix: Index
  private overlay = new Map<number, BlockContent>()

  constructor(
    readonly version: ImageFn,
    readonly fs: FsResult,
  ) {
    this.layout = fs.layout
    this.ix = indexOf(fs)
  }

  /** The content a version of a block stands for. */
  resolve(block: number, v: number): BlockContent {
    if (v > 0) return this.ix.contents.get(v) ?? { kind: 'foreign', version: v }
    if (v === Data.INITIAL) return this.ix.initial.get(block) ?? ZERO
    if (v === Data.ZERO) return ZERO
    if (v === Data.STALE) return STALE
    return { kind: 'foreign', version: v }
  }

  raw(block: number): BlockContent {
    return this.resolve(block, this.version(block))
  }

  read(block: number): BlockContent {
    return this.overlay.get(block) ?? this.raw(block)
  }

  /** Journal replay writes a metadata copy over its home block. */
  replayOnto(home: number, content: BlockContent): void {
    this.overlay.set(home, content)
  }
}
