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
