/**
 * A run (seed and RunConfig) -> the smallest scenario body that resolves to it: only what differs
 * from the defaults is written, in the document's own field names (times in nanoseconds, sizes in
 * bytes). The printer writes this body as compact text, and the editor applies it as a document.
 */
import {
  BLOCK_BYTES,
  defaultLimits,
  defaultStack,
  type FioJob,
  type FsOp,
  type GuestFsConfig,
  type OutsideEvent,
  type RunConfig,
  type StackConfig,
  type WorkOp,
} from '../../engine/config'
import { defaultFs } from '../fs'
import { setOwn, type JsonObject } from '../json'
import { DEFAULT_PER_BLOCK } from '../ops'
import type { ScenarioBody } from '../types'
import { jsonName, OUTSIDE_WORDS } from './vocab'

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Fields of `rec` that differ from `base`, under their JSON names. */
function diff(rec: object, base: object): JsonObject {
  const out: JsonObject = {}
  for (const [k, v] of Object.entries(rec)) {
    if (!same(v, (base as Record<string, unknown>)[k])) setOwn(out, jsonName(k), v)
  }
  return out
}

/** An empty list of allocated ranges allocates nothing, exactly as "none" does (allocatedFn). */
function canonical(s: StackConfig): StackConfig {
  const a = s.backing.allocated
  return Array.isArray(a) && a.length === 0
    ? { ...s, backing: { ...s.backing, allocated: 'none' } }
    : s
}

function stackBody(s: StackConfig): JsonObject {
  const d = defaultStack()
  const out: JsonObject = {}
  for (const [k, v] of Object.entries(s)) {
    const base = (d as unknown as Record<string, unknown>)[k]
    const part =
      typeof v === 'object' && v !== null ? diff(v, base as object) : same(v, base) ? {} : v
    if (typeof part !== 'object' || Object.keys(part).length > 0) setOwn(out, k, part)
  }
  return out
}

/** { op: 'power_loss' } or { op: 'fuzzy_copy', order, perBlock } without the defaults. */
function outside(e: OutsideEvent, field: 'op' | 'kind'): JsonObject {
  const word = OUTSIDE_WORDS[e.kind]
  const out: JsonObject = { [field]: field === 'op' ? word.op : word.kind }
  if (e.kind !== 'fuzzy-copy') return out
  if (e.order !== 'ascending') out.order = e.order
  if (e.nsPerBlock !== DEFAULT_PER_BLOCK) out.perBlock = e.nsPerBlock
  return out
}

const withLabel = (o: JsonObject, label: string | null) => (label === null ? o : { ...o, label })

function threadOp(op: WorkOp): JsonObject {
  switch (op.op) {
    case 'flush':
      return withLabel(op.wait ? { op: 'flush', wait: true } : { op: 'flush' }, op.label)
    case 'wait':
      return { op: 'wait' }
    case 'sleep':
      return { op: 'sleep', time: op.ns }
    case 'set_direct_io':
      return { op: 'set_direct_io', on: op.on }
    case 'outside':
      return outside(op.event, 'op')
    default: {
      const out: JsonObject = { op: op.op, block: op.block }
      if (op.count !== 1) out.count = op.count
      for (const flag of ['fua', 'preflush', 'unmap', 'wait'] as const)
        if (op[flag]) out[flag] = true
      return withLabel(out, op.label)
    }
  }
}

function fsOp(op: FsOp): JsonObject {
  switch (op.op) {
    case 'sleep':
      return { op: 'sleep', time: op.ns }
    case 'outside':
      return outside(op.event, 'op')
    case 'write': {
      const out: JsonObject = { op: 'write', name: op.name, offset: op.offset }
      if (op.count !== 1) out.count = op.count
      return withLabel(out, op.label)
    }
    case 'rename':
      return withLabel({ op: 'rename', from: op.from, to: op.to }, op.label)
    case 'sync':
      return withLabel({ op: 'sync' }, op.label)
    default:
      return withLabel({ op: op.op, name: op.name }, op.label)
  }
}

const JOB_DEFAULTS = {
  cgroup: 'root',
  bs: 1,
  offset: 0,
  iodepth: 1,
  direct: true,
  ioengine: 'psync',
  fsync: 0,
  drain: false,
  link: false,
  rwmixread: 50,
  thinkNs: 0,
  startNs: 0,
}

function job(j: FioJob): JsonObject {
  const out: JsonObject = { name: j.name }
  const d = diff(j, JOB_DEFAULTS)
  for (const k of [
    'cgroup',
    'rw',
    'bs',
    'offset',
    'size',
    'iodepth',
    'direct',
    'ioengine',
    'requests',
    'fsync',
    'drain',
    'link',
    'rwmixread',
    'think',
    'start',
  ]) {
    if (!Object.hasOwn(d, k)) continue
    // Sizes are blocks in the config and bytes in the document.
    setOwn(
      out,
      k,
      k === 'bs' || k === 'offset' || k === 'size' ? (d[k] as number) * BLOCK_BYTES : d[k],
    )
  }
  return out
}

function fsBody(fs: GuestFsConfig): JsonObject {
  const { files, ops, ...rest } = fs
  const out = diff(rest, defaultFs())
  if (files.length > 0) out.files = files.map((f) => ({ name: f.name, blocks: f.blocks }))
  if (ops.length > 0) out.ops = ops.map(fsOp)
  return out
}

export function minimalBody(seed: number, config: RunConfig): ScenarioBody {
  const out: JsonObject = {}
  if (seed !== 1) out.seed = seed
  const stack = stackBody(canonical(config.stack))
  if (Object.keys(stack).length > 0) out.stack = stack
  const w = config.workload
  const workload: JsonObject = {}
  if (w.threads.length > 0)
    workload.threads = w.threads.map((t) => ({
      name: t.name,
      ...(t.cgroup === 'root' ? {} : { cgroup: t.cgroup }),
      ops: t.ops.map(threadOp),
    }))
  if (w.jobs.length > 0) workload.jobs = w.jobs.map(job)
  if (w.fs !== null) workload.fs = fsBody(w.fs)
  if (w.expectations.length > 0)
    workload.expectations = w.expectations.map((e) => ({ after: e.after, durable: [...e.durable] }))
  if (Object.keys(workload).length > 0) out.workload = workload
  if (w.events.length > 0)
    out.events = w.events.map(({ at, ...e }) => ({ at, ...outside(e, 'kind') }))
  const limits = diff(config.limits, defaultLimits())
  if (Object.keys(limits).length > 0) out.limits = limits
  return out as ScenarioBody
}
