import type { CrashInput, Granularity } from './input'
import { baseVersion } from './input'
import { buildSpace, formulaOf, stateCount, type Space } from './space'
import { Walker } from './walk'

export interface Finding {
  category: string
  sentence: string
  blocks?: number[]
}

/** One state handed to the checks: every block's version, and the blocks that differ from the base. */
export interface StateImage {
  version(block: number): number
  changed: Array<[block: number, version: number]>
}

export type StateCheck = (image: StateImage) => Finding[]

export interface ExploreOptions {
  granularity: Granularity
  /** Enumerate every state when there are at most this many (2^20 by default). */
  budget: number
  /** States drawn when the space is larger than the budget. */
  samples: number
  seed: number
  checks: StateCheck[]
  examplesPerVerdict: number
}

export const DEFAULT_OPTIONS: ExploreOptions = { granularity: 'write', budget: 2 ** 20, samples: 65_536, seed: 1, checks: [], examplesPerVerdict: 2 }

export interface StateExample {
  verdict: string
  /** The blocks whose version differs from the base, as block → version. */
  changed: Array<[number, number]>
  findings: Finding[]
}

export interface ExploreResult {
  model: string
  granularity: Granularity
  t: number
  event: number
  states_total: number
  states_checked: number
  distinct: number
  exhaustive: boolean
  inconsistent: number
  formula: string
  coverage: string
  verdicts: Array<{ category: string; states: number; sentence: string }>
  examples: StateExample[]
}

/**
 * A crash-state exploration that can run in slices: `advance(n)` visits up to n more states and
 * says whether it is finished, so a Web Worker can report progress and stop when asked.
 */
export class Exploration {
  readonly space: Space
  readonly total: number
  readonly exhaustive: boolean
  private readonly walker: Walker
  private readonly seen = new Set<number>()
  private checked = 0
  private inconsistent = 0
  private readonly counts = new Map<string, { states: number; sentence: string }>()
  private readonly examples: StateExample[] = []
  private readonly perVerdict = new Map<string, number>()
  private readonly index: Map<number, number>

  constructor(
    readonly input: CrashInput,
    readonly opts: ExploreOptions,
  ) {
    this.space = buildSpace(input, opts.granularity)
    this.total = stateCount(this.space)
    this.exhaustive = this.total <= opts.budget
    this.walker = new Walker(this.space, this.exhaustive ? 'exhaustive' : 'sample', this.exhaustive ? this.total : opts.samples, opts.seed)
    this.index = new Map(this.space.blocks.map((b, j) => [b, j]))
  }

  advance(maxStates: number): boolean {
    return this.walker.advance(maxStates, (choice, h1, h2) => this.visit(choice, h1, h2))
  }

  progress(): { checked: number; of: number } {
    return { checked: this.checked, of: this.exhaustive ? this.total : this.opts.samples }
  }

  private visit(choice: Int32Array, h1: number, h2: number): void {
    this.checked++
    const key = (h1 >>> 0) * 2097152 + ((h2 >>> 0) & 0x1fffff)
    if (this.seen.has(key)) return
    this.seen.add(key)
    const image = this.imageOf(choice)
    const findings = this.opts.checks.flatMap((c) => c(image))
    if (findings.length > 0) this.inconsistent++
    const categories = findings.length === 0 ? ['consistent'] : [...new Set(findings.map((f) => f.category))]
    for (const c of categories) {
      const f = findings.find((x) => x.category === c)
      const entry = this.counts.get(c) ?? { states: 0, sentence: f?.sentence ?? 'no checker found a problem' }
      entry.states++
      this.counts.set(c, entry)
      const shown = this.perVerdict.get(c) ?? 0
      if (shown < this.opts.examplesPerVerdict) {
        this.perVerdict.set(c, shown + 1)
        this.examples.push({ verdict: c, changed: image.changed, findings })
      }
    }
  }

  private imageOf(choice: Int32Array): StateImage {
    const { space, input } = this
    const changed: Array<[number, number]> = []
    space.blocks.forEach((b, j) => {
      const k = choice[j] as number
      if (k > 0) changed.push([b, (space.versions[j] as number[])[k - 1] as number])
    })
    const picked = Array.from(choice)
    return {
      changed,
      version: (block) => {
        const j = this.index.get(block)
        const k = j === undefined ? 0 : (picked[j] as number)
        return k > 0 ? ((space.versions[j as number] as number[])[k - 1] as number) : baseVersion(input, block)
      },
    }
  }

  result(): ExploreResult {
    const distinct = this.seen.size
    const verdicts = [...this.counts].map(([category, v]) => ({ category, states: v.states, sentence: v.sentence }))
    verdicts.sort((a, b) => (a.category === 'consistent' ? 1 : 0) - (b.category === 'consistent' ? 1 : 0) || b.states - a.states || a.category.localeCompare(b.category))
    return {
      model: this.input.model,
      granularity: this.opts.granularity,
      t: this.input.t,
      event: this.input.event,
      states_total: this.total,
      states_checked: this.checked,
      distinct,
      exhaustive: this.exhaustive,
      inconsistent: this.inconsistent,
      formula: formulaOf(this.space, this.total),
      coverage: this.exhaustive
        ? `exhaustive: all ${this.total.toLocaleString('en')} states, ${distinct.toLocaleString('en')} distinct images`
        : `seeded sample (seed ${this.opts.seed}) of ${this.checked.toLocaleString('en')} states, ${distinct.toLocaleString('en')} distinct images, out of ${formulaOf(this.space, this.total)}`,
      verdicts,
      examples: this.examples,
    }
  }
}

export function explore(input: CrashInput, opts: Partial<ExploreOptions> = {}): ExploreResult {
  const e = new Exploration(input, { ...DEFAULT_OPTIONS, ...opts })
  while (!e.advance(65_536));
  return e.result()
}
