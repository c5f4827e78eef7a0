/**
 * The lessons of unlink-snapshot, as the explorer computes them from the engine's runs (issue 3's
 * acceptance): explored at every instant, jbd2 (buffered and DIO loop) and the dm-crypt-like
 * reordering leave no inconsistent state under power loss or an atomic snapshot; the
 * barriers-assumed guest does, with a "deleted inode referenced" example; a fuzzy copy breaks
 * even jbd2. Nothing in the scenario states these outcomes; they come out of the run.
 */
import { describe, expect, it } from 'vitest'
import { runConfig } from '../../engine'
import { RunStates } from '../../engine/explore/models'
import { exploreEvery, type RunExploreOptions } from '../../engine/explore/runExplore'
import { findScenario } from '../catalogue'
import { resolveScenario } from '../resolve'

function every(variant: string, model: RunExploreOptions['model']) {
  const entry = findScenario('unlink-snapshot')
  if (!entry) throw new Error('unlink-snapshot is not in the catalogue')
  const s = resolveScenario(entry.file, variant)
  if (!s.ok) throw new Error(JSON.stringify(s.errors))
  const run = runConfig(s.value.config, s.value.seed)
  expect(run.verdicts.filter((v) => !v.ok), variant).toEqual([])
  return exploreEvery(new RunStates(run), { model, granularity: 'write', budget: 2 ** 20, samples: 4096, seed: 1, examplesPerVerdict: 2 })
}

describe('unlink-snapshot', () => {
  for (const variant of ['jbd2', 'jbd2-dio', 'crypt-reorder']) {
    for (const model of ['power-loss', 'atomic-snapshot'] as const) {
      it(`${variant}: no ${model} state at any instant is inconsistent`, () => {
        const r = every(variant, model)
        expect(r.instants.length).toBeGreaterThan(10)
        expect(r.states_total).toBeGreaterThan(r.instants.length)
        expect(r.inconsistent).toBe(0)
      })
    }
  }

  it('barrier-assumed: some states reference a deleted inode, with an example', () => {
    for (const model of ['power-loss', 'atomic-snapshot'] as const) {
      const r = every('barrier-assumed', model)
      expect(r.inconsistent).toBeGreaterThan(0)
      const example = r.examples.find((e) => e.verdict === 'deleted-inode-referenced')
      expect(example?.findings.map((f) => f.sentence).join(' ')).toMatch(/directory entry 'b' points at inode \d+, which the inode bitmap marks free/)
      expect(example?.changed.length).toBeGreaterThan(0)
    }
  })

  it('fuzzy-copy: a copy of the running image is inconsistent even with jbd2', () => {
    const r = every('fuzzy-copy', 'fuzzy-copy')
    expect(r.inconsistent).toBeGreaterThan(0)
    expect(r.verdicts.map((v) => v.category)).toContain('deleted-inode-referenced')
    expect(every('fuzzy-copy', 'power-loss').inconsistent).toBe(0)
  })
})
