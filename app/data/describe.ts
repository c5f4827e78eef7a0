/**
 * Plain sentences for requests and log records: the live region reads them out as the playhead
 * steps, and the timeline's tooltip and the event readout show them.
 */
import {
  DIO_REASON_NAMES,
  Ev,
  EXTENT_NAMES,
  Flag,
  flagNames,
  FLUSH_STEP_NAMES,
  Layer,
  LAYER_NAMES,
  Op,
  OP_NAMES,
  OUTSIDE_NAMES,
  STAGE_NAMES,
  WAKE_FROM_IO,
} from '../../src/engine'
import { formatNs } from '../ui/format'
import type { RequestColumns, TimelinePayload, TraceColumns } from './payload'

const SHOWN_FLAGS = new Set(['PREFLUSH', 'FUA', 'DIRECT', 'NOWAIT', 'WRITEBACK', 'JOURNAL', 'DRAIN', 'LINK'])

function labelOf(p: Pick<TimelinePayload, 'labels'>, id: number): string | null {
  for (const [k, v] of Object.entries(p.labels)) if (v === id) return k
  return null
}

function blocks(block: number, count: number): string {
  return count <= 1 ? `block ${block}` : `blocks ${block}–${block + count - 1}`
}

/** "guest block layer WRITE #12 blocks 5–6 [FUA]"; in a trace "7,0 WRITE FWFSM sectors 33034+2 [jbd2/loop0-8] #12 [PREFLUSH, FUA]" */
export function describeRequest(p: Pick<TimelinePayload, 'requests' | 'labels' | 'trace'>, id: number): string {
  const r = p.requests
  const op = r.op[id] as number
  const flags = flagNames(r.flags[id] as number).filter((f) => SHOWN_FLAGS.has(f))
  if (p.trace) return describeTraced(p.trace, r, id, flags)
  const where = op === Op.FLUSH || op === Op.FSYNC ? '' : ` ${blocks(r.block[id] as number, r.count[id] as number)}`
  const label = labelOf(p, id)
  const layer = LAYER_NAMES[r.layer[id] as number] ?? 'layer?'
  return `${layer} ${OP_NAMES[op] ?? 'OP?'} #${id}${label ? ` “${label}”` : ''}${where}${flags.length ? ` [${flags.join(', ')}]` : ''}`
}

function describeTraced(t: TraceColumns, r: RequestColumns, id: number, flags: string[]): string {
  const dev = t.laneDevice[r.lane[id] as number] ?? '?'
  const comm = t.comm[id]
  if ((r.flags[id] as number) & Flag.FLUSH_RQ) return `${dev} block-layer flush ${t.rwbs[id] ?? ''} #${id}`
  const n = t.sectors[id] as number
  const where = n > 0 ? ` sectors ${t.sector[id]}+${n}` : ''
  return `${dev} ${OP_NAMES[r.op[id] as number] ?? 'OP?'} ${t.rwbs[id] ?? ''}${where}${comm ? ` [${comm}]` : ''} #${id}${flags.length ? ` [${flags.join(', ')}]` : ''}`
}

function workerName(p: Pick<TimelinePayload, 'workerLanes'>, lane: number): string {
  return p.workerLanes.find((w) => w.lane === lane)?.name ?? `worker ${lane}`
}

function cacheName(layer: number): string {
  return layer === Layer.GUEST_CACHE ? 'guest page cache' : 'host page cache'
}

function version(v: number): string {
  return v === 0 ? 'initial data' : v === -1 ? 'zeros' : v === -2 ? 'stale data' : `v${v}`
}

