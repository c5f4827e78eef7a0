/**
 * The guest file system alone, run through the whole stack. Goal: file operations become the
 * block writes each discipline prescribes, in the order it prescribes, and the run's final image
 * checks clean. Method: run small op lists with runConfig, read the order of submissions and
 * completions from the request table (transactions name their bios), and check the image of all
 * completed writes (what an atomic snapshot of the idle backing file holds).
 */
import { describe, expect, it } from 'vitest'
import type { FsDiscipline, FsOp, GuestFsConfig } from '../config'
import { FS_DISCIPLINES, MS, S } from '../config'
import { Replay } from '../replay/replay'
import { runConfig, type RunResult } from '../run'
import { makeConfig } from '../testing'
import { Flag } from '../vocabulary'
import { checkImage } from './check'
import { completedWritesImage } from './snapshot'
import type { TxnRecord } from './commit'

function fsConfig(discipline: FsDiscipline, ops: FsOp[], patch: Partial<GuestFsConfig> = {}): GuestFsConfig {
  return { discipline, commitIntervalNs: 5 * S, files: [], ops, cgroup: 'root', ...patch }
}

function run(fs: GuestFsConfig, seed = 1, deviceBlocks = 256): RunResult {
  const cfg = makeConfig({ deviceBlocks })
  cfg.workload.fs = fs
  return runConfig(cfg, seed)
}

const writeAndFsync: FsOp[] = [
  { op: 'create', name: 'a', label: 'create-a' },
  { op: 'write', name: 'a', offset: 0, count: 3, label: 'write-a' },
  { op: 'fsync', name: 'a', label: 'fsync-a' },
]

const submitT = (r: RunResult, id: number): number => r.requests.submitT[id] as number
const completeT = (r: RunResult, id: number): number => r.requests.completeT[id] as number
const bodyOf = (t: TxnRecord): number[] => [...t.data, ...t.journal]

describe('create a; write a 0..2; fsync a', () => {
  for (const d of FS_DISCIPLINES) {
    it(`${d}: runs clean, records the promise, and the final image checks clean`, () => {
      const r = run(fsConfig(d, writeAndFsync))
      expect(r.stop).toBe('idle')
      expect(r.verdicts.every((v) => v.ok)).toBe(true)
      const fs = r.fs
      if (fs === null) throw new Error('no fs result')
      expect(fs.opsDone.map((o) => [o.op, o.status])).toEqual([['create', 0], ['write', 0], ['fsync', 0]])
      expect(fs.transactions).toHaveLength(1)
      const txn = fs.transactions[0] as TxnRecord
      expect(txn.data).toHaveLength(3)
      expect(r.labels['write-a']).toBe(txn.data[2])
      expect(r.labels['fsync-a']).toBe(d === 'async-commit' ? txn.flush : txn.commit)
      expect(r.labels['create-a']).toBe(r.labels['fsync-a'])
      const p = fs.promises[0]
      expect(p).toMatchObject({ kind: 'fsync', seq: 1, file: { name: 'a', ino: 11, data: [[0, txn.data[0]], [1, txn.data[1]], [2, txn.data[2]]] } })
      expect(p?.event).toBe((fs.opsDone[2]?.event as number))
      expect(checkImage(completedWritesImage(r), fs, { atEvent: r.events })).toEqual([])
    })
  }

  it('jbd2: each commit block is submitted after all its journal and data blocks completed, with PREFLUSH|FUA', () => {
    const r = run(fsConfig('jbd2', writeAndFsync))
    for (const t of r.fs?.transactions ?? []) {
      for (const id of bodyOf(t)) expect(submitT(r, t.commit)).toBeGreaterThanOrEqual(completeT(r, id))
      expect((r.requests.flags[t.commit] as number) & (Flag.PREFLUSH | Flag.FUA)).toBe(Flag.PREFLUSH | Flag.FUA)
      expect(t.homes.length).toBeGreaterThan(0)
      for (const h of t.homes) expect(submitT(r, h)).toBeGreaterThanOrEqual(completeT(r, t.commit))
    }
  })

  it('barrier-assumed: the commit block goes out before its journal blocks completed, the checkpoint before the commit did', () => {
    const r = run(fsConfig('barrier-assumed', writeAndFsync))
    const t = r.fs?.transactions[0] as TxnRecord
    expect(t.journal.some((id) => submitT(r, t.commit) < completeT(r, id))).toBe(true)
    expect(t.homes.some((h) => submitT(r, h) < completeT(r, t.commit))).toBe(true)
  })

  it('async-commit: a checksummed commit block without PREFLUSH/FUA, then an empty flush, then the checkpoint', () => {
    const r = run(fsConfig('async-commit', writeAndFsync))
    const t = r.fs?.transactions[0] as TxnRecord
    expect((r.requests.flags[t.commit] as number) & (Flag.PREFLUSH | Flag.FUA)).toBe(0)
    for (const id of t.data) expect(submitT(r, t.commit)).toBeGreaterThanOrEqual(completeT(r, id))
    const flush = t.flush as number
    for (const id of [...bodyOf(t), t.commit]) expect(submitT(r, flush)).toBeGreaterThanOrEqual(completeT(r, id))
    for (const h of t.homes) expect(submitT(r, h)).toBeGreaterThanOrEqual(completeT(r, flush))
  })
})

