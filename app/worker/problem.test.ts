/**
 * Same seed, same problem everywhere: the worker's answer to a 'problem' message (what the app
 * shows) is, as JSON, exactly what `problem --seed N --json` prints on the command line. Bad seeds
 * and kinds from the page become error replies, not exceptions in the worker.
 */
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import type { PracticeKind } from '../../src/practice/kinds'
import { problemReply } from './problem'

function cli(...argv: string[]): string {
  const out: string[] = []
  expect(
    main(
      argv,
      (t) => out.push(t),
      () => {},
    ),
  ).toBe(0)
  return out.join('\n')
}

describe('the worker and the command line give the same problem', () => {
  it('for a seed with and without a kind', () => {
    const cases: Array<[number, PracticeKind | null]> = [
      [17, null],
      [4, 'which-images'],
      [4, 'consistent'],
      [2 ** 31 - 1, 'reverse'],
    ]
    for (const [seed, kind] of cases) {
      const reply = problemReply({ type: 'problem', id: 1, seed, kind })
      if (reply.type !== 'problem') throw new Error(`no problem for seed ${seed}`)
      // Through structured-clone-safe JSON, as postMessage and the terminal carry it.
      const fromCli = cli(
        'problem',
        '--seed',
        String(seed),
        ...(kind ? ['--kind', kind] : []),
        '--json',
      )
      expect(JSON.stringify(reply.problem, null, 2)).toBe(fromCli)
    }
  })

  it('answers a bad seed or kind with an error message', () => {
    expect(problemReply({ type: 'problem', id: 2, seed: -1, kind: null })).toMatchObject({
      type: 'error',
      id: 2,
      message: expect.stringMatching(/whole number from 0 to 2147483647/),
    })
    expect(
      problemReply({ type: 'problem', id: 3, seed: 1, kind: 'hard' as PracticeKind }),
    ).toMatchObject({ type: 'error', id: 3, message: expect.stringMatching(/no kind of problem/) })
  })
})
