/** Messages between the page and the crash-explorer worker. Plain data only. */
import type { ExploreResult } from '../../src/engine'

export interface AskMessage {
  type: 'ask'
  id: number
  /** A built-in scenario id, or a scenario document (validated in the worker). */
  scenario: string | object
  variant?: string
  /** States per slice between looks at the message queue (default 8192). */
  slice?: number
  model: 'power-loss' | 'block-snapshot' | 'atomic-snapshot' | 'fuzzy-copy'
  /** Event index of the instant, or 'end'. */
  event: number | 'end'
  granularity?: 'write' | 'sector'
}

export interface CancelMessage {
  type: 'cancel'
  id: number
}

export type ToWorker = AskMessage | CancelMessage

export type FromWorker =
  | { type: 'progress'; id: number; checked: number; of: number }
  | { type: 'result'; id: number; result: ExploreResult }
  | { type: 'cancelled'; id: number }
  | { type: 'error'; id: number; message: string }
