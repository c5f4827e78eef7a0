/**
 * Steps of a guest thread (`workload.threads[i].ops[j]`) -> WorkOp. Each op kind lists the keys
 * it takes; a key that belongs to another kind gets a message naming where it does belong.
 * Labels, sleeps and outside events are shared with the file-system ops of fs.ts.
 */
import { type OutsideEvent, type OutsideKind, S, US, type WorkOp } from '../engine/config'
import { all, bool, type Check, type Ctx, Fields, int, key, oneOf, pattern, time } from './check'
import { describe } from './describe'
import { isPlainObject, own } from './json'
import { opRangeProblem } from './ranges'
import { MAX_DEVICE_BLOCKS } from './stack'

/** What an op needs to know about the rest of the scenario. */
export interface OpScope {
  /** Device size, when the stack's deviceBlocks was valid (range checks are skipped otherwise). */
  deviceBlocks: number | undefined
  /** Labels seen so far, with the path that defined each. */
  labels: Map<string, string>
}

const IO_KEYS = ['op', 'block', 'count', 'wait', 'label']

/** Ops that stand for an event outside the machine; threads and the file system both take them. */
export const OUTSIDE_OP_KEYS = {
  power_loss: ['op'],
  atomic_snapshot: ['op'],
  block_snapshot: ['op'],
  fuzzy_copy: ['op', 'order', 'perBlock'],
} as const satisfies Record<string, readonly string[]>

export const OUTSIDE_OPS = {
  power_loss: 'power-loss',
  atomic_snapshot: 'atomic-snapshot',
  block_snapshot: 'block-snapshot',
  fuzzy_copy: 'fuzzy-copy',
} as const satisfies Record<keyof typeof OUTSIDE_OP_KEYS, OutsideKind>

export const OP_KEYS = {
  write: [...IO_KEYS, 'fua', 'preflush'],
  read: IO_KEYS,
  discard: IO_KEYS,
  write_zeroes: [...IO_KEYS, 'unmap'],
  flush: ['op', 'wait', 'label'],
  wait: ['op'],
  sleep: ['op', 'time'],
  set_direct_io: ['op', 'on'],
  ...OUTSIDE_OP_KEYS,
} as const satisfies Record<string, readonly string[]>

export type OpName = keyof typeof OP_KEYS
export const OP_NAMES = Object.keys(OP_KEYS) as OpName[]

const OUTSIDE: Partial<Record<OpName, OutsideKind>> = OUTSIDE_OPS

/** The op kinds of a table that take key k. */
export function opsTaking<K extends string>(table: Record<K, readonly string[]>, k: string): K[] {
  return (Object.keys(table) as K[]).filter((name) => table[name].includes(k))
}

/** "fua is only valid on write ops" for a key some other op kind takes. */
function otherOpHint(k: string): string | undefined {
  const owners = opsTaking(OP_KEYS, k)
  return owners.length === 0 ? undefined : `${k} is only valid on ${owners.join(', ')} ops`
}

/** The cgroup a thread, a fio job or the guest file system runs in. */
export const cgroup = pattern(/^[a-z0-9_-]{1,32}$/, 'a cgroup name: 1 to 32 of a-z, 0-9, _ or -')

export const LABEL = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/
export const labelText = pattern(LABEL, 'a label: a letter, then up to 31 letters, digits, _ or -')

/**
 * The optional label of an op (null when absent). Thread ops and file-system ops share one
 * namespace: a label used twice is reported at the second use, naming the first.
 */
export function label(f: Fields, scope: OpScope): string | null | undefined {
  const v = f.get('label')
  if (!f.has('label') || v === null) return null
  const at = key(f.at, 'label')
  const name = labelText(v, at, f.cx)
  if (name === undefined) return undefined
  const first = scope.labels.get(name)
  if (first !== undefined)
    return f.cx.fail(at, `duplicate label ${describe(name)}; first used at ${first}`)
  scope.labels.set(name, at)
  return name
}

