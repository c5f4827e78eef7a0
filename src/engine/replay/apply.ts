import { Ev } from '../events'
import type { LogView } from '../kernel/log'
import { PAGE } from '../stack/pageCache'
import { Layer, Outside, Stage } from '../vocabulary'
import { NOT_CACHED, type VersionView, type ViewState } from './state'

/**
 * Applies one log record to a view state. This mirrors, record by record, the state changes the
 * engine made when it wrote the record; replay tests hold the two to each other.
 */
export function applyEvent(s: ViewState, log: LogView, i: number, deviceBlocks: number, versions = true): void {
  const kind = log.kind[i] as number
  const a = log.a[i] as number
  const b = log.b[i] as number
  const c = log.c[i] as number
  s.t = log.time[i] as number
  s.index = i + 1
  switch (kind) {
    case Ev.PAGE_DIRTY: {
      const [st, ver] = pages(s, a)
      const cur = st[b] as number
      st[b] = cur === PAGE.WRITEBACK || cur === PAGE.WRITEBACK_DIRTY ? PAGE.WRITEBACK_DIRTY : PAGE.DIRTY
      ver[b] = c
      return
    }
    case Ev.PAGE_WRITEBACK:
      pages(s, a)[0][b] = PAGE.WRITEBACK
      return
    case Ev.PAGE_CLEAN: {
      const st = pages(s, a)[0]
      st[b] = st[b] === PAGE.WRITEBACK_DIRTY ? PAGE.DIRTY : PAGE.CLEAN
      return
    }
    case Ev.PAGE_FILL: {
      const [st, ver] = pages(s, a)
      st[b] = PAGE.CLEAN
      ver[b] = c
      return
    }
    case Ev.PAGE_DROP:
      pages(s, a)[0][b] = PAGE.ABSENT
      return
    case Ev.CACHE_PUT: {
      const old = s.diskCache[a] as number
      if (versions && old !== NOT_CACHED && old !== b && a < deviceBlocks) supersedeInCache(s, a, old)
      s.diskCache[a] = b
      if (versions && a < deviceBlocks) stage(s, a, b, Stage.DISK_CACHE)
      return
    }
    case Ev.DESTAGE:
    case Ev.MEDIA_WRITE:
      if (versions && kind === Ev.MEDIA_WRITE) {
        const old = s.diskCache[a] as number
        if (old !== NOT_CACHED && old !== b && a < deviceBlocks) supersedeInCache(s, a, old)
      }
      s.diskCache[a] = NOT_CACHED
      s.media[a] = b
      if (versions && a < deviceBlocks) stage(s, a, b, Stage.MEDIA)
      return
    case Ev.EXTENT:
      s.memExtent[a] = b
      s.running.set(a, b)
      return
    case Ev.TXN_COMMIT:
      s.committing = s.running
      s.running = new Map()
      return
    case Ev.TXN_DURABLE:
      for (const [blk, st] of s.committing) s.diskExtent[blk] = st
      s.committing = new Map()
      return
    case Ev.STAGE:
      if (versions) stage(s, a, b, c)
      return
    case Ev.DURABLE: {
      if (b > (s.durableMax[a] as number)) s.durableMax[a] = b
      s.durableLatest[a] = b
      const v = versions ? findVersion(s, a, b) : undefined
      if (v) v.durable = true
      return
    }
    default:
      applyOther(s, kind, a, b)
  }
}

function applyOther(s: ViewState, kind: number, a: number, b: number): void {
  switch (kind) {
    case Ev.WORKER_WAKE:
      s.awakeWorkers.add(a)
      return
    case Ev.WORKER_SLEEP:
      s.awakeWorkers.delete(a)
      return
    case Ev.THROTTLE:
      if (b) s.throttled.add(a)
      else s.throttled.delete(a)
      return
    case Ev.DIO_MODE:
      s.dio = a === 1
      s.configured = true
      return
    case Ev.FREEZE:
      s.frozen = a === 1
      return
    case Ev.OUTSIDE:
      s.outside.push({ kind: a, index: b, event: s.index - 1 })
      if (a === Outside.POWER_LOSS) s.crashed = true
      return
    case Ev.FUZZY_READ:
      s.fuzzyReads.set(a, b)
      return
    default:
      return
  }
}

function pages(s: ViewState, layer: number): [Uint8Array, Int32Array] {
  return layer === Layer.GUEST_CACHE ? [s.guestPageState, s.guestPageVer] : [s.hostPageState, s.hostPageVer]
}

function findVersion(s: ViewState, block: number, version: number): VersionView | undefined {
  const list = s.versions.get(block)
  if (!list) return undefined
  for (let i = list.length - 1; i >= 0; i--) if ((list[i] as VersionView).version === version) return list[i]
  return undefined
}

/** A version's stage only moves forward, except that superseded and discarded are final words. */
function stage(s: ViewState, block: number, version: number, st: number): void {
  if (version <= 0) return
  let v = findVersion(s, block, version)
  if (!v) {
    v = { version, stage: st, durable: false }
    const list = s.versions.get(block)
    if (list) list.push(v)
    else s.versions.set(block, [v])
    return
  }
  if (v.stage === Stage.SUPERSEDED || v.stage === Stage.DISCARDED) {
    if (st === Stage.DISK_CACHE || st === Stage.MEDIA) v.stage = st
    return
  }
  if (st === Stage.SUPERSEDED || st === Stage.DISCARDED || st > v.stage) v.stage = st
}

function supersedeInCache(s: ViewState, block: number, old: number): void {
  const v = findVersion(s, block, old)
  if (v && v.stage === Stage.DISK_CACHE) v.stage = Stage.SUPERSEDED
}
