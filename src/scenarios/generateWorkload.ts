/**
 * Random valid threads, fio jobs, file systems, expectations and events for generate.ts, each as
 * [JSON, expected config].
 */
import {
  BLOCK_BYTES,
  type Expectation,
  type FioJob,
  FS_DISCIPLINES,
  type FsOp,
  type GuestFsConfig,
  type GuestThread,
  MS,
  type OutsideEvent,
  S,
  type TimedOutside,
  US,
  type WorkOp,
} from '../engine/config'
import type { Rng } from '../engine/kernel/rng'
import type { JsonObject } from './json'
import { FIO_ENGINES, FIO_PATTERNS, OUTSIDE_KINDS } from './workload'

export interface Pair<T> {
  json: JsonObject[]
  config: T[]
}

const TIME_UNITS: [string, number][] = [
  ['ns', 1],
  ['us', US],
  ['µs', US],
  ['ms', MS],
  ['s', S],
]

/** n / unit as an exact decimal string ("1.5" for 1500000 / 1e6). */
function decimal(n: number, unit: number): string {
  const whole = Math.floor(n / unit)
  const rest = n - whole * unit
  if (rest === 0) return String(whole)
  const digits = String(unit).length - 1
  return `${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`
}

/** A time in one of its spellings: 1500000, "1500000ns", "1500us", "1.5ms", "0.0015s". */
export function writeTime(rng: Rng, ns: number): number | string {
  if (rng.chance(0.25)) return ns
  const [name, unit] = rng.pick(TIME_UNITS)
  return `${decimal(ns, unit)}${name}`
}

const BYTE_UNITS: [string, number][] = [
  ['k', 2 ** 10],
  ['K', 2 ** 10],
  ['KiB', 2 ** 10],
  ['m', 2 ** 20],
  ['MiB', 2 ** 20],
  ['g', 2 ** 30],
  ['GiB', 2 ** 30],
]

/** A size as an integer, "<n><unit>" with a unit that divides it, or "1.5k" for odd halves. */
export function writeBytes(rng: Rng, bytes: number): number | string {
  if (bytes % 1024 === 512 && rng.chance(0.5)) return `${(bytes - 512) / 1024}.5k`
  const fits = BYTE_UNITS.filter(([, u]) => bytes % u === 0)
  const pick = fits.length === 0 || rng.chance(0.25) ? undefined : rng.pick(fits)
  return pick === undefined ? bytes : `${bytes / pick[1]}${pick[0]}`
}

/** Sets optional JSON fields: always when the value differs from the default, sometimes when not. */
function opts(
  rng: Rng,
  json: JsonObject,
  fields: Record<string, [value: unknown, dflt: unknown]>,
): void {
  for (const [k, [v, d]] of Object.entries(fields)) if (v !== d || rng.chance(0.3)) json[k] = v
}

function ioOp(rng: Rng, dev: number, label: () => string | null): [JsonObject, WorkOp] {
  const op = rng.pick(['write', 'read', 'discard', 'write_zeroes'] as const)
  const block = rng.int(dev)
  const count = rng.range(1, Math.min(64, dev - block))
  const write = op === 'write'
  const fua = write && rng.chance(0.3)
  const preflush = write && rng.chance(0.3)
  const unmap = op === 'write_zeroes' && rng.chance(0.5)
  const wait = rng.chance(0.3)
  const name = label()
  const json: JsonObject = { op, block }
  opts(rng, json, { count: [count, 1], wait: [wait, false], label: [name, null] })
  if (write) opts(rng, json, { fua: [fua, false], preflush: [preflush, false] })
  if (op === 'write_zeroes') opts(rng, json, { unmap: [unmap, false] })
  return [json, { op, block, count, fua, preflush, wait, unmap, label: name }]
}

function outside(rng: Rng): [JsonObject, OutsideEvent] {
  const kind = rng.pick(OUTSIDE_KINDS)
  const json: JsonObject = { op: kind.replace('-', '_') }
  if (kind !== 'fuzzy-copy') return [json, { kind, order: 'ascending', nsPerBlock: 0 }]
  const order = rng.pick(['ascending', 'descending', 'random'] as const)
  const nsPerBlock = rng.chance(0.5) ? 10 * US : rng.int(S)
  opts(rng, json, { order: [order, 'ascending'] })
  if (nsPerBlock !== 10 * US || rng.chance(0.3)) json.perBlock = writeTime(rng, nsPerBlock)
  return [json, { kind, order, nsPerBlock }]
}

function randomOp(rng: Rng, dev: number, label: () => string | null): [JsonObject, WorkOp] {
  const r = rng.int(10)
  if (r < 5) return ioOp(rng, dev, label)
  if (r === 5) {
    const [wait, name] = [rng.chance(0.5), label()]
    const json: JsonObject = { op: 'flush' }
    opts(rng, json, { wait: [wait, false], label: [name, null] })
    return [json, { op: 'flush', wait, label: name }]
  }
  if (r === 6) return [{ op: 'wait' }, { op: 'wait' }]
  if (r === 7) {
    const ns = rng.int(10 * MS)
    return [
      { op: 'sleep', time: writeTime(rng, ns) },
      { op: 'sleep', ns },
    ]
  }
  if (r === 8) {
    const on = rng.chance(0.5)
    return [
      { op: 'set_direct_io', on },
      { op: 'set_direct_io', on },
    ]
  }
  const [json, event] = outside(rng)
  return [json, { op: 'outside', event }]
}

