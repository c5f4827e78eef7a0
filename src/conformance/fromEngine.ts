/**
 * An engine run as the picture a kernel trace would give: the guest block layer's requests are
 * the bios queued to /dev/loop0, loop's requests are what its driver was handed; the host block
 * layer's requests are the bios queued to the backing device and the disk's are what its driver
 * was handed. Engine blocks are 4 KiB: eight sectors.
 */
import type { RunResult } from '../engine'
import { Flag, Layer, Op } from '../engine'
import type { Io, IoOp, Picture } from './model'

const SECTORS_PER_BLOCK = 8

const OPS: Partial<Record<number, IoOp>> = {
  [Op.WRITE]: 'write',
  [Op.READ]: 'read',
  [Op.FLUSH]: 'flush',
  [Op.DISCARD]: 'discard',
  [Op.WRITE_ZEROES]: 'write-zeroes',
}

function iosOf(run: RunResult, layer: number): Io[] {
  const r = run.requests
  const out: Io[] = []
  for (let id = 1; id < r.length; id++) {
    if (r.layer[id] !== layer || (r.submitT[id] as number) < 0) continue
    const op = OPS[r.op[id] as number]
    if (op === undefined) continue
    const flags = r.flags[id] as number
    const flush = op === 'flush'
    out.push({
      op,
      preflush: (flags & Flag.PREFLUSH) !== 0,
      fua: (flags & Flag.FUA) !== 0,
      sector: flush ? 0 : (r.block[id] as number) * SECTORS_PER_BLOCK,
      sectors: flush ? 0 : (r.count[id] as number) * SECTORS_PER_BLOCK,
      start: r.submitT[id] as number,
      end: r.completeT[id] as number,
    })
  }
  return out.sort((a, b) => a.start - b.start)
}

export function pictureOfRun(run: RunResult): Picture {
  return {
    source: 'engine',
    dio: run.metrics.dio_effective,
    backingWriteCache: run.config.stack.disk.writeCache,
    devices: {
      loop: { bios: iosOf(run, Layer.GUEST_BLK), requests: iosOf(run, Layer.LOOP) },
      backing: { bios: iosOf(run, Layer.HOST_BLK), requests: iosOf(run, Layer.DISK) },
    },
  }
}
