/** Messages between the page and the engine worker. Plain, structured-cloneable data only. */
import type { ExploreResult, ModelName, Granularity } from '../../src/engine'
import type { RunPayload } from '../data/payload'

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

export interface CancelMessage {
  type: 'cancel'
  id: number
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

export type ToWorker = RunMessage | AskMessage | SurveyMessage | ExportMessage | CancelMessage

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
  | { type: 'exported'; id: number; file: ExportedFile }
  | { type: 'cancelled'; id: number }
  | { type: 'error'; id: number; message: string }
