import { describe, expect, it } from 'vitest'
import { error, errorsOf, MINIMAL, thread } from './errors.testkit'
import { formatErrors } from './format'
import { parseScenarioJson, validateScenario } from './validate'

describe('the scenario itself', () => {
  it('accepts the minimal document and returns a fresh copy', () => {
    const r = validateScenario(MINIMAL)
    expect(r).toEqual({ ok: true, value: MINIMAL })
    expect(r.ok && r.value).not.toBe(MINIMAL)
  })

  it('requires id, title and summary, and checks their form', () => {
    expect(errorsOf({}, { loopscope: 1 })).toEqual([
      error('id', 'is required but missing'),
      error('title', 'is required but missing'),
      error('summary', 'is required but missing'),
    ])
    expect(errorsOf({ id: 'Flush_Demo', title: 'x'.repeat(81), summary: ' ' })).toEqual([
      error('id', 'must be an id: 1 to 63 of a-z, 0-9 or -, not starting with -, got "Flush_Demo"'),
      error('title', 'must be a non-empty string of at most 80 characters, got 81 characters'),
      error('summary', 'must be a non-empty string of at most 400 characters, got an empty string'),
    ])
  })

  it.each([
    [{}, error('loopscope', /^is required but missing: the format version/)],
    [{ loopscope: 0 }, error('loopscope', 'must be a format version between 1 and 1, got 0')],
    [{ loopscope: '1' }, error('loopscope', 'must be an integer format version, got "1"')],
    [{ loopscope: 1.5 }, error('loopscope', 'must be an integer format version, got 1.5')],
    [
      { loopscope: 2 },
      error('loopscope', 'written by a newer loopscope (version 2); this build reads up to 1'),
    ],
  ])('checks the version: %j', (version, expected) => {
    const { loopscope: _drop, ...rest } = MINIMAL
    expect(errorsOf(version, rest)).toEqual([expected])
  })

  it('rejects a document that is not an object', () => {
    for (const doc of [null, [], 'x', 3]) {
      expect(validateScenario(doc)).toEqual({
        ok: false,
        errors: [error('', /^a scenario must be a JSON object/)],
      })
    }
  })
})

describe('unknown fields', () => {
  it('are rejected with the list of expected ones, at any depth', () => {
    expect(errorsOf({ titel: 'x', stack: { loop: { mod: 'x' } } })).toEqual([
      error(
        'titel',
        /^unknown field; expected one of loopscope, id, title, summary, source, variants, narration, seed, stack/,
      ),
      error(
        'stack.loop.mod',
        'unknown field; expected one of mode, directIo, logicalBlockSize, offsetBytes, queueDepth, writeCache, readOnly, flushDrains',
      ),
    ])
  })

  it('say when a time was written with its Ns suffix, or in the wrong case', () => {
    expect(errorsOf({ stack: { hostFs: { commitIntervalNs: 1, JournalBlocks: 2 } } })).toEqual([
      error(
        'stack.hostFs.commitIntervalNs',
        /^unknown field \(times are written without the Ns suffix: use "commitInterval"\)/,
      ),
      error('stack.hostFs.JournalBlocks', /^unknown field \(did you mean "journalBlocks"\?\)/),
    ])
  })

  it('include __proto__, constructor and prototype, which never reach a prototype', () => {
    const text =
      '{"loopscope": 1, "id": "a", "title": "t", "summary": "s", "__proto__": {"polluted": 1},' +
      ' "stack": {"constructor": {"prototype": {"polluted": 2}}, "loop": {"prototype": 3}}}'
    const r = parseScenarioJson(text)
    expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual([
      '__proto__',
      'stack.constructor',
      'stack.loop.prototype',
    ])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
  })

  it('name a very long key in the message and keep the path short', () => {
    expect(errorsOf({ stack: { ['k'.repeat(100)]: 1 } })).toEqual([
      error('stack', /^unknown field "k{40}…" \(100 characters\)/),
    ])
  })

  it('quote keys that are not identifiers in the path', () => {
    expect(errorsOf({ stack: { 'a b': 1 } })).toEqual([error('stack["a b"]', /^unknown field/)])
  })
})

