/**
 * The event queue must pop in (time, scheduling order): equal times keep the order they were
 * scheduled in, which is what makes runs reproducible. A seeded property test compares the heap
 * against a stable sort of the same entries.
 */
import { describe, expect, it } from 'vitest'
import { EventQueue, type PoppedEvent } from './queue'
import { Rng } from './rng'

function drain(q: EventQueue): PoppedEvent[] {
  const out: PoppedEvent[] = []
  for (;;) {
    const e: PoppedEvent = { t: 0, action: 0, a: 0, b: 0 }
    if (!q.pop(e)) return out
    out.push(e)
  }
}

describe('EventQueue', () => {
  it('pops by time, and by scheduling order at equal times', () => {
    const q = new EventQueue(2)
    q.push(5, 1, 0, 0)
    q.push(1, 2, 0, 0)
    q.push(5, 3, 0, 0)
    q.push(1, 4, 0, 0)
    expect(drain(q).map((e) => e.action)).toEqual([2, 4, 1, 3])
  })

  it('matches a stable sort for random interleavings of push and pop (seeded)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rng = new Rng(seed)
      const q = new EventQueue(4)
      const ref: Array<{ t: number; s: number }> = []
      let s = 0
      let now = 0
      for (let step = 0; step < 300; step++) {
        if (rng.chance(0.6) || ref.length === 0) {
          const t = now + rng.int(5)
          q.push(t, 0, s, 0)
          ref.push({ t, s: s++ })
        } else {
          ref.sort((x, y) => x.t - y.t || x.s - y.s)
          const want = ref.shift() as { t: number; s: number }
          const got: PoppedEvent = { t: 0, action: 0, a: 0, b: 0 }
          expect(q.pop(got), `seed ${seed}`).toBe(true)
          expect([got.t, got.a], `seed ${seed} step ${step}`).toEqual([want.t, want.s])
          now = got.t
        }
      }
      expect(q.size, `seed ${seed}`).toBe(ref.length)
    }
  })

  it('reports Infinity as the next time when empty', () => {
    expect(new EventQueue().peekTime()).toBe(Infinity)
  })
})
