/**
 * The block tracepoints through tracefs. capture mounts a private tracefs under its temp dir (the
 * same kernel tracing state as /sys/kernel/tracing, but nobody else's umount can pull it away)
 * and records into its own trace instance, so the global buffer, its size and its events are
 * never touched. Without instances it falls back to the top-level buffer and restores what it
 * changed.
 */
import type { CleanupStack } from './cleanup'
import type { Sys } from './sys'

export const BLOCK_EVENTS = [
  'block_bio_queue',
  'block_getrq',
  'block_rq_insert',
  'block_rq_issue',
  'block_rq_complete',
  'block_bio_complete',
  'block_bio_remap',
  'block_rq_remap',
  'block_split',
] as const

export class RefusalError extends Error {
  override readonly name = 'RefusalError'
}

export interface TraceFacts {
  /** How tracefs was reached: a private mount, or an existing one. */
  mount: 'private' | 'existing'
  root: string
  /** Instance name, or null when the top-level buffer is used. */
  instance: string | null
  clock: string
  bufferKb: number
  events: string[]
  /** Kernel-side event filter, or null when it could not be set (lines are filtered afterwards). */
  filter: string | null
  filterError: string | null
}

export class TraceSession {
  readonly dir: string
  private constructor(
    private readonly sys: Sys,
    readonly facts: TraceFacts,
  ) {
    this.dir = facts.instance === null ? facts.root : `${facts.root}/instances/${facts.instance}`
  }

  get markerPath(): string {
    return `${this.dir}/trace_marker`
  }

  /**
   * Mounts (or finds) tracefs and makes a trace instance. Undo actions go on `cleanup`.
   * Throws RefusalError when no tracefs can be reached.
   */
  static open(sys: Sys, cleanup: CleanupStack, tmp: string, existing: readonly string[], name: string): TraceSession {
    let root: string | null
    let mount: TraceFacts['mount'] = 'existing'
    const priv = `${tmp}/tracefs`
    sys.mkdir(priv)
    const m = sys.run('mount', ['-t', 'tracefs', 'nodev', priv])
    if (m.status === 0) {
      root = priv
      mount = 'private'
      cleanup.push(`umount private tracefs ${priv}`, () => mustRun(sys, 'umount', [priv]))
    } else {
      root = existing.find((d) => sys.exists(`${d}/trace`)) ?? null
    }
    if (root === null) {
      throw new RefusalError(`cannot mount tracefs (${(m.stderr || m.error || '').trim()}) and none is mounted`)
    }
    let instance: string | null = name
    try {
      sys.mkdir(`${root}/instances/${name}`)
      const inst = `${root}/instances/${name}`
      cleanup.push(`remove trace instance ${name}`, () => sys.rmdir(inst))
    } catch {
      instance = null
    }
    const facts: TraceFacts = { mount, root, instance, clock: 'local', bufferKb: 0, events: [], filter: null, filterError: null }
    return new TraceSession(sys, facts)
  }

