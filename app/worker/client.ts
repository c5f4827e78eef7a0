/** The page's side of the engine worker: run, ask, survey; watch progress; cancel. */
import type { Granularity, ModelName } from '../../src/engine'
import type { RunPayload } from '../data/payload'
import type { PracticeKind } from '../../src/practice/kinds'
import type { Problem } from '../../src/practice/types'
import type { ImportResult, TraceAnswer } from '../trace/types'
import type { CrashAnswer, ExportedFile, ExportMessage, FromWorker, ScenarioRef, SurveyResult, ToWorker, TraceAskMessage } from './protocol'

export type Outcome<T> = T | 'cancelled'

export interface Job<T> {
  result: Promise<Outcome<T>>
  cancel(): void
}

type Progress = (checked: number, of: number) => void

interface Pending {
  resolve: (r: unknown) => void
  reject: (e: Error) => void
  progress: Progress | undefined
}

type Ask = { scenario: ScenarioRef; variant?: string; model: ModelName; event: number | 'end'; granularity?: Granularity; slice?: number }

export class EngineClient {
  private readonly worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' })
  private next = 1
  private readonly pending = new Map<number, Pending>()

  constructor() {
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data)
    this.worker.onerror = (e) => {
      // A worker that fails to load fails every question it holds, with the reason.
      for (const p of this.pending.values()) p.reject(new Error(e.message || 'the engine worker stopped'))
      this.pending.clear()
    }
  }

  run(scenario: ScenarioRef, variant?: string): Job<RunPayload> {
    return this.send<RunPayload>((id) => ({ type: 'run', id, scenario, ...(variant === undefined ? {} : { variant }) }))
  }

  ask(q: Ask, progress?: Progress): Job<CrashAnswer> {
    return this.send<CrashAnswer>((id) => ({ type: 'ask', id, ...q }), progress)
  }

  survey(scenario: ScenarioRef, variant: string | undefined, model: ModelName, progress?: Progress): Job<SurveyResult> {
    return this.send<SurveyResult>((id) => ({ type: 'survey', id, scenario, model, ...(variant === undefined ? {} : { variant }) }), progress)
  }

  /** The practice problem for a seed (kind null: the seed's own pick). */
  problem(seed: number, kind: PracticeKind | null): Job<Problem> {
    return this.send<Problem>((id) => ({ type: 'problem', id, seed, kind }))
  }

  /** Reads and imports a block trace in the worker. */
  importTrace(file: Blob, name: string): Job<ImportResult> & { id: number } {
    return this.send<ImportResult>((id) => ({ type: 'import', id, file, name }))
  }

  /** The import's id, for questions about that trace. */
  askTrace(q: Omit<TraceAskMessage, 'type' | 'id'>, progress?: Progress): Job<TraceAnswer> {
    return this.send<TraceAnswer>((id) => ({ type: 'trace-ask', id, ...q }), progress)
  }

  /** A run as a Chrome trace or blkparse text; progress counts to 1000 (0 of 0: no estimate yet). */
  exportFile(q: Omit<ExportMessage, 'type' | 'id'>, progress?: Progress): Job<ExportedFile> {
    return this.send<ExportedFile>((id) => ({ type: 'export', id, ...q }), progress)
  }

  terminate(): void {
    this.worker.terminate()
  }

  private send<T>(make: (id: number) => ToWorker, progress?: Progress): Job<T> & { id: number } {
    const id = this.next++
    const result = new Promise<Outcome<T>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject, progress })
    })
    this.worker.postMessage(make(id))
    return { id, result, cancel: () => this.worker.postMessage({ type: 'cancel', id } satisfies ToWorker) }
  }

  private receive(m: FromWorker): void {
    const p = this.pending.get(m.id)
    if (!p) return
    if (m.type === 'progress') {
      p.progress?.(m.checked, m.of)
      return
    }
    this.pending.delete(m.id)
    if (m.type === 'error') p.reject(new Error(m.message))
    else if (m.type === 'cancelled') p.resolve('cancelled')
    else if (m.type === 'run') p.resolve(m.run)
    else if (m.type === 'problem') p.resolve(m.problem)
    else if (m.type === 'exported') p.resolve(m.file)
    else p.resolve(m.result)
  }
}
