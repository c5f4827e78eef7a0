import { existsSync, readFileSync, statSync } from 'node:fs'
import type { ExploreResult, Granularity } from '../engine'
import {
  busiest,
  detectFormat,
  formatIssue,
  importTrace,
  summarize,
  toTraceRequests,
  traceExploration,
  TRACE_EXPLORE_DEFAULTS,
  type BlockTrace,
  type DeviceSummary,
  type DeviceTrace,
  type ExplorerTrace,
  type TraceExploreOptions,
  type TraceFormat,
} from '../formats'
import { parseTime } from '../scenarios'
import { intOption, stringOption, UsageError, type Args } from './args'
import type { Out } from './commands'

const FORMATS: readonly TraceFormat[] = ['blkparse', 'tracefs', 'fio-v2', 'fio-v3']
const SHOWN_ERRORS = 20

/** True when `target` is a file whose text is a block trace (so `explore` reads it as one). */
export function isTraceFile(target: string): boolean {
  if (!existsSync(target) || !statSync(target).isFile()) return false
  return detectFormat(readFileSync(target, 'utf8').slice(0, 65_536)) !== null
}

function formatOption(args: Args): TraceFormat | undefined {
  const f = stringOption(args, 'format')
  if (f === undefined) return undefined
  if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(f)}`)
  return f as TraceFormat
}

/** --device MAJ,MIN (or a fio file name); `--device 8,0` also works before `device` is a valued option. */
function deviceOption(args: Args): string | undefined {
  const v = args.options.get('device')
  if (v === undefined) return undefined
  const d = v === true ? args.positional[1] : v
  if (d === undefined || d === '') throw new UsageError('--device needs a device such as 8,0 (major,minor)')
  return d
}

function pickDevice(trace: BlockTrace, want: string | undefined): DeviceTrace[] {
  if (want === undefined) return trace.devices
  const d = trace.devices.find((x) => x.dev === want)
  if (!d) throw new UsageError(`--device ${want}: the trace has no events on it; its devices: ${trace.devices.map((x) => x.dev).join(', ') || 'none'}`)
  return [d]
}

type Loaded = { ok: true; trace: BlockTrace; warnings: string[] } | { ok: false; messages: string[] }

function load(file: string, format: TraceFormat | undefined): Loaded {
  if (!existsSync(file)) throw new UsageError(`no file named ${JSON.stringify(file)}`)
  const text = readFileSync(file, 'utf8')
  const r = importTrace(text, format)
  if (!r.ok) {
    const shown = r.errors.slice(0, SHOWN_ERRORS).map((i) => formatIssue(file, i))
    if (r.errors.length > SHOWN_ERRORS) shown.push(`${file}: ${r.errors.length - SHOWN_ERRORS} more errors not shown`)
    return { ok: false, messages: shown }
  }
  const warnings = r.warnings.map((w) => (w.line > 0 ? `${formatIssue(file, { ...w, message: `warning: ${w.message}` })}` : `${file}: warning: ${w.message}`))
  return { ok: true, trace: r.trace, warnings }
}

const ms = (ns: number): string => `${(ns / 1e6).toFixed(3)} ms`

function describe(s: DeviceSummary): string[] {
  const ops = Object.entries(s.by_op)
    .filter(([, n]) => n > 0)
    .map(([op, n]) => `${n} ${op}`)
  const lines = [
    `  ${s.device}: ${s.events} events, ${s.requests} requests${ops.length > 0 ? ` (${ops.join(', ')})` : ''}`,
    `      ${s.flushes} flushes, ${s.flush_proxies} block-layer flushes (FN), ${s.preflush} PREFLUSH (${s.preflush_with_data} with data), ${s.fua} FUA, ${s.sync} sync, ${s.meta} meta, ${s.merged} merged`,
    `      ${s.inversions} completion/issue order inversions; ${s.in_flight} in flight at the end; ${s.failed} failed; ${s.unaligned_4k} not 4 KiB aligned`,
    `      span ${ms(s.span_ns)} (from ${(s.start_ns / 1e9).toFixed(6)} s to ${(s.end_ns / 1e9).toFixed(6)} s on the trace clock)`,
  ]
  if (s.submitted_before_start > 0) lines.push(`      ${s.submitted_before_start} requests were seen only after submission (in flight when the trace started)`)
  return lines
}

/** `import <file> [--json] [--device MAJ,MIN] [--format F] [--list]`: what a block trace holds, per device. */
export function importCommand(args: Args, out: Out, err: Out): number {
  const file = args.positional[0]
  if (file === undefined) throw new UsageError('import needs a trace file (blkparse text, tracefs text or a fio iolog)')
  const loaded = load(file, formatOption(args))
  if (!loaded.ok) {
    for (const m of loaded.messages) err(m)
    return 2
  }
  const { trace } = loaded
  const devices = pickDevice(trace, deviceOption(args))
  const summaries = devices.map(summarize)
  if (args.options.has('json')) {
    const doc: Record<string, unknown> = { file, format: trace.format, devices: summaries, warnings: loaded.warnings }
    if (args.options.has('list')) doc.requests = devices.flatMap((d) => d.requests)
    out(JSON.stringify(doc, null, 2))
    return 0
  }
  out(`${file}: ${trace.format}, ${trace.devices.length} device${trace.devices.length === 1 ? '' : 's'}`)
  if (trace.format === 'fio-v2' || trace.format === 'fio-v3') out('  (fio logs submissions only: each I/O is taken as complete when the next entry was logged)')
  for (const s of summaries) for (const l of describe(s)) out(l)
  if (args.options.has('list')) {
    for (const d of devices) {
      for (const r of d.requests) {
        const t = (x: number | null): string => (x === null ? '-' : String(x))
        out(`  ${d.dev} #${r.id} ${r.proxy ? 'block-layer flush' : r.op} ${r.rwbs} ${r.sector}+${r.sectors} queue ${t(r.queueT)} issue ${t(r.issueT)} data ${t(r.dataT)} done ${t(r.completeT)}${r.error !== 0 ? ` error ${r.error}` : ''}${r.comm !== null ? ` [${r.comm}]` : ''}`)
      }
    }
  }
  for (const w of loaded.warnings) err(w)
  return 0
}

