/**
 * Where each version of each guest block is at one playhead position, as plain data: the block
 * map's cells, heat map and tooltips all read these. A version number is the id of the guest
 * write that produced it; it is acknowledged once that write completed to the guest.
 */
import {
  Data,
  PAGE,
  Stage,
  STAGE_NAMES,
  type StateExample,
  type VersionView,
  type ViewState,
  NOT_CACHED,
} from '../../src/engine'

export { NOT_CACHED }

/** The furthest place a version has reached, coarsened for colour. One colour each. */
export const Where = {
  /** No write of this run touched the block. */
  NONE: 0,
  GUEST_CACHE: 1,
  /** On its way: guest block queue, loop, host I/O in flight. */
  TRANSIT: 2,
  HOST_CACHE: 3,
  DISK_CACHE: 4,
  /** Written to media, not yet guaranteed by the rules (no flush completed since). */
  MEDIA: 5,
  DURABLE: 6,
  /** Superseded or discarded before reaching media. */
  GONE: 7,
} as const
export type Where = (typeof Where)[keyof typeof Where]
export const WHERE_COUNT = 8

export const WHERE_NAMES: readonly string[] = [
  'not written in this run',
  'guest page cache',
  'in transit (guest queue, loop, host I/O)',
  'host page cache',
  'disk write cache (volatile)',
  'on media, not yet guaranteed',
  'durable (survives host power loss)',
  'superseded or discarded',
]

/** A glyph per place, so the map reads without colour. */
export const WHERE_GLYPHS: readonly string[] = ['', 'G', '→', 'H', 'D', 'M', '✓', '×']

/** CSS variable of each place's colour. */
export const WHERE_COLORS: readonly string[] = [
  '--faint',
  '--oi-yellow',
  '--c-write',
  '--c-writeback',
  '--c-volatile',
  '--bm-media',
  '--c-durable',
  '--muted',
]

export function whereOf(stage: number, durable: boolean): Where {
  if (durable) return Where.DURABLE
  switch (stage) {
    case Stage.GUEST_CACHE:
      return Where.GUEST_CACHE
    case Stage.GUEST_QUEUE:
    case Stage.LOOP:
    case Stage.HOST_IO:
      return Where.TRANSIT
    case Stage.HOST_CACHE:
      return Where.HOST_CACHE
    case Stage.DISK_CACHE:
      return Where.DISK_CACHE
    case Stage.MEDIA:
      return Where.MEDIA
    case Stage.SUPERSEDED:
    case Stage.DISCARDED:
      return Where.GONE
    default:
      return Where.TRANSIT
  }
}

export interface VersionState {
  version: number
  stage: number
  where: Where
  /** The guest write that produced it has completed. */
  acked: boolean
  inGuestCache: boolean
  inHostCache: boolean
  inDiskCache: boolean
  onMedia: boolean
  durable: boolean
}

/** Acknowledged at the playhead: the write completed at an event before `index`. */
export function ackedAt(completeEv: Int32Array, version: number, index: number): boolean {
  if (version <= 0 || version >= completeEv.length) return false
  const c = completeEv[version] as number
  return c >= 0 && c < index
}

export function versionState(
  s: ViewState,
  completeEv: Int32Array,
  index: number,
  block: number,
  v: VersionView,
): VersionState {
  const durable = v.durable || s.durableLatest[block] === v.version
  return {
    version: v.version,
    stage: v.stage,
    where: whereOf(v.stage, durable),
    acked: ackedAt(completeEv, v.version, index),
    inGuestCache: s.guestPageState[block] !== PAGE.ABSENT && s.guestPageVer[block] === v.version,
    inHostCache: s.hostPageState[block] !== PAGE.ABSENT && s.hostPageVer[block] === v.version,
    inDiskCache: s.diskCache[block] === v.version,
    onMedia: s.media[block] === v.version,
    durable,
  }
}

/** Letter badges of a version: A acknowledged, G/H guest/host page cache, D disk cache, M media, ✓ durable. */
export function badgesOf(v: VersionState): string[] {
  const out: string[] = []
  if (v.acked) out.push('A')
  if (v.inGuestCache) out.push('G')
  if (v.inHostCache) out.push('H')
  if (v.inDiskCache) out.push('D')
  if (v.onMedia) out.push('M')
  if (v.durable) out.push('✓')
  return out
}

export const BADGE_NAMES: Record<string, string> = {
  A: 'acknowledged to the guest',
  G: 'in the guest page cache',
  H: 'in the host page cache',
  D: 'in the disk write cache (volatile)',
  M: 'on media',
  '✓': 'guaranteed durable',
}

/** Names of special data versions; written versions are "v12". */
export function versionName(v: number): string {
  if (v === Data.INITIAL) return 'initial'
  if (v === Data.ZERO) return 'zeros'
  if (v === Data.STALE) return 'stale data (old contents of the disk)'
  return `v${v}`
}

