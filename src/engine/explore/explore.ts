import type { BlockwiseCheck } from './checks'
import type { CrashInput, Granularity } from './input'
import { baseVersion } from './input'
import { buildSpace, formulaOf, stateCount, type Space } from './space'
import { componentsOf, countAvoiding, exampleChoice, type Component } from './factor'
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
  /** Checks that need the whole image; run once per distinct image. */
  checks: StateCheck[]
  /** Checks that judge each block by its own version; precomputed per (block, version). */
  blockwise: BlockwiseCheck[]
  examplesPerVerdict: number
  /** Count independent spaces by product instead of walking them (on unless set to false). */
  factorize?: boolean
}

/** Upper bound on block updates a sampled exploration may spend (keeps one instant well under 100 ms). */
const SAMPLE_WORK = 2 ** 18

export const DEFAULT_OPTIONS: ExploreOptions = { granularity: 'write', budget: 2 ** 20, samples: 4096, seed: 1, checks: [], blockwise: [], examplesPerVerdict: 2 }

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
  private readonly comps: Array<Component & { states: number }> | null
  readonly samples: number
  /** Counted by product (factor.ts): every state is judged, none is walked. */
  readonly factorized: boolean
  private readonly walker: Walker
  private readonly seen = new Set<number>()
  private distinctCount = -1
  private checked = 0
  private inconsistent = 0
  private readonly counts = new Map<string, { states: number; sentence: string }>()
  private readonly examples: StateExample[] = []
  private readonly perVerdict = new Map<string, number>()
  private readonly index: Map<number, number>
  /** Category bit masks of the blockwise checks, per touched block and choice. */
  private readonly maskTable: Int32Array[]
  private readonly fixedMask: number
  private readonly fixedFindings: Finding[]
  private readonly categories: string[] = []

  constructor(
    readonly input: CrashInput,
    readonly opts: ExploreOptions,
  ) {
    this.space = buildSpace(input, opts.granularity)
    this.index = new Map(this.space.blocks.map((b, j) => [b, j]))
    this.maskTable = this.space.blocks.map((b, j) => Int32Array.from({ length: (this.space.versions[j] as number[]).length + 1 }, (_, k) => this.maskOf(this.judgeBlock(b, k === 0 ? (this.space.baseOf[j] as number) : ((this.space.versions[j] as number[])[k - 1] as number)))))
    // Components give the exact total cheaply; they replace the walk only when every check is blockwise.
    const comps = componentsOf(this.space, this.maskTable)
    this.comps = opts.factorize !== false && opts.checks.length === 0 ? comps : null
    this.total = comps ? comps.reduce((n, c) => n * c.states, 1) : stateCount(this.space)
    // Counting by product is exact only while the count fits a double exactly (2^53).
    const countable = this.comps !== null && this.total <= 2 ** 53
    this.exhaustive = this.total <= opts.budget || countable
    // A sample costs work in proportion to the writes it toggles: cap the total, not the count.
    const perState = Math.max(1, this.space.granularity === 'write' ? this.space.units.length : this.space.blocks.length)
    this.samples = Math.max(256, Math.min(opts.samples, Math.floor(SAMPLE_WORK / perState)))
    this.walker = new Walker(this.space, this.exhaustive ? 'exhaustive' : 'sample', this.exhaustive ? this.total : this.samples, opts.seed)
    const touched = new Set(this.space.blocks)
    this.fixedFindings = []
    for (const c of opts.blockwise) for (const b of c.blocks) if (!touched.has(b)) {
      const f = c.judge(b, baseVersion(input, b))
      if (f) this.fixedFindings.push(f)
    }
    this.fixedMask = this.maskOf(this.fixedFindings)
    this.factorized = countable
  }

  private judgeBlock(block: number, version: number): Finding[] {
    const out: Finding[] = []
    for (const c of this.opts.blockwise) {
      const f = c.judge(block, version)
      if (f) out.push(f)
    }
    return out
  }

  private maskOf(findings: Finding[]): number {
    let mask = 0
    for (const f of findings) {
      let bit = this.categories.indexOf(f.category)
      if (bit < 0) bit = this.categories.push(f.category) - 1
      mask |= 1 << Math.min(bit, 30)
    }
    return mask
  }

  advance(maxStates: number): boolean {
    if (this.factorized) {
      if (this.checked === 0) this.countByProduct()
      return true
    }
    return this.walker.advance(maxStates, (choice, h1, h2) => this.visit(choice, h1, h2))
  }

  progress(): { checked: number; of: number } {
    return { checked: this.checked, of: this.exhaustive ? this.total : this.samples }
  }

  private visit(choice: Int32Array, h1: number, h2: number): void {
    this.checked++
    const key = (h1 >>> 0) * 2097152 + ((h2 >>> 0) & 0x1fffff)
    if (this.seen.has(key)) return
    this.seen.add(key)
    let mask = this.fixedMask
    for (let j = 0; j < choice.length; j++) mask |= (this.maskTable[j] as Int32Array)[choice[j] as number] as number
    const generic = this.opts.checks.length > 0 ? this.runGeneric(choice) : []
    if (mask === 0 && generic.length === 0) {
      this.count('consistent', () => [], choice)
      return
    }
    this.inconsistent++
    const findings = (): Finding[] => [...this.fixedFindings, ...this.tableFindings(choice), ...generic]
    for (let bit = 0; bit < this.categories.length; bit++) if (mask & (1 << bit)) this.count(this.categories[bit] as string, findings, choice)
    for (const c of new Set(generic.map((f) => f.category))) this.count(c, findings, choice)
  }

  /** Exact counts for independent spaces with blockwise checks only (factor.ts). */
  private countByProduct(): void {
    const comps = this.comps as Component[]
    const m = this.space.blocks.length
    this.checked = this.total
    // Verdicts count distinct images, as the walk does: per component, its distinct images.
    const distinct = countAvoiding(comps, 0)
    const all = this.categories.reduce((acc, _, bit) => acc | (1 << bit), 0)
    const clean = this.fixedMask !== 0 ? 0 : countAvoiding(comps, all)
    this.inconsistent = distinct - clean
    this.distinctCount = distinct
    const example = (choice: Int32Array, verdict: string): void => {
      const findings = [...this.fixedFindings, ...this.tableFindings(choice)]
      const entry = this.counts.get(verdict)
      if (entry && !this.examples.some((e) => e.verdict === verdict)) this.examples.push({ verdict, changed: this.imageOf(choice).changed, findings })
      if (entry && entry.sentence === '') entry.sentence = findings.find((f) => f.category === verdict)?.sentence ?? 'no checker found a problem'
    }
    this.categories.forEach((category, bit) => {
      const states = (this.fixedMask & (1 << bit)) !== 0 ? distinct : distinct - countAvoiding(comps, 1 << bit)
      if (states === 0) return
      this.counts.set(category, { states, sentence: '' })
      const choice = exampleChoice(comps, m, (this.fixedMask & (1 << bit)) !== 0 ? -1 : bit) ?? exampleChoice(comps, m, bit)
      if (choice) example(choice, category)
    })
    if (clean > 0) {
      this.counts.set('consistent', { states: clean, sentence: 'no checker found a problem' })
      const choice = exampleChoice(comps, m, -1)
      if (choice) this.examples.push({ verdict: 'consistent', changed: this.imageOf(choice).changed, findings: [] })
    }
  }

  private runGeneric(choice: Int32Array): Finding[] {
    const image = this.imageOf(choice)
    return this.opts.checks.flatMap((c) => c(image))
  }

  private tableFindings(choice: Int32Array): Finding[] {
    return this.space.blocks.flatMap((b, j) => {
      const k = choice[j] as number
      return k === 0 && this.maskTable[j]?.[0] === 0 ? [] : this.judgeBlock(b, k === 0 ? (this.space.baseOf[j] as number) : ((this.space.versions[j] as number[])[k - 1] as number))
    })
  }

  /** Counts one distinct state under a verdict; keeps its first examples (built only then). */
  private count(category: string, findings: () => Finding[], choice: Int32Array): void {
    let entry = this.counts.get(category)
    const shown = this.perVerdict.get(category) ?? 0
    if (entry === undefined || shown < this.opts.examplesPerVerdict) {
      const all = findings()
      entry ??= { states: 0, sentence: all.find((f) => f.category === category)?.sentence ?? 'no checker found a problem' }
      this.counts.set(category, entry)
      if (shown < this.opts.examplesPerVerdict) {
        this.perVerdict.set(category, shown + 1)
        this.examples.push({ verdict: category, changed: this.imageOf(choice).changed, findings: all })
      }
    }
    entry.states++
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
    const distinct = this.distinctCount >= 0 ? this.distinctCount : this.seen.size
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
      coverage: this.factorized
        ? `exhaustive: all ${this.total.toLocaleString('en')} states counted by product over ${this.comps?.length ?? 0} groups of writes that share no block`
        : this.exhaustive
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
