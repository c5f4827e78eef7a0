/**
 * "Which of these disk images can a crash at this instant leave?" Some candidates are images the
 * explorer finds at the instant; the others are plausible mutations of them (a durable write
 * undone, a later write shown early, a multi-block write torn) that the explorer does not find,
 * each with the rule that rules it out.
 */
import {
  blocksOf,
  cellsOf,
  drawBlockCase,
  fairAfter,
  letter,
  reasonContext,
  settingsOf,
  type BlockCase,
} from './blockProblem'
import { imageKey, type Fair, type Image } from './images'
import type { PracticeRng } from './prng'
import { whyPossible } from './fates'
import { whyNot, type ReasonContext } from './reasons'
import { instantAfter } from './study'
import type { Answer, Candidate, ProblemBody } from './types'

interface Decoy {
  img: Image
  reason: string
}

/** Mutations of possible images that the explorer does not find and a rule explains. */
function decoys(
  rng: PracticeRng,
  c: BlockCase,
  ctx: ReasonContext,
  possible: Map<string, Image>,
): Decoy[] {
  const found = new Map<string, Decoy>()
  const list = [...possible.values()]
  for (let attempt = 0; attempt < 48 && found.size < 8; attempt++) {
    const img = rng.pick(list).slice()
    const changes = rng.percent(30) ? 2 : 1
    for (let k = 0; k < changes; k++) {
      const j = rng.int(img.length)
      const others = (c.universe[j] as number[]).filter((v) => v !== img[j])
      if (others.length > 0) img[j] = rng.pick(others)
    }
    const key = imageKey(img)
    if (possible.has(key) || found.has(key)) continue
    const reason = whyNot(ctx, img)
    if (reason !== null) found.set(key, { img, reason })
  }
  return [...found.values()]
}

/** How telling a decoy's reason is: a broken durability or ordering rule first, a future write last. */
function rank(d: Decoy): number {
  if (d.reason.includes('must hold')) return 0
  if (d.reason.includes('whole or not at all')) return 1
  return 2
}

/** The most telling decoys, different reasons first: a problem should test more than one rule. */
function pickDecoys(rng: PracticeRng, all: Decoy[], n: number): Decoy[] {
  const shuffled = rng.shuffle(all).sort((a, b) => rank(a) - rank(b))
  const out: Decoy[] = []
  const ranks = new Set<number>()
  const reasons = new Set<string>()
  const add = (d: Decoy): void => {
    out.push(d)
    ranks.add(rank(d))
    reasons.add(d.reason)
  }
  for (const d of shuffled) if (out.length < n && !ranks.has(rank(d))) add(d)
  for (const d of shuffled) if (out.length < n && !out.includes(d) && !reasons.has(d.reason)) add(d)
  for (const d of shuffled) if (out.length < n && !out.includes(d)) add(d)
  return out
}

interface Option {
  step: number
  fair: Fair
  ctx: ReasonContext
  bad: Decoy[]
}

/**
 * Instants worth asking about: several images possible, a write the rules made sure, and a decoy
 * that breaks a rule rather than showing a write from the future. The richest kind available wins.
 */
function richness(o: Option): number {
  const sure = [...o.fair.input.base.values()].some((b) => b.writer >= 0)
  return (
    (o.fair.images.size >= 2 ? 2 : 0) + (sure ? 1 : 0) + (o.bad.some((d) => rank(d) < 2) ? 2 : 0)
  )
}

export function makeWhichImages(rng: PracticeRng, seed: number): ProblemBody | null {
  const c = drawBlockCase(rng, `practice-${seed}`)
  if (c === null) return null
  const options: Option[] = []
  for (const h of c.s.history) {
    const fair = fairAfter(c, h.step)
    if (fair === null) continue
    const ctx = reasonContext(c, fair)
    const bad = decoys(rng, c, ctx, fair.images)
    if (bad.length > 0 && fair.images.size + bad.length >= 3)
      options.push({ step: h.step, fair, ctx, bad })
  }
  const best = Math.max(-1, ...options.map(richness))
  const top = options.filter((o) => richness(o) === best)
  return top.length === 0 ? null : build(rng, c, rng.pick(top))
}

/** Three to six candidates, some possible and some not, in a shuffled order. */
function build(rng: PracticeRng, c: BlockCase, { step, fair, ctx, bad }: Option): ProblemBody {
  let nGood = Math.min(fair.images.size, rng.range(1, 3))
  let nBad = Math.min(bad.length, rng.range(1, 3))
  while (nGood + nBad < 3) {
    if (nGood < fair.images.size) nGood++
    else nBad++
  }
  const good = rng.shuffle([...fair.images.values()]).slice(0, nGood)
  const chosen = [
    ...good.map((img) => ({ img, ok: true, reason: `possible: ${whyPossible(ctx, img)}` })),
    ...pickDecoys(rng, bad, nBad).map((d) => ({
      img: d.img,
      ok: false,
      reason: `impossible: ${d.reason}`,
    })),
  ]
  const order = rng.shuffle(chosen)
  const candidates: Candidate[] = order.map((x, i) => ({
    id: letter(i),
    kind: 'image',
    cells: cellsOf(c, x.img),
  }))
  const answers: Answer[] = order.map((x, i) => ({
    id: letter(i),
    correct: x.ok,
    reason: x.reason,
  }))
  const instant = instantAfter(c.s, step)
  const power = c.model === 'power-loss'
  const what = power
    ? `The host loses power ${instant.text}. Which of these disk images can the power loss leave on stable storage?`
    : `An atomic snapshot of the backing file is taken ${instant.text}. Which of these images can the snapshot hold?`
  return {
    title: `Which images can a ${power ? 'power loss' : 'snapshot'} after step ${step} leave?`,
    scenario: c.drawn.file,
    model: c.model,
    settings: settingsOf(c),
    threads: c.drawn.threads,
    history: c.s.history,
    instant,
    blocks: blocksOf(c),
    image: null,
    question: `${what} Mark every image that is possible ("old": what the block held before the run).`,
    select: 'many',
    candidates,
    answers,
  }
}