/** A version in a sentence: "the initial contents", "zeros", "stale data", "v12". */
export function versionPhrase(v: number): string {
  if (v === Data.INITIAL) return 'the initial contents'
  if (v === Data.STALE) return 'stale data'
  return versionName(v)
}

/** Short form for a cell. */
export function versionShort(v: number): string {
  if (v === Data.INITIAL) return 'init'
  if (v === Data.ZERO) return 'zeros'
  if (v === Data.STALE) return 'stale'
  return `v${v}`
}

export function stageName(stage: number): string {
  return STAGE_NAMES[stage] ?? `stage ${stage}`
}

/** Every block's place (the furthest place of its latest version) into `out`, and the count of each. */
export function classifyBlocks(s: ViewState, out: Uint8Array): number[] {
  out.fill(Where.NONE)
  const counts = new Int32Array(WHERE_COUNT)
  const durableLatest = s.durableLatest
  for (const [b, list] of s.versions) {
    if (b >= out.length) continue
    const v = list[list.length - 1]
    if (!v) continue
    const w = whereOf(v.stage, v.durable || durableLatest[b] === v.version)
    out[b] = w
    counts[w] = (counts[w] as number) + 1
  }
  let written = 0
  for (let w = 1; w < WHERE_COUNT; w++) written += counts[w] as number
  counts[Where.NONE] = out.length - written
  return Array.from(counts)
}

/** One block as a cell shows it: its newest versions, and what a power loss would leave now. */
export interface BlockCell {
  block: number
  latest: VersionState | null
  /** Versions the block has had in this run. */
  versions: number
  /** The version guaranteed to survive power loss (durableLatest), when the latest one is not. */
  durableVersion: number | null
}

export function cellsOf(
  s: ViewState,
  completeEv: Int32Array,
  index: number,
  n: number,
): BlockCell[] {
  const cells: BlockCell[] = []
  for (let b = 0; b < n; b++) {
    const list = s.versions.get(b)
    const last = list?.[list.length - 1]
    const latest = last ? versionState(s, completeEv, index, b, last) : null
    cells.push({
      block: b,
      latest,
      versions: list?.length ?? 0,
      durableVersion: latest && !latest.durable ? (s.durableLatest[b] as number) : null,
    })
  }
  return cells
}

/** Everything about one block, for its tooltip. */
export interface BlockDetail {
  block: number
  versions: VersionState[]
  media: number
  diskCache: number | null
  durableLatest: number
}

export function blockDetail(
  s: ViewState,
  completeEv: Int32Array,
  index: number,
  b: number,
): BlockDetail {
  const list = s.versions.get(b) ?? []
  const dc = s.diskCache[b] as number
  return {
    block: b,
    versions: list.map((v) => versionState(s, completeEv, index, b, v)),
    media: s.media[b] as number,
    diskCache: dc === NOT_CACHED ? null : dc,
    durableLatest: s.durableLatest[b] as number,
  }
}

/** The disk image of an opened crash state, and how it differs from the base. */
export interface CrashImage {
  version: Int32Array
  /** 1 where the state differs from the base image. */
  changed: Uint8Array
  /** 1 where a finding names the block. */
  bad: Uint8Array
  changedCount: number
  badBlocks: number[]
}

export function crashImageOf(
  base: Int32Array,
  ex: Pick<StateExample, 'changed' | 'findings'>,
  n: number,
): CrashImage {
  const version = new Int32Array(n)
  version.set(base.subarray(0, n))
  const changed = new Uint8Array(n)
  const bad = new Uint8Array(n)
  let changedCount = 0
  for (const [b, v] of ex.changed) {
    if (b < 0 || b >= n) continue
    version[b] = v
    if (v !== base[b] && !changed[b]) {
      changed[b] = 1
      changedCount++
    }
  }
  const badBlocks: number[] = []
  for (const f of ex.findings) {
    for (const b of f.blocks ?? []) {
      if (b < 0 || b >= n || bad[b]) continue
      bad[b] = 1
      badBlocks.push(b)
    }
  }
  badBlocks.sort((a, b) => a - b)
  return { version, changed, bad, changedCount, badBlocks }
}

/**
 * Class of a block in a crash image, for colour (CRASH_NAMES): 0 a version this run did not write,
 * 1 a version it wrote, both as the base; 2 differs from the base; 3 named by a finding.
 */
export function crashClass(img: CrashImage, b: number): 0 | 1 | 2 | 3 {
  return img.bad[b] ? 3 : img.changed[b] ? 2 : (img.version[b] as number) > 0 ? 1 : 0
}

export const CRASH_NAMES: readonly string[] = [
  'not written in this run',
  'a version this run wrote, as the durable base',
  'differs from the durable base',
  'named by a finding',
]

/** Heat-map classes of a crash image (CRASH_NAMES), and the count of each. */
export function crashClasses(img: CrashImage, out: Uint8Array): number[] {
  const counts = [0, 0, 0, 0]
  for (let b = 0; b < out.length; b++) {
    const c = crashClass(img, b)
    out[b] = c
    counts[c] = (counts[c] as number) + 1
  }
  return counts
}
