import { Flag, FlushStep, Op } from '../vocabulary'

export interface QueueFeatures {
  /** BLK_FEAT_WRITE_CACHE: the device has a volatile cache that FLUSH empties. */
  writeCache: boolean
  /** BLK_FEAT_FUA: the device honours FUA itself. */
  fua: boolean
}

/**
 * blk_insert_flush(): which steps a request needs. PREFLUSH becomes a separate flush before the
 * data; FUA on a device without native FUA becomes a flush after the data has completed. A device
 * without a write cache gets neither (R5): its flushes complete at once and the flags are stripped.
 */
export function flushPolicy(op: number, flags: number, count: number, q: QueueFeatures): number {
  let policy = 0
  if (op !== Op.FLUSH && count > 0) policy |= FlushStep.DATA
  if (q.writeCache) {
    if (flags & Flag.PREFLUSH || op === Op.FLUSH) policy |= FlushStep.PREFLUSH
    if (flags & Flag.FUA && !q.fua) policy |= FlushStep.POSTFLUSH
  }
  return policy
}

/** The flags the driver sees on the DATA step: PREFLUSH never; FUA only when the device supports it. */
export function driverFlags(flags: number, q: QueueFeatures): number {
  let f = flags & ~(Flag.PREFLUSH | Flag.FUA)
  if (flags & Flag.FUA && q.writeCache && q.fua) f |= Flag.FUA
  return f
}

/** The next step not yet done: blk_flush_cur_seq(). */
export function nextStep(done: number): number {
  for (const step of [FlushStep.PREFLUSH, FlushStep.DATA, FlushStep.POSTFLUSH]) {
    if (!(done & step)) return step
  }
  return FlushStep.DONE
}
