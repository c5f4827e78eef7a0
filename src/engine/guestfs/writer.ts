import { Op } from '../vocabulary'
import type { GuestSide } from '../stack/guestSide'
import type { BlockContent } from './content'

/** Runs at a write's completion; `ok` is false when the bio failed. */
export type WriteDone = (bio: number, ok: boolean) => void

interface Pending {
  content: BlockContent
  flags: number
  done: WriteDone
  submitted: (bio: number) => void
}

/**
 * The file system's only way to the device: one-block bios through GuestSide, so a block's data
 * version is its bio id, and a record of the content each version carries. Two writes of one block
 * are never in flight together: the second waits until the first completes, as a buffer_head is
 * locked (lock_buffer) while it is under I/O. Without this an older checkpoint could land after a
 * newer one, which no kernel does.
 */
export class BlockWriter {
  readonly contents = new Map<number, BlockContent>()
  /** Newest version submitted per block (what the file system last wrote there). */
  readonly lastVersion = new Map<number, number>()
  private readonly queued = new Map<number, Pending[]>()
  private readonly busy = new Set<number>()
  completed = 0

  constructor(
    private readonly guest: Pick<GuestSide, 'submit' | 'flush'>,
    private readonly lane: number,
  ) {}

  /** Writes `content` to `block`; `submitted` runs when the bio exists (now, or when the block frees). */
  write(block: number, content: BlockContent, flags: number, done: WriteDone, submitted: (bio: number) => void = () => {}): void {
    const p: Pending = { content, flags, done, submitted }
    if (!this.busy.has(block)) {
      this.submit(block, p)
      return
    }
    const q = this.queued.get(block)
    if (q) q.push(p)
    else this.queued.set(block, [p])
  }

  /** An empty PREFLUSH bio (blkdev_issue_flush). Returns its id. */
  flush(done: WriteDone): number {
    return this.guest.flush(this.lane, -1, (bio, status) => {
      this.completed++
      done(bio, status === 0)
    })
  }

  private submit(block: number, p: Pending): void {
    this.busy.add(block)
    const bio = this.guest.submit(Op.WRITE, p.flags, block, 1, this.lane, -1, (id, status) => this.finished(block, id, status, p))
    this.contents.set(bio, p.content)
    this.lastVersion.set(block, bio)
    p.submitted(bio)
  }

  private finished(block: number, bio: number, status: number, p: Pending): void {
    this.completed++
    this.busy.delete(block)
    const q = this.queued.get(block)
    const next = q?.shift()
    if (q && q.length === 0) this.queued.delete(block)
    if (next) this.submit(block, next)
    p.done(bio, status === 0)
  }
}
