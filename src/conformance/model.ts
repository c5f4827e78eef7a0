/**
 * The neutral picture the conformance check compares: for each of the two devices a real trace
 * shows (the loop device, and the device under its backing file), the bios queued to it and the
 * requests issued to its driver, with times. Both an engine run and a captured kernel trace are
 * turned into this; the relations (relations.ts) only compare orders within one picture, never
 * times across the two.
 */

export type Role = 'loop' | 'backing'
export type IoOp = 'write' | 'read' | 'flush' | 'discard' | 'write-zeroes'

export interface Io {
  op: IoOp
  preflush: boolean
  fua: boolean
  /** In 512-byte sectors on its own device; 0 for a flush. */
  sector: number
  sectors: number
  /** Queue time for a bio, issue time for a request (same clock within one picture). */
  start: number
  /** -1: not completed when the trace ended. */
  end: number
}

export interface DeviceIo {
  /** What upper layers submitted (block_bio_queue): a FUA or PREFLUSH write is one bio. */
  bios: Io[]
  /** What reached the driver (block_rq_issue → block_rq_complete): flushes the block layer made, data parts. */
  requests: Io[]
}

export interface Picture {
  source: 'engine' | 'kernel'
  /** The loop device runs with direct I/O to its backing file. */
  dio: boolean
  /** The backing device has a volatile write cache (so a flush reaches it). */
  backingWriteCache: boolean
  devices: Record<Role, DeviceIo>
}
