import { performance } from 'node:perf_hooks'
import { runConfig } from '../engine'
import { importTrace } from '../formats'
import { blkparseOfRun } from '../formats/exportRun'
import { findScenario } from '../scenarios/catalogue'
import { resolveScenario } from '../scenarios/resolve'

/** The run whose blkparse export is imported: the largest built-in one (loop0 and its disk). */
export const IMPORT_BENCH_RUN = { scenario: 'double-cache', variant: 'buffered' }

export interface ImportBench {
  /** Which run's export was imported, "scenario/variant". */
  trace: string
  bytes: number
  lines: number
  requests: number
  /** Median of `ms_all`: each the whole of importTrace (detect, parse, pair) on the text. */
  ms: number
  ms_all: number[]
  /** Decimal megabytes (10^6 bytes) per second, at the median. */
  mb_per_s: number
  lines_per_s: number
}

/** The blkparse text of the bench run, as `export double-cache --variant buffered --format blkparse` writes it. */
export function importBenchText(): { text: string; lines: number } {
  const entry = findScenario(IMPORT_BENCH_RUN.scenario)
  if (!entry) throw new Error(`no built-in scenario ${IMPORT_BENCH_RUN.scenario}`)
  const s = resolveScenario(entry.file, IMPORT_BENCH_RUN.variant)
  if (!s.ok) throw new Error(`${IMPORT_BENCH_RUN.scenario}/${IMPORT_BENCH_RUN.variant} does not resolve`)
  return blkparseOfRun(runConfig(s.value.config, s.value.seed))
}

/**
 * `import` of a generated blkparse trace, timed `runs` times in this process; the median is
 * reported, since one collector pause on a shared machine is not the work. The first run is a
 * cold start, as a person's one import of a file is.
 */
export function measureImport(runs = 3): ImportBench {
  const { text, lines } = importBenchText()
  const bytes = Buffer.byteLength(text)
  const ms_all: number[] = []
  let requests = 0
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now()
    const r = importTrace(text)
    ms_all.push(performance.now() - t0)
    if (!r.ok) throw new Error(`the bench trace does not import: ${r.errors[0]?.message ?? ''}`)
    requests = r.trace.devices.reduce((n, d) => n + d.requests.length, 0)
  }
  const ms = [...ms_all].sort((a, b) => a - b)[Math.floor(runs / 2)] as number
  return {
    trace: `${IMPORT_BENCH_RUN.scenario}/${IMPORT_BENCH_RUN.variant}`,
    bytes,
    lines,
    requests,
    ms,
    ms_all,
    mb_per_s: bytes / 1e6 / (ms / 1000),
    lines_per_s: lines / (ms / 1000),
  }
}
