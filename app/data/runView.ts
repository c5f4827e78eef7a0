/**
 * A finished run as the page sees it: the worker's payload, a Replay over its log for the state at
 * any event index, and the indexes that playback and the timeline look things up in. An imported
 * trace is a PlayView without the Replay: it has no stack to fold.
 */
import { Replay, type ViewState } from '../../src/engine'
import { upperBound } from './bisect'
import type { Jumps } from './jumps'
import type { RunPayload, TimelinePayload } from './payload'

/** Keep replay checkpoints under about this many bytes, whatever the device size. */
const CHECKPOINT_BYTES = 96 * 2 ** 20
/** Bytes a checkpoint holds per device block (every per-block array of a ViewState). */
const BYTES_PER_BLOCK = 36

/**
 * What playback and the timeline need of anything with an event log: its length, its duration,
 * time ↔ index, and the jump targets. An imported trace is one; an engine run is one with a
 * Replay on top (RunView).
 */
export class PlayView<P extends TimelinePayload = TimelinePayload> {
  readonly jumps: Jumps
  readonly events: number
  readonly duration: number

  constructor(readonly p: P) {
    this.jumps = p.jumps
    this.events = p.events
    this.duration = p.events > 0 ? (p.log.time[p.events - 1] as number) : 0
  }

  /** Simulated time of the state after `index` events. */
  timeAt(index: number): number {
    return index <= 0 ? 0 : (this.p.log.time[Math.min(index, this.events) - 1] as number)
  }

  /** The state after every event at or before time t (the instant "t"). */
  indexAtTime(t: number): number {
    return upperBound(this.p.log.time, t)
  }
}

export class RunView extends PlayView<RunPayload> {
  readonly replay: Replay

  constructor(p: RunPayload) {
    super(p)
    const blocks = p.config.stack.deviceBlocks
    const checkpoints = Math.max(8, Math.min(256, Math.floor(CHECKPOINT_BYTES / (BYTES_PER_BLOCK * blocks))))
    const interval = Math.max(256, Math.ceil(p.log.length / checkpoints))
    this.replay = new Replay({ config: p.config, log: p.log }, interval)
  }

  /** The state after the first `index` events. Shared and mutable by the replay: read, never keep. */
  stateAt(index: number): ViewState {
    return this.replay.seek(Math.max(0, Math.min(this.events, index)))
  }

  /**
   * Builds replay checkpoints a slice at a time while the page is idle, so that jumping to the
   * end of a million-event run later folds one interval, not the whole log. Returns a canceller.
   */
  warmInBackground(sliceEvents = 8192): () => void {
    let timer: ReturnType<typeof setTimeout> | null = null
    const step = () => {
      timer = this.replay.warm(sliceEvents) ? null : setTimeout(step, 0)
    }
    timer = setTimeout(step, 0)
    return () => {
      if (timer !== null) clearTimeout(timer)
    }
  }
}
