/** Messages between the page and the engine worker. Plain, structured-cloneable data only. */
import type { ExploreResult, ModelName, Granularity } from '../../src/engine'
import type { RunPayload } from '../data/payload'
import type { PracticeKind } from '../../src/practice/kinds'
import type { Problem } from '../../src/practice/types'
import type { ImportResult, TraceAnswer } from '../trace/types'

/** A built-in scenario id, or a scenario document (validated in the worker). */
export type ScenarioRef = string | object

export interface RunMessage {
  type: 'run'
  id: number
  scenario: ScenarioRef
  variant?: string
}

export interface AskMessage {
  type: 'ask'
  id: number
  scenario: ScenarioRef
  variant?: string
  /** States per slice between looks at the message queue (default 8192). */
  slice?: number
  model: ModelName
  /** Event index of the instant, or 'end'. */
  event: number | 'end'
  granularity?: Granularity
}

/** "Where are the bad instants?": a quick exploration of many instants for the overview strip. */
export interface SurveyMessage {
  type: 'survey'
  id: number
  scenario: ScenarioRef
  variant?: string
  model: ModelName
}

/** A practice problem for a seed; kind null: the kind the seed picks. */
export interface ProblemMessage {
  type: 'problem'
  id: number
  seed: number
  kind: PracticeKind | null
}

export interface CancelMessage {
  type: 'cancel'
  id: number
}

/** Read and import a block trace (the file is read in the worker, never on the page). */
export interface ImportMessage {
  type: 'import'
  id: number
  file: Blob
  name: string
}

/** "Crash here" on the imported trace: power loss on one device at a time since its start. */
export interface TraceAskMessage {
  type: 'trace-ask'
  id: number
  /** The import (its message id) the question is about. */
  trace: number
  device: string
  /** Nanoseconds after the start of the trace, or its end. */
  t: number | 'end'
  /** The playhead's event index, echoed in the answer. */
  event: number
  granularity: Granularity
}

/** A run as a file: built in the worker (exportJob.ts), handed back as a Blob. */
export interface ExportMessage {
  type: 'export'
  id: number
  scenario: ScenarioRef
  variant?: string
  format: 'chrome' | 'blkparse'
  gzip?: boolean
}

export interface ExportedFile {
  blob: Blob
  /** Bytes before compression (equal to blob.size without gzip). */
  raw: number
  /** Milliseconds the worker spent building it. */
  ms: number
}

export type ToWorker = RunMessage | AskMessage | SurveyMessage | ProblemMessage | ImportMessage | TraceAskMessage | ExportMessage | CancelMessage

/** A crash question's answer, with the base image its example states are told against. */
export type CrashAnswer = ExploreResult & {
  /** Per guest block: the version every state starts from; an example's `changed` overrides it. */
  base: Int32Array
}

/** One surveyed instant: how many states a crash there can leave, and how many are bad. */
export interface SurveyPoint {
  event: number
  t: number
  states: number
  inconsistent: number
}

export interface SurveyResult {
  model: ModelName
  points: SurveyPoint[]
  /** Instants where the state set can change, of which `points` is an even sample. */
  instants: number
}

export type FromWorker =
  | { type: 'progress'; id: number; checked: number; of: number }
  | { type: 'run'; id: number; run: RunPayload }
  | { type: 'result'; id: number; result: CrashAnswer }
  | { type: 'survey'; id: number; result: SurveyResult }
  | { type: 'problem'; id: number; problem: Problem }
  | { type: 'imported'; id: number; result: ImportResult }
  | { type: 'trace-answer'; id: number; result: TraceAnswer }
  | { type: 'exported'; id: number; file: ExportedFile }
  | { type: 'cancelled'; id: number }
  | { type: 'error'; id: number; message: string }
