/**
 * The editor's draft: the run on screen (seed and RunConfig) as it is being edited, and the pure
 * edits the form and the operation lists make to it. Every edit returns a new draft; nothing here
 * checks values (the validator does, and its errors are shown by field path).
 */
import type { FioJob, FsOp, GuestThread, OutsideEvent, RunConfig, StackConfig, WorkOp } from '../../src/engine/config'
import { minimalBody } from '../../src/scenarios/compact'
import type { Draft } from '../../src/scenarios/edited'
import type { ScenarioError } from '../../src/scenarios'
import { validateScenario } from '../../src/scenarios'

export type { Draft }

type Section = Exclude<keyof StackConfig, 'deviceBlocks'>

export function setStack<S extends Section, K extends keyof StackConfig[S]>(d: Draft, section: S, field: K, value: StackConfig[S][K]): Draft {
  const stack = { ...d.config.stack, [section]: { ...d.config.stack[section], [field]: value } }
  return { ...d, config: { ...d.config, stack } }
}

export function setDevice(d: Draft, blocks: number): Draft {
  return { ...d, config: { ...d.config, stack: { ...d.config.stack, deviceBlocks: blocks } } }
}

export function setWorkload(d: Draft, patch: Partial<RunConfig['workload']>): Draft {
  return { ...d, config: { ...d.config, workload: { ...d.config.workload, ...patch } } }
}

/** Moves item i by delta (-1 up, +1 down); out of range: unchanged. */
export function move<T>(list: readonly T[], i: number, delta: number): T[] {
  const j = i + delta
  if (j < 0 || j >= list.length || i < 0 || i >= list.length) return [...list]
  const out = [...list]
  const [item] = out.splice(i, 1)
  out.splice(j, 0, item as T)
  return out
}

export function replace<T>(list: readonly T[], i: number, item: T): T[] {
  return list.map((x, k) => (k === i ? item : x))
}

export function remove<T>(list: readonly T[], i: number): T[] {
  return list.filter((_, k) => k !== i)
}

export function insertAfter<T>(list: readonly T[], i: number, item: T): T[] {
  const out = [...list]
  out.splice(i + 1, 0, item)
  return out
}

export function setThread(d: Draft, i: number, t: GuestThread): Draft {
  return setWorkload(d, { threads: replace(d.config.workload.threads, i, t) })
}

export const OP_KINDS = ['write', 'read', 'discard', 'write_zeroes', 'flush', 'wait', 'sleep', 'set_direct_io', 'outside'] as const
export type OpKind = (typeof OP_KINDS)[number]

const outsideEvent = (kind: OutsideEvent['kind']): OutsideEvent => ({ kind, order: 'ascending', nsPerBlock: kind === 'fuzzy-copy' ? 10_000 : 0 })

/** An op of another kind, keeping what the two kinds share (block, count, wait, label). */
export function retype(op: WorkOp, kind: OpKind): WorkOp {
  const label = 'label' in op ? op.label : null
  const wait = 'wait' in op ? op.wait : false
  switch (kind) {
    case 'flush':
      return { op: 'flush', wait, label }
    case 'wait':
      return { op: 'wait' }
    case 'sleep':
      return { op: 'sleep', ns: 1_000_000 }
    case 'set_direct_io':
      return { op: 'set_direct_io', on: true }
    case 'outside':
      return { op: 'outside', event: outsideEvent('power-loss') }
    default: {
      const io = 'block' in op ? op : { block: 0, count: 1 }
      return { op: kind, block: io.block, count: io.count, fua: false, preflush: false, wait, unmap: false, label }
    }
  }
}

export const NEW_OP: WorkOp = { op: 'write', block: 0, count: 1, fua: false, preflush: false, wait: false, unmap: false, label: null }

/** A thread name not used yet: guest, guest2, guest3 … */
export function freshName(taken: Iterable<string>, base: string): string {
  const used = new Set(taken)
  if (!used.has(base)) return base
  for (let n = 2; ; n++) if (!used.has(`${base}${n}`)) return `${base}${n}`
}

export const FS_KINDS = ['create', 'write', 'fsync', 'unlink', 'rename', 'sync', 'sleep', 'outside'] as const
export type FsKind = (typeof FS_KINDS)[number]

export function retypeFs(op: FsOp, kind: FsKind): FsOp {
  const label = 'label' in op ? op.label : null
  const name = 'name' in op ? op.name : 'from' in op ? op.from : 'a'
  switch (kind) {
    case 'write':
      return { op: 'write', name, offset: 0, count: 1, label }
    case 'rename':
      return { op: 'rename', from: name, to: name === 'b' ? 'c' : 'b', label }
    case 'sync':
      return { op: 'sync', label }
    case 'sleep':
      return { op: 'sleep', ns: 1_000_000 }
    case 'outside':
      return { op: 'outside', event: outsideEvent('power-loss') }
    default:
      return { op: kind, name, label }
  }
}

export function newJob(name: string): FioJob {
  return { name, cgroup: 'root', rw: 'randwrite', bs: 1, offset: 0, size: 256, iodepth: 1, direct: true, ioengine: 'psync', requests: 100, fsync: 0, drain: false, link: false, rwmixread: 50, thinkNs: 0, startNs: 0 }
}

/** The validator's errors for a draft, by the document path of each field. */
export function problemsOf(d: Draft): ScenarioError[] {
  const r = validateScenario({ loopscope: 1, id: 'draft', title: 'Draft', summary: 'Draft.', ...minimalBody(d.seed, d.config) })
  return r.ok ? [] : r.errors
}

export { outsideEvent }