/** 0 to 3 threads named `${prefix}0`, ... with up to 30 ops; labels are unique among them. */
export function randomThreads(rng: Rng, dev: number, prefix: string): Pair<GuestThread> {
  let labels = 0
  const label = () => (rng.chance(0.3) ? `L${labels++}` : null)
  const out: Pair<GuestThread> = { json: [], config: [] }
  for (let t = rng.int(4) - 1; t >= 0; t--) {
    const name = `${prefix}${out.json.length}`
    const pairs = Array.from({ length: rng.int(31) }, () => randomOp(rng, dev, label))
    const cgroup = rng.pick(['root', 'root', 'a', 'db_1'])
    const json: JsonObject = { name, ops: pairs.map(([j]) => j) }
    opts(rng, json, { cgroup: [cgroup, 'root'] })
    out.json.push(json)
    out.config.push({ name, cgroup, ops: pairs.map(([, c]) => c) })
  }
  return out
}

function randomJob(rng: Rng, dev: number, name: string): [JsonObject, FioJob] {
  const ioengine = rng.pick(FIO_ENGINES)
  const uring = ioengine === 'io_uring'
  const bs = rng.range(1, Math.min(16, dev))
  const offset = rng.int(dev - bs + 1)
  const size = rng.range(bs, dev - offset)
  const job: FioJob = {
    name,
    cgroup: rng.pick(['root', 'b']),
    rw: rng.pick(FIO_PATTERNS),
    bs,
    offset,
    size,
    iodepth: ioengine === 'psync' ? 1 : rng.range(1, 64),
    direct: rng.chance(0.7),
    ioengine,
    requests: rng.range(1, 10_000_000),
    fsync: rng.chance(0.5) ? 0 : rng.int(100),
    drain: uring && rng.chance(0.5),
    link: uring && rng.chance(0.5),
    rwmixread: rng.chance(0.5) ? 50 : rng.int(101),
    thinkNs: rng.chance(0.5) ? 0 : rng.int(MS),
    startNs: rng.chance(0.5) ? 0 : rng.int(S),
  }
  const json: JsonObject = {
    name,
    rw: job.rw,
    size: writeBytes(rng, size * BLOCK_BYTES),
    requests: job.requests,
  }
  if (bs !== 1 || rng.chance(0.3)) json.bs = writeBytes(rng, bs * BLOCK_BYTES)
  if (offset !== 0 || rng.chance(0.3)) json.offset = writeBytes(rng, offset * BLOCK_BYTES)
  const { cgroup, iodepth, direct, fsync, drain, link, rwmixread } = job
  opts(rng, json, {
    cgroup: [cgroup, 'root'],
    iodepth: [iodepth, 1],
    direct: [direct, true],
    ioengine: [ioengine, 'psync'],
  })
  opts(rng, json, {
    fsync: [fsync, 0],
    drain: [drain, false],
    link: [link, false],
    rwmixread: [rwmixread, 50],
  })
  if (job.thinkNs !== 0 || rng.chance(0.3)) json.think = writeTime(rng, job.thinkNs)
  if (job.startNs !== 0 || rng.chance(0.3)) json.start = writeTime(rng, job.startNs)
  return [json, job]
}

export function randomJobs(rng: Rng, dev: number): Pair<FioJob> {
  const pairs = Array.from({ length: rng.int(3) }, (_, i) => randomJob(rng, dev, `j${i}`))
  return { json: pairs.map(([j]) => j), config: pairs.map(([, c]) => c) }
}

export function randomEvents(rng: Rng, maxTime: number): Pair<TimedOutside> {
  const out: Pair<TimedOutside> = { json: [], config: [] }
  for (let n = rng.int(4); n > 0; n--) {
    const at = rng.chance(0.5) ? rng.int(Math.min(maxTime, S) + 1) : maxTime
    const [op, event] = outside(rng)
    const { op: _op, ...rest } = op
    out.json.push({ at: writeTime(rng, at), kind: event.kind, ...rest })
    out.config.push({ at, ...event })
  }
  return out
}

/** A file system with no `workload.fs` fields, written out here so the validator's defaults get tested. */
const FS_DEFAULTS: GuestFsConfig = {
  discipline: 'jbd2',
  commitIntervalNs: 5 * S,
  cgroup: 'root',
  files: [],
  ops: [],
}

/** Names ops pick from: some are files present at the start, some are not. */
const FILE_NAMES = ['a', 'b', 'c', 'db.log', 'wal-1', 'x_2', 'tmp.0', 'abcdefghijklmnop']

