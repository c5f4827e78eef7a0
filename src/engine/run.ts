import type { RunConfig } from './config'
import { S } from './config'
import { type EventLog } from './kernel/log'
import type { RequestTable } from './kernel/requests'
import type { StopReason } from './kernel/sim'
import type { FsResult } from './guestfs/types'
import { Stack } from './stack/stack'
import { Layer } from './vocabulary'

export interface Verdict {
  check: string
  ok: boolean
  detail: string
}

export interface Metrics {
  guest_cache_peak_bytes: number
  host_cache_peak_bytes: number
  worker_wakeups: number
  iops: number
  dio_effective: boolean
  duration_ns: number
  requests: number
  guest_ios: number
  host_disk_flushes: number
  disk_cache_blocks_end: number
}

export interface Lane {
  lane: number
  name: string
}

export interface RunResult {
  seed: number
  config: RunConfig
  stop: StopReason
  events: number
  hash: string
  log: EventLog
  requests: RequestTable
  labels: Record<string, number>
  workerLanes: Lane[]
  verdicts: Verdict[]
  metrics: Metrics
  /** Final state of each layer, for checking replay against the live run. */
  final: FinalState
  /** The guest file system's contents, promises and op returns (guestfs/types.ts), or null. */
  fs: FsResult | null
}

export interface FinalState {
  media: Int32Array
  diskCache: Int32Array
  memExtent: Uint8Array
  diskExtent: Uint8Array
  durableMax: Int32Array
  hostPages: Uint8Array
  hostPageVersions: Int32Array
  guestPages: Uint8Array
  dio: boolean
}

/**
 * Runs a configuration with a seed: a pure function from (config, seed) to an event log, its hash,
 * and what the run showed. Engine invariants throw InvariantError; broken guest-visible promises
 * become failed verdicts.
 */
export function runConfig(config: RunConfig, seed: number): RunResult {
  const stack = new Stack(config, seed)
  const { sim } = stack
  const stop = sim.run()
  const verdicts = collectVerdicts(stack, stop)
  const metrics = collectMetrics(stack)
  const labels: Record<string, number> = {}
  for (const t of stack.threads) for (const [k, v] of t.labels) labels[k] = v
  if (stack.fs) for (const [k, v] of stack.fs.labels) labels[k] = v
  const workerLanes: Lane[] = [...stack.loop.cgroupLanes].map(([name, lane]) => ({ lane, name: lane === 0 ? 'root worker' : `${name} worker` }))
  const final: FinalState = {
    media: stack.disk.media.slice(),
    diskCache: stack.disk.cacheVer.slice(),
    memExtent: stack.hostFs.memExtent.slice(),
    diskExtent: stack.hostFs.diskExtent.slice(),
    durableMax: stack.hostFs.durableMax.slice(),
    hostPages: stack.hostCache.state.slice(),
    hostPageVersions: stack.hostCache.ver.slice(),
    guestPages: stack.guestCache.state.slice(),
    dio: stack.loop.dio,
  }
  sim.log.seal()
  sim.req.seal()
  return {
    seed,
    config,
    stop,
    events: sim.log.length,
    hash: sim.log.hash(),
    log: sim.log,
    requests: sim.req,
    labels,
    workerLanes,
    verdicts,
    metrics,
    final,
    fs: stack.fs ? stack.fs.result() : null,
  }
}

function collectVerdicts(stack: Stack, stop: StopReason): Verdict[] {
  const { sim, guestOracle: g } = stack
  const out: Verdict[] = []
  out.push({
    check: 'run-bounded',
    ok: stop === 'idle' || stop === 'power-loss',
    detail: stop === 'idle' || stop === 'power-loss' ? `the run ended: ${stop}` : `the run hit its limit (${stop}) and was cut short`,
  })
  const open = sim.inflight
  out.push({
    check: 'requests-complete',
    ok: open === 0 || stop !== 'idle',
    detail:
      open === 0
        ? `all ${sim.req.length - 1} requests completed exactly once`
        : `${open} requests were still in flight when the run stopped (${stop})`,
  })
  const first = (check: string): string => {
    const v = g.violations.find((x) => x.check === check)
    return v ? `; first: write ${v.write} block ${v.block}, promised by request ${v.bio} at ${v.t} ns` : ''
  }
  out.push({
    check: 'guest-flush-durable',
    ok: g.violationCount.flush === 0,
    detail:
      g.violationCount.flush === 0
        ? `${g.checked.flush} completed guest flushes; every write completed before each was durable`
        : `${g.violationCount.flush} writes were not durable when a flush that covers them completed${first('guest-flush-durable')}`,
  })
  out.push({
    check: 'guest-fua-durable',
    ok: g.violationCount.fua === 0,
    detail:
      g.violationCount.fua === 0
        ? `${g.checked.fua} completed guest FUA writes, each durable at completion`
        : `${g.violationCount.fua} FUA writes were acknowledged before they were durable${first('guest-fua-durable')}`,
  })
  return out
}

function collectMetrics(stack: Stack): Metrics {
  const { sim } = stack
  const r = sim.req
  let guestIos = 0
  let flushes = 0
  for (let id = 1; id < r.length; id++) {
    const layer = r.layer[id]
    if (layer === Layer.DISK && r.op[id] === 2) flushes++
  }
  for (const t of stack.threads) guestIos += t.completedIos
  for (const j of stack.jobs) guestIos += j.completedIos
  if (stack.fs) guestIos += stack.fs.completedIos
  const duration = sim.now
  return {
    guest_cache_peak_bytes: stack.guestCache.peakBytes,
    host_cache_peak_bytes: stack.hostCache.peakBytes,
    worker_wakeups: stack.loop.wakeups,
    iops: duration > 0 ? Math.round((guestIos * S) / duration) : 0,
    dio_effective: stack.loop.dio,
    duration_ns: duration,
    requests: r.length - 1,
    guest_ios: guestIos,
    host_disk_flushes: flushes,
    disk_cache_blocks_end: stack.disk.cachedBlocks,
  }
}
