import { describe, expect, it } from 'vitest'
import {
  defaultLimits,
  defaultStack,
  type FsOp,
  type GuestFsConfig,
  MS,
  S,
  US,
  type WorkOp,
} from '../engine/config'
import { resolveScenario } from './resolve'
import type { ScenarioFile } from './types'
import { parseScenarioJson, validateScenario } from './validate'

const MINIMAL: ScenarioFile = {
  loopscope: 1,
  id: 'flush-demo',
  title: 'Flush demo',
  summary: 'A flush.',
}

function resolve(doc: Record<string, unknown>, variant?: string, seed?: number) {
  const file = validateScenario({ ...MINIMAL, ...doc })
  if (!file.ok) throw new Error(JSON.stringify(file.errors))
  const r = resolveScenario(file.value, variant, seed)
  if (!r.ok) throw new Error(JSON.stringify(r.errors))
  return r.value
}

const ops = (list: unknown[]) =>
  resolve({ workload: { threads: [{ name: 'app', ops: list }] } }).config.workload.threads[0]?.ops

describe('defaults', () => {
  it('a minimal document resolves to defaultStack() and defaultLimits()', () => {
    expect(resolve({})).toEqual({
      meta: {
        id: 'flush-demo',
        title: 'Flush demo',
        summary: 'A flush.',
        source: '',
        narration: [],
        seed: 1,
        variants: [{ id: 'default', title: 'Flush demo', summary: 'A flush.' }],
      },
      variant: 'default',
      seed: 1,
      config: {
        stack: defaultStack(),
        workload: { threads: [], jobs: [], events: [], fs: null, expectations: [] },
        limits: defaultLimits(),
      },
    })
  })

  it('an empty stack, workload and limits change nothing', () => {
    expect(
      resolve({ stack: { loop: {}, disk: {} }, workload: {}, events: [], limits: {} }).config,
    ).toEqual(resolve({}).config)
  })
})

describe('stack fields', () => {
  it('merge over the defaults, with times and sizes converted', () => {
    const { stack } = resolve({
      stack: {
        deviceBlocks: 1024,
        loop: { mode: 'pre-6.15', offsetBytes: '1k' },
        hostFs: { commitInterval: '30s' },
        guestCache: { memoryBytes: '512MiB', dirtyExpire: '1.5ms' },
        timing: { copyPerBlock: '2us' },
        backing: { allocated: [[0, 16]] },
      },
    }).config
    const want = defaultStack()
    want.deviceBlocks = 1024
    want.loop = { ...want.loop, mode: 'pre-6.15', offsetBytes: 1024 }
    want.hostFs.commitIntervalNs = 30 * S
    want.guestCache = { ...want.guestCache, memoryBytes: 512 * 2 ** 20, dirtyExpireNs: 1_500_000 }
    want.timing.copyPerBlockNs = 2 * US
    want.backing.allocated = [[0, 16]]
    expect(stack).toEqual(want)
  })
})

