/**
 * An engine run as the block trace blktrace would have recorded on its two devices, in the
 * common model of imported traces (blockTrace.ts), so that writeBlkparse prints it as blkparse
 * text and importTrace reads the same requests back.
 *
 * - The loop device (7,0, /dev/loop0): the guest block layer's requests are the bios queued to it
 *   (Q); the loop requests that carry their data are what its driver was handed (D when a loop
 *   worker started it, C when it completed); the FLUSH_RQ flush requests the blk-flush machine
 *   issued on its own are the block layer's flush proxies (D FN, C FN).
 * - The backing disk (8,0): the host block layer's requests are the bios queued to it, the disk's
 *   requests what its driver was handed, its FLUSH_RQ requests the proxies.
 *
 * A bio and the driver request it became (requests.parent) are one request of the model, as
 * blkparse shows them: queued at the bio's submission, issued when the driver request started
 * (or was submitted, if it never started), its data done when the driver request completed, and
 * completed when the bio did. A PREFLUSH or FUA bio keeps its flags on Q and loses them on D and
 * C (blk_insert_flush strips them); its completion is the zero-length C at the end of its flush
 * sequence. An empty flush bio is "Q FW" with its completion "C W 0". Engine blocks are 4 KiB,
 * eight 512-byte sectors. Times are the engine's nanoseconds. Requests are numbered per device
 * in the order their first line prints, as an import numbers them.
 *
 * What blkparse text cannot say is lost on the way back, as it would be from a real capture:
 * two bios of the same operation and range waiting together are one request to the importer
 * (blockTrace.ts rule 2 takes an issue or completion to cover every waiting bio in its range).
 */
import { Flag, Layer, Op, type RunResult } from '../engine'
import type { BlockRequest, BlockTrace, DeviceTrace } from './blockTrace'
import { formatRwbs, type OpLetter } from './rwbs'

export const LOOP_DEVICE = '7,0'
export const BACKING_DEVICE = '8,0'
export const SECTORS_PER_BLOCK = 8

interface DeviceSpec {
  dev: string
  bioLayer: number
  driverLayer: number
  comm: string
  pid: number
}

export const DEVICES: readonly DeviceSpec[] = [
  { dev: LOOP_DEVICE, bioLayer: Layer.GUEST_BLK, driverLayer: Layer.LOOP, comm: 'guest', pid: 1 },
  { dev: BACKING_DEVICE, bioLayer: Layer.HOST_BLK, driverLayer: Layer.DISK, comm: 'host', pid: 2 },
]

const OP_LETTER: Partial<Record<number, OpLetter>> = {
  [Op.READ]: 'R',
  [Op.WRITE]: 'W',
  [Op.FLUSH]: 'W',
  [Op.DISCARD]: 'D',
  [Op.WRITE_ZEROES]: 'WZ',
}

const OP_NAME: Partial<Record<number, BlockRequest['op']>> = {
  [Op.READ]: 'read',
  [Op.WRITE]: 'write',
  [Op.FLUSH]: 'flush',
  [Op.DISCARD]: 'discard',
  [Op.WRITE_ZEROES]: 'write-zeroes',
}

/** Line order at one instant, as blkparseWrite prints them (Q before D before C). */
const FIRST_PRIO = { Q: 1, D: 4, C: 6 } as const

interface Draft {
  engineId: number
  r: BlockRequest
  firstT: number
  firstPrio: number
}

const time = (t: number): number | null => (t >= 0 ? t : null)

function requestOf(run: RunResult, id: number, spec: DeviceSpec): BlockRequest | null {
  const q = run.requests
  const op = q.op[id] as number
  const letter = OP_LETTER[op]
  const kind = OP_NAME[op]
  if (letter === undefined || kind === undefined) return null
  const flags = q.flags[id] as number
  const flush = op === Op.FLUSH
  // An empty flush bio is REQ_OP_WRITE | REQ_PREFLUSH (blkdev_issue_flush), whatever flags it carries.
  const preflush = flush || (flags & Flag.PREFLUSH) !== 0
  const rwbs = { op: letter, preflush, fua: (flags & Flag.FUA) !== 0, readahead: false, sync: (flags & Flag.SYNC) !== 0, meta: (flags & Flag.META) !== 0, atomic: false }
  return {
    id: 0,
    dev: spec.dev,
    op: kind,
    rwbs: formatRwbs(rwbs),
    preflush: rwbs.preflush,
    fua: rwbs.fua,
    sync: rwbs.sync,
    meta: rwbs.meta,
    sector: flush ? 0 : (q.block[id] as number) * SECTORS_PER_BLOCK,
    sectors: flush ? 0 : (q.count[id] as number) * SECTORS_PER_BLOCK,
    queueT: null,
    insertT: null,
    issueT: null,
    dataT: null,
    completeT: null,
    error: q.status[id] as number,
    comm: spec.comm,
    pid: spec.pid,
    proxy: false,
    merged: false,
    requeues: 0,
    remappedFrom: null,
    line: 0,
  }
}