function exploreOnce(x: ExplorerTrace, t: number, opts: TraceExploreOptions): ExploreResult {
  const e = traceExploration(x, t, opts)
  while (!e.advance(65_536));
  return e.result()
}

/**
 * `explore <trace> [--device D] [--at end|every|T] [--granularity G] [--budget N] [--samples N]`:
 * the states a power loss can leave on a traced device, by the rules R1-R4 alone (the trace
 * says nothing about what is below the device, so power-loss is the only model).
 */
export function exploreTraceCommand(args: Args, out: Out): void {
  const file = args.positional[0] as string
  const loaded = load(file, formatOption(args))
  if (!loaded.ok) throw new UsageError(loaded.messages.join('\n'))
  const { trace } = loaded
  const want = deviceOption(args)
  const dev = want === undefined ? busiest(trace) : pickDevice(trace, want)[0]
  if (!dev) throw new UsageError(`${file}: the trace has no requests on any device`)
  const model = stringOption(args, 'model')
  if (model !== undefined && model !== 'power-loss') throw new UsageError(`a trace file can only be explored with --model power-loss (it shows nothing below the device), got ${JSON.stringify(model)}`)
  const g = stringOption(args, 'granularity') ?? 'write'
  if (g !== 'write' && g !== 'sector') throw new UsageError(`--granularity must be one of write, sector, got ${JSON.stringify(g)}`)
  const granularity: Granularity = g
  const opts: TraceExploreOptions = {
    ...TRACE_EXPLORE_DEFAULTS,
    granularity,
    budget: intOption(args, 'budget') ?? TRACE_EXPLORE_DEFAULTS.budget,
    samples: intOption(args, 'samples') ?? TRACE_EXPLORE_DEFAULTS.samples,
    seed: intOption(args, 'seed') ?? TRACE_EXPLORE_DEFAULTS.seed,
  }
  const x = toTraceRequests(trace, dev)
  const at = stringOption(args, 'at') ?? 'end'
  const head = { trace: file, format: trace.format, device: dev.dev, requests: x.requests.length, unaligned: x.unaligned, at }
  if (at === 'every') {
    // The power-loss state set changes only when a request is submitted or completes.
    const instants = [...new Set(x.requests.flatMap((r) => [r.submitT, r.completeT]).filter((t) => t >= 0))].sort((a, b) => a - b)
    const rows = instants.map((t) => {
      const r = exploreOnce(x, t, opts)
      return { t, states_total: r.states_total, inconsistent: r.inconsistent }
    })
    const doc = { ...head, model: 'power-loss', granularity, instants: rows, states_total: rows.reduce((n, r) => n + r.states_total, 0), inconsistent: rows.reduce((n, r) => n + r.inconsistent, 0) }
    if (args.options.has('json')) {
      out(JSON.stringify(doc, null, 2))
      return
    }
    out(`${file} ${dev.dev} (${trace.format})  power-loss at every instant, ${granularity} granularity`)
    out(`  ${rows.length} instants where the state set can change; ${doc.states_total.toLocaleString('en')} states summed over them; ${doc.inconsistent} inconsistent`)
    const widest = rows.reduce((a, r) => (r.states_total > a.states_total ? r : a), rows[0] ?? { t: 0, states_total: 0, inconsistent: 0 })
    out(`  most states at ${ms(widest.t)}: ${widest.states_total.toLocaleString('en')}`)
    return
  }
  let t: number
  if (at === 'end') t = x.end
  else {
    const p = parseTime(/^\d+$/.test(at) ? Number(at) : at)
    if (!p.ok) throw new UsageError(`--at takes end, every or a time since the trace started, such as 5ms: ${p.message}`)
    t = p.value
  }
  const result = exploreOnce(x, t, opts)
  if (args.options.has('json')) {
    out(JSON.stringify({ ...head, ...result }, null, 2))
    return
  }
  const flushes = x.requests.filter((r) => r.op === 'flush').length
  const volatile = result.formula
  out(`${file} ${dev.dev} (${trace.format})  power-loss at ${at === 'end' ? 'the end' : at} (${ms(t)} after the trace started), ${granularity} granularity`)
  out(`  ${x.requests.length} requests (${flushes} flushes, including the block layer's)${x.unaligned > 0 ? `; ${x.unaligned} not aligned to 4 KiB blocks, widened` : ''}`)
  out(`  ${result.states_total.toLocaleString('en')} states (${volatile}); ${result.coverage}`)
  out(`  ${result.distinct.toLocaleString('en')} distinct images, ${result.inconsistent} inconsistent; per verdict, distinct images:`)
  for (const v of result.verdicts) out(`  ${String(v.states).padStart(8)}  ${v.category}: ${v.sentence}`)
  for (const w of loaded.warnings) out(`  ${w}`)
}
