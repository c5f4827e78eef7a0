/**
 * `export <id|file> [--variant V] [--seed N] [--format chrome|blkparse|json] [--out FILE]`: a
 * scenario's run as a Chrome Trace Event file for Perfetto (the default), as blkparse text of its
 * loop device (7,0) and backing disk (8,0) that `import` reads back, or the scenario document
 * itself so that `run FILE` runs it again. To stdout, or to FILE with a line saying what was
 * written. The Chrome trace is written as it is generated, a batch of lines at a time, so a run
 * of 300k requests does not have to fit in memory twice.
 */
import { closeSync, existsSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs'
import { runConfig } from '../engine'
import { blkparseOfRun, chromeTraceBatches, scenarioJson } from '../formats/exportRun'
import { formatErrors, parseScenarioJson, resolveScenario, type ResolvedScenario, type ScenarioFile } from '../scenarios'
import { catalogue, findScenario } from '../scenarios/catalogue'
import { intOption, stringOption, UsageError, type Args } from './args'
import type { Out } from './commands'

export const EXPORT_FORMATS = ['chrome', 'blkparse', 'json'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const EXPORT_USAGE = `  export <id|file> [--variant V] [--seed N] [--format chrome|blkparse|json] [--out FILE]
                                                  the run as a Chrome trace for ui.perfetto.dev (default),
                                                  as blkparse text of loop0 (7,0) and its disk (8,0), or
                                                  the scenario file itself (run it again with run FILE)`

/** The scenario document an id or a file names, checked and migrated to the current version. */
function scenarioFileOf(target: string): ScenarioFile {
  if (existsSync(target)) {
    const parsed = parseScenarioJson(readFileSync(target, 'utf8'))
    if (!parsed.ok) throw new UsageError(`${target} is not a valid scenario:\n${formatErrors(parsed.errors)}`)
    return parsed.value
  }
  const entry = findScenario(target)
  if (!entry) {
    const ids = catalogue().map((e) => e.meta.id)
    throw new UsageError(`no scenario or file named ${JSON.stringify(target)}; built-in scenarios: ${ids.join(', ')}`)
  }
  return entry.file
}

function formatOption(args: Args): ExportFormat {
  const f = stringOption(args, 'format') ?? 'chrome'
  if (!(EXPORT_FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, got ${JSON.stringify(f)}`)
  return f as ExportFormat
}

/** Writes batches to FILE (each followed by a newline) or to `out` (which ends each call with one). */
function emit(chunks: Iterable<string>, file: string | undefined, out: Out): number {
  let bytes = 0
  if (file === undefined) {
    for (const c of chunks) {
      out(c)
      bytes += Buffer.byteLength(c) + 1
    }
    return bytes
  }
  const fd = writing(file, () => openSync(file, 'w'))
  try {
    for (const c of chunks) {
      const text = `${c}\n`
      writing(file, () => writeSync(fd, text))
      bytes += Buffer.byteLength(text)
    }
  } finally {
    closeSync(fd)
  }
  return bytes
}

/** A file that cannot be written is the user's to fix: say so instead of a stack trace. */
function writing<T>(file: string, f: () => T): T {
  try {
    return f()
  } catch (e) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') throw new UsageError(`cannot write ${file}: ${(e as Error).message}`)
    throw e
  }
}

export function exportCommand(args: Args, out: Out): number {
  const target = args.positional[0]
  if (target === undefined) throw new UsageError('export needs a scenario id or a scenario file')
  const format = formatOption(args)
  const variant = stringOption(args, 'variant')
  const seed = intOption(args, 'seed')
  const file = stringOption(args, 'out')
  const doc = scenarioFileOf(target)
  const resolved = resolveScenario(doc, variant, seed)
  if (!resolved.ok) throw new UsageError(formatErrors(resolved.errors))
  const scenario: ResolvedScenario = resolved.value
  const what = `${scenario.meta.id} / ${scenario.variant}`

  if (format === 'json') {
    if (seed !== undefined) throw new UsageError('--seed applies to chrome and blkparse exports; a scenario file carries its own seeds (its variants may patch them)')
    const text = scenarioJson(doc, variant)
    if (file === undefined) out(text)
    else {
      writing(file, () => writeFileSync(file, `${text}\n`))
      out(`wrote scenario ${scenario.meta.id} (${Buffer.byteLength(text) + 1} bytes) to ${file}`)
    }
    return 0
  }

  const run = runConfig(scenario.config, scenario.seed)
  if (format === 'chrome') {
    const bytes = emit(chromeTraceBatches(run, { scenario: scenario.meta.id, variant: scenario.variant }), file, out)
    if (file !== undefined) out(`wrote the Chrome trace of ${what} seed ${scenario.seed} (${run.requests.length - 1} requests, ${bytes} bytes) to ${file}; open it at https://ui.perfetto.dev`)
    return 0
  }

  const { text, lines } = blkparseOfRun(run)
  const body = text.endsWith('\n') ? text.slice(0, -1) : text
  if (file === undefined) {
    if (body !== '') out(body)
    return 0
  }
  writing(file, () => writeFileSync(file, text))
  out(`wrote blkparse text of ${what} seed ${scenario.seed} (${lines} lines, ${Buffer.byteLength(text)} bytes) to ${file}`)
  return 0
}
