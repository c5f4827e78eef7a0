/**
 * What the command line's `export` and the app's Export menu share: the scenario document as a
 * file that runs again, a run's Chrome trace as text in batches of lines, and a run's blkparse
 * text. Both sides write the same bytes; only where they go differs (a file or stdout, a Blob).
 */
import { type RunResult } from '../engine'
import type { ScenarioFile } from '../scenarios'
import { writeBlkparse } from './blkparseWrite'
import { chromeTraceLines, endOfRun, type ChromeTraceMeta } from './chromeTrace'
import { traceOf } from './fromRun'

/** Lines per batch: big enough to keep writes few, small enough to keep memory flat. */
export const BATCH_LINES = 4096

/**
 * The document as given, except that the variant asked for goes first among the variants, so
 * that running the file without naming a variant runs the one that was exported.
 */
export function scenarioDocument(file: ScenarioFile, variant: string | undefined): ScenarioFile {
  if (variant === undefined || !file.variants) return file
  const chosen = file.variants.find((v) => v.id === variant)
  if (!chosen) return file
  return { ...file, variants: [chosen, ...file.variants.filter((v) => v !== chosen)] }
}

/** The scenario document pretty-printed (two spaces), without a final newline. */
export function scenarioJson(file: ScenarioFile, variant: string | undefined): string {
  return JSON.stringify(scenarioDocument(file, variant), null, 2)
}

/** Text as lines, in batches: each batch is lines joined by "\n", without a final newline. */
export function* batches(lines: Iterable<string>, size = BATCH_LINES): Generator<string> {
  let batch: string[] = []
  for (const line of lines) {
    batch.push(line)
    if (batch.length >= size) {
      yield batch.join('\n')
      batch = []
    }
  }
  if (batch.length > 0) yield batch.join('\n')
}

/** The Chrome trace of a run in batches of lines; joined with "\n" they are the whole JSON. */
export function chromeTraceBatches(run: RunResult, meta: ChromeTraceMeta, size = BATCH_LINES): Generator<string> {
  return batches(chromeTraceLines(run, meta), size)
}

/**
 * How far into the run a batch of Chrome trace lines has come, from 0 to 1: the ts of its last
 * event over the run's end. Events come out in time order and every event line starts with its
 * phase and then its ts (chromeTrace.ts), so reading the last event line is enough. 0 when the
 * batch has no event line after its first (the header).
 */
export function batchProgress(batch: string, run: RunResult): number {
  const at = batch.lastIndexOf('\n{"ph":')
  const m = /^\{"ph":"[A-Za-z]","ts":([0-9.e+-]+)/.exec(batch.slice(at + 1, at + 64))
  if (!m) return 0
  const end = endOfRun(run) / 1000
  return end > 0 ? Math.max(0, Math.min(1, Number(m[1]) / end)) : 1
}

export interface BlkparseExport {
  /** The whole text, ending with a newline unless empty. */
  text: string
  lines: number
}

/** The run's loop device (7,0) and backing disk (8,0) as blkparse's default text. */
export function blkparseOfRun(run: RunResult): BlkparseExport {
  const text = writeBlkparse(traceOf(run)).text
  let lines = 0
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++
  return { text, lines }
}
