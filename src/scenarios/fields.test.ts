/** Errors of each section's fields: what was expected, what was found, and where. */
import { describe, expect, it } from 'vitest'
import { error, errorsOf, thread } from './errors.testkit'

describe('stack', () => {
  it.each([
    [
      { loop: { logicalBlockSize: 1000 } },
      'stack.loop.logicalBlockSize',
      'must be one of 512, 1024, 2048, 4096, got 1000',
    ],
    [
      { loop: { mode: 'v5' } },
      'stack.loop.mode',
      'must be one of "mainline", "proposal-2012", "kthread-2015", "pre-6.15", "nowait-6.19", got "v5"',
    ],
    [
      { loop: { queueDepth: 5000 } },
      'stack.loop.queueDepth',
      'must be an integer between 1 and 4096, got 5000',
    ],
    [
      { loop: { offsetBytes: 100 } },
      'stack.loop.offsetBytes',
      'must be a multiple of 512 bytes, got 100 bytes',
    ],
    [{ loop: { directIo: 'yes' } }, 'stack.loop.directIo', 'must be true or false, got "yes"'],
    [
      { backing: { minDioSize: 4097 } },
      'stack.backing.minDioSize',
      'must be one of 512, 1024, 2048, 4096, got 4097',
    ],
    [
      { backing: { allocated: 'some' } },
      'stack.backing.allocated',
      'must be "all", "none" or a list of [start, count] block ranges, got "some"',
    ],
    [
      { backing: { allocated: [[0, 1], [5]] } },
      'stack.backing.allocated[1]',
      'must be a [start, count] pair of block numbers, got an array of 1',
    ],
    [
      { backing: { allocated: [[4000, 200]] } },
      'stack.backing.allocated[0]',
      'range [4000, 200] ends at block 4200, past the end of the device (4096 blocks)',
    ],
    [{ deviceBlocks: 0 }, 'stack.deviceBlocks', 'must be an integer between 1 and 16777216, got 0'],
    [
      { hostCache: { dirtyBackgroundRatio: 20 } },
      'stack.hostCache.dirtyBackgroundRatio',
      'must be less than dirtyRatio (20), got 20',
    ],
    [
      { guestCache: { dirtyRatio: 101 } },
      'stack.guestCache.dirtyRatio',
      'must be an integer between 0 and 100, got 101',
    ],
    [
      { guestCache: { memoryBytes: '1.5k' } },
      'stack.guestCache.memoryBytes',
      'must be between 1MiB and 1024GiB, got 1536 bytes',
    ],
    [
      { hostFs: { commitInterval: '2h' } },
      'stack.hostFs.commitInterval',
      /^must be a time: .*got "2h"$/,
    ],
    [{ disk: { flush: '11s' } }, 'stack.disk.flush', 'must be between 0ns and 10s, got 11s'],
    [
      { disk: { channels: 65 } },
      'stack.disk.channels',
      'must be an integer between 1 and 64, got 65',
    ],
    [
      { timing: { copyPerBlock: '1.5ns' } },
      'stack.timing.copyPerBlock',
      '"1.5ns" is not a whole number of nanoseconds',
    ],
    [{ crypt: [] }, 'stack.crypt', 'must be an object, got an empty array'],
  ])('%j', (stack, path, message) => {
    expect(errorsOf({ stack })).toEqual([error(path, message)])
  })
})

