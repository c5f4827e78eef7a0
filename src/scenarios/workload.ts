/**
 * `workload.threads`, `workload.jobs` (fio), `workload.fs` and `workload.expectations`, and the
 * top-level `events` -> Workload.
 */
import {
  BLOCK_BYTES,
  type FioEngine,
  type FioJob,
  type FioPattern,
  type GuestThread,
  type OutsideKind,
  S,
  type TimedOutside,
  type Workload,
} from '../engine/config'
import {
  all,
  blocksOfBytes,
  bool,
  type Check,
  type Ctx,
  Fields,
  int,
  key,
  list,
  oneOf,
  pattern,
  time,
} from './check'
import { describe } from './describe'
import { expectationsSection } from './expectations'
import { fsSection } from './fs'
import { isPlainObject, own } from './json'
import { cgroup, outsideEvent, type OpScope, workOp } from './ops'
import { jobRangeProblem } from './ranges'
import { MAX_DEVICE_BLOCKS } from './stack'
import { formatTime } from './units'

export const FIO_PATTERNS = [
  'read',
  'write',
  'randread',
  'randwrite',
  'rw',
  'randrw',
] as const satisfies readonly FioPattern[]
export const FIO_ENGINES = ['psync', 'libaio', 'io_uring'] as const satisfies readonly FioEngine[]
export const OUTSIDE_KINDS = [
  'power-loss',
  'atomic-snapshot',
  'block-snapshot',
  'fuzzy-copy',
] as const satisfies readonly OutsideKind[]
// Fails to compile when config.ts grows a pattern, engine or kind these lists do not have.
const _complete: [FioPattern, FioEngine, OutsideKind] extends [
  (typeof FIO_PATTERNS)[number],
  (typeof FIO_ENGINES)[number],
  (typeof OUTSIDE_KINDS)[number],
]
  ? true
  : never = true
void _complete

export const MAX_THREADS = 256
export const MAX_JOBS = 256
export const MAX_OPS = 100_000
export const MAX_EVENTS = 1_000
const HOUR = 3600 * S
/** Longest run a scenario may ask for (limits.maxTime). */
export const MAX_RUN_TIME = 30 * 24 * HOUR

export interface WorkloadScope extends OpScope {
  /** Thread and job names seen so far, with the path that defined each. */
  names: Map<string, string>
}

const taskName = pattern(
  /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
  'a name: a letter or digit, then up to 63 letters, digits, _ . or -',
)

function uniqueName(f: Fields, scope: WorkloadScope): string | undefined {
  const at = key(f.at, 'name')
  const name = f.req('name', taskName)
  if (name === undefined) return undefined
  const first = scope.names.get(name)
  if (first !== undefined)
    return f.cx.fail(at, `duplicate name ${describe(name)}; first used at ${first}`)
  scope.names.set(name, at)
  return name
}

function thread(scope: WorkloadScope): Check<GuestThread> {
  const ops = list(workOp(scope), MAX_OPS)
  return (v, at, cx) => {
    const f = Fields.open(v, at, cx, ['name', 'cgroup', 'ops'])
    return (
      f &&
      all<GuestThread>({
        name: uniqueName(f, scope),
        cgroup: f.opt('cgroup', cgroup, 'root'),
        ops: f.req('ops', ops),
      })
    )
  }
}

const JOB_KEYS = [
  'name',
  'cgroup',
  'rw',
  'bs',
  'offset',
  'size',
  'iodepth',
  'direct',
  'ioengine',
  'requests',
]
const JOB_MORE_KEYS = ['fsync', 'drain', 'link', 'rwmixread', 'think', 'start']

/** Rules between fields of a job; each failure names the field to change. */
function jobRules(j: FioJob, at: string, cx: Ctx, dev: number | undefined): boolean {
  const broken: [string, string][] = []
  if (j.ioengine === 'psync' && j.iodepth > 1)
    broken.push(['iodepth', `psync is synchronous; iodepth must be 1, got ${j.iodepth}`])
  for (const flag of ['drain', 'link'] as const) {
    if (j[flag] && j.ioengine !== 'io_uring')
      broken.push([flag, `needs ioengine "io_uring", got ioengine "${j.ioengine}"`])
  }
  if (j.bs > j.size)
    broken.push([
      'bs',
      `must not be larger than size (${j.size * BLOCK_BYTES} bytes), got ${j.bs * BLOCK_BYTES} bytes`,
    ])
  const range = dev === undefined ? undefined : jobRangeProblem(j.offset, j.size, dev)
  if (range) broken.push(range)
  for (const [field, message] of broken) cx.fail(key(at, field), message)
  return broken.length === 0
}