describe('ops', () => {
  const io = { count: 1, fua: false, preflush: false, wait: false, unmap: false, label: null }
  it.each<[unknown, WorkOp]>([
    [
      { op: 'write', block: 3 },
      { op: 'write', block: 3, ...io },
    ],
    [
      { op: 'write', block: 3, count: 2, fua: true, preflush: true, wait: true, label: 'a' },
      { op: 'write', block: 3, ...io, count: 2, fua: true, preflush: true, wait: true, label: 'a' },
    ],
    [
      { op: 'read', block: 0, label: null },
      { op: 'read', block: 0, ...io },
    ],
    [
      { op: 'discard', block: 7, count: 9 },
      { op: 'discard', block: 7, ...io, count: 9 },
    ],
    [
      { op: 'write_zeroes', block: 1, unmap: true },
      { op: 'write_zeroes', block: 1, ...io, unmap: true },
    ],
    [{ op: 'flush' }, { op: 'flush', wait: false, label: null }],
    [
      { op: 'flush', wait: true, label: 'f' },
      { op: 'flush', wait: true, label: 'f' },
    ],
    [{ op: 'wait' }, { op: 'wait' }],
    [
      { op: 'sleep', time: '100us' },
      { op: 'sleep', ns: 100 * US },
    ],
    [
      { op: 'set_direct_io', on: true },
      { op: 'set_direct_io', on: true },
    ],
    [
      { op: 'power_loss' },
      { op: 'outside', event: { kind: 'power-loss', order: 'ascending', nsPerBlock: 0 } },
    ],
    [
      { op: 'atomic_snapshot' },
      { op: 'outside', event: { kind: 'atomic-snapshot', order: 'ascending', nsPerBlock: 0 } },
    ],
    [
      { op: 'block_snapshot' },
      { op: 'outside', event: { kind: 'block-snapshot', order: 'ascending', nsPerBlock: 0 } },
    ],
    [
      { op: 'fuzzy_copy' },
      { op: 'outside', event: { kind: 'fuzzy-copy', order: 'ascending', nsPerBlock: 10 * US } },
    ],
    [
      { op: 'fuzzy_copy', order: 'random', perBlock: '1ms' },
      { op: 'outside', event: { kind: 'fuzzy-copy', order: 'random', nsPerBlock: MS } },
    ],
  ])('%j', (op, want) => {
    expect(ops([op])).toEqual([want])
  })
})

describe('fio jobs and events', () => {
  it('fill fio defaults and convert bytes to blocks', () => {
    const { jobs } = resolve({
      workload: {
        jobs: [{ name: 'fio', rw: 'randrw', size: '1m', requests: 5, offset: '8k', think: '1ms' }],
      },
    }).config.workload
    expect(jobs).toEqual([
      {
        name: 'fio',
        cgroup: 'root',
        rw: 'randrw',
        bs: 1,
        offset: 2,
        size: 256,
        iodepth: 1,
        direct: true,
        ioengine: 'psync',
        requests: 5,
        fsync: 0,
        drain: false,
        link: false,
        rwmixread: 50,
        thinkNs: MS,
        startNs: 0,
      },
    ])
  })

  it('turn events into timed outside events', () => {
    const { events } = resolve({
      events: [
        { at: '5ms', kind: 'power-loss' },
        { at: 7, kind: 'fuzzy-copy', order: 'descending' },
      ],
    }).config.workload
    expect(events).toEqual([
      { at: 5 * MS, kind: 'power-loss', order: 'ascending', nsPerBlock: 0 },
      { at: 7, kind: 'fuzzy-copy', order: 'descending', nsPerBlock: 10 * US },
    ])
  })
})