describe('variants', () => {
  const variants = (...list: unknown[]) => ({ variants: list })

  it('report errors of the merged result with the variant in the path', () => {
    expect(
      errorsOf(
        variants({ id: 'dio', title: 'DIO', patch: { stack: { loop: { directIo: 'on' } } } }),
      ),
    ).toEqual([error('variants[0] (dio) → stack.loop.directIo', 'must be true or false, got "on"')])
  })

  it('report base errors a variant exposes, and base errors only once', () => {
    const doc = {
      ...thread([{ op: 'write', block: 100 }]),
      stack: { loop: { mode: 'x' } },
      ...variants(
        { id: 'small', title: 'Small', patch: { stack: { deviceBlocks: 50 } } },
        { id: 'b', title: 'B', patch: {} },
      ),
    }
    expect(errorsOf(doc)).toEqual([
      error('stack.loop.mode', /^must be one of/),
      error(
        'variants[0] (small) → workload.threads[0].ops[0].block',
        'must be below the device size (50 blocks), got 100',
      ),
    ])
  })

  it('check the variant entries themselves', () => {
    const doc = variants(
      { id: 'a', title: 'A', patch: { loopscope: 2, stack: {} } },
      { id: 'a', title: 'A again', patch: {} },
      { id: 'B', title: '', patch: [] },
    )
    expect(errorsOf(doc)).toEqual([
      error(
        'variants[0].patch.loopscope',
        'unknown field; expected one of seed, stack, workload, events, limits',
      ),
      error('variants[1].id', 'duplicate variant id "a"; first used at variants[0].id'),
      error('variants[2].id', /^must be a variant id: /),
      error(
        'variants[2].title',
        'must be a non-empty string of at most 80 characters, got an empty string',
      ),
      error('variants[2].patch', 'must be an object, got an empty array'),
    ])
  })
})

describe('hostile input never throws', () => {
  it('cycles, throwing getters, proxies and odd values', () => {
    const cyclic: Record<string, unknown> = { ...MINIMAL }
    cyclic.stack = { loop: cyclic }
    const getter = {
      ...MINIMAL,
      get stack(): unknown {
        throw new Error('boom')
      },
    }
    const proxy = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('no keys')
        },
      },
    )
    const odd = {
      ...MINIMAL,
      seed: 10n,
      stack: { deviceBlocks: NaN, loop: () => 1 },
      workload: new Map(),
    }
    const results = [cyclic, getter, proxy, odd].map((doc) => validateScenario(doc))
    expect(results.map((r) => r.ok)).toEqual([false, false, false, false])
    expect(results.map((r) => (r.ok ? '' : formatErrors(r.errors)))).toEqual([
      'nesting is deeper than 32 levels',
      'could not read the document: boom',
      expect.stringContaining('no keys'),
      [
        'seed: must be an integer between 0 and 9007199254740991, got a bigint',
        'stack.deviceBlocks: must be an integer between 1 and 16777216, got NaN',
        'stack.loop: must be an object, got a function',
        'workload: must be an object, got an object',
      ].join('\n'),
    ])
  })

  it('stops after 10000 errors', () => {
    const r = validateScenario({
      ...MINIMAL,
      ...thread(Array.from({ length: 12_000 }, () => ({ op: 'nope' }))),
    })
    expect(r.ok ? [] : r.errors).toHaveLength(10_001)
    expect(r.ok ? undefined : r.errors.at(-1)).toEqual({
      path: '',
      message: 'too many errors; stopped after 10000',
    })
  })

  it('refuses a huge value before walking it', () => {
    const r = validateScenario({ ...MINIMAL, ...thread(new Array(10_000_000)) })
    expect(r).toEqual({ ok: false, errors: [error('', /larger than 2 MB/)] })
  })
})

describe('formatErrors', () => {
  it('writes one line per error', () => {
    expect(formatErrors([error('a.b', 'bad'), error('', 'worse')])).toBe('a.b: bad\nworse')
  })
})
