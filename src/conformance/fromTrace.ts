/**
 * A captured kernel trace as the picture the relations read. The capture's sidecar says which
 * traced device is the loop device and which holds its backing file, whether that one has a
 * volatile write cache, whether loop really ran with direct I/O, and where the image lies on the
 * device under it. Writes to that device outside the image (other processes, the host file
 * system's own metadata) are left out of the backing writes; flushes are kept, since a flush is
 * for the whole device.
 */
import type { BlockRequest, BlockTrace, DeviceTrace } from '../formats'
import type { DeviceIo, Io, IoOp, Picture } from './model'

/** The parts of a capture sidecar (`<trace>.json`) the comparison needs. */
export interface CaptureFacts {
  devices: Array<{ role: string; traceDev: string; writeCache: string | null; startSector?: number }>
  loop: { dioEffective: boolean }
  image?: { extents: { device: string; list: Array<[number, number, number]> } | null }
}

const OPS: Partial<Record<BlockRequest['op'], IoOp>> = { write: 'write', read: 'read', flush: 'flush', discard: 'discard', 'write-zeroes': 'write-zeroes' }

function bio(r: BlockRequest, op: IoOp): Io | null {
  if (r.proxy || r.queueT === null) return null
  return { op, preflush: r.preflush, fua: r.fua, sector: r.sector, sectors: r.sectors, start: r.queueT, end: r.completeT ?? -1 }
}

/** What the driver was handed: the block layer's own flushes, and the data part of each bio. */
function request(r: BlockRequest, op: IoOp): Io | null {
  if (r.issueT === null) return null
  const end = r.proxy ? r.completeT : (r.dataT ?? r.completeT)
  return { op, preflush: false, fua: false, sector: r.sector, sectors: r.sectors, start: r.issueT, end: end ?? -1 }
}

function deviceIo(d: DeviceTrace | undefined, keep: (io: Io) => boolean = () => true): DeviceIo {
  const out: DeviceIo = { bios: [], requests: [] }
  for (const r of d?.requests ?? []) {
    const op = OPS[r.op]
    if (op === undefined) continue
    const b = bio(r, op)
    if (b && keep(b)) out.bios.push(b)
    const q = request(r, op)
    if (q && keep(q)) out.requests.push(q)
  }
  out.bios.sort((a, b) => a.start - b.start)
  out.requests.sort((a, b) => a.start - b.start)
  return out
}

function inImage(facts: CaptureFacts, startSector: number): (io: Io) => boolean {
  const list = facts.image?.extents?.list ?? null
  if (list === null) return () => true
  return (io) => io.op === 'flush' || io.preflush || list.some(([, dev, n]) => io.sector < dev + startSector + n && io.sector + io.sectors > dev + startSector)
}

export function pictureOfTrace(trace: BlockTrace, facts: CaptureFacts): Picture {
  const loop = facts.devices.find((d) => d.role === 'loop')
  // In the nested layout the image sits on a second loop device ("host-loop").
  const under = facts.devices.find((d) => d.role === 'host-loop') ?? facts.devices.find((d) => d.role === 'backing')
  if (!loop || !under) throw new Error('the capture sidecar names no loop device or no device under the image')
  const dev = (name: string) => trace.devices.find((d) => d.dev === name)
  return {
    source: 'kernel',
    dio: facts.loop.dioEffective,
    backingWriteCache: under.writeCache === 'write back',
    devices: {
      loop: deviceIo(dev(loop.traceDev)),
      backing: deviceIo(dev(under.traceDev), inImage(facts, under.startSector ?? 0)),
    },
  }
}
