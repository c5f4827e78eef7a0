import type { RunConfig } from '../config'
import { allocatedFn } from '../stack/stack'
import { Data, Extent } from '../vocabulary'

export { NOT_CACHED } from '../stack/disk'
import { NOT_CACHED } from '../stack/disk'

/** One version of one guest block as the block map shows it. */
export interface VersionView {
  version: number
  stage: number
  durable: boolean
}

/**
 * The state of every layer at one event index, rebuilt from the log alone. Arrays are indexed by
 * block (guest block = backing-file block = host disk block for the file's part).
 */
export interface ViewState {
  index: number
  t: number
  guestPageState: Uint8Array
  guestPageVer: Int32Array
  hostPageState: Uint8Array
  hostPageVer: Int32Array
  diskCache: Int32Array
  media: Int32Array
  memExtent: Uint8Array
  diskExtent: Uint8Array
  durableMax: Int32Array
  /** The version most recently guaranteed durable per block (the power-loss base). */
  durableLatest: Int32Array
  /** Extent changes of the running and committing host transactions. */
  running: Map<number, number>
  committing: Map<number, number>
  versions: Map<number, VersionView[]>
  awakeWorkers: Set<number>
  throttled: Set<number>
  dio: boolean
  /** The loop device has been set up (its first DIO_MODE event): before it, `dio` means nothing yet. */
  configured: boolean
  frozen: boolean
  crashed: boolean
  outside: Array<{ kind: number; index: number; event: number }>
  fuzzyReads: Map<number, number>
}

export function initialState(cfg: RunConfig): ViewState {
  const s = cfg.stack
  const n = s.deviceBlocks
  const hostBlocks = n + s.hostFs.journalBlocks
  const allocated = allocatedFn(s)
  const media = new Int32Array(hostBlocks).fill(Data.STALE)
  const memExtent = new Uint8Array(n)
  const durableMax = new Int32Array(n)
  for (let b = 0; b < n; b++) {
    const a = allocated(b)
    if (a) media[b] = Data.INITIAL
    memExtent[b] = a ? Extent.WRITTEN : Extent.HOLE
    durableMax[b] = a ? Data.INITIAL : Data.ZERO
  }
  return {
    index: 0,
    t: 0,
    guestPageState: new Uint8Array(n),
    guestPageVer: new Int32Array(n),
    hostPageState: new Uint8Array(n),
    hostPageVer: new Int32Array(n),
    diskCache: new Int32Array(hostBlocks).fill(NOT_CACHED),
    media,
    memExtent,
    diskExtent: memExtent.slice(),
    durableMax,
    durableLatest: durableMax.slice(),
    running: new Map(),
    committing: new Map(),
    versions: new Map(),
    awakeWorkers: new Set(),
    throttled: new Set(),
    dio: false,
    configured: false,
    frozen: false,
    crashed: false,
    outside: [],
    fuzzyReads: new Map(),
  }
}

export function cloneState(s: ViewState): ViewState {
  const versions = new Map<number, VersionView[]>()
  for (const [b, list] of s.versions) versions.set(b, list.map((v) => ({ ...v })))
  return {
    ...s,
    guestPageState: s.guestPageState.slice(),
    guestPageVer: s.guestPageVer.slice(),
    hostPageState: s.hostPageState.slice(),
    hostPageVer: s.hostPageVer.slice(),
    diskCache: s.diskCache.slice(),
    media: s.media.slice(),
    memExtent: s.memExtent.slice(),
    diskExtent: s.diskExtent.slice(),
    durableMax: s.durableMax.slice(),
    durableLatest: s.durableLatest.slice(),
    running: new Map(s.running),
    committing: new Map(s.committing),
    versions,
    awakeWorkers: new Set(s.awakeWorkers),
    throttled: new Set(s.throttled),
    outside: s.outside.map((o) => ({ ...o })),
    fuzzyReads: new Map(s.fuzzyReads),
  }
}
