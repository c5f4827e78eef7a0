import { performance } from 'node:perf_hooks'
import { runConfig } from '../engine'
import { promiseCheck } from '../engine/explore/checks'
import { Exploration, DEFAULT_OPTIONS } from '../engine/explore/explore'
import { RunStates } from '../engine/explore/models'
import { exploreAt, instantsOf } from '../engine/explore/runExplore'
import { powerLossFromTrace, type TraceRequest } from '../engine/explore/trace'
import { catalogue } from '../scenarios/catalogue'
import { resolveScenario } from '../scenarios/resolve'

/** 2^20 states through the checker: 20 disjoint writes, none covered by a flush, one FUA write promised. */
export function measureTwoPow20(): { ms: number; statesPerS: number; states: number } {
  const trace: TraceRequest[] = Array.from({ length: 20 }, (_, i) => ({ id: i + 1, op: 'write', block: i, count: 1, preflush: false, fua: false, submitT: i, completeT: i + 100 }))
  trace.push({ id: 21, op: 'write', block: 40, count: 1, preflush: false, fua: true, submitT: 0, completeT: 50 })
  const t0 = performance.now()
  // factorize: false walks every state, so this measures enumeration, not the product shortcut.
  const e = new Exploration(powerLossFromTrace(trace, 10_000), { ...DEFAULT_OPTIONS, blockwise: [promiseCheck(trace, 10_000)], factorize: false })
  while (!e.advance(1 << 16));
  const ms = performance.now() - t0
  const states = e.result().states_checked
  return { ms, statesPerS: states / (ms / 1000), states }
}

export interface CrashHere {
  /** Slowest answer per built-in scenario, in ms. */
  per_scenario: Record<string, number>
  ms_max: number
  where: string
  instants_measured: number
  instants_total: number
}

/**
 * The slowest single-instant "crash here" answer (each timed twice, the faster kept) over the built-in scenarios, every variant, power
 * loss and atomic snapshot. Runs with up to `perRun` instants are measured at every instant; longer
 * ones at `perRun` instants spread evenly (the count is reported). The per-run preparation (the
 * promise index) happens once before timing, as it does when the app loads a run.
 */
export function measureCrashHere(perRun = 400): CrashHere {
  const out: CrashHere = { per_scenario: {}, ms_max: 0, where: '', instants_measured: 0, instants_total: 0 }
  for (const entry of catalogue()) {
    for (const v of entry.meta.variants) {
      const s = resolveScenario(entry.file, v.id)
      if (!s.ok) continue
      const states = new RunStates(runConfig(s.value.config, s.value.seed))
      // Loading a run prepares its indexes once (as the app does when a run arrives); not per answer.
      states.promiseCheckAt(0)
      for (const model of ['power-loss', 'atomic-snapshot'] as const) {
        const all = instantsOf(states.run, model)
        const step = Math.max(1, Math.ceil(all.length / perRun))
        out.instants_total += all.length
        for (let k = 0; k < all.length; k += step) {
          const index = all[k] as number
          // The faster of two answers: one collector pause on a shared machine is not the work.
          let ms = Infinity
          for (let k = 0; k < 2; k++) {
            const t0 = performance.now()
            exploreAt(states, index, { ...DEFAULT_OPTIONS, model })
            ms = Math.min(ms, performance.now() - t0)
          }
          out.instants_measured++
          out.per_scenario[entry.meta.id] = Math.max(out.per_scenario[entry.meta.id] ?? 0, Number(ms.toFixed(1)))
          if (ms > out.ms_max) Object.assign(out, { ms_max: ms, where: `${entry.meta.id}/${v.id} ${model} @${index}` })
        }
      }
    }
  }
  return out
}
