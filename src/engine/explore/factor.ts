import type { Finding, StateExample } from './explore'
import type { Space } from './space'

/**
 * Exact verdict counts without enumeration, for spaces whose choices are independent: at sector
 * granularity every block chooses on its own; at write granularity the same holds when every
 * touched block has a single candidate (each volatile write owns its blocks). With checks that
 * judge each block by its own version, the states free of a category number ∏ over components of
 * the choices that avoid it, so 2^n states are counted in O(n).
 */
export interface Component {
  /** Per choice of this component: its category mask and its (block, choice) settings. */
  options: Array<{ mask: number; set: Array<[j: number, k: number]> }>
}

export function independent(space: Space): boolean {
  // Distinct versions per block also make every state a distinct image, so none needs deduplication.
  const distinct = space.versions.every((vs) => new Set(vs).size === vs.length)
  return distinct && (space.granularity === 'sector' || space.versions.every((vs) => vs.length === 1))
}

export function components(space: Space, maskTable: Int32Array[]): Component[] {
  if (space.granularity === 'sector') {
    return space.versions.map((vs, j) => ({
      options: Array.from({ length: vs.length + 1 }, (_, k) => ({ mask: (maskTable[j] as Int32Array)[k] as number, set: [[j, k]] as Array<[number, number]> })),
    }))
  }
  return space.units.map((u) => {
    const off = { mask: 0, set: [] as Array<[number, number]> }
    const on = { mask: 0, set: [] as Array<[number, number]> }
    u.at.forEach((j, i) => {
      off.mask |= (maskTable[j] as Int32Array)[0] as number
      on.mask |= (maskTable[j] as Int32Array)[u.choice[i] as number] as number
      off.set.push([j, 0])
      on.set.push([j, u.choice[i] as number])
    })
    return { options: [off, on] }
  })
}

/** Number of states whose mask avoids every bit of `bits` (fixed mask aside). */
export function countAvoiding(comps: Component[], bits: number): number {
  let n = 1
  for (const c of comps) n *= c.options.filter((o) => (o.mask & bits) === 0).length
  return n
}

/** A state showing category `bit` (or, with bit -1, a consistent one), as choice per block; null if none. */
export function exampleChoice(comps: Component[], blocks: number, bit: number): Int32Array | null {
  const choice = new Int32Array(blocks)
  const want = bit < 0 ? 0 : 1 << bit
  let placed = bit < 0
  for (const c of comps) {
    let pick = c.options.find((o) => o.mask === 0) ?? c.options.reduce((a, b) => (popcount(b.mask) < popcount(a.mask) ? b : a))
    if (!placed) {
      const hit = c.options.find((o) => (o.mask & want) !== 0)
      if (hit) {
        pick = hit
        placed = true
      }
    }
    if (bit < 0 && pick.mask !== 0) return null
    for (const [j, k] of pick.set) choice[j] = k
  }
  return placed ? choice : null
}

function popcount(x: number): number {
  let n = 0
  for (let v = x >>> 0; v; v &= v - 1) n++
  return n
}

export type ExampleMaker = (choice: Int32Array, verdict: string, findings: Finding[]) => StateExample
