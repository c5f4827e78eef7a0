/**
 * What the explorer works on: a fixed base image plus writes that may or may not have reached
 * stable storage. Every crash or snapshot model reduces to this shape (models.ts, trace.ts), so
 * one enumerator serves engine runs and imported traces alike.
 */

/** One write as the explorer sees it. Times are ns; completeT is -1 if not complete by the instant. */
export interface ExWrite {
  id: number
  blocks: number[]
  versions: number[]
  submitT: number
  completeT: number
  label?: string
}

/** The fixed part of every state: per block, the version surely there and the write that put it. */
export interface BaseBlock {
  version: number
  /** The write that put it there (-1: the initial image) and when it was submitted. */
  writer: number
  writerSubmitT: number
}

export interface CrashInput {
  model: ModelName
  /** Instant: simulated time and the number of log events applied (-1 for a bare trace). */
  t: number
  event: number
  base: Map<number, BaseBlock>
  /** The initial version of a block not in `base` (the image before the run). */
  initial: (block: number) => number
  /** Writes that may or may not be present. */
  writes: ExWrite[]
}

export type ModelName = 'power-loss' | 'block-snapshot' | 'atomic-snapshot' | 'fuzzy-copy'
export const MODELS: readonly ModelName[] = ['power-loss', 'block-snapshot', 'atomic-snapshot', 'fuzzy-copy']

export type Granularity = 'write' | 'sector'

/** a happens-before b: a completed before b was submitted (the only ordering there is, R3). */
export function happensBefore(a: Pick<ExWrite, 'completeT'>, b: Pick<ExWrite, 'submitT'>): boolean {
  return a.completeT >= 0 && a.completeT <= b.submitT
}

export function baseVersion(input: CrashInput, block: number): number {
  return input.base.get(block)?.version ?? input.initial(block)
}

/**
 * The candidate (block, version) pairs of each write: a write's version can show in a block unless
 * it is already the base there, or it happened before the base's writer (then the base overwrote
 * it for good).
 */
export function candidates(input: CrashInput): Candidate[] {
  const out: Candidate[] = []
  for (const w of input.writes) {
    const blocks: number[] = []
    const versions: number[] = []
    w.blocks.forEach((b, i) => {
      const v = w.versions[i] as number
      const base = input.base.get(b)
      if (base && base.version === v) return
      if (base && base.writer >= 0 && happensBefore(w, { submitT: base.writerSubmitT })) return
      blocks.push(b)
      versions.push(v)
    })
    if (blocks.length > 0) out.push({ write: w, blocks, versions })
  }
  return out
}

export interface Candidate {
  write: ExWrite
  blocks: number[]
  versions: number[]
}
