/**
 * Ordering relations a kernel trace of a loop device shows, each checked within one picture
 * (engine or kernel). A relation holds when every instance it applies to satisfies it; it is
 * 'n/a' when the picture has no instance (a run with no FUA write says nothing about FUA).
 */
import type { DeviceIo, Io, Picture } from './model'

export interface Verdict {
  holds: boolean | 'n/a'
  /** Instances the relation applies to, and how many break it. */
  checked: number
  broken: number
  /** The first instance that breaks it, in words. */
  example: string | null
}

export interface Relation {
  id: string
  sentence: string
  /** The kernel code the relation comes from. */
  kernel: string
  check(p: Picture): Verdict
}

const done = (io: Io) => io.end >= 0
const within = (inner: Io, outer: Io) => inner.start >= outer.start && done(inner) && (!done(outer) || inner.end <= outer.end)
const isWrite = (io: Io) => io.op === 'write'
const isFlush = (io: Io) => io.op === 'flush'
const sameRange = (a: Io, b: Io) => a.sector === b.sector && a.sectors === b.sectors

function verdict(instances: Io[], ok: (io: Io) => boolean, describe: (io: Io) => string): Verdict {
  let broken = 0
  let example: string | null = null
  for (const io of instances) {
    if (ok(io)) continue
    broken++
    example ??= describe(io)
  }
  return { holds: instances.length === 0 ? 'n/a' : broken === 0, checked: instances.length, broken, example }
}

const where = (io: Io) => `${io.op}${io.preflush ? ' PREFLUSH' : ''}${io.fua ? ' FUA' : ''} at sector ${io.sector} (+${io.sectors})`

/** The data part of a write bio: the first write request of the same range issued after it was queued. */
function dataOf(dev: DeviceIo, bio: Io): Io | undefined {
  return dev.requests.find((r) => isWrite(r) && sameRange(r, bio) && r.start >= bio.start)
}

export const RELATIONS: Relation[] = [
  {
    id: 'preflush-before-data',
    sentence: 'A PREFLUSH write to the loop device reaches the driver only after a flush that started after the write was queued has completed.',
    kernel: 'block/blk-flush.c: blk_insert_flush() sequences REQ_FSEQ_PREFLUSH before REQ_FSEQ_DATA',
    check: (p) => {
      const dev = p.devices.loop
      const bios = dev.bios.filter((b) => isWrite(b) && b.preflush && b.sectors > 0 && done(b))
      return verdict(
        bios,
        (bio) => {
          const data = dataOf(dev, bio)
          return data !== undefined && dev.requests.some((f) => isFlush(f) && f.start >= bio.start && done(f) && f.end <= data.start)
        },
        (bio) => `${where(bio)}: its data went out with no completed flush between queueing and issue`,
      )
    },
  },
  {
    id: 'fua-postflush-after-data',
    sentence: 'A FUA write to the loop device completes only after its data completed and a flush issued after that completed too (loop does not advertise FUA).',
    kernel: 'drivers/block/loop.c sets BLK_FEAT_WRITE_CACHE without BLK_FEAT_FUA; blk-flush.c REQ_FSEQ_POSTFLUSH',
    check: (p) => {
      const dev = p.devices.loop
      const bios = dev.bios.filter((b) => isWrite(b) && b.fua && done(b))
      return verdict(
        bios,
        (bio) => {
          const data = dataOf(dev, bio)
          return data !== undefined && done(data) && dev.requests.some((f) => isFlush(f) && f.start >= data.end && done(f) && f.end <= bio.end)
        },
        (bio) => `${where(bio)}: no flush ran after its data completed and before it completed`,
      )
    },
  },
  {
    id: 'loop-flush-reaches-backing',
    sentence: 'Each flush the loop device runs causes a flush of the device under the backing file, which completes before the loop flush does.',
    kernel: 'drivers/block/loop.c lo_req_flush() → vfs_fsync() → the host file system issues a flush (blkdev_issue_flush / a PREFLUSH commit)',
    check: (p) => {
      if (!p.backingWriteCache) return { holds: 'n/a', checked: 0, broken: 0, example: 'the backing device has no volatile write cache, so no flush is sent to it' }
      const backing = p.devices.backing.requests
      const loopFlushes = p.devices.loop.requests.filter((r) => isFlush(r) && done(r))
      return verdict(loopFlushes, (f) => backing.some((b) => (isFlush(b) || b.preflush) && within(b, f)), (f) => `loop flush at ${f.start}: no backing flush inside it`)
    },
  },
  {
    id: 'loop-write-waits-for-backing-write',
    sentence: 'Each write the loop device completes waited for a write to the backing device (direct I/O); with buffered I/O loop writes complete from the page cache.',
    kernel: 'drivers/block/loop.c lo_rw_aio(): IOCB_DIRECT completes in lo_rw_aio_complete() after the host bio; buffered writes complete on copy',
    check: (p) => {
      const backing = p.devices.backing.requests.filter(isWrite)
      const writes = p.devices.loop.requests.filter((r) => isWrite(r) && done(r))
      return verdict(writes, (w) => backing.some((b) => within(b, w)), (w) => `${where(w)} completed without a backing write inside it`)
    },
  },
]

export interface RelationResult {
  id: string
  sentence: string
  kernel: string
  verdict: Verdict
}

export function checkAll(p: Picture): RelationResult[] {
  return RELATIONS.map((r) => ({ id: r.id, sentence: r.sentence, kernel: r.kernel, verdict: r.check(p) }))
}