/** One log record as a sentence, without its time. */
export function describeEvent(p: Pick<TimelinePayload, 'log' | 'requests' | 'labels' | 'workerLanes' | 'trace'>, i: number): string {
  const { log } = p
  const k = log.kind[i] as number
  const a = log.a[i] as number
  const b = log.b[i] as number
  const c = log.c[i] as number
  switch (k) {
    case Ev.SUBMIT:
      return `submitted: ${describeRequest(p, a)}`
    case Ev.START:
      if (p.trace) return `issued to the driver: ${describeRequest(p, a)}`
      return `started: ${describeRequest(p, a)}${(p.requests.layer[a] as number) === Layer.LOOP ? ` on the ${workerName(p, b)}` : ''}`
    case Ev.COMPLETE:
      return `completed${b < 0 ? ` with error ${b}` : ''}: ${describeRequest(p, a)}`
    case Ev.FLUSH_STEP:
      return `flush machine: ${describeRequest(p, a)} now at ${FLUSH_STEP_NAMES[b] ?? b}`
    case Ev.FLUSH_ISSUE:
      return `flush ${describeRequest(p, a)} issued for ${b} waiting request${b === 1 ? '' : 's'}`
    case Ev.WORKER_WAKE:
      return b === WAKE_FROM_IO ? `the loop ${workerName(p, a)} woke up: the host I/O it waited for completed` : `the loop ${workerName(p, a)} woke up: work arrived`
    case Ev.WORKER_SLEEP:
      return `the loop ${workerName(p, a)} went to sleep`
    case Ev.PAGE_DIRTY:
      return `${cacheName(a)}: block ${b} dirty with ${version(c)}`
    case Ev.PAGE_CLEAN:
      return `${cacheName(a)}: block ${b} written back, clean`
    case Ev.PAGE_DROP:
      return `${cacheName(a)}: block ${b} dropped`
    case Ev.PAGE_FILL:
      return `${cacheName(a)}: block ${b} read in (${version(c)})`
    case Ev.PAGE_WRITEBACK:
      return `${cacheName(a)}: writeback of block ${b} started`
    case Ev.CACHE_PUT:
      return `disk write cache now holds ${version(b)} of host block ${a} (volatile)`
    case Ev.DESTAGE:
      return `disk wrote ${version(b)} of host block ${a} from its cache to media`
    case Ev.MEDIA_WRITE:
      return `disk wrote ${version(b)} of host block ${a} straight to media`
    case Ev.EXTENT:
      return `host file system: file block ${a} is now ${EXTENT_NAMES[b] ?? b} (in memory)`
    case Ev.TXN_COMMIT:
      return `host journal: transaction ${a} commits ${b} change${b === 1 ? '' : 's'}`
    case Ev.TXN_DURABLE:
      return `host journal: transaction ${a} is durable (${b} block${b === 1 ? '' : 's'})`
    case Ev.STAGE:
      return `block ${a} ${version(b)} reached the ${STAGE_NAMES[c] ?? c}`
    case Ev.DURABLE:
      return `block ${a} ${version(b)} is now guaranteed to survive power loss`
    case Ev.DIO_MODE:
      return `loop direct I/O ${a ? 'on' : 'off'}: ${DIO_REASON_NAMES[b] ?? b}`
    case Ev.IOCTL:
      return `ioctl 0x${a.toString(16)} returned ${b}`
    case Ev.OUTSIDE:
      return OUTSIDE_NAMES[a] ?? 'outside event'
    case Ev.FUZZY_READ:
      return `the copier read file block ${a} (${version(b)})`
    case Ev.THROTTLE:
      return `the loop ${workerName(p, a)} ${b ? 'is throttled by dirty-page limits' : 'is released from throttling'}`
    case Ev.FREEZE:
      return a ? 'the loop queue is frozen for a mode switch' : 'the loop queue is unfrozen'
    case Ev.ACK:
      return `the workload saw ${describeRequest(p, a)} complete`
    default:
      return `event kind ${k}`
  }
}

/** "#12 at 1.5ms: …" for the live region and the readout. */
export function describeStep(p: Pick<TimelinePayload, 'log' | 'requests' | 'labels' | 'workerLanes' | 'events' | 'trace'>, index: number): string {
  if (index <= 0) return `Start of the ${p.trace ? 'trace' : 'run'}: nothing has happened yet.`
  const i = index - 1
  return `Event ${index} of ${p.events} at ${formatNs(p.log.time[i] as number)}: ${describeEvent(p, i)}.`
}