describe('operations', () => {
  it('report errno like syscalls and change nothing when they fail', () => {
    const ops: FsOp[] = [
      { op: 'unlink', name: 'x', label: null },
      { op: 'create', name: 'a', label: null },
      { op: 'fsync', name: 'x', label: null },
      { op: 'rename', from: 'x', to: 'y', label: null },
      { op: 'write', name: 'x', offset: 0, count: 1, label: null },
    ]
    const r = run(fsConfig('jbd2', ops, { files: [{ name: 'a', blocks: 1 }] }))
    expect(r.fs?.opsDone.map((o) => o.status)).toEqual([-2, -17, -2, -2, -2])
    expect(r.fs?.transactions).toEqual([])
  })

  it('rename over an existing file frees the target in the same transaction', () => {
    const ops: FsOp[] = [
      { op: 'rename', from: 'a', to: 'b', label: null },
      { op: 'sync', label: 'sync' },
    ]
    const r = run(fsConfig('jbd2', ops, { files: [{ name: 'a', blocks: 1 }, { name: 'b', blocks: 2 }] }))
    expect(r.fs?.transactions).toHaveLength(1)
    expect(r.fs?.promises[0]).toMatchObject({ kind: 'sync', seq: 1 })
    expect(checkImage(completedWritesImage(r), r.fs, { atEvent: r.events })).toEqual([])
  })

  it('the commit timer commits a dirty transaction, but does not keep a finished run alive', () => {
    const write: FsOp[] = [{ op: 'create', name: 'a', label: null }, { op: 'write', name: 'a', offset: 0, count: 1, label: null }]
    const idle = run(fsConfig('jbd2', write, { commitIntervalNs: 50 * MS }))
    expect(idle.stop).toBe('idle')
    expect(idle.fs?.transactions).toEqual([])
    const timed = run(fsConfig('jbd2', [...write, { op: 'sleep', ns: 100 * MS }], { commitIntervalNs: 50 * MS }))
    expect(timed.fs?.transactions.map((t) => t.committed)).toEqual([true])
    expect(submitT(timed, timed.fs?.transactions[0]?.journal[0] as number)).toBe(50 * MS)
  })

  it('rejects a device too small for the layout, with the reason', () => {
    expect(() => run(fsConfig('jbd2', []), 1, 40)).toThrow(/needs at least 49 blocks of \/dev\/loop0/)
  })

  it('is deterministic, and Replay folds its log to the same final state', () => {
    const a = run(fsConfig('jbd2', writeAndFsync), 7)
    const b = run(fsConfig('jbd2', writeAndFsync), 7)
    expect(a.hash).toBe(b.hash)
    const end = new Replay(a).seek(a.events)
    expect(end.media).toEqual(a.final.media)
    expect(end.hostPageVer).toEqual(a.final.hostPageVersions)
  })
})
