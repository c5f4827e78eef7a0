/**
 * Terse builders for configurations, used by tests, property tests and the benchmark. Every
 * builder returns a complete RunConfig (defaults from config.ts), so a test states only what it
 * is about.
 */
import type { EventLog } from './kernel/log'
import type { RequestTable } from './kernel/requests'
import { defaultLimits, defaultStack, type FioJob, type GuestThread, type RunConfig, type StackConfig, type WorkOp } from './config'

export type StackPatch = { [K in keyof StackConfig]?: (StackConfig[K] extends object ? Partial<StackConfig[K]> : StackConfig[K]) | undefined }

export function makeConfig(patch: StackPatch = {}, threads: GuestThread[] = [], jobs: FioJob[] = []): RunConfig {
  const stack = defaultStack()
  stack.deviceBlocks = 256
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue
    const key = k as keyof StackConfig
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) Object.assign(stack[key] as object, v)
    else (stack as unknown as Record<string, unknown>)[key] = v
  }
  return { stack, workload: { threads, jobs, events: [], fs: null, expectations: [] }, limits: { ...defaultLimits(), maxEvents: 2_000_000, maxTimeNs: 600_000_000_000 } }
}

type IoOpts = { count?: number; fua?: boolean; preflush?: boolean; wait?: boolean; label?: string; unmap?: boolean }

function io(op: 'write' | 'read' | 'discard' | 'write_zeroes', block: number, o: IoOpts = {}): WorkOp {
  return {
    op,
    block,
    count: o.count ?? 1,
    fua: o.fua ?? false,
    preflush: o.preflush ?? false,
    wait: o.wait ?? false,
    unmap: o.unmap ?? false,
    label: o.label ?? null,
  }
}

export const ops = {
  write: (block: number, o?: IoOpts): WorkOp => io('write', block, o),
  read: (block: number, o?: IoOpts): WorkOp => io('read', block, o),
  discard: (block: number, o?: IoOpts): WorkOp => io('discard', block, o),
  writeZeroes: (block: number, o?: IoOpts): WorkOp => io('write_zeroes', block, o),
  flush: (o: { wait?: boolean; label?: string } = {}): WorkOp => ({ op: 'flush', wait: o.wait ?? false, label: o.label ?? null }),
  wait: (): WorkOp => ({ op: 'wait' }),
  sleep: (ns: number): WorkOp => ({ op: 'sleep', ns }),
  setDirectIo: (on: boolean): WorkOp => ({ op: 'set_direct_io', on }),
  powerLoss: (): WorkOp => ({ op: 'outside', event: { kind: 'power-loss', order: 'ascending', nsPerBlock: 0 } }),
  snapshot: (): WorkOp => ({ op: 'outside', event: { kind: 'atomic-snapshot', order: 'ascending', nsPerBlock: 0 } }),
}

export function thread(ops: WorkOp[], cgroup = 'root', name = 'app'): GuestThread {
  return { name, cgroup, ops }
}

export function fioJob(patch: Partial<FioJob> = {}): FioJob {
  return {
    name: 'job',
    cgroup: 'root',
    rw: 'randwrite',
    bs: 1,
    offset: 0,
    size: 256,
    iodepth: 8,
    direct: true,
    ioengine: 'libaio',
    requests: 100,
    fsync: 0,
    drain: false,
    link: false,
    rwmixread: 50,
    thinkNs: 0,
    startNs: 0,
    ...patch,
  }
}

/** Indices of the log records of one kind (and, if given, with field a equal to `a`). */
export function recordsOf(r: { log: EventLog }, kind: number, a?: number): number[] {
  const out: number[] = []
  for (let i = 0; i < r.log.length; i++) if (r.log.kind[i] === kind && (a === undefined || r.log.a[i] === a)) out.push(i)
  return out
}

/** Ids of the requests of one layer (and, if given, one op), in submission order. */
export function requestsIn(r: { requests: RequestTable }, layer: number, op?: number): number[] {
  const out: number[] = []
  for (let id = 1; id < r.requests.length; id++) {
    if (r.requests.layer[id] === layer && (op === undefined || r.requests.op[id] === op)) out.push(id)
  }
  return out
}