describe('file system', () => {
  const fsOf = (fs: unknown) => resolve({ workload: { fs } }).config.workload.fs
  const defaults: GuestFsConfig = {
    discipline: 'jbd2',
    commitIntervalNs: 5 * S,
    cgroup: 'root',
    files: [],
    ops: [],
  }

  it('is null when absent or null, and the defaults when empty', () => {
    expect(resolve({ workload: {} }).config.workload.fs).toBeNull()
    expect(fsOf(null)).toBeNull()
    expect(fsOf({})).toEqual(defaults)
  })

  it('fills the fields it is given, with times converted', () => {
    const files = [
      { name: 'a', blocks: 2 },
      { name: 'b.log', blocks: 64 },
    ]
    expect(
      fsOf({ discipline: 'async-commit', commitInterval: '30s', cgroup: 'db', files }),
    ).toEqual({
      ...defaults,
      discipline: 'async-commit',
      commitIntervalNs: 30 * S,
      cgroup: 'db',
      files,
    })
  })

  const outside = (kind: 'power-loss' | 'atomic-snapshot' | 'block-snapshot'): FsOp => ({
    op: 'outside',
    event: { kind, order: 'ascending', nsPerBlock: 0 },
  })
  it.each<[unknown, FsOp]>([
    [
      { op: 'create', name: 'c', label: 'mk' },
      { op: 'create', name: 'c', label: 'mk' },
    ],
    [
      { op: 'write', name: 'c', offset: 3 },
      { op: 'write', name: 'c', offset: 3, count: 1, label: null },
    ],
    [
      { op: 'write', name: 'c', offset: 0, count: 64, label: 'w' },
      { op: 'write', name: 'c', offset: 0, count: 64, label: 'w' },
    ],
    [
      { op: 'fsync', name: 'c', label: null },
      { op: 'fsync', name: 'c', label: null },
    ],
    [
      { op: 'unlink', name: 'b' },
      { op: 'unlink', name: 'b', label: null },
    ],
    [
      { op: 'rename', from: 'a', to: 'd' },
      { op: 'rename', from: 'a', to: 'd', label: null },
    ],
    [{ op: 'sync' }, { op: 'sync', label: null }],
    [
      { op: 'sleep', time: '6s' },
      { op: 'sleep', ns: 6 * S },
    ],
    [{ op: 'power_loss' }, outside('power-loss')],
    [{ op: 'atomic_snapshot' }, outside('atomic-snapshot')],
    [{ op: 'block_snapshot' }, outside('block-snapshot')],
    [
      { op: 'fuzzy_copy', order: 'descending' },
      { op: 'outside', event: { kind: 'fuzzy-copy', order: 'descending', nsPerBlock: 10 * US } },
    ],
  ])('op %j', (op, want) => {
    expect(fsOf({ ops: [op] })?.ops).toEqual([want])
  })

  it('resolves expectations over thread and file-system labels', () => {
    const { expectations } = resolve({
      workload: {
        threads: [{ name: 'app', ops: [{ op: 'write', block: 0, fua: true, label: 'w' }] }],
        fs: { ops: [{ op: 'fsync', name: 'a', label: 'f' }] },
        expectations: [
          { after: 'f', durable: ['w', 'f'] },
          { after: 'w', durable: ['w'] },
        ],
      },
    }).config.workload
    expect(expectations).toEqual([
      { after: 'f', durable: ['w', 'f'] },
      { after: 'w', durable: ['w'] },
    ])
    expect(resolve({}).config.workload.expectations).toEqual([])
  })

  describe('in variants', () => {
    const doc = {
      workload: {
        fs: {
          commitInterval: '1s',
          files: [{ name: 'a', blocks: 2 }],
          ops: [
            { op: 'write', name: 'a', offset: 0, label: 'w' },
            { op: 'fsync', name: 'a', label: 'f' },
          ],
        },
        expectations: [{ after: 'f', durable: ['w'] }],
      },
      variants: [
        { id: 'jbd2', title: 'jbd2', patch: {} },
        {
          id: 'barrier',
          title: 'Barrier assumed',
          patch: { workload: { fs: { discipline: 'barrier-assumed' } } },
        },
        {
          id: 'async',
          title: 'async_commit, 5 s',
          patch: { workload: { fs: { discipline: 'async-commit', commitInterval: '5s' } } },
        },
        {
          id: 'no-fs',
          title: 'No file system',
          patch: { workload: { fs: null, expectations: [] } },
        },
      ],
    }

    it('switch the discipline and keep the rest (objects merge deeply)', () => {
      const base = resolve(doc, 'jbd2').config.workload
      expect(base.fs?.discipline).toBe('jbd2')
      expect(base.fs?.commitIntervalNs).toBe(S)
      for (const [variant, discipline, commitIntervalNs] of [
        ['barrier', 'barrier-assumed', S],
        ['async', 'async-commit', 5 * S],
      ] as const) {
        const { workload } = resolve(doc, variant).config
        expect(workload.fs, variant).toEqual({ ...base.fs, discipline, commitIntervalNs })
        expect(workload.expectations, variant).toEqual(base.expectations)
      }
    })

    it('remove the file system with null', () => {
      const { workload } = resolve(doc, 'no-fs').config
      expect([workload.fs, workload.expectations]).toEqual([null, []])
    })

    it('replace ops and expectations wholesale', () => {
      const patch = {
        workload: {
          fs: { ops: [{ op: 'sync', label: 's' }] },
          expectations: [{ after: 's', durable: ['s'] }],
        },
      }
      const v = resolve({ ...doc, variants: [{ id: 'v', title: 'V', patch }] }).config.workload
      expect(v.fs?.ops).toEqual([{ op: 'sync', label: 's' }])
      expect(v.fs?.files).toEqual([{ name: 'a', blocks: 2 }])
      expect(v.expectations).toEqual([{ after: 's', durable: ['s'] }])
    })
  })
})

