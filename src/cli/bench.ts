import { performance } from 'node:perf_hooks'
import { defaultLimits, runConfig, type RunConfig } from '../engine'
import { EventLog } from '../engine/kernel/log'
import { EventQueue, type PoppedEvent } from '../engine/kernel/queue'
import { fioJob, makeConfig } from '../engine/testing'
import { intOption, type Args } from './args'
import { measureCrashHere, measureTwoPow20 } from './benchExplore'
import { measureImport } from './benchImport'
import type { Out } from './commands'

/**
 * `bench`: engine throughput as a ratio to the floor, measured in one process. The workload is a
 * fio-like random-write job (libaio, iodepth 32, 4 KiB, O_DIRECT in the guest) through the whole
 * stack, once with buffered loop and once with DIO loop. The floor pushes the same number of
 * events through the same queue and log with no model work. Then the explorer, "crash here", and
 * the import of a generated blkparse trace (benchImport.ts).
 */
export function benchCommand(args: Args, out: Out): void {
  const requests = intOption(args, 'requests') ?? 1_000_000
  const modes = [false, true].map((dio) => measureEngine(requests, dio))
  const events = modes.reduce((s, m) => s + m.events, 0)
  const seconds = modes.reduce((s, m) => s + m.seconds, 0)
  const floor = measureFloor(Math.max(...modes.map((m) => m.events)))
  const engine = events / seconds
  const big = measureTwoPow20()
  const crash = measureCrashHere()
  const imp = measureImport()
  const report = {
    requests_per_mode: requests,
    engine_events_per_s: Math.round(engine),
    engine_floor_events_per_s: Math.round(floor),
    engine_to_floor_ratio: Number((engine / floor).toFixed(3)),
    explorer_states_per_s: Math.round(big.statesPerS),
    explore_2pow20_ms: Math.round(big.ms),
    crash_here_ms_max: Number(crash.ms_max.toFixed(1)),
    crash_here_slowest: crash.where,
    crash_here_ms_max_by_scenario: crash.per_scenario,
    crash_here_instants_measured: crash.instants_measured,
    crash_here_instants_total: crash.instants_total,
    import_blkparse_mb_per_s: Number(imp.mb_per_s.toFixed(1)),
    import_blkparse_lines_per_s: Math.round(imp.lines_per_s),
    import_blkparse_ms: Math.round(imp.ms),
    import_blkparse_ms_all: imp.ms_all.map((ms) => Math.round(ms)),
    import_blkparse_trace: imp.trace,
    import_blkparse_bytes: imp.bytes,
    import_blkparse_lines: imp.lines,
    import_blkparse_requests: imp.requests,
    modes: modes.map((m) => ({
      loop: m.dio ? 'dio' : 'buffered',
      events: m.events,
      seconds: Number(m.seconds.toFixed(3)),
      events_per_s: Math.round(m.events / m.seconds),
      hash: m.hash,
    })),
  }
  if (args.options.has('json')) {
    out(JSON.stringify(report, null, 2))
    return
  }
  out(`engine: ${report.engine_events_per_s.toLocaleString('en')} events/s over ${events.toLocaleString('en')} events (${requests.toLocaleString('en')} requests per mode)`)
  for (const m of report.modes) out(`  ${m.loop.padEnd(8)} ${m.events_per_s.toLocaleString('en')} events/s, ${m.events.toLocaleString('en')} events in ${m.seconds} s`)
  out(`floor:  ${report.engine_floor_events_per_s.toLocaleString('en')} events/s; engine/floor = ${report.engine_to_floor_ratio}`)
  out(`explorer: 2^20 states through the checks in ${report.explore_2pow20_ms} ms (${report.explorer_states_per_s.toLocaleString('en')} states/s)`)
  out(`crash here: slowest ${report.crash_here_ms_max} ms (faster of two tries) (${report.crash_here_slowest}) over ${crash.instants_measured.toLocaleString('en')} of ${crash.instants_total.toLocaleString('en')} instants`)
  out(
    `import: blkparse text of ${imp.trace} (${(imp.bytes / 2 ** 20).toFixed(1)} MiB, ${imp.lines.toLocaleString('en')} lines, ${imp.requests.toLocaleString('en')} requests) in ${report.import_blkparse_ms} ms (median of ${imp.ms_all.length}): ${report.import_blkparse_mb_per_s} MB/s, ${report.import_blkparse_lines_per_s.toLocaleString('en')} lines/s`,
  )
}

export function benchConfig(requests: number, dio: boolean): RunConfig {
  const blocks = 262144
  const cfg = makeConfig(
    { deviceBlocks: blocks, loop: { directIo: dio, logicalBlockSize: 4096 } },
    [],
    [fioJob({ rw: 'randwrite', size: blocks, iodepth: 32, requests, ioengine: 'libaio', direct: true })],
  )
  cfg.limits = { ...defaultLimits(), maxEvents: 50_000_000 }
  return cfg
}

function measureEngine(requests: number, dio: boolean) {
  const cfg = benchConfig(requests, dio)
  const t0 = performance.now()
  const r = runConfig(cfg, 1)
  const seconds = (performance.now() - t0) / 1000
  return { dio, events: r.events, seconds, hash: r.hash }
}

/** The same number of events through the same queue and log, with no model behind them. */
function measureFloor(events: number): number {
  const q = new EventQueue()
  const log = new EventLog()
  const ev: PoppedEvent = { t: 0, action: 0, a: 0, b: 0 }
  const t0 = performance.now()
  // Keep a few dozen events pending, as a run does, so heap depth is comparable.
  for (let i = 0; i < 64; i++) q.push(i, 0, i, 0)
  let n = 0
  while (n < events && q.pop(ev)) {
    log.append(1, ev.t, ev.a, ev.b, 0)
    q.push(ev.t + 1 + (n & 63), 0, ev.a, n)
    n++
  }
  return n / ((performance.now() - t0) / 1000)
}
