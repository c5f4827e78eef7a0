/**
 * The words of the model, as small integer codes (they are stored in typed arrays) with their
 * names. Names follow the kernel so a reader can find the code they stand for.
 */

/** Request operations. FSYNC and FALLOCATE are host file operations that loop issues. */
export const Op = {
  READ: 0,
  WRITE: 1,
  FLUSH: 2,
  DISCARD: 3,
  WRITE_ZEROES: 4,
  FSYNC: 5,
  FALLOCATE: 6,
} as const
export type Op = (typeof Op)[keyof typeof Op]
export const OP_NAMES = ['READ', 'WRITE', 'FLUSH', 'DISCARD', 'WRITE_ZEROES', 'FSYNC', 'FALLOCATE'] as const

/** Request flags (bit mask). */
export const Flag = {
  PREFLUSH: 1,
  FUA: 2,
  /** IOCB_DIRECT on a host kiocb, or O_DIRECT at the guest. */
  DIRECT: 4,
  SYNC: 8,
  /** IOCB_NOWAIT submission straight from loop's queue_rq (the 6.19 change). */
  NOWAIT: 16,
  META: 32,
  /** io_uring IOSQE_IO_DRAIN: issue only after every earlier request completed. */
  DRAIN: 64,
  /** io_uring IOSQE_IO_LINK: the next request waits for this one. */
  LINK: 128,
  /** REQ_NOUNMAP on WRITE_ZEROES: zero the range, keep it allocated. */
  NOUNMAP: 256,
  /** The request is a step the blk-flush machine generated (fq->flush_rq). */
  FLUSH_RQ: 512,
  /** Background writeback, not caused by a request. */
  WRITEBACK: 1024,
  /** A host journal write (descriptor, metadata copy or commit block). */
  JOURNAL: 2048,
} as const

export function flagNames(flags: number): string[] {
  const out: string[] = []
  for (const [name, bit] of Object.entries(Flag)) if (flags & bit) out.push(name)
  return out
}

/** Layers of the stack, top to bottom (design §2). A request belongs to exactly one. */
export const Layer = {
  APP: 0,
  GUEST_CACHE: 1,
  GUEST_BLK: 2,
  LOOP: 3,
  HOST_FS: 4,
  HOST_CACHE: 5,
  HOST_BLK: 6,
  DISK: 7,
} as const
export type Layer = (typeof Layer)[keyof typeof Layer]
export const LAYER_NAMES = [
  'guest workload',
  'guest page cache',
  'guest block layer',
  'loop',
  'host file system',
  'host page cache',
  'host block layer',
  'host disk',
] as const

/** Steps of the blk-flush state machine (block/blk-flush.c REQ_FSEQ_*). */
export const FlushStep = { PREFLUSH: 1, DATA: 2, POSTFLUSH: 4, DONE: 8 } as const
export const FLUSH_STEP_NAMES: Record<number, string> = {
  1: 'PREFLUSH',
  2: 'DATA',
  4: 'POSTFLUSH',
  8: 'DONE',
}

/**
 * How far a version of a block has travelled. The block map shows, for each version, its furthest
 * stage plus whether it is acknowledged (the guest write completed) and durable (the rules
 * guarantee it survives a host power loss).
 */
export const Stage = {
  GUEST_CACHE: 1,
  GUEST_QUEUE: 2,
  LOOP: 3,
  HOST_CACHE: 4,
  HOST_IO: 5,
  DISK_CACHE: 6,
  MEDIA: 7,
  SUPERSEDED: 8,
  DISCARDED: 9,
} as const
export type Stage = (typeof Stage)[keyof typeof Stage]
export const STAGE_NAMES: Record<number, string> = {
  1: 'guest page cache',
  2: 'guest block queue',
  3: 'loop',
  4: 'host page cache',
  5: 'host I/O in flight',
  6: 'disk cache',
  7: 'media',
  8: 'superseded',
  9: 'discarded',
}

/** Extent states of a backing-file block (host file system, in memory or committed). */
export const Extent = { HOLE: 0, UNWRITTEN: 1, WRITTEN: 2 } as const
export type Extent = (typeof Extent)[keyof typeof Extent]
export const EXTENT_NAMES = ['hole', 'unwritten', 'written'] as const

/** Special data versions: what a block holds when no guest write put it there. */
export const Data = {
  /** Contents the image had when the run started. */
  INITIAL: 0,
  /** Zeros (a hole, an unwritten extent, a discard). */
  ZERO: -1,
  /** Old contents of a host block that belonged to some other file: stale data. */
  STALE: -2,
} as const

/** Outside events (design §2 item 8). */
export const Outside = {
  POWER_LOSS: 1,
  ATOMIC_SNAPSHOT: 2,
  BLOCK_SNAPSHOT: 3,
  FUZZY_COPY_START: 4,
  FUZZY_COPY_END: 5,
} as const
export const OUTSIDE_NAMES: Record<number, string> = {
  1: 'host power loss',
  2: 'atomic file snapshot',
  3: 'host block snapshot',
  4: 'fuzzy copy starts',
  5: 'fuzzy copy ends',
}
