/**
 * Every answer a problem gives is the explorer's. Method: for a few hundred seeds, take the
 * problem as the app and the command line see it (its JSON), and check it from that alone, by a
 * path that shares nothing with the generator but the engine: validate and resolve the scenario
 * document, run it, ask the explorer (exploreAt, collecting every image it visits) at each instant
 * the problem names, and check each candidate: an image listed as possible is among the images
 * found, a decoy is not; for a file-system state, the guest checker's verdict on the image is the
 * answer's.
 */
import { describe, expect, it } from 'vitest'
import { checkImage, Data, exploreAt, RunStates, runConfig, type RunResult } from '../engine'
import { resolveScenario, validateScenario } from '../scenarios'
import { PRACTICE_KINDS } from './kinds'
import { makeProblem } from './problem'
import type { ImageCell, Problem } from './types'

const SEEDS_PER_KIND = 100

function rerun(p: Problem): RunResult {
  const v = validateScenario(JSON.parse(JSON.stringify(p.scenario)))
  if (!v.ok) throw new Error(`problem ${p.seed}: its scenario does not validate`)
  const r = resolveScenario(v.value)
  if (!r.ok) throw new Error(`problem ${p.seed}: its scenario does not resolve`)
  return runConfig(r.value.config, r.value.seed)
}

/** The data version a cell's label names: "old", or the label of the write that carries it. */
function versionOf(run: RunResult, cell: ImageCell): number {
  if (cell.version !== undefined) return cell.version
  if (cell.label === 'old') return Data.INITIAL
  const id = run.labels[cell.label]
  if (id === undefined) throw new Error(`no request is labelled ${cell.label}`)
  const first = run.requests.block[id] as number
  return run.requests.version(id, cell.block - first)
}

/** Every image (over `blocks`) the explorer visits at an instant. */
function imagesAt(
  states: RunStates,
  event: number,
  model: Problem['model'],
  blocks: number[],
): Set<string> {
  const seen = new Set<string>()
  const r = exploreAt(states, event, {
    model,
    granularity: 'write',
    budget: 2 ** 20,
    samples: 4096,
    seed: 1,
    examplesPerVerdict: 0,
    extraChecks: () => [
      (image) => {
        seen.add(blocks.map((b) => image.version(b)).join(','))
        return []
      },
    ],
  })
  expect(r.exhaustive).toBe(true)
  return seen
}

function keyOf(run: RunResult, cells: ImageCell[]): string {
  return cells.map((c) => versionOf(run, c)).join(',')
}

function checkBlockProblem(p: Problem): void {
  const run = rerun(p)
  const states = new RunStates(run)
  const blocks = p.blocks.map((b) => b.block)
  p.candidates.forEach((c, i) => {
    const answer = p.answers[i]
    expect(answer?.id).toBe(c.id)
    if (c.kind === 'image') {
      const found = imagesAt(states, p.instant?.event ?? -1, p.model, blocks)
      expect(found.has(keyOf(run, c.cells)), `seed ${p.seed} candidate ${c.id}`).toBe(
        answer?.correct,
      )
    } else if (c.kind === 'instant') {
      const found = imagesAt(states, c.instant.event, p.model, blocks)
      expect(found.has(keyOf(run, p.image ?? [])), `seed ${p.seed} instant ${c.id}`).toBe(
        answer?.correct,
      )
    } else throw new Error('block problems offer images or instants')
  })
}

function checkFsProblem(p: Problem): void {
  const run = rerun(p)
  const cells = p.image ?? []
  const event = p.instant?.event ?? -1
  const blocks = cells.map((c) => c.block)
  // The state is one a power loss at the instant can leave...
  expect(imagesAt(new RunStates(run), event, 'power-loss', blocks).has(keyOf(run, cells))).toBe(
    true,
  )
  // ...and the guest checker's verdict on it is the answer.
  const version = new Map(cells.map((c) => [c.block, versionOf(run, c)]))
  const findings = checkImage((b) => version.get(b) ?? Data.INITIAL, run.fs, { atEvent: event })
  const categories = new Set(findings.map((f) => f.category))
  p.candidates.forEach((c, i) => {
    if (c.kind !== 'verdict') throw new Error('consistent problems offer verdicts')
    const right = c.consistent ? findings.length === 0 : categories.has(c.category ?? '')
    expect(p.answers[i]?.correct, `seed ${p.seed} choice ${c.id}`).toBe(right)
  })
}

describe('answers against the explorer', () => {
  for (const kind of PRACTICE_KINDS) {
    it(
      `${kind}: every possible candidate is found by the explorer and every other is not (${SEEDS_PER_KIND} seeds)`,
      { timeout: 300_000 },
      () => {
        let decoys = 0
        for (let seed = 0; seed < SEEDS_PER_KIND; seed++) {
          const p = makeProblem(seed * 7919 + 11, kind)
          if (kind === 'consistent') checkFsProblem(p)
          else checkBlockProblem(p)
          decoys += p.answers.filter((a) => !a.correct).length
        }
        // Not a vacuous check: the candidates include images or instants that are wrong.
        expect(decoys).toBeGreaterThan(SEEDS_PER_KIND / 2)
      },
    )
  }
})
