/**
 * The central lesson end to end: `rm /b` in the guest while the host may snapshot the backing
 * file (the 2022 linux-block thread). Goal: with every discipline the run keeps the engine's
 * invariants and ends in a consistent image; with jbd2 (and async-commit) no instant of the run
 * has an inconsistent snapshot, while the "barriers order writes" belief yields an instant where
 * the directory entry 'b' points at a freed inode. Method: run unlink + sync through the whole
 * stack, then check the image an atomic snapshot would hold right after every completion (all
 * completed guest writes; reference/crash-model.md §4.2), a subset of what the explorer checks.
 */
import { describe, expect, it } from 'vitest'
import type { FsDiscipline, FsOp } from '../config'
import { FS_DISCIPLINES, S } from '../config'
import { Ev } from '../events'
import { runConfig, type RunResult } from '../run'
import { makeConfig } from '../testing'
import { checkImage } from './check'
import { completedWritesImage } from './snapshot'

const rmB: FsOp[] = [
  { op: 'unlink', name: 'b', label: 'rm' },
  { op: 'sync', label: 'sync' },
]

function runRm(discipline: FsDiscipline, seed: number, directIo = false): RunResult {
  const cfg = makeConfig({ loop: { directIo } })
  cfg.workload.fs = { discipline, commitIntervalNs: 5 * S, files: [{ name: 'a', blocks: 2 }, { name: 'b', blocks: 2 }], ops: rmB, cgroup: 'root' }
  return runConfig(cfg, seed)
}

/** Finding categories over the snapshot after every completion, with one sentence per category. */
function snapshotsOf(r: RunResult): Map<string, string> {
  const seen = new Map<string, string>()
  for (let i = 0; i < r.events; i++) {
    if (r.log.kind[i] !== Ev.COMPLETE) continue
    for (const f of checkImage(completedWritesImage(r, i + 1), r.fs, { atEvent: i + 1 })) {
      if (!seen.has(f.category)) seen.set(f.category, f.sentence)
    }
  }
  return seen
}

describe('rm /b', () => {
  for (const d of FS_DISCIPLINES) {
    it(`${d}: runs within the engine's invariants and ends consistent, with b gone`, () => {
      const r = runRm(d, 1)
      expect(r.stop).toBe('idle')
      expect(r.verdicts.filter((v) => !v.ok)).toEqual([])
      expect(r.fs?.opsDone.map((o) => o.status)).toEqual([0, 0])
      expect(checkImage(completedWritesImage(r), r.fs, { atEvent: r.events })).toEqual([])
      expect(r.labels.rm).toBeGreaterThan(0)
    })
  }

  for (const d of ['jbd2', 'async-commit'] as const) {
    for (const directIo of [false, true]) {
      it(`${d} (${directIo ? 'direct' : 'buffered'} loop): every atomic snapshot of the run is consistent`, () => {
        for (const seed of [1, 2, 3]) expect(snapshotsOf(runRm(d, seed, directIo))).toEqual(new Map())
      })
    }
  }

  it('barrier-assumed: some snapshot has the entry for b pointing at its freed inode', () => {
    const seen = snapshotsOf(runRm('barrier-assumed', 1))
    expect(seen.get('deleted-inode-referenced')).toBe("the directory entry 'b' points at inode 12, which the inode bitmap marks free: deleted inode referenced")
  })
})
