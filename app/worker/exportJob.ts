/**
 * The worker's side of the Export menu: a run as a Chrome trace (for Perfetto) or as blkparse
 * text, built from the run the worker already holds, with the same code as the command line's
 * `export` (src/formats/exportRun.ts), into a Blob the page saves. The Chrome trace of a large
 * run is over 100 MB, so it is built in slices of about 50 ms: between slices the worker reads
 * its messages (a cancel stops the job) and reports how far into the run it has come. blkparse
 * text is sorted as a whole (a few seconds for the largest built-in) and comes in one piece.
 */
import type { RunResult } from '../../src/engine'
import { batchProgress, blkparseOfRun, chromeTraceBatches } from '../../src/formats/exportRun'
import type { ScenarioMeta } from '../../src/scenarios'
import { fileSink, type FileSink } from '../export/fileSink'
import type { ExportMessage, FromWorker } from './protocol'

export interface ExportSource {
  run: RunResult
  meta: ScenarioMeta
  variant: string
}

export interface WorkerIo {
  post(m: FromWorker): void
  /** True (once) when the page cancelled job `id`. */
  cancelled(id: number): boolean
}

/** Work per slice before the worker looks at its messages again. */
const SLICE_MS = 50
/** Progress is reported in thousandths. */
const OF = 1000

export function exportJob(m: ExportMessage, src: ExportSource, io: WorkerIo): void {
  const t0 = performance.now()
  const fail = (e: unknown): void => io.post({ type: 'error', id: m.id, message: `the file could not be made: ${e instanceof Error ? e.message : String(e)}` })
  const finish = async (sink: FileSink): Promise<void> => {
    try {
      const blob = await sink.finish()
      io.post({ type: 'exported', id: m.id, file: { blob, raw: sink.raw, ms: Math.round(performance.now() - t0) } })
    } catch (e) {
      fail(e)
    }
  }
  if (m.format === 'blkparse') {
    const sink = fileSink('text/plain', m.gzip === true)
    sink.write(blkparseOfRun(src.run).text)
    void finish(sink)
    return
  }
  const sink = fileSink('application/json', m.gzip === true)
  const parts = chromeTraceBatches(src.run, { scenario: src.meta.id, variant: src.variant })
  const slice = async (): Promise<void> => {
    // A compressor that falls behind holds the batches in memory: let it catch up first.
    await sink.drained()
    if (io.cancelled(m.id)) {
      io.post({ type: 'cancelled', id: m.id })
      return
    }
    const until = performance.now() + SLICE_MS
    for (;;) {
      const batch = parts.next()
      if (batch.done) {
        await finish(sink)
        return
      }
      // Each batch comes without its final newline, as the command line writes them.
      sink.write(`${batch.value}\n`)
      if (performance.now() >= until) {
        io.post({ type: 'progress', id: m.id, checked: Math.round(batchProgress(batch.value, src.run) * OF), of: OF })
        setTimeout(next, 0)
        return
      }
    }
  }
  const next = (): void => void slice().catch(fail)
  next()
}
