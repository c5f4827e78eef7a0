import type { BackingConfig, LoopConfig } from '../config'

/**
 * lo_can_use_dio() (v6.14 on): direct I/O needs a backing file that can do O_DIRECT, a loop
 * logical block size of at least the backing file's minimum DIO size, and an aligned lo_offset.
 */
export function canUseDio(loop: Pick<LoopConfig, 'logicalBlockSize' | 'offsetBytes'>, backing: Pick<BackingConfig, 'canDirectIo' | 'minDioSize'>): boolean {
  if (!backing.canDirectIo) return false
  if (loop.logicalBlockSize < backing.minDioSize) return false
  return loop.offsetBytes % backing.minDioSize === 0
}

/** Why DIO cannot be used, in words a student can act on; null when it can. */
export function dioRefusal(loop: Pick<LoopConfig, 'logicalBlockSize' | 'offsetBytes'>, backing: Pick<BackingConfig, 'canDirectIo' | 'minDioSize'>): string | null {
  if (!backing.canDirectIo) return 'the backing file cannot be opened with O_DIRECT'
  if (loop.logicalBlockSize < backing.minDioSize) {
    return `the loop logical block size (${loop.logicalBlockSize}) is below the backing file's minimum DIO size (${backing.minDioSize})`
  }
  if (loop.offsetBytes % backing.minDioSize !== 0) {
    return `lo_offset ${loop.offsetBytes} is not a multiple of the minimum DIO size (${backing.minDioSize})`
  }
  return null
}
