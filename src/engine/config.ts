/**
 * The normalized configuration of a run: every field present, every default filled in. Scenario
 * files are validated and normalized into this shape by src/scenarios; the engine trusts it.
 * Sizes are in 4 KiB blocks unless a name says bytes; times are integer nanoseconds.
 */

export const BLOCK_BYTES = 4096
export const US = 1_000
export const MS = 1_000_000
export const S = 1_000_000_000

/** Loop driver generations the seeds argue about. */
export type LoopMode =
  /** v6.15–v6.18: per-cgroup workers, lo_rw_aio for both DIO and buffered. The default. */
  | 'mainline'
  /** Nov 2012 "loop: use aio" proposal: loop advertises FUA and AIO completion skips fdatasync. */
  | 'proposal-2012'
  /** 2015 DIO/AIO patchset era: one kthread worker serves every command. */
  | 'kthread-2015'
  /** Before 6.15: buffered I/O through lo_write_simple, which still does O_DIRECT if the fd has it. */
  | 'pre-6.15'
  /** 6.19 merge window: READ/WRITE tried with IOCB_NOWAIT straight from queue_rq. */
  | 'nowait-6.19'

export const LOOP_MODES: readonly LoopMode[] = ['mainline', 'proposal-2012', 'kthread-2015', 'pre-6.15', 'nowait-6.19']

export interface LoopConfig {
  mode: LoopMode
  /** LO_FLAGS_DIRECT_IO requested at LOOP_CONFIGURE (or an O_DIRECT backing fd). */
  directIo: boolean
  logicalBlockSize: 512 | 1024 | 2048 | 4096
  offsetBytes: number
  queueDepth: number
  /** /sys/block/loopN/queue/write_cache: true is "write back" (the default). */
  writeCache: boolean
  readOnly: boolean
  /**
   * Not in any kernel: the drain proposed in the 2022 linux-block thread. FLUSH waits for every
   * direct I/O in flight to complete before vfs_fsync, so it covers writes submitted before it.
   */
  flushDrains: boolean
}

export interface BackingConfig {
  /** STATX_DIOALIGN dio_offset_align, or the backing device's logical block size. */
  minDioSize: 512 | 1024 | 2048 | 4096
  /** FMODE_CAN_ODIRECT. */
  canDirectIo: boolean
  /** The backing fd was opened with O_DIRECT (matters for pre-6.15 lo_write_simple). */
  openedODirect: boolean
  /** FMODE_NOWAIT (matters for the 6.19 NOWAIT mode). */
  nowait: boolean
  /** Which blocks of the image are allocated (written extents) at the start; the rest are holes. */
  allocated: 'all' | 'none' | Array<[start: number, count: number]>
}

export interface HostFsConfig {
  /** jbd2 commit interval of the host file system. */
  commitIntervalNs: number
  /** 2003-era direct I/O: the mapping of a hole is made visible before the data write completes. */
  legacyStaleData: boolean
  /** Blocks of the host journal (a region of the host disk after the backing file). */
  journalBlocks: number
}

export interface PageCacheConfig {
  memoryBytes: number
  dirtyBackgroundRatio: number
  dirtyRatio: number
  writebackIntervalNs: number
  dirtyExpireNs: number
  /** Clean pages are evicted once the cache exceeds this share of memory. */
  cacheRatio: number
}

export interface GuestBlkConfig {
  /** blk_kick_flush defers a flush while flush-sequenced data is in flight (true since ~6.x). */
  flushDeferWhileData: boolean
}

export interface DiskConfig {
  writeCache: boolean
  fua: boolean
  cacheBlocks: number
  /** Requests the disk holds at once (NCQ depth); the rest wait in the host block layer. */
  queueDepth: number
  /** Requests serviced in parallel. */
  channels: number
  /** Service picks a random queued request (true) or the oldest (false). */
  reorder: boolean
  writeNs: number
  readNs: number
  perBlockNs: number
  flushNs: number
  destageNs: number
  /** Mean gap between background destages of one cached block. */
  destageIntervalNs: number
}

export interface CryptConfig {
  /** A dm-crypt-like layer between the host file system and the disk that reorders in flight. */
  enabled: boolean
  maxDelayNs: number
}

export interface TimingConfig {
  submitNs: number
  dispatchNs: number
  /** Cost of waking a sleeping loop worker (a context switch). */
  wakeNs: number
  workerCmdNs: number
  /** Copying one block into a page cache. */
  copyPerBlockNs: number
  hostSubmitNs: number
  allocNs: number
  /** Latency of the s_dio_done_wq work that completes a DIO write (and converts extents). */
  endIoNs: number
  fallocateNs: number
}

export interface StackConfig {
  /** Size of the loop device and its backing file, in blocks. */
  deviceBlocks: number
  loop: LoopConfig
  backing: BackingConfig
  hostFs: HostFsConfig
  hostCache: PageCacheConfig
  guestCache: PageCacheConfig
  guestBlk: GuestBlkConfig
  disk: DiskConfig
  crypt: CryptConfig
  timing: TimingConfig
}

/** One step of a guest thread's explicit operation list. */
export type WorkOp =
  | {
      op: 'write' | 'read' | 'discard' | 'write_zeroes'
      block: number
      count: number
      fua: boolean
      preflush: boolean
      /** Wait for this request's completion before the next op. */
      wait: boolean
      unmap: boolean
      label: string | null
    }
  | { op: 'flush'; wait: boolean; label: string | null }
  | { op: 'wait' }
  | { op: 'sleep'; ns: number }
  | { op: 'set_direct_io'; on: boolean }
  | { op: 'outside'; event: OutsideEvent }

export interface GuestThread {
  name: string
  cgroup: string
  ops: WorkOp[]
}