function fsOp(rng: Rng, label: () => string | null): [JsonObject, FsOp] {
  const name = rng.pick(FILE_NAMES)
  const r = rng.int(10)
  if (r < 5) {
    const op = rng.pick(['create', 'write', 'write', 'fsync', 'unlink'] as const)
    if (op !== 'write') {
      const l = label()
      const json: JsonObject = { op, name }
      opts(rng, json, { label: [l, null] })
      return [json, { op, name, label: l }]
    }
    const offset = rng.chance(0.9) ? rng.int(128) : rng.int(2 ** 24)
    const count = rng.range(1, 64)
    const l = label()
    const json: JsonObject = { op, name, offset }
    opts(rng, json, { count: [count, 1], label: [l, null] })
    return [json, { op, name, offset, count, label: l }]
  }
  if (r === 5) {
    const to = rng.pick(FILE_NAMES.filter((n) => n !== name))
    const l = label()
    const json: JsonObject = { op: 'rename', from: name, to }
    opts(rng, json, { label: [l, null] })
    return [json, { op: 'rename', from: name, to, label: l }]
  }
  if (r === 6) {
    const l = label()
    const json: JsonObject = { op: 'sync' }
    opts(rng, json, { label: [l, null] })
    return [json, { op: 'sync', label: l }]
  }
  if (r === 7) {
    const ns = rng.chance(0.9) ? rng.int(10 * S) : 3600 * S
    return [
      { op: 'sleep', time: writeTime(rng, ns) },
      { op: 'sleep', ns },
    ]
  }
  const [json, event] = outside(rng)
  return [json, { op: 'outside', event }]
}

function randomFiles(rng: Rng): Pair<GuestFsConfig['files'][number]> {
  const names = FILE_NAMES.filter(() => rng.chance(0.3))
  const config = names.map((name) => ({ name, blocks: rng.chance(0.1) ? 64 : rng.range(1, 64) }))
  return { json: config.map((f) => ({ ...f })), config }
}

/** Writes a list when it differs from what a patch would keep, and sometimes when it does not. */
function optList<T>(rng: Rng, json: JsonObject, k: string, v: Pair<T>, kept: T[]): void {
  if (JSON.stringify(v.config) !== JSON.stringify(kept) || rng.chance(0.3)) json[k] = v.json
}

/**
 * A file system, or null. Over `base` (a variant's patch, which merges into the scenario's
 * `workload.fs`) a field is left out only when it keeps base's value; over null, the default.
 * Op labels are `${prefix}0`, `${prefix}1`, ...
 */
export function randomFs(
  rng: Rng,
  base: GuestFsConfig | null,
  prefix: string,
): { json: JsonObject | null; config: GuestFsConfig | null } {
  if (rng.chance(0.25)) return { json: null, config: null }
  const kept = base ?? FS_DEFAULTS
  const config: GuestFsConfig = { ...kept }
  const json: JsonObject = {}
  if (rng.chance(0.6)) config.discipline = rng.pick(FS_DISCIPLINES)
  if (rng.chance(0.3)) config.cgroup = rng.pick(['root', 'a', 'db_1'])
  opts(rng, json, {
    discipline: [config.discipline, kept.discipline],
    cgroup: [config.cgroup, kept.cgroup],
  })
  if (rng.chance(0.5)) config.commitIntervalNs = rng.chance(0.5) ? 5 * S : rng.range(1, 3600 * S)
  if (config.commitIntervalNs !== kept.commitIntervalNs || rng.chance(0.3))
    json.commitInterval = writeTime(rng, config.commitIntervalNs)
  if (base === null || rng.chance(0.5)) {
    const files = randomFiles(rng)
    config.files = files.config
    optList(rng, json, 'files', files, kept.files)
  }
  if (base === null || rng.chance(0.5)) {
    let labels = 0
    const label = () => (rng.chance(0.3) ? `${prefix}${labels++}` : null)
    const pairs = Array.from({ length: rng.int(31) }, () => fsOp(rng, label))
    const ops = { json: pairs.map(([j]) => j), config: pairs.map(([, c]) => c) }
    config.ops = ops.config
    optList(rng, json, 'ops', ops, kept.ops)
  }
  return { json, config }
}

/** Labels defined by thread ops and file-system ops, in definition order. */
export function labelsOf(threads: GuestThread[], fs: GuestFsConfig | null): string[] {
  const ops: (WorkOp | FsOp)[] = [...threads.flatMap((t) => t.ops), ...(fs?.ops ?? [])]
  return ops.flatMap((op) => ('label' in op && op.label !== null ? [op.label] : []))
}

/** 0 to 3 expectations over `labels` (none when there are no labels). */
export function randomExpectations(rng: Rng, labels: string[]): Pair<Expectation> {
  const out: Pair<Expectation> = { json: [], config: [] }
  if (labels.length === 0) return out
  for (let n = rng.int(4); n > 0; n--) {
    const after = rng.pick(labels)
    const size = rng.chance(0.05) ? 64 : rng.range(1, 4)
    const durable = Array.from({ length: size }, () => rng.pick(labels))
    out.json.push({ after, durable: [...durable] })
    out.config.push({ after, durable })
  }
  return out
}