describe('variants', () => {
  const doc = {
    seed: 7,
    stack: { loop: { mode: 'pre-6.15', queueDepth: 64 } },
    workload: {
      threads: [
        { name: 'a', ops: [{ op: 'flush' }] },
        { name: 'b', ops: [{ op: 'wait' }] },
      ],
      jobs: [{ name: 'fio', rw: 'write', size: '4k', requests: 1 }],
    },
    events: [{ at: '1ms', kind: 'power-loss' }],
    variants: [
      { id: 'buffered', title: 'Buffered', patch: {} },
      {
        id: 'dio',
        title: 'Direct I/O',
        summary: 'With DIO.',
        patch: {
          seed: 9,
          stack: { loop: { directIo: true } },
          workload: { threads: [{ name: 'c', ops: [] }] },
          events: [],
        },
      },
    ],
  }

  it('merge objects deeply and replace arrays wholesale', () => {
    const base = resolve(doc, 'buffered').config
    const dio = resolve(doc, 'dio').config
    expect(dio.stack.loop).toEqual({
      ...base.stack.loop,
      mode: 'pre-6.15',
      queueDepth: 64,
      directIo: true,
    })
    expect(dio.workload.threads).toEqual([{ name: 'c', cgroup: 'root', ops: [] }])
    expect(dio.workload.jobs).toEqual(base.workload.jobs)
    expect(dio.workload.events).toEqual([])
  })

  it('take the first variant by default, patch the seed, and list the variants in meta', () => {
    const r = resolve(doc)
    expect([r.variant, r.seed, resolve(doc, 'dio').seed]).toEqual(['buffered', 7, 9])
    expect(r.meta.variants).toEqual([
      { id: 'buffered', title: 'Buffered', summary: '' },
      { id: 'dio', title: 'Direct I/O', summary: 'With DIO.' },
    ])
  })

  it('let a seed override win', () => {
    expect(resolve(doc, 'dio', 123).seed).toBe(123)
  })

  it('reject an unknown variant id, listing the valid ones, and a bad seed override', () => {
    const file = validateScenario({ ...MINIMAL, ...doc })
    if (!file.ok) throw new Error('invalid')
    expect(resolveScenario(file.value, 'nope')).toEqual({
      ok: false,
      errors: [{ path: '', message: 'unknown variant "nope"; expected one of buffered, dio' }],
    })
    expect(resolveScenario(file.value, undefined, -1)).toEqual({
      ok: false,
      errors: [
        { path: '', message: 'the seed override must be a non-negative safe integer, got -1' },
      ],
    })
  })

  it('accept "default" when there are no variants', () => {
    expect(resolve({}, 'default').variant).toBe('default')
  })
})

describe('resolveScenario re-checks what it is given', () => {
  it('returns errors, not exceptions, for a file built in code', () => {
    const bad = { ...MINIMAL, stack: { deviceBlocks: -5 } } as unknown as ScenarioFile
    expect(resolveScenario(bad)).toEqual({
      ok: false,
      errors: [
        {
          path: 'stack.deviceBlocks',
          message: 'must be an integer between 1 and 16777216, got -5',
        },
      ],
    })
  })

  it('gives equal, independent configs on every call', () => {
    const text = JSON.stringify({
      ...MINIMAL,
      workload: { threads: [{ name: 'a', ops: [{ op: 'write', block: 1 }] }] },
    })
    const file = parseScenarioJson(text)
    if (!file.ok) throw new Error('invalid')
    const [a, b] = [resolveScenario(file.value), resolveScenario(file.value)]
    expect(a).toEqual(b)
    expect(a.ok && b.ok && a.value.config !== b.value.config).toBe(true)
  })
})
