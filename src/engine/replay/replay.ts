import type { RunConfig } from '../config'
import type { LogView } from '../kernel/log'
import { applyEvent } from './apply'
import { cloneState, initialState, type ViewState } from './state'

/** Events worth folding rather than copying a checkpoint to skip them. */
const CLONE_COST_EVENTS = 4096

/**
 * Random access to the state at any event index of a finished run. States are rebuilt by folding
 * the log from the nearest checkpoint at or before the index; checkpoints are taken every
 * `interval` events on the way forward, so scrubbing backward costs at most one interval.
 */
export class Replay {
  private readonly checkpoints: ViewState[] = []
  private cursor: ViewState
  readonly interval: number

  constructor(
    private readonly run: { config: RunConfig; log: LogView },
    interval?: number,
    /** 'storage' skips the per-version block map (the explorer needs caches, media and extents only). */
    private readonly track: 'all' | 'storage' = 'all',
  ) {
    this.interval = interval ?? Math.max(512, Math.ceil(run.log.length / 256))
    this.cursor = initialState(run.config)
    this.checkpoints.push(cloneState(this.cursor))
  }

  /** State after the first `index` events (0: before any event). The result is shared: do not mutate it. */
  seek(index: number): ViewState {
    const n = this.run.log.length
    if (!Number.isInteger(index) || index < 0 || index > n) throw new RangeError(`event index ${index} outside 0..${n}`)
    // Start from the nearest checkpoint at or before the index, unless folding on from the
    // cursor is cheaper (copying a checkpoint costs about as much as folding a few thousand events).
    const k = Math.min(Math.floor(index / this.interval), this.checkpoints.length - 1)
    const nearest = this.checkpoints[k] as ViewState
    if (index < this.cursor.index || nearest.index - this.cursor.index > CLONE_COST_EVENTS) this.cursor = cloneState(nearest)
    this.fold(this.cursor, index)
    return this.cursor
  }

  /**
   * Builds checkpoints ahead of time, at most `events` log records per call, without moving the
   * cursor; a page calls it while idle so that a later far seek folds one interval at most.
   * Returns true once every checkpoint exists.
   */
  warm(events: number): boolean {
    const n = this.run.log.length
    const last = this.checkpoints[this.checkpoints.length - 1] as ViewState
    if (this.warming === null || this.warming.index < last.index) this.warming = cloneState(last)
    this.fold(this.warming, Math.min(n, this.warming.index + events))
    if (this.warming.index >= n) this.warming = null
    return this.warming === null && Math.floor(n / this.interval) < this.checkpoints.length
  }

  private warming: ViewState | null = null

  private fold(s: ViewState, index: number): void {
    const blocks = this.run.config.stack.deviceBlocks
    const log = this.run.log
    const versions = this.track === 'all'
    while (s.index < index) {
      applyEvent(s, log, s.index, blocks, versions)
      const at = s.index
      if (at % this.interval === 0 && at / this.interval === this.checkpoints.length) this.checkpoints.push(cloneState(s))
    }
  }
}
