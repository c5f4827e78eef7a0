import { Rng } from '../kernel/rng'
import { maximalAt, type Space } from './space'

/** Receives each state: per touched block the choice (0 = base, k ≥ 1 = versions[k − 1]) and its hash. */
export type Visit = (choice: Int32Array, h1: number, h2: number) => void

/**
 * Walks a space in resumable slices. Exhaustive walks visit every state once (write granularity:
 * subsets in Gray-code order, one write toggled per step, with every resolution of unordered
 * overlapping writes; sector granularity: an odometer over per-block choices). Sampling walks draw
 * `samples` states from a seeded generator.
 */
export class Walker {
  private readonly choice: Int32Array
  private readonly chosen: number[][]
  private readonly maximal: number[][]
  private readonly inUnit: boolean[]
  /** Blocks where more than one chosen write may have landed last. */
  private ambiguousCount = 0
  private h1 = 0
  private h2 = 0
  private step = 0
  private readonly total: number
  private readonly rng: Rng
  done = false

  constructor(
    private readonly space: Space,
    private readonly mode: 'exhaustive' | 'sample',
    limit: number,
    seed: number,
  ) {
    const m = space.blocks.length
    this.choice = new Int32Array(m)
    this.chosen = Array.from({ length: m }, () => [])
    this.maximal = Array.from({ length: m }, () => [])
    this.inUnit = new Array<boolean>(space.units.length).fill(false)
    for (let j = 0; j < m; j++) this.xorBlock(j, 0)
    this.rng = new Rng(seed)
    this.total = mode === 'sample' ? limit : space.granularity === 'write' ? 2 ** space.units.length : limit
  }

  /** Visits up to `maxStates` more states; returns true when the walk is finished. */
  advance(maxStates: number, visit: Visit): boolean {
    if (this.done) return true
    if (this.mode === 'sample') return this.sample(maxStates, visit)
    return this.space.granularity === 'write' ? this.gray(maxStates, visit) : this.odometer(maxStates, visit)
  }

  private xorBlock(j: number, k: number): void {
    this.h1 ^= (this.space.z1[j] as Int32Array)[k] as number
    this.h2 ^= (this.space.z2[j] as Int32Array)[k] as number
  }

  private setChoice(j: number, k: number): void {
    const old = this.choice[j] as number
    if (old === k) return
    this.xorBlock(j, old)
    this.xorBlock(j, k)
    this.choice[j] = k
  }

  private gray(maxStates: number, visit: Visit): boolean {
    const n = this.space.units.length
    let visited = 0
    while (visited < maxStates) {
      if (this.step === 0) visited += this.emit(visit)
      else {
        // Gray code: step s toggles the unit at the lowest set bit of s.
        const u = 31 - Math.clz32(this.step & -this.step)
        this.toggle(u)
        visited += this.emit(visit)
      }
      this.step++
      if (this.step >= 2 ** n) {
        this.done = true
        return true
      }
    }
    return false
  }

  private toggle(u: number): void {
    const unit = this.space.units[u] as Space['units'][number]
    const on = !this.inUnit[u]
    this.inUnit[u] = on
    for (let i = 0; i < unit.at.length; i++) {
      const j = unit.at[i] as number
      const k = unit.choice[i] as number
      if ((this.space.versions[j] as number[]).length === 1) {
        // The only candidate at this block: present or not, never ambiguous.
        this.setChoice(j, on ? k : 0)
        continue
      }
      const list = this.chosen[j] as number[]
      if (on) list.push(k)
      else list.splice(list.indexOf(k), 1)
      const before = (this.maximal[j] as number[]).length > 1
      const max = maximalAt(this.space, j, list)
      this.maximal[j] = max
      this.ambiguousCount += (max.length > 1 ? 1 : 0) - (before ? 1 : 0)
      this.setChoice(j, max.length === 0 ? 0 : (max[0] as number))
    }
  }

  /** Emits the current subset: one state, or one per resolution of blocks with several maximal writes. */
  private emit(visit: Visit): number {
    if (this.ambiguousCount === 0) {
      visit(this.choice, this.h1, this.h2)
      return 1
    }
    const ambiguous: number[] = []
    this.maximal.forEach((m, j) => {
      if (m.length > 1) ambiguous.push(j)
    })
    if (ambiguous.length === 0) {
      visit(this.choice, this.h1, this.h2)
      return 1
    }
    let count = 0
    const walk = (a: number): void => {
      if (a === ambiguous.length) {
        visit(this.choice, this.h1, this.h2)
        count++
        return
      }
      const j = ambiguous[a] as number
      const keep = this.choice[j] as number
      for (const k of this.maximal[j] as number[]) {
        this.setChoice(j, k)
        walk(a + 1)
      }
      this.setChoice(j, keep)
    }
    walk(0)
    return count
  }

  private odometer(maxStates: number, visit: Visit): boolean {
    const radix = this.space.versions.map((v) => v.length + 1)
    let visited = 0
    while (visited < maxStates) {
      visit(this.choice, this.h1, this.h2)
      visited++
      let j = 0
      for (; j < radix.length; j++) {
        const next = (this.choice[j] as number) + 1
        if (next < (radix[j] as number)) {
          this.setChoice(j, next)
          break
        }
        this.setChoice(j, 0)
      }
      if (j === radix.length) {
        this.done = true
        return true
      }
    }
    return false
  }

  private sample(maxStates: number, visit: Visit): boolean {
    let visited = 0
    while (visited < maxStates && this.step < this.total) {
      if (this.space.granularity === 'sector') {
        this.space.versions.forEach((vs, j) => this.setChoice(j, this.rng.int(vs.length + 1)))
      } else {
        this.space.units.forEach((_, u) => {
          if (this.rng.chance(0.5) !== this.inUnit[u]) this.toggle(u)
        })
        if (this.ambiguousCount > 0) {
          this.maximal.forEach((m, j) => {
            if (m.length > 1) this.setChoice(j, this.rng.pick(m))
          })
        }
      }
      visit(this.choice, this.h1, this.h2)
      visited++
      this.step++
    }
    if (this.step >= this.total) this.done = true
    return this.done
  }
}
