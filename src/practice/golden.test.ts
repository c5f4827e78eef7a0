/**
 * Golden problems: the same seed gives the same problem forever, at one PRACTICE_VERSION. Several
 * seeds of each kind are pinned in golden/v<version>/, in two parts that change under different
 * rules:
 *
 *  - the problem: `<kind>-<seed>.json` (the Problem document with each answer's reason left out)
 *    and `<kind>-<seed>.txt` (the problem as `problem --seed N --answers` prints it, up to the
 *    answer key). Statement, scenario, history, instant, candidates, which candidates are
 *    correct. This is the promise made to everyone holding a seed, and it is pinned strictly:
 *    `vitest -u` does not rewrite it. If it fails after a change to the generator, or to engine
 *    behaviour a problem depends on, do NOT edit these files: bump PRACTICE_VERSION in
 *    version.ts, which starts a new golden/v<n+1>/ directory (written on the first run outside
 *    CI), and leave the old one as the record of what the old version gave.
 *  - the reasons: `reasons/<kind>-<seed>.txt`, one line per candidate with the engine's reason.
 *    A reason explains an answer; it is not part of the problem, and a correction (a reason that
 *    claimed something the rules do not say) changes it without a version bump. Update these
 *    with `npx vitest run src/practice/golden.test.ts -u` and read the diff: only the words of
 *    reasons may change, never a yes/no.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { PRACTICE_KINDS } from './kinds'
import { kindOfSeed, makeProblem } from './problem'
import { problemText } from './text'
import type { Problem } from './types'
import { PRACTICE_VERSION } from './version'

/** Seeds pinned for each kind (the largest seed included), and seeds whose own kind is pinned. */
const SEEDS = [0, 1, 7, 2 ** 31 - 1]
const KIND_SEEDS = [0, 1, 7, 2024, 2 ** 31 - 1]
const dir = `./golden/v${PRACTICE_VERSION}`

/** The problem without its reasons: what a seed promises. */
function problemPart(p: Problem): { json: string; text: string } {
  const bare = { ...p, answers: p.answers.map(({ id, correct }) => ({ id, correct })) }
  const lines = problemText(p, true).split('\n')
  return {
    json: `${JSON.stringify(bare, null, 2)}\n`,
    text: `${lines.slice(0, lines.length - p.answers.length).join('\n')}\n`,
  }
}

/** The reasons, one line per candidate, as `problem --answers` prints them. */
function reasonsPart(p: Problem): string {
  const lines = problemText(p, true).split('\n')
  return `${lines.slice(lines.length - p.answers.length).join('\n')}\n`
}

/**
 * Strict pinning: equal to the file, which only a new PRACTICE_VERSION may create (outside CI, on
 * its first run). Unlike a snapshot, `-u` never rewrites it.
 */
function expectPinned(actual: string, path: string): void {
  const file = fileURLToPath(new URL(path, import.meta.url))
  if (!existsSync(file)) {
    if (process.env.CI) throw new Error(`${path} is missing: run the golden test once outside CI`)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, actual)
    return
  }
  expect(
    actual,
    `${path}: the problem changed. Bump PRACTICE_VERSION (version.ts) instead of editing this file`,
  ).toBe(readFileSync(file, 'utf8'))
}

describe(`golden problems, generator v${PRACTICE_VERSION}`, () => {
  for (const kind of PRACTICE_KINDS) {
    for (const seed of SEEDS) {
      it(`${kind}, seed ${seed}: the problem (pinned)`, () => {
        const { json, text } = problemPart(makeProblem(seed, kind))
        expectPinned(json, `${dir}/${kind}-${seed}.json`)
        expectPinned(text, `${dir}/${kind}-${seed}.txt`)
      })
      it(`${kind}, seed ${seed}: its reasons (explanations, updated with -u)`, async () => {
        await expect(reasonsPart(makeProblem(seed, kind))).toMatchFileSnapshot(
          `${dir}/reasons/${kind}-${seed}.txt`,
        )
      })
    }
  }

  it('the seed picks the kind when none is named, and names the same problem', () => {
    const picked = KIND_SEEDS.map((seed) => `${seed} ${kindOfSeed(seed)}`).join('\n')
    expectPinned(`${picked}\n`, `${dir}/kinds.txt`)
    for (const seed of KIND_SEEDS)
      expect(makeProblem(seed)).toEqual(makeProblem(seed, kindOfSeed(seed)))
  })
})