export type FioPattern = 'read' | 'write' | 'randread' | 'randwrite' | 'rw' | 'randrw'
export type FioEngine = 'psync' | 'libaio' | 'io_uring'

export interface FioJob {
  name: string
  cgroup: string
  rw: FioPattern
  /** Block size in blocks (fio bs / 4 KiB). */
  bs: number
  /** Region the job addresses: [offset, offset + size) in blocks. */
  offset: number
  size: number
  iodepth: number
  /** O_DIRECT at the guest (true) or through the guest page cache. */
  direct: boolean
  ioengine: FioEngine
  /** I/Os to issue (fio number_ios). */
  requests: number
  /** Issue an fsync after every N writes (0: never). */
  fsync: number
  /** io_uring: fsync carries IOSQE_IO_DRAIN. */
  drain: boolean
  /** io_uring: each write is linked to the next request (IOSQE_IO_LINK). */
  link: boolean
  rwmixread: number
  /** Think time between I/Os. */
  thinkNs: number
  startNs: number
}

export type OutsideKind = 'power-loss' | 'atomic-snapshot' | 'block-snapshot' | 'fuzzy-copy'

export interface OutsideEvent {
  kind: OutsideKind
  /** Fuzzy copy: the order blocks are read in. */
  order: 'ascending' | 'descending' | 'random'
  /** Fuzzy copy: time to read one block. */
  nsPerBlock: number
}

export interface TimedOutside extends OutsideEvent {
  at: number
}

/** How the guest journal orders its writes (design §2 item 2). */
export type FsDiscipline =
  /** Waits for completion before any dependent submit: journal blocks, then commit, then checkpoint. */
  | 'jbd2'
  /** The pre-2010 belief that a flush orders: submits the next write right after a flush, without waiting. */
  | 'barrier-assumed'
  /** jbd2 async_commit: commit block with a checksum, submitted without waiting for the journal blocks. */
  | 'async-commit'

export const FS_DISCIPLINES: readonly FsDiscipline[] = ['jbd2', 'barrier-assumed', 'async-commit']

/** A file-level operation of the guest file system. Offsets and counts are in file blocks. */
export type FsOp =
  | { op: 'create'; name: string; label: string | null }
  | { op: 'write'; name: string; offset: number; count: number; label: string | null }
  | { op: 'fsync'; name: string; label: string | null }
  | { op: 'unlink'; name: string; label: string | null }
  | { op: 'rename'; from: string; to: string; label: string | null }
  | { op: 'sync'; label: string | null }
  | { op: 'sleep'; ns: number }
  | { op: 'outside'; event: OutsideEvent }

export interface GuestFsConfig {
  discipline: FsDiscipline
  /** jbd2 commit interval (ext4 default 5 s). */
  commitIntervalNs: number
  /** Files present (created, written and committed) when the run starts, in the root directory. */
  files: Array<{ name: string; blocks: number }>
  ops: FsOp[]
  cgroup: string
}

/** A durability expectation a scenario declares: once `after` has completed, `durable` must survive. */
export interface Expectation {
  /** Label of a flush, FUA write or fsync (a thread op label or a file-system op label). */
  after: string
  /** Labels of writes whose data must be durable once `after` completed. */
  durable: string[]
}

export interface Workload {
  threads: GuestThread[]
  jobs: FioJob[]
  events: TimedOutside[]
  /** A guest journaling file system on /dev/loop0 running file operations, or null. */
  fs: GuestFsConfig | null
  expectations: Expectation[]
}

export interface RunLimits {
  maxEvents: number
  maxTimeNs: number
}

export interface RunConfig {
  stack: StackConfig
  workload: Workload
  limits: RunLimits
}

export function defaultStack(): StackConfig {
  return {
    deviceBlocks: 4096,
    loop: {
      mode: 'mainline',
      directIo: false,
      logicalBlockSize: 512,
      offsetBytes: 0,
      queueDepth: 128,
      writeCache: true,
      readOnly: false,
      flushDrains: false,
    },
    backing: { minDioSize: 4096, canDirectIo: true, openedODirect: false, nowait: true, allocated: 'all' },
    hostFs: { commitIntervalNs: 5 * S, legacyStaleData: false, journalBlocks: 1024 },
    hostCache: pageCacheDefaults(16 * 1024 * 1024 * 1024),
    guestCache: pageCacheDefaults(2 * 1024 * 1024 * 1024),
    guestBlk: { flushDeferWhileData: true },
    disk: {
      writeCache: true,
      fua: true,
      cacheBlocks: 65536,
      queueDepth: 32,
      channels: 4,
      reorder: true,
      writeNs: 20 * US,
      readNs: 80 * US,
      perBlockNs: 2 * US,
      flushNs: 500 * US,
      destageNs: 20 * US,
      destageIntervalNs: 200 * US,
    },
    crypt: { enabled: false, maxDelayNs: 200 * US },
    timing: {
      submitNs: 1 * US,
      dispatchNs: 2 * US,
      wakeNs: 5 * US,
      workerCmdNs: 2 * US,
      copyPerBlockNs: 1 * US,
      hostSubmitNs: 3 * US,
      allocNs: 5 * US,
      endIoNs: 10 * US,
      fallocateNs: 20 * US,
    },
  }
}

/** Linux defaults from mm/page-writeback.c: 10% / 20%, 5 s / 30 s. */
export function pageCacheDefaults(memoryBytes: number): PageCacheConfig {
  return {
    memoryBytes,
    dirtyBackgroundRatio: 10,
    dirtyRatio: 20,
    writebackIntervalNs: 5 * S,
    dirtyExpireNs: 30 * S,
    cacheRatio: 90,
  }
}

export function defaultLimits(): RunLimits {
  return { maxEvents: 20_000_000, maxTimeNs: 3600 * S }
}
