import type { RunConfig } from '../config'
import type { LogView } from '../kernel/log'
import { applyEvent } from './apply'
import { cloneState, initialState, type ViewState } from './state'

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
    if (index < this.cursor.index) {
      const k = Math.min(Math.floor(index / this.interval), this.checkpoints.length - 1)
      this.cursor = cloneState(this.checkpoints[k] as ViewState)
    }
    const blocks = this.run.config.stack.deviceBlocks
    const log = this.run.log
    while (this.cursor.index < index) {
      applyEvent(this.cursor, log, this.cursor.index, blocks, this.track === 'all')
      const at = this.cursor.index
      if (at % this.interval === 0 && at / this.interval === this.checkpoints.length) this.checkpoints.push(cloneState(this.cursor))
    }
    return this.cursor
  }
}
