import { runConfig, RunStates, type RunResult } from '../engine'
import { narrate } from '../engine/explore/narrate'
import { catalogue } from '../scenarios/catalogue'
import { intOption, stringOption, UsageError, type Args } from './args'
import { compactOption } from './compact'
import { loadScenario } from './load'

export type Out = (text: string) => void

/** `list`: scenario ids with their variants. */
export function listCommand(args: Args, out: Out): void {
  const entries = catalogue().map((e) => ({
    id: e.meta.id,
    title: e.meta.title,
    source: e.meta.source,
    variants: e.meta.variants.map((v) => v.id),
  }))
  if (args.options.has('json')) {
    out(JSON.stringify({ scenarios: entries }, null, 2))
    return
  }
  for (const e of entries) out(`${e.id.padEnd(16)} ${e.variants.join(', ').padEnd(44)} ${e.title}`)
}

/** `run <id|file> [--variant V] [--seed N]` (or `run --compact TEXT`): event count, log hash, verdicts and metrics. */
export function runCommand(args: Args, out: Out): void {
  const target = args.positional[0]
  const compact = compactOption(args)
  if (target === undefined && compact === undefined) throw new UsageError('run needs a scenario id, a scenario file or --compact "<text>"')
  const scenario = loadScenario(compact ?? (target as string), stringOption(args, 'variant'), intOption(args, 'seed'))
  const result = runConfig(scenario.config, scenario.seed)
  const narration = narrate(new RunStates(result), scenario.meta.narration, scenario.variant)
  const summary = { ...summarize(scenario.meta.id, scenario.variant, result), source: scenario.meta.source, narration }
  if (args.options.has('json')) {
    out(JSON.stringify(summary, null, 2))
    return
  }
  out(`${summary.scenario} / ${summary.variant}  seed ${summary.seed}`)
  out(`  ${summary.events} events, hash ${summary.hash}, ended: ${summary.stop}, simulated ${(summary.metrics.duration_ns / 1e6).toFixed(3)} ms`)
  for (const v of summary.verdicts) out(`  ${v.ok ? 'ok  ' : 'FAIL'} ${v.check}: ${v.detail}`)
  const m = summary.metrics
  out(
    `  guest cache peak ${m.guest_cache_peak_bytes} B, host cache peak ${m.host_cache_peak_bytes} B, worker wake-ups ${m.worker_wakeups}, ${m.iops} IOPS, DIO ${m.dio_effective ? 'on' : 'off'}`,
  )
  if (narration.length > 0) out(`  source: ${scenario.meta.source}`)
  for (const step of narration) {
    const where = step.event === null ? 'never reached' : `event ${step.event}, ${step.t} ns`
    out(`  [${where}] ${step.text}${step.kernel ? `  (${step.kernel})` : ''}`)
    if (!step.question) continue
    out(`      Q: ${step.question.prompt}`)
    step.question.choices.forEach((c, i) => out(`         ${String.fromCharCode(65 + i)}. ${c}`))
    out(`      A: ${step.question.correct.map((i) => String.fromCharCode(65 + i)).join(', ')}: ${step.question.explanation}`)
  }
}

export function summarize(id: string, variant: string, r: RunResult) {
  return {
    scenario: id,
    variant,
    seed: r.seed,
    events: r.events,
    hash: r.hash,
    stop: r.stop,
    verdicts: r.verdicts,
    metrics: r.metrics,
    labels: r.labels,
  }
}
