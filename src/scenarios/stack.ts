/**
 * The `stack` section: a deep-partial of StackConfig merged over defaultStack(). One line per
 * field says what is accepted; a field added to config.ts fails to compile here until it is.
 */
import {
  BLOCK_BYTES,
  LOOP_MODES,
  S,
  type BackingConfig,
  type CryptConfig,
  type DiskConfig,
  type GuestBlkConfig,
  type HostFsConfig,
  type LoopConfig,
  type PageCacheConfig,
  type StackConfig,
  type TimingConfig,
} from '../engine/config'
import { describe } from './describe'
import {
  bool,
  bytes,
  type Check,
  type Ctx,
  index,
  int,
  key,
  list,
  oneOf,
  partial,
  time,
} from './check'

export const MAX_DEVICE_BLOCKS = 2 ** 24
const HOUR = 3600 * S
const SECTOR_SIZES = [512, 1024, 2048, 4096] as const

const latency = time(0, 10 * S)
const cpuCost = time(0, 1 * S)
const interval = time(1, HOUR)
const ratio = int(0, 100)

const loop = partial<LoopConfig>({
  mode: oneOf(LOOP_MODES),
  directIo: bool,
  logicalBlockSize: oneOf(SECTOR_SIZES),
  offsetBytes: bytes(0, 2 ** 40, 512),
  queueDepth: int(1, 4096),
  writeCache: bool,
  readOnly: bool,
  flushDrains: bool,
})

/** One [start, count] range of allocated blocks; the device bound is checked by `stack`. */
const extent: Check<[number, number]> = (v, at, cx) => {
  if (!Array.isArray(v) || v.length !== 2)
    return cx.fail(at, `must be a [start, count] pair of block numbers, got ${describe(v)}`)
  const start = int(0, MAX_DEVICE_BLOCKS - 1)(v[0], index(at, 0), cx)
  const count = int(1, MAX_DEVICE_BLOCKS)(v[1], index(at, 1), cx)
  return start === undefined || count === undefined ? undefined : [start, count]
}

const extents = list(extent, 4096)

const allocated: Check<BackingConfig['allocated']> = (v, at, cx) => {
  if (v === 'all' || v === 'none') return v
  if (!Array.isArray(v))
    return cx.fail(
      at,
      `must be "all", "none" or a list of [start, count] block ranges, got ${describe(v)}`,
    )
  return extents(v, at, cx)
}

const backing = partial<BackingConfig>({
  minDioSize: oneOf(SECTOR_SIZES),
  canDirectIo: bool,
  openedODirect: bool,
  nowait: bool,
  allocated,
})

const hostFs = partial<HostFsConfig>({
  commitIntervalNs: interval,
  legacyStaleData: bool,
  journalBlocks: int(1, 2 ** 20),
})

function dirtyRatios(c: PageCacheConfig, at: string, cx: Ctx): boolean {
  if (c.dirtyBackgroundRatio < c.dirtyRatio) return true
  const message = `must be less than dirtyRatio (${c.dirtyRatio}), got ${c.dirtyBackgroundRatio}`
  return cx.fail(key(at, 'dirtyBackgroundRatio'), message) ?? false
}

const pageCache = partial<PageCacheConfig>(
  {
    memoryBytes: bytes(2 ** 20, 2 ** 40, BLOCK_BYTES),
    dirtyBackgroundRatio: ratio,
    dirtyRatio: ratio,
    writebackIntervalNs: time(0, HOUR),
    dirtyExpireNs: time(0, HOUR),
    cacheRatio: int(1, 100),
  },
  dirtyRatios,
)

const guestBlk = partial<GuestBlkConfig>({ flushDeferWhileData: bool })

const disk = partial<DiskConfig>({
  writeCache: bool,
  fua: bool,
  cacheBlocks: int(1, MAX_DEVICE_BLOCKS),
  queueDepth: int(1, 4096),
  channels: int(1, 64),
  reorder: bool,
  writeNs: latency,
  readNs: latency,
  perBlockNs: latency,
  flushNs: latency,
  destageNs: latency,
  destageIntervalNs: interval,
})

const crypt = partial<CryptConfig>({ enabled: bool, maxDelayNs: latency })

const timing = partial<TimingConfig>({
  submitNs: cpuCost,
  dispatchNs: cpuCost,
  wakeNs: cpuCost,
  workerCmdNs: cpuCost,
  copyPerBlockNs: cpuCost,
  hostSubmitNs: cpuCost,
  allocNs: cpuCost,
  endIoNs: cpuCost,
  fallocateNs: cpuCost,
})

/** Allocated ranges must lie inside the device. */
function extentsInside(s: StackConfig, at: string, cx: Ctx): boolean {
  if (!Array.isArray(s.backing.allocated)) return true
  let ok = true
  s.backing.allocated.forEach(([start, count], i) => {
    if (start + count <= s.deviceBlocks) return
    ok = false
    const where = index(key(key(at, 'backing'), 'allocated'), i)
    cx.fail(
      where,
      `range [${start}, ${count}] ends at block ${start + count}, past the end of the device (${s.deviceBlocks} blocks)`,
    )
  })
  return ok
}

export const deviceBlocks = int(1, MAX_DEVICE_BLOCKS)

export const stack: Check<StackConfig> = partial<StackConfig>(
  {
    deviceBlocks,
    loop,
    backing,
    hostFs,
    hostCache: pageCache,
    guestCache: pageCache,
    guestBlk,
    disk,
    crypt,
    timing,
  },
  extentsInside,
)
