/**
 * `problem` on the command line, as a teacher uses it to hand out homework: the text has the
 * question with `?` where the answers go, --answers adds them, --json is exactly the Problem
 * document the app gets for the same seed, and bad seeds and kinds get a usage error.
 */
import { describe, expect, it } from 'vitest'
import { makeProblem } from '../practice/problem'
import { main } from './main'

function call(...argv: string[]): { code: number; out: string; err: string } {
  const out: string[] = []
  const err: string[] = []
  const code = main(
    argv,
    (t) => out.push(t),
    (t) => err.push(t),
  )
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('loopscope problem', () => {
  it('prints the problem with ? where the answers go, and the answers with --answers', () => {
    const plain = call('problem', '--seed', '17')
    expect(plain.code).toBe(0)
    expect(plain.out).toMatch(/^loopscope practice problem: seed 17, kind /)
    expect(plain.out).toMatch(/\nAnswer: \? /)
    expect(plain.out).not.toMatch(/possible:|impossible:/)
    const answered = call('problem', '--seed', '17', '--answers')
    const p = makeProblem(17)
    const key = p.answers
      .filter((a) => a.correct)
      .map((a) => a.id)
      .join(', ')
    expect(answered.out).toContain(`\nAnswer: ${key}\n`)
    for (const a of p.answers) expect(answered.out).toContain(a.reason)
  })

  it('draws the candidate images as block rows', () => {
    const r = call('problem', '--seed', '3', '--kind', 'which-images')
    const p = makeProblem(3, 'which-images')
    const header = r.out.split('\n').find((l) => l.trim().startsWith('block'))
    expect(header?.split(/\s+/).filter(Boolean).slice(1).map(Number)).toEqual(
      p.blocks.map((b) => b.block),
    )
    for (const c of p.candidates) expect(r.out).toMatch(new RegExp(`\\n  ${c.id}\\s+\\S`))
  })

  it('gives the same Problem document as the generator, for each kind', () => {
    for (const kind of ['which-images', 'consistent', 'reverse']) {
      const r = call('problem', '--seed', '42', `--kind=${kind}`, '--json')
      expect(r.code).toBe(0)
      expect(JSON.parse(r.out)).toEqual(makeProblem(42, kind as 'reverse'))
    }
  })

  it('explains a bad seed, kind or argument', () => {
    expect(call('problem').err).toMatch(
      /problem needs --seed N, a whole number from 0 to 2147483647/,
    )
    for (const bad of ['x', '-3', '2147483648', '1.5']) {
      const r = call('problem', '--seed', bad)
      expect(r.code).toBe(2)
      expect(r.err).toMatch(/--seed must be a whole number from 0 to 2147483647/)
    }
    const k = call('problem', '--seed', '1', '--kind', 'hard')
    expect(k.code).toBe(2)
    expect(k.err).toMatch(/--kind must be one of which-images, consistent, reverse, got "hard"/)
    expect(call('problem', 'fua-aio', '--seed', '1').err).toMatch(
      /problem takes no file or scenario/,
    )
  })

  it('makes 200 problems in a row, and says how long they took', { timeout: 300_000 }, () => {
    // A figure for the report, not an assertion: the machine running the tests is shared.
    const each: number[] = []
    const t0 = performance.now()
    for (let seed = 200; seed < 400; seed++) {
      const t = performance.now()
      expect(call('problem', '--seed', String(seed), '--json').code).toBe(0)
      each.push(performance.now() - t)
    }
    const total = performance.now() - t0
    each.sort((a, b) => a - b)
    console.log(
      `problem --json for 200 seeds: ${total.toFixed(0)} ms, ${(total / 200).toFixed(1)} ms a problem (median ${each[100]?.toFixed(1)} ms, slowest ${each.at(-1)?.toFixed(0)} ms)`,
    )
  })

  it('is listed in the usage', () => {
    expect(call('help').out).toMatch(
      /problem --seed N \[--kind which-images\|consistent\|reverse\] \[--answers\] \[--json\]/,
    )
  })
})
