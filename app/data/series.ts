/**
 * Metrics over time for the small charts: page-cache memory (guest and host), I/O completions and
 * loop worker wake-ups, folded from the event log into a fixed number of time buckets. Cache
 * sizes keep the bucket's peak, so a short spike is never averaged away.
 */
import { Ev, Layer, type RunResult } from '../../src/engine'

export const SERIES_BUCKETS = 400

export interface Series {
  /** Simulated time covered, in ns; bucket i spans [i, i+1) * width. */
  duration: number
  width: number
  /** Peak pages cached in the bucket (4 KiB each). */
  guestPages: Float64Array
  hostPages: Float64Array
  /** Guest block requests completed in the bucket. */
  ios: Float64Array
  /** Loop worker wake-ups in the bucket: from an empty list, and from waits on host I/O. */
  wakeups: Float64Array
}

export function cacheSeries(run: Pick<RunResult, 'log' | 'requests' | 'config'>, buckets = SERIES_BUCKETS): Series {
  const log = run.log
  const n = log.length
  const duration = n > 0 ? Math.max(1, log.time[n - 1] as number) : 1
  const width = duration / buckets
  const s: Series = {
    duration,
    width,
    guestPages: new Float64Array(buckets),
    hostPages: new Float64Array(buckets),
    ios: new Float64Array(buckets),
    wakeups: new Float64Array(buckets),
  }
  const blocks = run.config.stack.deviceBlocks
  const present = [new Uint8Array(blocks), new Uint8Array(blocks)]
  const pages = [0, 0]
  const bucketOf = (t: number) => Math.min(buckets - 1, Math.floor(t / width))
  let last = 0
  for (let i = 0; i < n; i++) {
    const k = log.kind[i] as number
    const at = bucketOf(log.time[i] as number)
    // Carry the running page counts into buckets with no cache events.
    for (; last < at; last++) {
      s.guestPages[last + 1] = pages[0] as number
      s.hostPages[last + 1] = pages[1] as number
    }
    if (k === Ev.PAGE_DIRTY || k === Ev.PAGE_FILL || k === Ev.PAGE_DROP) {
      const which = log.a[i] === Layer.GUEST_CACHE ? 0 : 1
      const map = present[which] as Uint8Array
      const b = log.b[i] as number
      const had = map[b] === 1
      const delta = k === Ev.PAGE_DROP ? (had ? -1 : 0) : had ? 0 : 1
      map[b] = k === Ev.PAGE_DROP ? 0 : 1
      pages[which] = (pages[which] as number) + delta
      const arr = which === 0 ? s.guestPages : s.hostPages
      arr[at] = Math.max(arr[at] as number, pages[which] as number)
    } else if (k === Ev.COMPLETE && run.requests.layer[log.a[i] as number] === Layer.GUEST_BLK) {
      s.ios[at] = (s.ios[at] as number) + 1
    } else if (k === Ev.WORKER_WAKE) {
      s.wakeups[at] = (s.wakeups[at] as number) + 1
    }
  }
  for (; last < buckets - 1; last++) {
    s.guestPages[last + 1] = pages[0] as number
    s.hostPages[last + 1] = pages[1] as number
  }
  return s
}