function proxyOf(run: RunResult, id: number, spec: DeviceSpec): BlockRequest {
  const q = run.requests
  const start = time(q.startT[id] as number) ?? time(q.submitT[id] as number)
  return {
    id: 0,
    dev: spec.dev,
    op: 'flush',
    rwbs: 'FN',
    preflush: true,
    fua: false,
    sync: false,
    meta: false,
    sector: 0,
    sectors: 0,
    queueT: null,
    insertT: null,
    issueT: start,
    dataT: null,
    completeT: time(q.completeT[id] as number),
    error: q.status[id] as number,
    comm: spec.comm,
    pid: spec.pid,
    proxy: true,
    merged: false,
    requeues: 0,
    remappedFrom: null,
    line: 0,
  }
}

/** The lines blkparseWrite prints for a request, with their times (kept in step with it). */
function lineTimes(r: BlockRequest): number[] {
  const out: number[] = []
  const add = (t: number | null): void => {
    if (t !== null) out.push(t)
  }
  if (r.proxy) {
    add(r.issueT)
    add(r.completeT)
    return out
  }
  if (r.remappedFrom) add(r.queueT)
  add(r.queueT)
  if (r.merged) add(r.queueT)
  add(r.insertT)
  add(r.issueT)
  for (let i = 0; i < r.requeues && r.issueT !== null; i++) out.push(r.issueT, r.issueT)
  if (r.sectors > 0) add(r.dataT)
  if (r.completeT !== null && (r.preflush || r.fua || r.sectors === 0 || r.completeT !== r.dataT)) out.push(r.completeT)
  return out
}

function deviceOf(run: RunResult, spec: DeviceSpec): DeviceTrace | null {
  const q = run.requests
  const drafts: Draft[] = []
  const byBio = new Map<number, Draft>()
  for (let id = 1; id < q.length; id++) {
    if (q.layer[id] !== spec.bioLayer || (q.submitT[id] as number) < 0) continue
    const r = requestOf(run, id, spec)
    if (!r) continue
    r.queueT = q.submitT[id] as number
    r.completeT = time(q.completeT[id] as number)
    const d = { engineId: id, r, firstT: r.queueT, firstPrio: FIRST_PRIO.Q }
    drafts.push(d)
    byBio.set(id, d)
  }
  for (let id = 1; id < q.length; id++) {
    if (q.layer[id] !== spec.driverLayer || (q.submitT[id] as number) < 0) continue
    const issue = time(q.startT[id] as number) ?? (q.submitT[id] as number)
    if ((q.flags[id] as number) & Flag.FLUSH_RQ) {
      const r = proxyOf(run, id, spec)
      drafts.push({ engineId: id, r, firstT: issue, firstPrio: FIRST_PRIO.D })
      continue
    }
    const done = time(q.completeT[id] as number)
    const bio = byBio.get(q.parent[id] as number)
    if (bio && bio.r.issueT === null && bio.r.sectors > 0) {
      bio.r.issueT = issue
      bio.r.dataT = done
      if ((q.status[id] as number) !== 0 && bio.r.error === 0) bio.r.error = q.status[id] as number
      continue
    }
    // A driver request no bio of this device explains: seen from its issue on.
    const r = requestOf(run, id, spec)
    if (!r) continue
    r.issueT = issue
    r.dataT = r.sectors > 0 ? done : null
    r.completeT = done
    drafts.push({ engineId: id, r, firstT: issue, firstPrio: FIRST_PRIO.D })
  }
  if (drafts.length === 0) return null
  drafts.sort((a, b) => a.firstT - b.firstT || a.firstPrio - b.firstPrio || a.engineId - b.engineId)
  let events = 0
  let startT = Infinity
  let endT = -Infinity
  const requests = drafts.map((d, i) => {
    d.r.id = i + 1
    for (const t of lineTimes(d.r)) {
      events++
      if (t < startT) startT = t
      if (t > endT) endT = t
    }
    return d.r
  })
  return { dev: spec.dev, events, requests, flushProxies: requests.some((r) => r.proxy), startT, endT, unmatched: 0 }
}

/** The run's loop device and backing disk as a block trace (devices without requests left out). */
export function traceOf(run: RunResult): BlockTrace {
  const devices = DEVICES.map((spec) => deviceOf(run, spec)).filter((d): d is DeviceTrace => d !== null)
  if (devices.length === 0) return { format: 'blkparse', startT: 0, endT: 0, devices, warnings: [] }
  return {
    format: 'blkparse',
    startT: Math.min(...devices.map((d) => d.startT)),
    endT: Math.max(...devices.map((d) => d.endT)),
    devices,
    warnings: [],
  }
}
