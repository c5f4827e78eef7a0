/**
 * Seeded property tests of the compact reader, which reads what people type and paste: random
 * and mutated texts never make it throw, every rejection has a message at a real line and column,
 * and whatever it accepts prints to a text that reads back to the same run.
 */
import { describe, expect, it } from 'vitest'
import { Rng } from '../../engine/kernel/rng'
import { catalogue } from '../catalogue'
import { randomScenario } from '../generate'
import { resolveScenario } from '../resolve'
import { formatRun, parseCompact, type CompactResult } from './index'
import { FS_OPS, SECTIONS, STATEMENTS, THREAD_OPS } from './vocab'

const seeds = (n: number) => Array.from({ length: n }, (_, i) => i + 1)

/** Texts to start from: every built-in variant and some random scenarios. */
function corpus(): string[] {
  const out: string[] = []
  for (const e of catalogue()) {
    for (const v of e.meta.variants) {
      const r = resolveScenario(e.file, v.id)
      if (r.ok) out.push(formatRun(r.value.seed, r.value.config))
    }
  }
  for (const seed of seeds(20)) {
    for (const want of randomScenario(new Rng(seed)).expected.values())
      out.push(formatRun(want.seed, want.config))
  }
  return out
}

const WORDS = [
  ...STATEMENTS,
  ...Object.keys(THREAD_OPS),
  ...Object.keys(FS_OPS),
  ...SECTIONS.flatMap((s) => s.settings.map((x) => x.name)),
  'on',
  'off',
  '@a',
  '@b',
  '16+4',
  '0',
  '64',
  '5ms',
  '1.5us',
  '4k',
  '16MiB',
  'fua',
  'pre',
  'wait',
  'a=2',
  'qd=0',
  'lbs=4096',
  'alloc=0+4,8+2',
  'cg=a',
  'ios=10',
  'size=1MiB',
  'µs',
  '1e3',
  '-1',
  '__proto__',
  'constructor',
  'toString',
  '99999999999999999999',
]
const PUNCT = [',', ':', ';', '\n', ' ', '#', '@', '+', '=', '\t', '\r\n', '\u0000', 'é', '"']

/** Replaces, deletes, duplicates or inserts characters, words or whole lines. */
function mutate(rng: Rng, text: string): string {
  const at = rng.int(text.length + 1)
  switch (rng.int(6)) {
    case 0:
      return text.slice(0, at)
    case 1: {
      const chars = [...text]
      for (let n = rng.range(1, 5); n > 0; n--) chars[rng.int(chars.length + 1)] = rng.pick(PUNCT)
      return chars.join('')
    }
    case 2:
      return text.slice(0, at) + text.slice(at + rng.range(1, 12))
    case 3:
      return `${text.slice(0, at)} ${rng.pick(WORDS)} ${text.slice(at)}`
    case 4: {
      const lines = text.split('\n')
      const i = rng.int(lines.length)
      lines.splice(rng.int(lines.length + 1), 0, lines[i] ?? '')
      return lines.join('\n')
    }
    default: {
      const words = text.split(' ')
      words[rng.int(words.length)] = rng.pick(WORDS)
      return words.join(' ')
    }
  }
}

/** A soup of the form's own words and punctuation: nearly valid, often not. */
function soup(rng: Rng): string {
  const parts: string[] = []
  for (let n = rng.range(1, 40); n > 0; n--)
    parts.push(rng.chance(0.7) ? rng.pick(WORDS) : rng.pick(PUNCT))
  return parts.join(rng.chance(0.5) ? ' ' : '')
}

/** Every error sits on a line of the text, at a column within that line (or just past it). */
function checkResult(text: string, r: CompactResult, what: string): void {
  if (r.ok) {
    // What it accepts, it prints; the print reads back to the same run.
    const printed = formatRun(r.value.seed, r.value.config)
    const again = parseCompact(printed)
    expect(again.ok && again.value.config, `${what}: print of an accepted text`).toEqual(
      r.value.config,
    )
    return
  }
  expect(r.errors.length, what).toBeGreaterThan(0)
  const lines = text.split('\n')
  for (const e of r.errors) {
    expect(e.message.length, `${what}: a message`).toBeGreaterThan(10)
    expect(e.line, `${what}: line of ${e.message}`).toBeGreaterThanOrEqual(1)
    expect(e.line, `${what}: line of ${e.message}`).toBeLessThanOrEqual(lines.length)
    expect(e.column, `${what}: column of ${e.message}`).toBeGreaterThanOrEqual(1)
    expect(e.column, `${what}: column of ${e.message}`).toBeLessThanOrEqual(
      (lines[e.line - 1]?.length ?? 0) + 1,
    )
  }
}

describe('the compact reader', () => {
  const texts = corpus()

  it(`never throws on mutated texts; rejections say where (seeds 1…600)`, () => {
    let rejected = 0
    for (const seed of seeds(600)) {
      const rng = new Rng(seed)
      let text = rng.pick(texts)
      for (let n = rng.range(1, 3); n > 0; n--) text = mutate(rng, text)
      let r: CompactResult | undefined
      expect(() => (r = parseCompact(text)), `seed ${seed}`).not.toThrow()
      if (r === undefined) continue
      if (!r.ok) rejected++
      checkResult(text, r, `seed ${seed}`)
    }
    // Both sides are exercised: many mutations break the text, some leave it valid.
    expect(rejected).toBeGreaterThan(200)
    expect(rejected).toBeLessThan(600)
  })

  it(`never throws on random word soups (seeds 1…600)`, () => {
    for (const seed of seeds(600)) {
      const text = soup(new Rng(seed))
      let r: CompactResult | undefined
      expect(() => (r = parseCompact(text)), `seed ${seed}`).not.toThrow()
      if (r) checkResult(text, r, `seed ${seed}`)
    }
  })

  it('is deterministic', () => {
    for (const seed of seeds(50)) {
      const text = soup(new Rng(seed))
      expect(parseCompact(text), `seed ${seed}`).toEqual(parseCompact(text))
    }
  })
})
