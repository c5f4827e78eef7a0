/**
 * The reverse question, in the spirit of OSTEP's -r: given a disk image, which of these instants
 * could have produced it? The image is one the explorer finds at some instant; each listed instant
 * is right or wrong by the explorer, with the rule that rules it out.
 */
import { Data } from '../engine'
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
import { imageKey, type Image } from './images'
import type { Fair } from './images'
import type { PracticeRng } from './prng'
import { whyPossible } from './fates'
import { whyNot } from './reasons'
import { instantAfter } from './study'
import type { Answer, Candidate, ProblemBody } from './types'

const future = (v: Verdict): number => (v.reason.includes('is submitted only at step') ? 1 : 0)

interface Verdict {
  step: number
  ok: boolean
  reason: string
}

/** Each fair instant's verdict on the image; instants no rule explains are left out. */
function verdicts(c: BlockCase, fair: Map<number, Fair>, img: Image): Verdict[] {
  const out: Verdict[] = []
  for (const [step, f] of fair) {
    const ctx = reasonContext(c, f)
    if (f.images.has(imageKey(img)))
      out.push({ step, ok: true, reason: `possible: ${whyPossible(ctx, img)}` })
    else {
      const why = whyNot(ctx, img)
      if (why !== null) out.push({ step, ok: false, reason: `impossible: ${why}` })
    }
  }
  return out
}

/** How much an image's verdicts teach: some instants too early, some ruled out by a rule, some right. */
function worth(all: Verdict[]): number {
  const no = all.filter((v) => !v.ok)
  if (!all.some((v) => v.ok) || no.length === 0 || all.length < 3) return -1
  return (no.some((v) => future(v) === 0) ? 2 : 0) + (no.some((v) => future(v) === 1) ? 1 : 0)
}

export function makeReverse(rng: PracticeRng, seed: number): ProblemBody | null {
  const c = drawBlockCase(rng, `practice-${seed}`)
  if (c === null) return null
  const fair = new Map<number, Fair>()
  for (const h of c.s.history) {
    const f = fairAfter(c, h.step)
    if (f !== null) fair.set(h.step, f)
  }
  if (fair.size < 3) return null
  // Images seen at some instant; the one whose verdicts teach most (the first such, in a shuffled order).
  const seen = new Map<string, Image>()
  for (const f of fair.values()) for (const [k, img] of f.images) seen.set(k, img)
  // An image that shows some write tells more than the old contents everywhere.
  const blank = (img: Image): number => (img.every((v) => v === Data.INITIAL) ? 1 : 0)
  let best: { img: Image; all: Verdict[]; score: number } | null = null
  for (const img of rng
    .shuffle([...seen.values()])
    .sort((a, b) => blank(a) - blank(b))
    .slice(0, 8)) {
    const all = verdicts(c, fair, img)
    const score = worth(all)
    if (score >= 0 && (best === null || score > best.score)) best = { img, all, score }
  }
  return best === null ? null : build(rng, c, best.img, best.all)
}

/** Three to six instants in the order they happened, some right and some not. */
function build(rng: PracticeRng, c: BlockCase, img: Image, all: Verdict[]): ProblemBody {
  const yes = rng.shuffle(all.filter((v) => v.ok))
  // Instants ruled out by a durability or ordering rule first, by a write from the future last.
  const no = rng.shuffle(all.filter((v) => !v.ok)).sort((a, b) => future(a) - future(b))
  let nYes = Math.min(yes.length, rng.range(1, 3))
  let nNo = Math.min(no.length, rng.range(1, 3))
  while (nYes + nNo < 3) {
    if (nYes < yes.length) nYes++
    else nNo++
  }
  // One too-early instant among the ruled-out ones when there is one: the reverse question's easy half.
  const early = no.find((v) => future(v) === 1)
  const ruled = no.slice(0, nNo)
  if (early !== undefined && nNo >= 2 && !ruled.includes(early)) ruled[nNo - 1] = early
  const chosen = [...yes.slice(0, nYes), ...ruled].sort((a, b) => a.step - b.step)
  const candidates: Candidate[] = chosen.map((v, i) => ({
    id: letter(i),
    kind: 'instant',
    instant: instantAfter(c.s, v.step),
  }))
  const answers: Answer[] = chosen.map((v, i) => ({
    id: letter(i),
    correct: v.ok,
    reason: v.reason,
  }))
  const power = c.model === 'power-loss'
  return {
    title: `Which instants could have left this image?`,
    scenario: c.drawn.file,
    model: c.model,
    settings: settingsOf(c),
    threads: c.drawn.threads,
    history: c.s.history,
    instant: null,
    blocks: blocksOf(c),
    image: cellsOf(c, img),
    question: `This image was left by ${power ? 'a host power loss' : 'an atomic snapshot of the backing file'} at one of the instants below. At which of them could ${power ? 'the power loss' : 'the snapshot'} have produced it? Mark every instant that is possible ("old": what the block held before the run).`,
    select: 'many',
    candidates,
    answers,
  }
}
