import { describe, expect, it } from 'vitest'
import { RNG_ALGORITHM } from '../engine/kernel/rng'
import type { JsonObject } from './json'
import { migrate, MIGRATIONS, type Migration, RNG_BY_VERSION, SCENARIO_VERSION } from './migrate'
import { validateScenario } from './validate'

describe('format versions', () => {
  it('version 1 is the first: no migrations yet', () => {
    expect(SCENARIO_VERSION).toBe(1)
    expect(Object.keys(MIGRATIONS)).toEqual([])
  })

  it('the current version pins the engine random generator', () => {
    expect(RNG_BY_VERSION[SCENARIO_VERSION]).toBe(RNG_ALGORITHM)
  })
})

describe('applying migrations (with a made-up version 0 and 2)', () => {
  // Pretend version 0 called the summary "description" and had no id.
  const v0to1: Migration = (doc) => {
    const { description, ...rest } = doc
    return { ...rest, summary: description, id: 'from-v0', loopscope: 1 }
  }
  // Pretend version 2 renamed stack.deviceBlocks to stack.blocks.
  const v1to2: Migration = (doc) => {
    const stack = (doc.stack ?? {}) as JsonObject
    const { deviceBlocks, ...rest } = stack
    return { ...doc, stack: { ...rest, blocks: deviceBlocks } }
  }

  it('upgrades an old document step by step and leaves the input alone', () => {
    const old = {
      loopscope: 0,
      title: 'Old',
      description: 'An old file.',
      stack: { deviceBlocks: 8 },
    }
    const snapshot = structuredClone(old)
    const r = migrate(old, { 0: v0to1, 1: v1to2 }, 2)
    expect(r).toEqual({
      ok: true,
      value: {
        loopscope: 2,
        title: 'Old',
        summary: 'An old file.',
        id: 'from-v0',
        stack: { blocks: 8 },
      },
    })
    expect(old).toEqual(snapshot)
  })

  it('gives a document the current validator accepts', () => {
    const r = migrate({ loopscope: 0, title: 'Old', description: 'An old file.' }, { 0: v0to1 }, 1)
    expect(r.ok && validateScenario(r.value).ok).toBe(true)
  })

  it('reports versions without a migration path, and failing migrations', () => {
    expect(migrate({ loopscope: -1 }, { 0: v0to1 }, 1)).toEqual({
      ok: false,
      errors: [{ path: 'loopscope', message: 'must be a format version between 0 and 1, got -1' }],
    })
    const broken: Migration = () => {
      throw new Error('no')
    }
    expect(migrate({ loopscope: 0 }, { 0: broken }, 1)).toEqual({
      ok: false,
      errors: [{ path: '', message: 'upgrading from format version 0 failed: no' }],
    })
  })
})
