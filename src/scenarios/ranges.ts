/**
 * The checks that tie ops and fio jobs to the device size. They are shared by the full check
 * and by `recheckRanges`, which re-checks a workload already checked for another device size.
 */
import { BLOCK_BYTES, type Workload } from '../engine/config'
import { type Ctx, index, key } from './check'

/** The field to blame and what is wrong with it. */
export type Problem = [field: string, message: string]

export function opRangeProblem(block: number, count: number, dev: number): Problem | undefined {
  if (block >= dev) return ['block', `must be below the device size (${dev} blocks), got ${block}`]
  if (block + count <= dev) return undefined
  return [
    'count',
    `block ${block} + count ${count} runs past the end of the device (${dev} blocks)`,
  ]
}

export function jobRangeProblem(offset: number, size: number, dev: number): Problem | undefined {
  if (offset + size <= dev) return undefined
  const end = (offset + size) * BLOCK_BYTES
  return [
    'size',
    `offset + size ends at byte ${end}, past the end of the device (${dev * BLOCK_BYTES} bytes)`,
  ]
}

/** Reports the ops and jobs of a checked workload that do not fit a device of `dev` blocks. */
export function recheckRanges(work: Omit<Workload, 'events'>, dev: number, cx: Ctx): boolean {
  const before = cx.errors.length
  const report = (at: string, p: Problem | undefined) => p && cx.fail(key(at, p[0]), p[1])
  work.threads.forEach((t, i) => {
    const at = key(index(key('workload', 'threads'), i), 'ops')
    t.ops.forEach((op, j) => {
      if ('block' in op) report(index(at, j), opRangeProblem(op.block, op.count, dev))
    })
  })
  work.jobs.forEach((j, i) => {
    report(index(key('workload', 'jobs'), i), jobRangeProblem(j.offset, j.size, dev))
  })
  return cx.errors.length === before
}
