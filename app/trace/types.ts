/** What the worker answers about an imported trace, and the trace as the page keeps it. */
import type { ExploreResult, Granularity } from '../../src/engine'
import type { DeviceSummary, DurableRule, Issue, TraceFormat } from '../../src/formats'
import type { PlayView } from '../data/runView'
import type { Loading } from '../store/types'
import type { TracePayload } from './tracePayload'

/** Traces larger than this are refused before they are read: the page must stay responsive. */
export const MAX_TRACE_BYTES = 64 * 2 ** 20

/** Problems shown per import; the rest are counted. */
export const SHOWN_ISSUES = 5

export type ImportResult =
  | {
      ok: true
      name: string
      bytes: number
      format: TraceFormat
      payload: TracePayload
      devices: DeviceSummary[]
      /** The device the explorer answers for first: the one with the most writes. */
      device: string
      /** The first SHOWN_ISSUES warnings, and how many there are in all. */
      warnings: Issue[]
      warningCount: number
      /** Lines that were neither events nor errors (blkparse's summary, comments). */
      ignored: number
      /** Reading the file, and parsing and pairing it into the timeline payload, in the worker (ms). */
      readMs: number
      parseMs: number
    }
  | {
      ok: false
      name: string
      bytes: number
      format: TraceFormat | null
      /** The first SHOWN_ISSUES errors, and how many the parser found (it stops at MAX_ERRORS). */
      errors: Issue[]
      errorCount: number
      /** The parser stopped collecting: there may be more. */
      capped: boolean
    }

/** Requests are named by their payload id (the timeline's), so the page can point at them. */
export interface DurableGroupRef {
  by: number
  rule: DurableRule
  at: number
  writes: number[]
}

export interface TraceAnswer {
  device: string
  granularity: Granularity
  /** The playhead's event index the question was asked at (the trace's end: its last event). */
  event: number
  /** Nanoseconds after the start of the trace. */
  t: number
  result: ExploreResult
  /** Requests of the device the explorer sees (reads, writes, discards, flushes). */
  requests: number
  unaligned: number
  sectorsPerBlock: number
  groups: DurableGroupRef[]
  uncovered: number[]
  inFlight: number[]
}

export type LoadedTrace = Omit<Extract<ImportResult, { ok: true }>, 'payload' | 'ok'> & {
  /** The import's message id: questions name the trace by it. */
  key: number
  view: PlayView<TracePayload>
}

/** The trace on screen: in memory only, never in the address. */
export interface TraceSession {
  loaded: LoadedTrace
  /** The device the explorer answers for. */
  device: string
  granularity: Granularity
  answer: Loading<TraceAnswer>
}
