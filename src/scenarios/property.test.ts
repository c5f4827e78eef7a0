/**
 * Seeded property tests. Every failure message names its seed: rerun one with
 * `new Rng(seed)` and the same generator to reproduce it.
 */
import { describe, expect, it } from 'vitest'
import { Rng } from '../engine/kernel/rng'
import { randomScenario } from './generate'
import { parseScenarioJson, resolveScenario, validateScenario } from './index'
import { mutateText, mutateValue } from './mutate.testkit'
import { checkErrors } from './paths.testkit'

const VALID_SEEDS = 300
const RESIZE_SEEDS = 200
const MUTATION_SEEDS = 400

const seeds = (n: number) => Array.from({ length: n }, (_, i) => i + 1)

describe('random valid scenarios', () => {
  it(`resolve ok, to the generator's config, the same every time (seeds 1…${VALID_SEEDS})`, () => {
    for (const seed of seeds(VALID_SEEDS)) {
      const { doc, expected } = randomScenario(new Rng(seed))
      const text = JSON.stringify(doc, null, seed % 2 === 0 ? 2 : undefined)
      const parsed = parseScenarioJson(text)
      expect(parsed.ok ? [] : parsed.errors, `seed ${seed}`).toEqual([])
      if (!parsed.ok) continue
      expect(parsed.value, `seed ${seed}: the file round-trips`).toEqual(doc)
      for (const [variant, want] of expected) {
        const first = resolveScenario(parsed.value, variant)
        const again = resolveScenario(parsed.value, variant)
        expect(first, `seed ${seed} variant ${variant}`).toEqual({
          ok: true,
          value: expect.objectContaining({ variant, seed: want.seed, config: want.config }),
        })
        expect(again, `seed ${seed} variant ${variant}: deterministic`).toEqual(first)
      }
    }
  })

  it(`validate the same from text and from a value (seeds 1…${VALID_SEEDS})`, () => {
    for (const seed of seeds(VALID_SEEDS)) {
      const { doc } = randomScenario(new Rng(seed))
      expect(validateScenario(doc), `seed ${seed}`).toEqual(parseScenarioJson(JSON.stringify(doc)))
    }
  })
})

describe('variants that resize the device', () => {
  // Such a variant re-checks only the ranges of the scenario's workload; it must say exactly
  // what a full check of the merged document says.
  it(`match a full check of the merged document (seeds 1…${RESIZE_SEEDS})`, () => {
    for (const seed of seeds(RESIZE_SEEDS)) {
      const rng = new Rng(seed)
      const { variants: _v, ...doc } = randomScenario(rng).doc
      const deviceBlocks = rng.range(1, 25_000)
      const withVariant = {
        ...doc,
        variants: [{ id: 'r', title: 'R', patch: { stack: { deviceBlocks } } }],
      }
      const merged = { ...doc, stack: { ...doc.stack, deviceBlocks } }
      const [viaVariant, full] = [validateScenario(withVariant), validateScenario(merged)]
      const strip = (r: typeof full) =>
        r.ok ? [] : r.errors.map((e) => ({ ...e, path: e.path.replace('variants[0] (r) → ', '') }))
      expect(strip(viaVariant), `seed ${seed}`).toEqual(strip(full))
      if (!viaVariant.ok || !full.ok) continue
      const a = resolveScenario(viaVariant.value, 'r')
      const b = resolveScenario(full.value)
      expect(a.ok && a.value.config, `seed ${seed}`).toEqual(b.ok && b.value.config)
    }
  })
})

describe('mutated scenarios', () => {
  it(`never throw; errors have messages and real paths (value mutations, seeds 1…${MUTATION_SEEDS})`, () => {
    for (const seed of seeds(MUTATION_SEEDS)) {
      const rng = new Rng(seed)
      const { doc } = randomScenario(rng)
      const mutated = mutateValue(rng, doc)
      let direct: ReturnType<typeof validateScenario> | undefined
      let viaText: ReturnType<typeof parseScenarioJson> | undefined
      expect(() => (direct = validateScenario(mutated)), `seed ${seed}`).not.toThrow()
      expect(
        () => (viaText = parseScenarioJson(JSON.stringify(mutated))),
        `seed ${seed}`,
      ).not.toThrow()
      for (const r of [direct, viaText]) {
        if (r && !r.ok) expect(checkErrors(r.errors, mutated), `seed ${seed}`).toEqual([])
      }
    }
  })

  it(`never throw on damaged text; JSON errors agree with JSON.parse (seeds 1…${MUTATION_SEEDS})`, () => {
    for (const seed of seeds(MUTATION_SEEDS)) {
      const rng = new Rng(seed)
      const text = mutateText(rng, JSON.stringify(randomScenario(rng).doc, null, 1))
      let r: ReturnType<typeof parseScenarioJson> | undefined
      expect(() => (r = parseScenarioJson(text)), `seed ${seed}`).not.toThrow()
      let value: unknown
      let parses = true
      try {
        value = JSON.parse(text)
      } catch {
        parses = false
      }
      if (r === undefined || r.ok) {
        expect(parses, `seed ${seed}: accepted text must be JSON`).toBe(true)
        continue
      }
      const syntax = r.errors.some((e) => e.message.startsWith('invalid JSON'))
      expect(syntax, `seed ${seed}: a syntax error exactly when JSON.parse fails`).toBe(!parses)
      expect(checkErrors(r.errors, parses ? value : undefined), `seed ${seed}`).toEqual([])
    }
  })
})

describe('the error checker these tests use', () => {
  it('accepts real locations and flags made-up ones', () => {
    const doc = {
      stack: { loop: {} },
      variants: [{ id: 'v', patch: { workload: { threads: [] } } }],
    }
    const ok = [
      '',
      'stack.loop',
      'stack.loop.mode',
      'variants[0] (v) → workload.threads',
      'variants[0] (v)',
    ]
    const bad = [
      'stack.disk.fua',
      'stack[0]',
      'variants[1] (v)',
      'variants[0] (w)',
      'variants[0] (v) → workload.threads[0]',
      'a..b',
    ]
    expect(
      checkErrors(
        ok.map((path) => ({ path, message: 'm' })),
        doc,
      ),
    ).toEqual([])
    for (const path of bad) expect(checkErrors([{ path, message: 'm' }], doc), path).toHaveLength(1)
    expect(checkErrors([{ path: '', message: '' }], doc)).toHaveLength(1)
    expect(checkErrors([], doc)).toEqual(['a failure without errors'])
  })
})