  /** Buffer size, clock, filter and events; every change is undone by `cleanup`. */
  configure(cleanup: CleanupStack, bufferKb: number, devs: readonly number[]): void {
    const { sys, dir } = this
    this.setOff()
    const topLevel = this.facts.instance === null
    // Buffer size per CPU.
    const oldSize = sys.tryReadText(`${dir}/buffer_size_kb`)?.trim() ?? ''
    sys.writeText(`${dir}/buffer_size_kb`, String(bufferKb))
    this.facts.bufferKb = bufferKb
    if (topLevel && /^\d+$/.test(oldSize)) cleanup.push('restore buffer_size_kb', () => sys.writeText(`${dir}/buffer_size_kb`, oldSize))
    // Clock: mono is comparable across CPUs and with CLOCK_MONOTONIC in userspace.
    const clocks = sys.tryReadText(`${dir}/trace_clock`) ?? ''
    const oldClock = /\[([^\]]+)\]/.exec(clocks)?.[1] ?? 'local'
    this.facts.clock = oldClock
    if (/\bmono\b/.test(clocks)) {
      sys.writeText(`${dir}/trace_clock`, 'mono')
      this.facts.clock = 'mono'
      if (topLevel) cleanup.push('restore trace_clock', () => sys.writeText(`${dir}/trace_clock`, oldClock))
    }
    // Filter on the block subsystem: only the devices of this capture.
    const filter = devs.map((d) => `dev == ${d}`).join(' || ')
    const filterPath = `${dir}/events/block/filter`
    try {
      sys.writeText(filterPath, filter)
      this.facts.filter = filter
      cleanup.push('clear block event filter', () => sys.writeText(filterPath, '0'))
    } catch (e) {
      this.facts.filterError = e instanceof Error ? e.message : String(e)
    }
    // Events.
    for (const ev of BLOCK_EVENTS) {
      const p = `${dir}/events/block/${ev}/enable`
      if (!sys.exists(p)) continue
      const old = sys.tryReadText(p)?.trim() ?? '0'
      sys.writeText(p, '1')
      this.facts.events.push(ev)
      cleanup.push(`disable ${ev}`, () => sys.writeText(p, old === '1' && topLevel ? '1' : '0'))
    }
    if (this.facts.events.length === 0) throw new RefusalError(`no block tracepoints under ${dir}/events/block`)
  }

  /** Empties the buffer and starts recording. */
  start(): void {
    this.sys.writeText(`${this.dir}/trace`, '')
    this.sys.writeText(`${this.dir}/tracing_on`, '1')
  }

  setOff(): void {
    this.sys.writeText(`${this.dir}/tracing_on`, '0')
  }

  mark(text: string): void {
    try {
      this.sys.writeText(this.markerPath, `loopscope: ${text}`)
    } catch {
      // A marker is a help for the reader, never a reason to fail.
    }
  }

  /** Events lost because the buffer was full (overrun) or dropped, summed over CPUs. */
  lost(): { overrun: number; dropped: number } {
    let overrun = 0
    let dropped = 0
    const perCpu = `${this.dir}/per_cpu`
    if (!this.sys.exists(perCpu)) return { overrun, dropped }
    for (const cpu of this.sys.readdir(perCpu)) {
      const stats = this.sys.tryReadText(`${perCpu}/${cpu}/stats`) ?? ''
      overrun += Number(/^overrun:\s*(\d+)/m.exec(stats)?.[1] ?? 0)
      dropped += Number(/^dropped events:\s*(\d+)/m.exec(stats)?.[1] ?? 0)
    }
    return { overrun, dropped }
  }

  /** Writes the recorded text to `out`, keeping headers, capture markers and lines of `devs`. */
  save(out: string, traceDevs: readonly string[]): { read: number; kept: number } {
    const keep = traceLineFilter(traceDevs)
    return this.sys.copyLines(`${this.dir}/trace`, out, keep)
  }
}

function mustRun(sys: Sys, cmd: string, args: string[]): void {
  const r = sys.run(cmd, args)
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${(r.stderr || r.error || `status ${r.status}`).trim()}`)
}

/**
 * Which lines of the raw trace to keep: comment headers, capture's own markers, and block events
 * that name one of `traceDevs` ("MAJ,MIN") as their device (or, for remaps, as either end).
 */
export function traceLineFilter(traceDevs: readonly string[]): (line: string) => boolean {
  const devs = new Set(traceDevs)
  return (line) => {
    if (line.startsWith('#')) return true
    if (line.includes('tracing_mark_write: loopscope:')) return true
    const m = /: block_\w+: (\d+,\d+) /.exec(line)
    if (!m) return false
    if (devs.has(m[1] as string)) return true
    const remap = /\((\d+,\d+)\) \d+\s*$/.exec(line)
    return remap !== null && devs.has(remap[1] as string)
  }
}
