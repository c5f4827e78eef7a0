import type { RunResult } from '../run'
import { allocatedFn } from '../stack/stack'
import { Data, Layer, Op } from '../vocabulary'
import type { ImageFn } from './image'

/**
 * The image an atomic snapshot of the backing file shows when nothing is in flight: every
 * completed guest write, the latest completion winning per block (reference/crash-model.md §4.2).
 * Writes that complete at or after `events` log records are left out, so `events` picks an
 * instant; by default the end of the run. Blocks no write reached hold their initial version.
 */
export function completedWritesImage(run: Pick<RunResult, 'config' | 'requests' | 'events'>, events = run.events): ImageFn {
  const s = run.config.stack
  const allocated = allocatedFn(s)
  const version = new Int32Array(s.deviceBlocks)
  const at = new Int32Array(s.deviceBlocks).fill(-1)
  for (let b = 0; b < s.deviceBlocks; b++) version[b] = allocated(b) ? Data.INITIAL : Data.ZERO
  const r = run.requests
  for (let id = 1; id < r.length; id++) {
    if (r.layer[id] !== Layer.GUEST_BLK || r.status[id] !== 0) continue
    const ev = r.completeEv[id] as number
    if (ev < 0 || ev >= events || (r.dataOff[id] as number) < 0) continue
    const zero = r.op[id] === Op.DISCARD || r.op[id] === Op.WRITE_ZEROES
    for (let i = 0; i < (r.count[id] as number); i++) {
      const b = (r.block[id] as number) + i
      if (ev <= (at[b] as number)) continue
      at[b] = ev
      version[b] = zero ? Data.ZERO : r.version(id, i)
    }
  }
  return (b) => (b >= 0 && b < version.length ? (version[b] as number) : Data.ZERO)
}
