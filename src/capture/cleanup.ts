/**
 * A stack of undo actions. Every resource `capture` makes (temp dir, tracefs mount, trace
 * instance, loop device, mount) pushes the action that undoes it right after it exists; the
 * actions run last-in first-out, each once, and a failing action does not stop the others.
 */
export interface CleanupRecord {
  name: string
  ok: boolean
  error: string | null
}

interface Entry {
  id: number
  name: string
  undo: () => void
}

export class CleanupStack {
  private entries: Entry[] = []
  private nextId = 1
  readonly done: CleanupRecord[] = []

  /** Registers an undo action; returns a handle for `runNow`. */
  push(name: string, undo: () => void): number {
    const id = this.nextId++
    this.entries.push({ id, name, undo })
    return id
  }

  get size(): number {
    return this.entries.length
  }

  /** Names of the pending actions, next to run first. */
  pending(): string[] {
    return this.entries.map((e) => e.name).reverse()
  }

  /** Runs one registered action early (and everything pushed after it, first). */
  runNow(id: number): CleanupRecord[] {
    const at = this.entries.findIndex((e) => e.id === id)
    if (at < 0) return []
    const out: CleanupRecord[] = []
    while (this.entries.length > at) out.push(this.runTop())
    return out
  }

  /** Runs every pending action, newest first, and returns what happened to each. */
  runAll(): CleanupRecord[] {
    const out: CleanupRecord[] = []
    while (this.entries.length > 0) out.push(this.runTop())
    return out
  }

  private runTop(): CleanupRecord {
    const e = this.entries.pop() as Entry
    let record: CleanupRecord
    try {
      e.undo()
      record = { name: e.name, ok: true, error: null }
    } catch (err) {
      record = { name: e.name, ok: false, error: err instanceof Error ? err.message : String(err) }
    }
    this.done.push(record)
    return record
  }
}
