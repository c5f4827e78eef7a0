/**
 * Kinds of log records and what their fields mean. Every state change is exactly one record, so
 * folding the log from the start rebuilds every layer's state (replay.ts).
 */
export const Ev = {
  /** a=request: the request entered its layer. */
  SUBMIT: 1,
  /** a=request, b=lane: service started (dispatched to the driver, picked up by a worker or the disk). */
  START: 2,
  /** a=request, b=status (0 ok, negative errno). */
  COMPLETE: 3,
  /** a=guest request, b=flush step now pending or running (blk-flush). */
  FLUSH_STEP: 4,
  /** a=flush request, b=number of requests it serves. */
  FLUSH_ISSUE: 5,
  /**
   * a=worker lane, b=why (WAKE_FROM_SLEEP: work arrived on an empty list; WAKE_FROM_IO: the host
   * I/O it blocked on completed): a loop worker woke up (a context switch either way).
   */
  WORKER_WAKE: 6,
  /** a=worker lane: the worker found its list empty and went to sleep. */
  WORKER_SLEEP: 7,
  /** a=layer (GUEST_CACHE|HOST_CACHE), b=block, c=version: a page became dirty with that version. */
  PAGE_DIRTY: 8,
  /** a=layer, b=block: a dirty page was written back and is clean. */
  PAGE_CLEAN: 9,
  /** a=layer, b=block: a page left the cache (evicted, invalidated or punched). */
  PAGE_DROP: 10,
  /** a=layer, b=block, c=version: a clean page was read into the cache. */
  PAGE_FILL: 11,
  /** a=host block, b=version, c=disk request: the disk put the data in its volatile cache. */
  CACHE_PUT: 12,
  /** a=host block, b=version: the disk wrote a cached block to media. */
  DESTAGE: 13,
  /** a=host block, b=version, c=disk request: data written straight to media (FUA or no cache). */
  MEDIA_WRITE: 14,
  /** a=file block, b=new extent state (in memory, in the running host transaction). */
  EXTENT: 15,
  /** a=host transaction, b=blocks it covers: its commit block completed, its metadata is durable. */
  TXN_DURABLE: 16,
  /** a=guest block, b=version, c=stage: a version of a block reached a stage. */
  STAGE: 17,
  /** a=guest block, b=version: the rules now guarantee this version survives power loss. */
  DURABLE: 18,
  /** a=1 DIO on / 0 off, b=reason code (see DioReason). */
  DIO_MODE: 19,
  /** a=ioctl code, b=result (0 or negative errno). */
  IOCTL: 20,
  /** a=outside event kind (vocabulary Outside), b=its index in the scenario. */
  OUTSIDE: 21,
  /** a=file block, b=version seen: the fuzzy copier read this block. */
  FUZZY_READ: 22,
  /** a=worker lane, b=1 throttled / 0 released (balance_dirty_pages). */
  THROTTLE: 23,
  /** a=1 frozen / 0 unfrozen: the loop queue freeze of a mode switch. */
  FREEZE: 24,
  /** a=host transaction, b=number of metadata changes: a host journal commit started. */
  TXN_COMMIT: 25,
  /** a=guest request: the workload acknowledged a completion (the application saw it). */
  ACK: 26,
  /** a=layer, b=block: writeback of a dirty page started (PG_writeback). */
  PAGE_WRITEBACK: 27,
} as const
export type Ev = (typeof Ev)[keyof typeof Ev]

export const EV_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(Ev).map(([k, v]) => [v, k]),
)

export const WAKE_FROM_SLEEP = 0
export const WAKE_FROM_IO = 1

/** Why DIO is on or off (Ev.DIO_MODE field b). */
export const DioReason = {
  CONFIGURED: 0,
  SILENT_FALLBACK: 1,
  NOT_REQUESTED: 2,
  RUNTIME_SWITCH: 3,
} as const
export const DIO_REASON_NAMES = [
  'configured with direct I/O',
  'direct I/O requested but silently disabled: the loop block size is below the backing file minimum DIO size or the offset is unaligned',
  'buffered I/O requested',
  'switched at run time',
] as const

/** Errno values the model reports. */
export const Errno = { EIO: -5, EAGAIN: -11, EINVAL: -22, EOPNOTSUPP: -95 } as const

/** Loop ioctl codes (include/uapi/linux/loop.h). */
export const Ioctl = { LOOP_SET_DIRECT_IO: 0x4c08, LOOP_SET_BLOCK_SIZE: 0x4c09 } as const
