import { describe, expect, it } from 'vitest'
import { defaultLimits, defaultStack, type RunConfig } from '../../src/engine/config'
import { formatRun } from '../../src/scenarios/compact'
import { freshName, insertAfter, move, NEW_OP, problemsOf, remove, retype, retypeFs, setStack, type Draft } from './draft'

const draft: Draft = {
  seed: 1,
  config: { stack: { ...defaultStack(), deviceBlocks: 64 }, workload: { threads: [{ name: 'guest', cgroup: 'root', ops: [NEW_OP] }], jobs: [], events: [], fs: null, expectations: [] }, limits: defaultLimits() } satisfies RunConfig,
}

describe('edits of the draft', () => {
  it('moves, removes and inserts rows, never out of range', () => {
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c'])
    expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b'])
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c'])
    expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c'])
    expect(remove(['a', 'b'], 0)).toEqual(['b'])
    expect(insertAfter(['a', 'c'], 0, 'b')).toEqual(['a', 'b', 'c'])
  })

  it('changes the kind of an op, keeping what both kinds have', () => {
    const w = { ...NEW_OP, block: 7, count: 2, wait: true, label: 'w' }
    expect(retype(w, 'flush')).toEqual({ op: 'flush', wait: true, label: 'w' })
    expect(retype(w, 'read')).toEqual({ ...w, op: 'read' })
    expect(retype({ op: 'flush', wait: false, label: 'f' }, 'write')).toEqual({ ...NEW_OP, label: 'f' })
    expect(retype(w, 'outside')).toEqual({ op: 'outside', event: { kind: 'power-loss', order: 'ascending', nsPerBlock: 0 } })
    expect(retypeFs({ op: 'unlink', name: 'b', label: 'rm' }, 'write')).toEqual({ op: 'write', name: 'b', offset: 0, count: 1, label: 'rm' })
    expect(retypeFs({ op: 'unlink', name: 'b', label: null }, 'rename')).toEqual({ op: 'rename', from: 'b', to: 'c', label: null })
  })

  it('sets a stack field, and the compact text follows', () => {
    const d = setStack(draft, 'loop', 'mode', 'proposal-2012')
    expect(d.config.stack.loop.mode).toBe('proposal-2012')
    expect(draft.config.stack.loop.mode).toBe('mainline')
    expect(formatRun(d.seed, d.config)).toBe('device 64\nloop proposal-2012\nthread guest: w 0')
  })

  it("reports the validator's problems by field path", () => {
    expect(problemsOf(draft)).toEqual([])
    const bad = setStack(draft, 'loop', 'queueDepth', 0)
    expect(problemsOf(bad)).toEqual([{ path: 'stack.loop.queueDepth', message: 'must be an integer between 1 and 4096, got 0' }])
  })

  it('names a new thread or job after the ones there are', () => {
    expect(freshName(['guest', 'guest2'], 'guest')).toBe('guest3')
    expect(freshName([], 'job')).toBe('job')
  })
})
