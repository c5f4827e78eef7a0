/**
 * Where the playhead can jump: the instants just after each flush, FUA write, guest-visible
 * completion and outside event (snapshot, power loss, copy). Each list is sorted event indices
 * (state after that event), searched by bisection.
 */
import { Ev, Flag, Layer, Op } from '../../src/engine'
import { lowerBound, upperBound } from './bisect'
import type { TimelinePayload } from './payload'

export const JUMP_KINDS = ['flush', 'fua', 'completion', 'outside'] as const
export type JumpKind = (typeof JUMP_KINDS)[number]
export type Jumps = Record<JumpKind, Int32Array>

export const JUMP_LABELS: Record<JumpKind, string> = {
  flush: 'flush',
  fua: 'FUA write',
  completion: 'guest completion',
  outside: 'snapshot or crash',
}

export function jumpTargets(p: Pick<TimelinePayload, 'log' | 'requests'>): Jumps {
  const out: Record<JumpKind, number[]> = { flush: [], fua: [], completion: [], outside: [] }
  const { log, requests: r } = p
  for (let i = 0; i < log.length; i++) {
    const k = log.kind[i] as number
    const id = log.a[i] as number
    if (k === Ev.SUBMIT) {
      const op = r.op[id] as number
      const flags = r.flags[id] as number
      if (op === Op.FLUSH || op === Op.FSYNC || flags & Flag.PREFLUSH) out.flush.push(i + 1)
      if (flags & Flag.FUA) out.fua.push(i + 1)
    } else if (k === Ev.COMPLETE) {
      const layer = r.layer[id] as number
      if (layer === Layer.GUEST_BLK || layer === Layer.APP) out.completion.push(i + 1)
    } else if (k === Ev.OUTSIDE) out.outside.push(i + 1)
  }
  return { flush: Int32Array.from(out.flush), fua: Int32Array.from(out.fua), completion: Int32Array.from(out.completion), outside: Int32Array.from(out.outside) }
}

/** The first target after `index`, or null. */
export function nextJump(list: Int32Array, index: number): number | null {
  const i = upperBound(list, index)
  return i < list.length ? (list[i] as number) : null
}

/** The last target before `index`, or null. */
export function prevJump(list: Int32Array, index: number): number | null {
  const i = lowerBound(list, index)
  return i > 0 ? (list[i - 1] as number) : null
}
