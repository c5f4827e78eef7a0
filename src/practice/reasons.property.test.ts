/**
 * Every claim a reason makes about a write, checked against the engine for a few hundred seeds of
 * the block kinds. A reason is what a student learns from, so "W3 did not reach stable storage"
 * must never be said of a write the rules made durable, and "there for sure" only of a block
 * whose version no crash at the instant can change.
 *
 * Method: the problem document is all the test starts from. It runs the problem's scenario again,
 * takes the guest's requests up to the instant (the engine's trace, not the one reasons.ts reads)
 * and the images the engine's explorer finds there, parses each reason into its claims and checks
 * each claim with R1–R4 written out here independently of src/practice.
 */
import { describe, expect, it } from 'vitest'
import { Data, type TraceRequest } from '../engine'
import { imagesOf } from './images'
import { makeProblem } from './problem'
import { study, type Studied } from './study'
import type { ImageCell, Problem } from './types'

/** Seeds per kind; PRACTICE_PROPERTY_SEEDS=1000 for a longer run by hand. */
const SEEDS = Number(process.env.PRACTICE_PROPERTY_SEEDS ?? 300)

/** What the engine says about the instant a reason speaks of. */
interface Facts {
  p: Problem
  s: Studied
  step: number
  trace: TraceRequest[]
  /** Every image (labels per shown block) the engine's explorer finds at the instant. */
  images: string[][]
  byLabel: Map<string, TraceRequest>
  durable(label: string): boolean
  /** a completed before b was submitted: the only order there is (R3). */
  before(a: string, b: string): boolean
}

function factsAt(p: Problem, s: Studied, event: number, step: number): Facts {
  const trace = s.states.guestTrace(event)
  const byLabel = new Map<string, TraceRequest>()
  for (const q of trace) byLabel.set(s.labelOfId.get(q.id) as string, q)
  const blocks = p.blocks.map((b) => b.block)
  const label = (v: number): string =>
    v === Data.INITIAL ? 'old' : v === Data.ZERO ? 'zeros' : (s.labelOfVersion.get(v) ?? `#${v}`)
  const images = [...imagesOf(s.states.input(p.model, event), blocks).values()].map((img) =>
    img.map(label),
  )
  const stack = p.scenario.stack as { loop?: { directIo?: boolean }; disk?: { writeCache?: boolean } }
  const noCache = stack.loop?.directIo === true && stack.disk?.writeCache === false
  const durable = (l: string): boolean => {
    const q = byLabel.get(l)
    if (q === undefined || q.completeT < 0) return false
    if (p.model === 'atomic-snapshot' || noCache || q.fua) return true
    // R1 (R4 for a PREFLUSH write's own preflush): a flush submitted after q completed has completed.
    return trace.some(
      (f) => f !== q && (f.op === 'flush' || f.preflush) && f.completeT >= 0 && f.submitT >= q.completeT,
    )
  }
  const before = (a: string, b: string): boolean => {
    const qa = byLabel.get(a)
    const qb = byLabel.get(b)
    return qa !== undefined && qb !== undefined && qa.completeT >= 0 && qa.completeT <= qb.submitT
  }
  return { p, s, step, trace, images, byLabel, durable, before }
}

const list = (text: string): string[] => text.split(', ')

/** The shown blocks a write covers, by index into the problem's block list. */
function blocksOf(f: Facts, label: string): number[] {
  const q = f.byLabel.get(label)
  if (q === undefined) throw new Error(`${label} is not submitted by the instant`)
  return f.p.blocks.flatMap((b, j) => (b.block >= q.block && b.block < q.block + q.count ? [j] : []))
}

const shows = (img: ImageCell[], f: Facts, label: string): boolean =>
  blocksOf(f, label).some((j) => img[j]?.label === label)