describe('thread ops', () => {
  it('report errors deep in workload.threads[i].ops[j]', () => {
    const ops = [
      { op: 'write', block: 0 },
      { op: 'flush' },
      { op: 'write', block: 4096 },
      { op: 'read', block: 4090, count: 7 },
    ]
    expect(errorsOf(thread(ops))).toEqual([
      error(
        'workload.threads[0].ops[2].block',
        'must be below the device size (4096 blocks), got 4096',
      ),
      error(
        'workload.threads[0].ops[3].count',
        'block 4090 + count 7 runs past the end of the device (4096 blocks)',
      ),
    ])
  })

  it.each([
    [
      { op: 'read', block: 1, fua: true },
      'fua',
      /^unknown field \(fua is only valid on write ops\)/,
    ],
    [
      { op: 'discard', block: 1, preflush: false },
      'preflush',
      /^unknown field \(preflush is only valid on write ops\)/,
    ],
    [
      { op: 'write', block: 1, unmap: true },
      'unmap',
      /^unknown field \(unmap is only valid on write_zeroes ops\)/,
    ],
    [
      { op: 'flush', block: 1 },
      'block',
      /^unknown field \(block is only valid on write, read, discard, write_zeroes ops\)/,
    ],
    [{ block: 1 }, 'op', /^is required but missing; one of write, read/],
    [{ op: 'fsync' }, 'op', /^must be one of "write", "read", .* got "fsync"$/],
    [{ op: 'write' }, 'block', 'is required but missing'],
    [{ op: 'write', block: -1 }, 'block', 'must be an integer between 0 and 16777215, got -1'],
    [
      { op: 'write', block: 1, label: '1st' },
      'label',
      'must be a label: a letter, then up to 31 letters, digits, _ or -, got "1st"',
    ],
    [{ op: 'sleep', time: 5 }, 'time', undefined],
    [{ op: 'sleep' }, 'time', 'is required but missing'],
    [{ op: 'set_direct_io', on: 1 }, 'on', 'must be true or false, got 1'],
    [
      { op: 'power_loss', order: 'random' },
      'order',
      /^unknown field \(order is only valid on fuzzy_copy ops\)/,
    ],
    [
      { op: 'fuzzy_copy', order: 'sideways' },
      'order',
      'must be one of "ascending", "descending", "random", got "sideways"',
    ],
  ])('%j', (op, field, message) => {
    const expected =
      message === undefined ? [] : [error(`workload.threads[0].ops[0].${field}`, message)]
    expect(errorsOf(thread([op]))).toEqual(expected)
  })

  it('want labels unique across the scenario, and thread names unique', () => {
    const workload = {
      threads: [
        { name: 'a', ops: [{ op: 'write', block: 1, label: 'x' }] },
        { name: 'a', ops: [{ op: 'flush', label: 'x' }] },
      ],
    }
    expect(errorsOf({ workload })).toEqual([
      error(
        'workload.threads[1].name',
        'duplicate name "a"; first used at workload.threads[0].name',
      ),
      error(
        'workload.threads[1].ops[0].label',
        'duplicate label "x"; first used at workload.threads[0].ops[0].label',
      ),
    ])
  })

  it('checks op ranges against the written device size', () => {
    expect(
      errorsOf({ stack: { deviceBlocks: 10 }, ...thread([{ op: 'write', block: 10 }]) }),
    ).toEqual([
      error(
        'workload.threads[0].ops[0].block',
        'must be below the device size (10 blocks), got 10',
      ),
    ])
  })
})

describe('fio jobs', () => {
  const job = (extra: Record<string, unknown>) => ({
    workload: { jobs: [{ name: 'fio', rw: 'randwrite', size: '1m', requests: 10, ...extra }] },
  })

  it.each([
    [{ iodepth: 4 }, 'iodepth', 'psync is synchronous; iodepth must be 1, got 4'],
    [
      { ioengine: 'libaio', drain: true },
      'drain',
      'needs ioengine "io_uring", got ioengine "libaio"',
    ],
    [{ link: true }, 'link', 'needs ioengine "io_uring", got ioengine "psync"'],
    [{ bs: '6k' }, 'bs', 'must be a multiple of 4KiB, got 6KiB'],
    [{ bs: '2m' }, 'bs', 'must not be larger than size (1048576 bytes), got 2097152 bytes'],
    [
      { offset: '15m', size: '2m' },
      'size',
      'offset + size ends at byte 17825792, past the end of the device (16777216 bytes)',
    ],
    [{ requests: 0 }, 'requests', 'must be an integer between 1 and 10000000, got 0'],
    [
      { rw: 'trim' },
      'rw',
      'must be one of "read", "write", "randread", "randwrite", "rw", "randrw", got "trim"',
    ],
    [{ think: '1x' }, 'think', /^must be a time/],
    [{ ioengine: 'io_uring', iodepth: 32, drain: true, link: true }, undefined, undefined],
  ])('%j', (extra, field, message) => {
    const expected = field === undefined ? [] : [error(`workload.jobs[0].${field}`, message ?? '')]
    expect(errorsOf(job(extra))).toEqual(expected)
  })

  it('requires name, rw, size and requests', () => {
    expect(errorsOf({ workload: { jobs: [{}] } }).map((e) => e.path)).toEqual(
      ['name', 'rw', 'size', 'requests'].map((k) => `workload.jobs[0].${k}`),
    )
  })
})

