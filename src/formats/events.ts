/**
 * What the text parsers produce: one record per trace line that describes a block-layer event,
 * in the blkparse vocabulary of action letters whatever the source (the tracefs event names map
 * onto the same letters). Pairing events into requests is blockTrace.ts's job.
 */
import type { Rwbs } from './rwbs'

/**
 * Q queued (bio entered the block layer), G got a request, S slept waiting for one, I inserted
 * into the scheduler, D issued to the driver, C completed, R requeued, M back-merged, F
 * front-merged, P plug, U unplug, UT unplug by timer, X split, B bounced, A remapped (partition or
 * stacked device to the device below), m a text message.
 */
export type Action = 'Q' | 'G' | 'S' | 'I' | 'D' | 'C' | 'R' | 'M' | 'F' | 'P' | 'U' | 'UT' | 'X' | 'B' | 'A' | 'm'

export const ACTIONS: readonly Action[] = ['Q', 'G', 'S', 'I', 'D', 'C', 'R', 'M', 'F', 'P', 'U', 'UT', 'X', 'B', 'A', 'm']

export interface BlockEvent {
  /** 1-based line in the source text. */
  line: number
  /** Nanoseconds on the trace's own clock (blkparse: since the trace started; tracefs: since boot). */
  t: number
  /** "major,minor"; null for events that name no device (tracefs plug and unplug). */
  dev: string | null
  action: Action
  rwbs: Rwbs | null
  /** null when the line prints none, or prints one that is no position (the kernel prints (sector_t)-1 for a flush). */
  sector: number | null
  /** 512-byte sectors; 0 for a zero-length event (an empty flush, a completion that closes a bio). */
  sectors: number
  pid: number | null
  cpu: number | null
  /** The process name in brackets (Q, I, D, M, G, P, U, X lines). */
  comm: string | null
  /** The errno on a completion or requeue (0: success). */
  error: number | null
  /** A: the device and sector the request was remapped from. */
  from?: { dev: string; sector: number }
  /** X: where the second part of a split bio starts. */
  newSector?: number
  /** U, UT: requests released by the unplug. */
  depth?: number
  /** A SCSI passthrough (BLK_TC_PC) request: no sectors, not file system I/O. */
  passthrough?: true
  /** m: the message text. */
  message?: string
  /** Where the event came from: "blkparse", "blk" (the kernel's blk tracer) or a tracefs event name. */
  source: string
}

/** A problem at a place in the text. Lines and columns are 1-based; line 0 is about the whole trace (a pairing warning). */
export interface Issue {
  line: number
  col: number
  message: string
}

export type TraceFormat = 'blkparse' | 'tracefs' | 'fio-v2' | 'fio-v3'

export type ParsedEvents =
  | { ok: true; format: TraceFormat; events: BlockEvent[]; warnings: Issue[]; ignored: number }
  | { ok: false; format: TraceFormat; errors: Issue[]; warnings: Issue[] }

/** Parsers stop collecting after this many errors: a file that is not a trace at all says so quickly. */
export const MAX_ERRORS = 50

export function formatIssue(file: string, i: Issue): string {
  return `${file}:${i.line}:${i.col}: ${i.message}`
}