/** The checks for each claim a "possible" reason makes; each returns what is wrong, or null. */
function checkPossible(f: Facts, img: ImageCell[], reason: string): string[] {
  const power = f.p.model === 'power-loss'
  const bad: string[] = []
  const fail = (claim: string, why: string): void => void bad.push(`"${claim}": ${why}`)
  const named = new Set<string>()
  const parts = reason.replace(/^possible: /, '').split('; ')
  if (parts.length === 1 && parts[0] === 'nothing had been written by then') parts.length = 0
  for (const part of parts) {
    let m: RegExpMatchArray | null
    if ((m = part.match(/^(.+) (?:is|are) there for sure \((durable|completed)\)$/))) {
      for (const w of list(m[1] as string)) {
        named.add(w)
        if (!f.durable(w)) fail(part, `${w} is not durable at the instant`)
        for (const j of blocksOf(f, w))
          if (f.images.some((x) => x[j] !== w))
            fail(part, `block ${f.p.blocks[j]?.block} may show something else than ${w}`)
      }
    } else if ((m = part.match(/^(.+) (?:is|are) durable$|^(.+) had completed$/))) {
      for (const w of list((m[1] ?? m[2]) as string)) {
        named.add(w)
        if (!f.durable(w)) fail(part, `${w} is not durable at the instant`)
        if (!blocksOf(f, w).every((j) => img[j]?.label === w)) fail(part, `${w} does not show`)
      }
    } else if (
      (m = part.match(
        /^(\w+) (is durable|had completed|reached stable storage|had reached the file), but (.+) landed over it(?: in blocks? (.+))?$/,
      ))
    ) {
      const [, w, what, over, where] = m as unknown as [string, string, string, string, string?]
      named.add(w)
      const durableWord = what === 'is durable' || what === 'had completed'
      if (f.durable(w) !== durableWord)
        fail(part, `${w} is ${f.durable(w) ? '' : 'not '}durable at the instant`)
      if (!durableWord && !shows(img, f, w)) fail(part, `${w} does not show anywhere`)
      for (const k of list(over)) {
        if (f.before(k, w)) fail(part, `${k} completed before ${w} was submitted`)
        if (!blocksOf(f, w).some((j) => img[j]?.label === k)) fail(part, `${k} shows on no block of ${w}`)
      }
      if (where !== undefined)
        for (const b of list(where.replace(' and ', ', ')))
          if (!list(over).includes(img.find((c) => c.block === Number(b))?.label ?? ''))
            fail(part, `block ${b} does not show ${over}`)
    } else if ((m = part.match(/^(.+) (reached stable storage|had reached the file)$/))) {
      for (const w of list(m[1] as string)) {
        named.add(w)
        if (!shows(img, f, w)) fail(part, `${w} does not show`)
      }
    } else if ((m = part.match(/^(.+) (did not reach stable storage|had not reached the file)$/))) {
      for (const w of list(m[1] as string)) {
        named.add(w)
        if (f.durable(w)) fail(part, `${w} is durable at the instant`)
        if (shows(img, f, w)) fail(part, `${w} shows`)
        // Seen missing: one of its blocks shows the old contents, or a write ordered before it.
        const seen = blocksOf(f, w).some((j) => {
          const x = img[j]?.label ?? ''
          return x === 'old' || f.before(x, w)
        })
        if (!seen) fail(part, `nothing in the image shows that ${w} did not land`)
      }
    } else if ((m = part.match(/^(\w+) may have landed under (.+)$/))) {
      const [, w, over] = m as unknown as [string, string, string]
      named.add(w)
      if (f.durable(w)) fail(part, `${w} is durable: it did land`)
      for (const j of blocksOf(f, w)) {
        const x = img[j]?.label ?? ''
        if (!list(over).includes(x)) fail(part, `block ${f.p.blocks[j]?.block} shows ${x}`)
        if (x === 'old' || f.before(x, w)) fail(part, `${x} is older than ${w}`)
      }
    } else fail(part, 'no claim of this form is known to the test')
  }
  // Every write submitted by the instant has its fate told, and each only once.
  for (const [w, q] of f.byLabel)
    if ((q.op === 'write' || q.op === 'discard') && !named.has(w))
      fail(reason, `${w} is not mentioned`)
  expect(power || !reason.includes('stable storage')).toBe(true)
  return bad
}

/** The claims an "impossible" reason makes about durability and order. */
function checkImpossible(f: Facts, img: ImageCell[], reason: string): string[] {
  const bad: string[] = []
  let m: RegExpMatchArray | null
  if ((m = reason.match(/block (\d+) must hold (\w+)( or a write that may have landed after it)?: /))) {
    const [, b, w, or] = m as unknown as [string, string, string, string?]
    const j = f.p.blocks.findIndex((x) => x.block === Number(b))
    if (!f.durable(w)) bad.push(`${w} is called durable but is not`)
    const one = f.images.every((x) => x[j] === w)
    if (one === (or !== undefined)) bad.push(`block ${b}: "${or ?? ''}" but one version: ${one}`)
    if (img[j]?.label === w) bad.push(`block ${b} shows ${w}`)
  }
  if ((m = reason.match(/holds (\w+), but \w+ is submitted only at step (\d+)/))) {
    if (Number(m[2]) <= f.step) bad.push(`step ${m[2]} is not after the instant (step ${f.step})`)
    if (f.byLabel.has(m[1] as string)) bad.push(`${m[1]} is submitted by the instant`)
  }
  if ((m = reason.match(/(\w+) completed before (\w+) was submitted/)))
    if (!f.before(m[1] as string, m[2] as string)) bad.push(`${m[1]} did not complete before ${m[2]}`)
  return bad
}

function check(p: Problem): string[] {
  const s = study(p.scenario)
  const out: string[] = []
  p.answers.forEach((a, i) => {
    const c = p.candidates[i]
    let f: Facts
    let img: ImageCell[]
    if (c?.kind === 'image' && p.instant !== null) {
      f = factsAt(p, s, p.instant.event, p.instant.step)
      img = c.cells
    } else if (c?.kind === 'instant' && p.image !== null) {
      f = factsAt(p, s, c.instant.event, c.instant.step)
      img = p.image
    } else throw new Error(`seed ${p.seed}: candidate ${a.id} is not a block candidate`)
    const labels = img.map((x) => x.label)
    if (f.images.some((x) => x.join() === labels.join()) !== a.correct)
      out.push(`${a.id}: the engine's explorer disagrees with the answer key`)
    const bad = a.correct ? checkPossible(f, img, a.reason) : checkImpossible(f, img, a.reason)
    for (const b of bad) out.push(`${a.id}: ${b} (${a.reason})`)
  })
  return out.map((x) => `seed ${p.seed} ${p.kind} ${x}`)
}

describe('every claim of every reason holds (property over seeds)', () => {
  for (const kind of ['which-images', 'reverse'] as const) {
    it(`${kind}, seeds 0–${SEEDS - 1}`, () => {
      const wrong: string[] = []
      for (let seed = 0; seed < SEEDS; seed++) wrong.push(...check(makeProblem(seed, kind)))
      expect(wrong.slice(0, 12), `${wrong.length} wrong claims`).toEqual([])
    })
  }

  it('the reviewer’s cases: seed 99 which-images and seed 40 reverse', () => {
    expect(check(makeProblem(99, 'which-images'))).toEqual([])
    expect(check(makeProblem(40, 'reverse'))).toEqual([])
  })
})