describe('events and limits', () => {
  it.each([
    [
      { events: [{ at: '5ms', kind: 'power-loss', order: 'random' }] },
      'events[0].order',
      /^unknown field \(order is only valid for kind "fuzzy-copy"\)/,
    ],
    [{ events: [{ at: '5ms', kind: 'fire' }] }, 'events[0].kind', /^must be one of "power-loss"/],
    [{ events: [{ kind: 'power-loss' }] }, 'events[0].at', 'is required but missing'],
    [
      { events: [{ at: '2s', kind: 'power-loss' }], limits: { maxTime: '1s' } },
      'events[0].at',
      'is after limits.maxTime (1s), got 2s; the run ends first',
    ],
    [
      { limits: { maxEvents: 0 } },
      'limits.maxEvents',
      'must be an integer between 1 and 50000000, got 0',
    ],
    [{ limits: { maxTime: 0 } }, 'limits.maxTime', /^must be between 1ns and 2592000s, got 0ns/],
    [{ seed: -1 }, 'seed', 'must be an integer between 0 and 9007199254740991, got -1'],
  ])('%j', (extra, path, message) => {
    expect(errorsOf(extra)).toEqual([error(path, message)])
  })
})

describe('file system', () => {
  const fs = (value: unknown) => ({ workload: { fs: value } })
  const fsOps = (ops: unknown[]) => fs({ ops })

  it('accepts null, an empty object and the documented example', () => {
    const example = {
      discipline: 'jbd2',
      commitInterval: '5s',
      cgroup: 'root',
      files: [
        { name: 'a', blocks: 2 },
        { name: 'b', blocks: 1 },
      ],
      ops: [
        { op: 'create', name: 'c', label: 'mk' },
        { op: 'write', name: 'c', offset: 0, count: 2 },
        { op: 'fsync', name: 'c', label: 'f' },
        { op: 'unlink', name: 'b', label: 'rm' },
        { op: 'rename', from: 'a', to: 'd' },
        { op: 'sync' },
        { op: 'sleep', time: '6s' },
        { op: 'atomic_snapshot' },
      ],
    }
    for (const value of [null, {}, example]) expect(errorsOf(fs(value)), String(value)).toEqual([])
  })

  it.each([
    ['ext4', 'workload.fs', 'must be an object, got "ext4"'],
    [
      { discipline: 'ordered' },
      'workload.fs.discipline',
      'must be one of "jbd2", "barrier-assumed", "async-commit", got "ordered"',
    ],
    [{ commitInterval: 0 }, 'workload.fs.commitInterval', 'must be between 1ns and 3600s, got 0ns'],
    [{ commitInterval: '5 s' }, 'workload.fs.commitInterval', /^must be a time: .*got "5 s"$/],
    [
      { commitIntervalNs: 5 },
      'workload.fs.commitIntervalNs',
      /^unknown field \(times are written without the Ns suffix: use "commitInterval"\)/,
    ],
    [
      { cgroup: 'DB' },
      'workload.fs.cgroup',
      'must be a cgroup name: 1 to 32 of a-z, 0-9, _ or -, got "DB"',
    ],
    [
      { journal: 'ordered' },
      'workload.fs.journal',
      'unknown field; expected one of discipline, commitInterval, cgroup, files, ops',
    ],
    [{ files: {} }, 'workload.fs.files', 'must be a list (JSON array), got an object'],
    [{ ops: 'sync' }, 'workload.fs.ops', 'must be a list (JSON array), got "sync"'],
  ])('%j', (value, path, message) => {
    expect(errorsOf(fs(value))).toEqual([error(path, message)])
  })

  describe('files', () => {
    it.each([
      [{ name: 'A', blocks: 1 }, 'name', /^must be a file name: a lowercase letter, .*got "A"$/],
      [{ name: '1a', blocks: 1 }, 'name', /got "1a"$/],
      [{ name: 'a/b', blocks: 1 }, 'name', /got "a\/b"$/],
      [{ name: 'a'.repeat(17), blocks: 1 }, 'name', /got "a{17}"$/],
      [{ blocks: 1 }, 'name', 'is required but missing'],
      [{ name: 'a' }, 'blocks', 'is required but missing'],
      [{ name: 'a', blocks: 0 }, 'blocks', 'must be an integer between 1 and 64, got 0'],
      [{ name: 'a', blocks: 65 }, 'blocks', 'must be an integer between 1 and 64, got 65'],
      [{ name: 'a', blocks: 1, size: 4 }, 'size', 'unknown field; expected one of name, blocks'],
    ])('%j', (file, field, message) => {
      expect(errorsOf(fs({ files: [file] }))).toEqual([
        error(`workload.fs.files[0].${field}`, message),
      ])
    })

    it('accepts the longest name and the largest file', () => {
      expect(errorsOf(fs({ files: [{ name: 'a_b.c-d'.padEnd(16, '9'), blocks: 64 }] }))).toEqual([])
    })

    it('want unique names', () => {
      const files = [
        { name: 'a', blocks: 1 },
        { name: 'b', blocks: 1 },
        { name: 'a', blocks: 2 },
      ]
      expect(errorsOf(fs({ files }))).toEqual([
        error(
          'workload.fs.files[2].name',
          'duplicate file name "a"; first used at workload.fs.files[0].name',
        ),
      ])
    })

    it('are at most 32', () => {
      const files = (n: number) =>
        Array.from({ length: n }, (_, i) => ({ name: `f${i}`, blocks: 1 }))
      expect(errorsOf(fs({ files: files(32) }))).toEqual([])
      expect(errorsOf(fs({ files: files(33) }))).toEqual([
        error('workload.fs.files', 'must have at most 32 entries, got 33'),
      ])
    })
  })

  describe('ops', () => {
    it('report errors deep in workload.fs.ops[i]', () => {
      const ops = [
        { op: 'create', name: 'c' },
        { op: 'write', name: 'c', offset: 0 },
        { op: 'write', name: 'c', offset: 0, count: 65 },
        { op: 'write', name: 'c', offset: -1, count: 0 },
      ]
      expect(errorsOf(fsOps(ops))).toEqual([
        error('workload.fs.ops[2].count', 'must be an integer between 1 and 64, got 65'),
        error('workload.fs.ops[3].offset', 'must be an integer between 0 and 16777215, got -1'),
        error('workload.fs.ops[3].count', 'must be an integer between 1 and 64, got 0'),
      ])
    })

    it.each([
      ['fsync', 'must be an op object like {"op": "fsync", "name": "a"}, got "fsync"', ''],
      [
        { name: 'a' },
        'is required but missing; one of create, write, fsync, unlink, rename, sync, sleep, power_loss, atomic_snapshot, block_snapshot, fuzzy_copy',
        'op',
      ],
      [{ op: 'flush' }, /^must be one of "create", "write", .*, "fuzzy_copy", got "flush"$/, 'op'],
      [{ op: 'fsync' }, 'is required but missing', 'name'],
      [{ op: 'unlink', name: 'B' }, /^must be a file name: .*got "B"$/, 'name'],
      [{ op: 'write', name: 'a' }, 'is required but missing', 'offset'],
      [{ op: 'write', name: 'a', offset: 1.5 }, /^must be an integer .* got 1.5$/, 'offset'],
      [{ op: 'rename', from: 'a' }, 'is required but missing', 'to'],
      [{ op: 'rename', from: 'a', to: 'a' }, 'must differ from "from", got "a" for both', 'to'],
      [{ op: 'sleep' }, 'is required but missing', 'time'],
      [{ op: 'sleep', time: '2h' }, /^must be a time/, 'time'],
      [
        { op: 'fsync', name: 'a', offset: 0 },
        /^unknown field \(offset is only valid on write ops\); expected one of op, name, label$/,
        'offset',
      ],
      [
        { op: 'sleep', time: 1, label: 'z' },
        /^unknown field \(label is only valid on create, write, fsync, unlink, rename, sync ops\)/,
        'label',
      ],
      [
        { op: 'write', name: 'a', offset: 0, block: 0 },
        /^unknown field \(block is only valid on thread ops, not on file-system ops\)/,
        'block',
      ],
      [
        { op: 'sync', wait: true },
        /^unknown field \(wait is only valid on thread ops, not on file-system ops\)/,
        'wait',
      ],
      [{ op: 'create', name: 'a', label: '_x' }, /^must be a label: .*got "_x"$/, 'label'],
      [{ op: 'power_loss', name: 'a' }, /^unknown field \(name is only valid on create/, 'name'],
      [{ op: 'fuzzy_copy', perBlock: '2s' }, 'must be between 0ns and 1s, got 2s', 'perBlock'],
    ])('%j', (op, message, field) => {
      const path = field === '' ? 'workload.fs.ops[0]' : `workload.fs.ops[0].${field}`
      expect(errorsOf(fsOps([op]))).toEqual([error(path, message)])
    })

    it('need not name files that exist, and may be 4096', () => {
      const ops = Array.from({ length: 4096 }, () => ({ op: 'fsync', name: 'nothere' }))
      expect(errorsOf(fsOps(ops))).toEqual([])
      expect(errorsOf(fsOps([...ops, { op: 'sync' }]))).toEqual([
        error('workload.fs.ops', 'must have at most 4096 entries, got 4097'),
      ])
    })
  })

  describe('labels', () => {
    it('share one namespace with thread op labels', () => {
      const workload = {
        threads: [{ name: 'app', ops: [{ op: 'flush', label: 'f' }] }],
        fs: {
          ops: [
            { op: 'fsync', name: 'a', label: 'f' },
            { op: 'sync', label: 's' },
            { op: 'create', name: 'b', label: 's' },
          ],
        },
      }
      expect(errorsOf({ workload })).toEqual([
        error(
          'workload.fs.ops[0].label',
          'duplicate label "f"; first used at workload.threads[0].ops[0].label',
        ),
        error(
          'workload.fs.ops[2].label',
          'duplicate label "s"; first used at workload.fs.ops[1].label',
        ),
      ])
    })
  })
})

describe('expectations', () => {
  const labelled = {
    threads: [
      {
        name: 'app',
        ops: [
          { op: 'write', block: 0, label: 'w' },
          { op: 'flush', label: 'fl' },
        ],
      },
    ],
    fs: { ops: [{ op: 'fsync', name: 'a', label: 'f' }] },
  }
  const expect1 = (...expectations: unknown[]) => ({ workload: { ...labelled, expectations } })

  it('may name thread op labels and file-system op labels', () => {
    expect(
      errorsOf(expect1({ after: 'f', durable: ['w'] }, { after: 'fl', durable: ['w', 'f', 'w'] })),
    ).toEqual([])
  })

  it.each([
    [
      { after: 'g', durable: ['w'] },
      'workload.expectations[0].after',
      'unknown label "g"; expected one of w, fl, f',
    ],
    [
      { after: 'f', durable: ['w', 'x'] },
      'workload.expectations[0].durable[1]',
      'unknown label "x"; expected one of w, fl, f',
    ],
    [
      { after: 'f', durable: [] },
      'workload.expectations[0].durable',
      'must name at least one label, got an empty array',
    ],
    [
      { after: 'f', durable: 'w' },
      'workload.expectations[0].durable',
      'must be a list (JSON array), got "w"',
    ],
    [
      { after: 'f', durable: Array.from({ length: 65 }, () => 'w') },
      'workload.expectations[0].durable',
      'must have at most 64 entries, got 65',
    ],
    [{ durable: ['w'] }, 'workload.expectations[0].after', 'is required but missing'],
    [{ after: 'f' }, 'workload.expectations[0].durable', 'is required but missing'],
    [
      { after: 5, durable: ['w'] },
      'workload.expectations[0].after',
      'must be a label: a letter, then up to 31 letters, digits, _ or -, got 5',
    ],
    [
      { after: 'f', durable: ['w'], within: '1s' },
      'workload.expectations[0].within',
      'unknown field; expected one of after, durable',
    ],
    ['f', 'workload.expectations[0]', 'must be an object, got "f"'],
  ])('%j', (expectation, path, message) => {
    expect(errorsOf(expect1(expectation))).toEqual([error(path, message)])
  })

  it('say when no op has a label', () => {
    expect(errorsOf({ workload: { expectations: [{ after: 'a', durable: ['a'] }] } })).toEqual([
      error(
        'workload.expectations[0].after',
        'unknown label "a"; no thread op or file-system op has a label',
      ),
      error(
        'workload.expectations[0].durable[0]',
        'unknown label "a"; no thread op or file-system op has a label',
      ),
    ])
  })

  it('list at most 20 known labels', () => {
    const ops = Array.from({ length: 25 }, (_, i) => ({ op: 'sync', label: `s${i}` }))
    const shown = Array.from({ length: 20 }, (_, i) => `s${i}`).join(', ')
    const workload = { fs: { ops }, expectations: [{ after: 's0', durable: ['t'] }] }
    expect(errorsOf({ workload })).toEqual([
      error(
        'workload.expectations[0].durable[0]',
        `unknown label "t"; expected one of ${shown}, and 5 more`,
      ),
    ])
  })

  it('are not checked against labels while an op that may define one is invalid', () => {
    const workload = {
      threads: [{ name: 'app', ops: [{ op: 'fsynk', label: 'f' }] }],
      expectations: [{ after: 'f', durable: ['f'] }],
    }
    expect(errorsOf({ workload })).toEqual([
      error('workload.threads[0].ops[0].op', /^must be one of .*got "fsynk"$/),
    ])
  })

  it('are at most 1000', () => {
    const many = (n: number) => Array.from({ length: n }, () => ({ after: 'f', durable: ['w'] }))
    expect(errorsOf(expect1(...many(1000)))).toEqual([])
    expect(errorsOf(expect1(...many(1001)))).toEqual([
      error('workload.expectations', 'must have at most 1000 entries, got 1001'),
    ])
  })

  it('are checked again against the labels of a variant', () => {
    const doc = {
      ...expect1({ after: 'f', durable: ['w'] }),
      variants: [
        {
          id: 'no-thread',
          title: 'No thread',
          patch: { workload: { threads: [] } },
        },
        { id: 'no-fs', title: 'No fs', patch: { workload: { fs: null } } },
      ],
    }
    expect(errorsOf(doc)).toEqual([
      error(
        'variants[0] (no-thread) → workload.expectations[0].durable[0]',
        'unknown label "w"; expected one of f',
      ),
      error(
        'variants[1] (no-fs) → workload.expectations[0].after',
        'unknown label "f"; expected one of w, fl',
      ),
    ])
  })
})