function fioJob(scope: WorkloadScope): Check<FioJob> {
  const blocks = (min: number) => blocksOfBytes(min, MAX_DEVICE_BLOCKS, BLOCK_BYTES)
  return (v, at, cx) => {
    const f = Fields.open(v, at, cx, [...JOB_KEYS, ...JOB_MORE_KEYS])
    if (f === undefined) return undefined
    const job = all<FioJob>({
      name: uniqueName(f, scope),
      cgroup: f.opt('cgroup', cgroup, 'root'),
      rw: f.req('rw', oneOf(FIO_PATTERNS)),
      bs: f.opt('bs', blocks(1), 1),
      offset: f.opt('offset', blocks(0), 0),
      size: f.req('size', blocks(1)),
      iodepth: f.opt('iodepth', int(1, 4096), 1),
      direct: f.opt('direct', bool, true),
      ioengine: f.opt('ioengine', oneOf(FIO_ENGINES), 'psync'),
      requests: f.req('requests', int(1, 10_000_000)),
      fsync: f.opt('fsync', int(0, 10_000_000), 0),
      drain: f.opt('drain', bool, false),
      link: f.opt('link', bool, false),
      rwmixread: f.opt('rwmixread', int(0, 100), 50),
      thinkNs: f.opt('think', time(0, HOUR), 0),
      startNs: f.opt('start', time(0, HOUR), 0),
    })
    return job && jobRules(job, at, cx, scope.deviceBlocks) ? job : undefined
  }
}

export function workloadSection(scope: WorkloadScope): Check<Omit<Workload, 'events'>> {
  const threads = list(thread(scope), MAX_THREADS)
  const jobs = list(fioJob(scope), MAX_JOBS)
  const fs = fsSection(scope)
  return (v, at, cx) => {
    const f = Fields.open(v, at, cx, ['threads', 'jobs', 'fs', 'expectations'])
    if (f === undefined) return undefined
    const parts = {
      threads: f.opt('threads', threads, []),
      jobs: f.opt('jobs', jobs, []),
      fs: f.opt('fs', fs, null),
    }
    // Labels are all known only when every op that may define one was valid; otherwise an
    // expectation naming a label that failed its own check would pile an error onto that one.
    const labels = parts.threads && parts.fs !== undefined ? scope.labels : undefined
    const expectations = f.opt('expectations', expectationsSection(labels), [])
    return all({ ...parts, expectations })
  }
}

const kind = oneOf(OUTSIDE_KINDS)
const FUZZY_KEYS = ['order', 'perBlock']
const fuzzyOnly = (name: string) =>
  FUZZY_KEYS.includes(name) ? `${name} is only valid for kind "fuzzy-copy"` : undefined

/** `at` of an event: within the run's time limit when that is known. */
function eventTime(maxTime: number | undefined): Check<number> {
  const inRange = time(0, MAX_RUN_TIME)
  return (v, at, cx) => {
    const ns = inRange(v, at, cx)
    if (ns === undefined || maxTime === undefined || ns <= maxTime) return ns
    return cx.fail(
      at,
      `is after limits.maxTime (${formatTime(maxTime)}), got ${formatTime(ns)}; the run ends first`,
    )
  }
}

/** A timed outside event: {at, kind} and, for a fuzzy copy, order and perBlock. */
export function timedEvent(maxTime: number | undefined): Check<TimedOutside> {
  const when = eventTime(maxTime)
  return (v, at, cx) => {
    if (!isPlainObject(v))
      return cx.fail(
        at,
        `must be an event like {"at": "5ms", "kind": "power-loss"}, got ${describe(v)}`,
      )
    if (!Object.hasOwn(v, 'kind'))
      return cx.fail(key(at, 'kind'), `is required but missing; one of ${OUTSIDE_KINDS.join(', ')}`)
    const k = kind(own(v, 'kind'), key(at, 'kind'), cx)
    const f = Fields.open(
      v,
      at,
      cx,
      k === 'fuzzy-copy' ? ['at', 'kind', ...FUZZY_KEYS] : ['at', 'kind'],
      fuzzyOnly,
    )
    const atNs = f?.req('at', when)
    const event = k && f && outsideEvent(k, f)
    return atNs === undefined || event === undefined ? undefined : { at: atNs, ...event }
  }
}

export function eventsSection(maxTime: number | undefined): Check<TimedOutside[]> {
  return list(timedEvent(maxTime), MAX_EVENTS)
}