const blockNumber = int(0, MAX_DEVICE_BLOCKS - 1)
const blockCount = int(1, MAX_DEVICE_BLOCKS)

/** block and count, checked against the device size when it is known. */
function blockRange(
  f: Fields,
  scope: OpScope,
): { block: number | undefined; count: number | undefined } {
  const block = f.req('block', blockNumber)
  const count = f.opt('count', blockCount, 1)
  const dev = scope.deviceBlocks
  if (block === undefined || count === undefined || dev === undefined) return { block, count }
  const problem = opRangeProblem(block, count, dev)
  if (problem === undefined) return { block, count }
  f.cx.fail(key(f.at, problem[0]), problem[1])
  return problem[0] === 'block' ? { block: undefined, count } : { block, count: undefined }
}

type OpOf<K extends WorkOp['op']> = Extract<WorkOp, { op: K }>
type IoOp = Extract<WorkOp, { block: number }>
type IoName = IoOp['op']

function io(op: IoName, f: Fields, scope: OpScope): WorkOp | undefined {
  const { block, count } = blockRange(f, scope)
  return all<IoOp>({
    op,
    block,
    count,
    fua: op === 'write' ? f.opt('fua', bool, false) : false,
    preflush: op === 'write' ? f.opt('preflush', bool, false) : false,
    wait: f.opt('wait', bool, false),
    unmap: op === 'write_zeroes' ? f.opt('unmap', bool, false) : false,
    label: label(f, scope),
  })
}

export const fuzzyOrder = oneOf<OutsideEvent['order']>(['ascending', 'descending', 'random'])
export const perBlock = time(0, 1 * S)
export const DEFAULT_PER_BLOCK = 10 * US
export const sleepTime = time(0, 3600 * S)

/** order and perBlock of an outside event (only a fuzzy copy takes them). */
export function outsideEvent(kind: OutsideKind, f: Fields): OutsideEvent | undefined {
  if (kind !== 'fuzzy-copy') return { kind, order: 'ascending', nsPerBlock: 0 }
  return all<OutsideEvent>({
    kind,
    order: f.opt('order', fuzzyOrder, 'ascending'),
    nsPerBlock: f.opt('perBlock', perBlock, DEFAULT_PER_BLOCK),
  })
}

function build(name: OpName, f: Fields, scope: OpScope): WorkOp | undefined {
  const outside = OUTSIDE[name]
  if (outside !== undefined) {
    const event = outsideEvent(outside, f)
    return event && { op: 'outside', event }
  }
  switch (name) {
    case 'flush':
      return all<OpOf<'flush'>>({
        op: 'flush',
        wait: f.opt('wait', bool, false),
        label: label(f, scope),
      })
    case 'wait':
      return { op: 'wait' }
    case 'sleep':
      return all<OpOf<'sleep'>>({ op: 'sleep', ns: f.req('time', sleepTime) })
    case 'set_direct_io':
      return all<OpOf<'set_direct_io'>>({ op: 'set_direct_io', on: f.req('on', bool) })
    case 'write':
    case 'read':
    case 'discard':
    case 'write_zeroes':
      return io(name, f, scope)
    default:
      return undefined
  }
}

const opName = oneOf(OP_NAMES)

export function workOp(scope: OpScope): Check<WorkOp> {
  return (v: unknown, at: string, cx: Ctx) => {
    if (!isPlainObject(v))
      return cx.fail(
        at,
        `must be an op object like {"op": "write", "block": 0}, got ${describe(v)}`,
      )
    if (!Object.hasOwn(v, 'op'))
      return cx.fail(key(at, 'op'), `is required but missing; one of ${OP_NAMES.join(', ')}`)
    const name = opName(own(v, 'op'), key(at, 'op'), cx)
    const f = name && Fields.open(v, at, cx, OP_KEYS[name], otherOpHint)
    return name && f && build(name, f, scope)
  }
}
