import { tmpdir } from 'node:os'
import { planCapture } from '../capture/plan'
import { runCapture, type CaptureOptions, type FailPhase, type LayoutChoice } from '../capture/run'
import { nodeSys, type Sys } from '../capture/sys'
import { parseArgs, stringOption, UsageError, type Args } from './args'
import type { Out } from './commands'
import { loadScenario } from './load'

export const CAPTURE_USAGE = `  capture <id|file> [--variant V] [--out FILE] [--json] [--layout auto|direct|nested]
          [--dir DIR] [--dry-run]             run the workload on a real loop device (root) and
                                                  record the block tracepoints: FILE (default
                                                  capture-<id>-<variant>.trace) and FILE.json`

/** Options of capture that take a value (args.ts knows only the shared ones). */
const CAPTURE_VALUED = new Set(['layout', 'dir', 'fail-at'])

/** `--layout nested` → `--layout=nested`, so the shared parser keeps the value. */
export function parseCaptureArgs(argv: readonly string[]): Args {
  const joined: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string
    const next = argv[i + 1]
    if (a.startsWith('--') && !a.includes('=') && CAPTURE_VALUED.has(a.slice(2)) && next !== undefined && !next.startsWith('--')) {
      joined.push(`${a}=${next}`)
      i++
    } else joined.push(a)
  }
  return parseArgs(joined)
}

const LAYOUTS: readonly LayoutChoice[] = ['auto', 'direct', 'nested']
const FAIL_PHASES: readonly FailPhase[] = ['setup', 'workload', 'save']

export interface CaptureRequest {
  target: string
  variant: string | undefined
  out: string | undefined
  json: boolean
  dryRun: boolean
  layout: LayoutChoice
  dir: string
  failAt: FailPhase | null
}

export function captureRequest(args: Args): CaptureRequest {
  const target = args.positional[0]
  if (target === undefined) throw new UsageError('capture needs a scenario id or a scenario file')
  if (args.positional.length > 1) throw new UsageError(`capture takes one scenario, got ${args.positional.join(' ')}`)
  const layout = stringOption(args, 'layout') ?? 'auto'
  if (!(LAYOUTS as readonly string[]).includes(layout)) {
    throw new UsageError(`--layout must be one of ${LAYOUTS.join(', ')}, got ${JSON.stringify(layout)}`)
  }
  const failAt = stringOption(args, 'fail-at') ?? null
  if (failAt !== null && !(FAIL_PHASES as readonly string[]).includes(failAt)) {
    throw new UsageError(`--fail-at must be one of ${FAIL_PHASES.join(', ')}, got ${JSON.stringify(failAt)}`)
  }
  return {
    target,
    variant: stringOption(args, 'variant'),
    out: stringOption(args, 'out'),
    json: args.options.has('json'),
    dryRun: args.options.has('dry-run'),
    layout: layout as LayoutChoice,
    dir: stringOption(args, 'dir') ?? tmpdir(),
    failAt: failAt as FailPhase | null,
  }
}

/**
 * `capture`: exit code 0 done, 1 failed during the capture (everything made was undone),
 * 2 bad usage or this machine cannot capture (not root, no loop driver, no tracefs, missing
 * programs), 130 interrupted.
 */
export function captureCommand(argv: readonly string[], out: Out, err: Out, sys: Sys = nodeSys()): number {
  const req = captureRequest(parseCaptureArgs(argv))
  const scenario = loadScenario(req.target, req.variant)
  const id = scenario.meta.id
  if (req.dryRun) {
    const plan = planCapture(id, scenario.variant, scenario.config)
    out(JSON.stringify(plan, null, 2))
    return 0
  }
  const file = req.out ?? `capture-${id}-${scenario.variant}.trace`
  const opts: CaptureOptions = {
    out: file,
    layout: req.layout,
    dir: req.dir,
    failAt: req.failAt,
    log: req.json ? () => {} : out,
    handleSignals: true,
    nodePath: process.execPath,
  }
  const command = ['loopscope', 'capture', ...argv].join(' ')
  const result = runCapture({ id, variant: scenario.variant, config: scenario.config }, opts, sys, command)
  if (result.code !== 0) {
    err(`loopscope capture: ${result.message ?? 'failed'}`)
    for (const c of result.cleanup) if (!c.ok) err(`  cleanup: ${c.name} failed: ${c.error}`)
    if (result.leftovers.length > 0) err(`  left behind: ${result.leftovers.join(', ')}`)
    else if (result.cleanup.length > 0) err('  everything capture made was undone')
    return result.code
  }
  const side = result.sidecar
  if (side === null) return 1
  if (req.json) {
    out(JSON.stringify(side, null, 2))
  } else {
    for (const f of side.figures.pageCache ?? []) {
      out(`  page cache, ${f.phase}: data ${f.dataBytes} B, guest ${f.guestCachedBytes ?? '?'} B, host ${f.hostCachedBytes ?? '?'} B, ratio ${f.ratio ?? '?'}`)
    }
    for (const p of side.figures.dioAlignment ?? []) {
      out(
        `  DIO with ${p.logicalBlockSize}-byte loop blocks over a ${p.backingMinDio ?? '?'}-byte backing: after configure dio=${p.dioAfterConfigure ?? '?'}; LOOP_SET_DIRECT_IO: status ${p.setDirectIo.status}, ${p.setDirectIo.message}, dio=${p.setDirectIo.dioAfter ?? '?'}`,
      )
    }
    for (const s of side.workload.steps) {
      const what = `${s.thread ? `${s.thread}: ` : ''}${s.op}${s.label ? ` ${s.label}` : ''}`
      if (s.skipped !== null) out(`  step ${s.index} ${what}: skipped (${s.skipped})`)
      else if (s.status !== 0) out(`  step ${s.index} ${what}: status ${s.status}${s.error ? ` (${s.error})` : ''}`)
    }
    if (side.leftovers.length > 0) out(`  left behind: ${side.leftovers.join(', ')}`)
    out(`  wrote ${file} and ${file}.json`)
  }
  return side.leftovers.length > 0 ? 1 : 0
}
