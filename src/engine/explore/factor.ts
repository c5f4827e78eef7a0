import { maximalAt, type Space } from './space'

/**
 * Exact verdict counts without walking the whole space. Components that share no block choose
 * independently, so with checks that judge each block by its own version, the distinct images
 * free of a category number ∏ over components of the component's images that avoid it. Each
 * component is listed on its own: the work is Σ 2^(its writes) instead of 2^(all writes).
 */
export interface Component {
  /** Per choice of this component: its category mask and its (block, choice) settings. */
  options: Array<{ mask: number; set: Array<[j: number, k: number]> }>
}

/** Largest component enumerated on its own (2^16 subsets). */
const MAX_COMPONENT_UNITS = 16

/**
 * Splits the space into components that share no block (at sector granularity every block is
 * one; at write granularity, writes joined by a common block) and lists each component's states
 * with their category masks, merging states that give the same image. Returns null when a
 * component is too large to list.
 */
export function componentsOf(space: Space, maskTable: Int32Array[]): Array<Component & { states: number }> | null {
  if (space.granularity === 'sector') {
    return space.versions.map((vs, j) => {
      const seen = new Map<number, { mask: number; set: Array<[number, number]> }>()
      for (let k = 0; k <= vs.length; k++) {
        const v = k === 0 ? (space.baseOf[j] as number) : (vs[k - 1] as number)
        if (!seen.has(v)) seen.set(v, { mask: (maskTable[j] as Int32Array)[k] as number, set: [[j, k]] })
      }
      return { options: [...seen.values()], states: vs.length + 1 }
    })
  }
  const groups = unitGroups(space)
  const out: Array<Component & { states: number }> = []
  for (const units of groups) {
    if (units.length > MAX_COMPONENT_UNITS) return null
    out.push(listComponent(space, maskTable, units))
  }
  return out
}

/** Writes joined by shared blocks (union-find over blocks). */
function unitGroups(space: Space): number[][] {
  const parent = space.units.map((_, u) => u)
  const find = (u: number): number => {
    while (parent[u] !== u) u = parent[u] = parent[parent[u] as number] as number
    return u
  }
  const ownerOf = new Map<number, number>()
  space.units.forEach((unit, u) => {
    for (const j of unit.at) {
      const o = ownerOf.get(j)
      if (o === undefined) ownerOf.set(j, u)
      else parent[find(u)] = find(o)
    }
  })
  const groups = new Map<number, number[]>()
  space.units.forEach((_, u) => {
    const r = find(u)
    const g = groups.get(r)
    if (g) g.push(u)
    else groups.set(r, [u])
  })
  return [...groups.values()]
}

/** Every subset of a component's writes, with every resolution of unordered overlaps. */
function listComponent(space: Space, maskTable: Int32Array[], units: number[]): Component & { states: number } {
  const blocks = [...new Set(units.flatMap((u) => (space.units[u] as Space['units'][number]).at))]
  const byImage = new Map<string, { mask: number; set: Array<[number, number]> }>()
  let states = 0
  for (let subset = 0; subset < 2 ** units.length; subset++) {
    const perBlock = blocks.map((j) => {
      const chosen: number[] = []
      units.forEach((u, i) => {
        if (!((subset >>> i) & 1)) return
        const unit = space.units[u] as Space['units'][number]
        const at = unit.at.indexOf(j)
        if (at >= 0) chosen.push(unit.choice[at] as number)
      })
      const max = maximalAt(space, j, chosen)
      return max.length === 0 ? [0] : max
    })
    const walk = (b: number, picked: number[]): void => {
      if (b === blocks.length) {
        states++
        const key = picked.join(',')
        if (byImage.has(key)) return
        let mask = 0
        picked.forEach((k, i) => (mask |= (maskTable[blocks[i] as number] as Int32Array)[k] as number))
        byImage.set(key, { mask, set: picked.map((k, i) => [blocks[i] as number, k] as [number, number]) })
        return
      }
      for (const k of perBlock[b] as number[]) walk(b + 1, [...picked, k])
    }
    walk(0, [])
  }
  return { options: [...byImage.values()], states }
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

