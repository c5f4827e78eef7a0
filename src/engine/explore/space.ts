import { Rng } from '../kernel/rng'
import { baseVersion, candidates, happensBefore, type CrashInput, type Granularity } from './input'

/**
 * The state space of one crash input, laid out for fast enumeration: the touched blocks, each
 * with its base version and the candidate versions that may replace it, the candidate writes, and
 * Zobrist keys (two 32-bit lanes per block and choice) so an image's hash is the XOR of its
 * blocks' keys and changes in O(1) when one block changes.
 */
export interface Space {
  granularity: Granularity
  blocks: number[]
  baseOf: number[]
  /** Per touched block: candidate versions (choice k ≥ 1 is versions[k - 1]) and their writes. */
  versions: number[][]
  writers: number[][]
  /** Per candidate write: its touched-block indices and, per block, its choice number there. */
  units: Array<{ id: number; at: number[]; choice: number[] }>
  /** hb[j][a][b]: at block j, candidate a happens before candidate b (choice numbers − 1). */
  hb: boolean[][][]
  z1: Int32Array[]
  z2: Int32Array[]
}

export function buildSpace(input: CrashInput, granularity: Granularity): Space {
  const cands = candidates(input)
  const index = new Map<number, number>()
  const blocks: number[] = []
  const versions: number[][] = []
  const writers: number[][] = []
  const whenOf: Array<Array<{ submitT: number; completeT: number }>> = []
  const units: Space['units'] = []
  for (const c of cands) {
    const unit = { id: c.write.id, at: [] as number[], choice: [] as number[] }
    c.blocks.forEach((b, i) => {
      let j = index.get(b)
      if (j === undefined) {
        j = blocks.length
        index.set(b, j)
        blocks.push(b)
        versions.push([])
        writers.push([])
        whenOf.push([])
      }
      ;(versions[j] as number[]).push(c.versions[i] as number)
      ;(writers[j] as number[]).push(c.write.id)
      ;(whenOf[j] as Array<{ submitT: number; completeT: number }>).push(c.write)
      unit.at.push(j)
      unit.choice.push((versions[j] as number[]).length)
    })
    units.push(unit)
  }
  const hb = whenOf.map((ws) => ws.map((a) => ws.map((b) => a !== b && happensBefore(a, b))))
  const rng = new Rng(0x10095c09e)
  const keys = (): Int32Array[] => versions.map((vs) => Int32Array.from({ length: vs.length + 1 }, () => rng.nextU32() | 0))
  return { granularity, blocks, baseOf: blocks.map((b) => baseVersion(input, b)), versions, writers, units, hb, z1: keys(), z2: keys() }
}

/** Exact number of states of the space, or Infinity past 2^53. */
export function stateCount(space: Space): number {
  if (space.granularity === 'sector') {
    let n = 1
    for (const vs of space.versions) n *= vs.length + 1
    return n
  }
  const n = space.units.length
  if (!hasConcurrentOverlap(space)) return 2 ** n
  if (n <= 16) return countWithBranches(space)
  // Too many subsets to count one by one: an upper bound (each block's choice among its writes).
  let bound = 2 ** n
  for (const vs of space.versions) bound *= Math.max(1, vs.length)
  return bound
}

/** Two candidates at one block that are not ordered: choosing both leaves two possible images. */
export function hasConcurrentOverlap(space: Space): boolean {
  return space.hb.some((m) => m.some((row, a) => row.some((_, b) => a < b && !m[a]?.[b] && !m[b]?.[a])))
}

function countWithBranches(space: Space): number {
  let total = 0
  const chosen = new Array<boolean>(space.units.length).fill(false)
  for (let mask = 0; mask < 2 ** space.units.length; mask++) {
    for (let u = 0; u < chosen.length; u++) chosen[u] = ((mask >>> u) & 1) === 1
    let product = 1
    space.blocks.forEach((_, j) => (product *= Math.max(1, maximalAt(space, j, chosenAt(space, j, chosen)).length)))
    total += product
  }
  return total
}

/** Choice numbers (≥ 1) of the candidates at block j whose writes are chosen. */
export function chosenAt(space: Space, j: number, chosen: readonly boolean[]): number[] {
  const out: number[] = []
  space.units.forEach((u, ui) => {
    if (!chosen[ui]) return
    const k = u.at.indexOf(j)
    if (k >= 0) out.push(u.choice[k] as number)
  })
  return out
}

/** The chosen candidates not ordered before another chosen one: each may be the one that landed last. */
export function maximalAt(space: Space, j: number, chosen: number[]): number[] {
  const m = space.hb[j] as boolean[][]
  return chosen.filter((a) => !chosen.some((b) => b !== a && m[a - 1]?.[b - 1]))
}

export function formulaOf(space: Space, total: number): string {
  if (space.granularity === 'sector') {
    if (space.blocks.length === 0) return 'no volatile writes: 1 state'
    const factors = space.versions.map((vs) => vs.length + 1)
    return `∏ over ${factors.length} blocks of (1 + volatile versions) = ${factors.join('·')} = ${fmt(total)}`
  }
  const n = space.units.length
  if (n === 0) return 'no volatile writes: 1 state'
  const extra = total !== 2 ** n ? `, with choices where unordered writes overlap: ${fmt(total)}` : ''
  return `2^${n} subsets of ${n} volatile writes = ${fmt(2 ** n)}${extra}`
}

function fmt(x: number): string {
  return x === Infinity ? 'more than 2^53' : x.toLocaleString('en')
}
