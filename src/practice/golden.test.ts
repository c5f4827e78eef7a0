/**
 * Golden problems: the same seed gives the same problem forever, at one PRACTICE_VERSION. The
 * full problem (JSON and text) of several seeds of each kind is pinned in golden/v<version>/.
 *
 * If this fails after a change to the generator, or to engine behaviour a problem depends on, do
 * NOT update these files: bump PRACTICE_VERSION in version.ts, which starts a new golden/v<n+1>/
 * directory (written on the first run), and leave the old one as the record of what the old
 * version gave. Rewriting an existing version's golden files breaks every problem already handed
 * out with that seed.
 */
import { describe, expect, it } from 'vitest'
import { PRACTICE_KINDS } from './kinds'
import { kindOfSeed, makeProblem } from './problem'
import { problemText } from './text'
import { PRACTICE_VERSION } from './version'

/** Seeds pinned for each kind (the largest seed included), and seeds whose own kind is pinned. */
const SEEDS = [0, 1, 7, 2 ** 31 - 1]
const KIND_SEEDS = [0, 1, 7, 2024, 2 ** 31 - 1]
const dir = `./golden/v${PRACTICE_VERSION}`

describe(`golden problems, generator v${PRACTICE_VERSION}`, () => {
  for (const kind of PRACTICE_KINDS) {
    for (const seed of SEEDS) {
      it(`${kind}, seed ${seed}`, async () => {
        const p = makeProblem(seed, kind)
        await expect(`${JSON.stringify(p, null, 2)}\n`).toMatchFileSnapshot(
          `${dir}/${kind}-${seed}.json`,
        )
        await expect(`${problemText(p, true)}\n`).toMatchFileSnapshot(`${dir}/${kind}-${seed}.txt`)
      })
    }
  }

  it('the seed picks the kind when none is named, and names the same problem', async () => {
    const picked = KIND_SEEDS.map((seed) => `${seed} ${kindOfSeed(seed)}`).join('\n')
    await expect(`${picked}\n`).toMatchFileSnapshot(`${dir}/kinds.txt`)
    for (const seed of KIND_SEEDS)
      expect(makeProblem(seed)).toEqual(makeProblem(seed, kindOfSeed(seed)))
  })
})
