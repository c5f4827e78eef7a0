import { runConfig } from '../engine'
import { MODELS, type Granularity, type ModelName } from '../engine/explore/input'
import { RunStates } from '../engine/explore/models'
import { eventIndexOf, exploreAt, exploreEvery, type At, type RunExploreOptions } from '../engine/explore/runExplore'
import { parseTime } from '../scenarios'
import { intOption, stringOption, UsageError, type Args } from './args'
import type { Out } from './commands'
import { isTraceFile, exploreTraceCommand } from './importCmd'
import { loadScenario } from './load'

function parseAt(text: string | undefined): At {
  if (text === undefined || text === 'end') return 'end'
  if (text === 'every') return 'every'
  if (/^@\d+$/.test(text)) return { event: Number(text.slice(1)) }
  const t = parseTime(/^\d+$/.test(text) ? Number(text) : text)
  if (!t.ok) throw new UsageError(`--at takes end, every, @<event index> or a time such as 5ms: ${t.message}`)
  return { t: t.value }
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`)
  return value as T
}

/** `explore <id|file> [--variant V] [--seed N] [--at T|end|every|@N] [--model M] [--granularity G]`. */
export function exploreCommand(args: Args, out: Out): void {
  const target = args.positional[0]
  if (target === undefined) throw new UsageError('explore needs a scenario id or a scenario file')
  if (isTraceFile(target)) return exploreTraceCommand(args, out)
  const scenario = loadScenario(target, stringOption(args, 'variant'), intOption(args, 'seed'))
  const at = parseAt(stringOption(args, 'at'))
  const opts: RunExploreOptions = {
    model: oneOf<ModelName>('model', stringOption(args, 'model'), MODELS, 'power-loss'),
    granularity: oneOf<Granularity>('granularity', stringOption(args, 'granularity'), ['write', 'sector'], 'write'),
    budget: intOption(args, 'budget') ?? 2 ** 20,
    samples: intOption(args, 'samples') ?? 4096,
    seed: scenario.seed,
    examplesPerVerdict: 2,
  }
  const run = runConfig(scenario.config, scenario.seed)
  const states = new RunStates(run)
  const head = { scenario: scenario.meta.id, variant: scenario.variant, seed: scenario.seed, at: typeof at === 'string' ? at : at }
  let index = -1
  if (at !== 'every') {
    try {
      index = eventIndexOf(run, at)
    } catch (e) {
      if (e instanceof RangeError) throw new UsageError(`--at: ${e.message} (this run has ${run.events} events)`)
      throw e
    }
  }
  const result = at === 'every' ? exploreEvery(states, opts) : exploreAt(states, index, opts)
  if (args.options.has('json')) {
    out(JSON.stringify({ ...head, ...result }, null, 2))
    return
  }
  out(`${head.scenario} / ${head.variant}  seed ${head.seed}  ${opts.model}, ${opts.granularity} granularity`)
  out(`  ${result.states_total.toLocaleString('en')} states (${result.formula}); ${result.coverage}`)
  out(`  ${result.inconsistent} inconsistent distinct states`)
  for (const v of result.verdicts) out(`  ${String(v.states).padStart(8)}  ${v.category}: ${v.sentence}`)
  if ('instants' in result) {
    const bad = result.instants.filter((i) => i.inconsistent > 0)
    out(`  ${result.instants.length} instants, ${bad.length} with inconsistent states${bad.length > 0 ? `, first at ${bad[0]?.t} ns (event ${bad[0]?.event})` : ''}`)
  }
}
