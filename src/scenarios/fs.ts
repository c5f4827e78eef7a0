/**
 * `workload.fs`: a guest journaling file system and the file operations it runs -> GuestFsConfig.
 * Names used by ops are not checked against the files: the engine reports ENOENT and the like at
 * run time, as a real file system would. Op labels share the namespace of thread op labels.
 */
import {
  FS_DISCIPLINES,
  type FsOp,
  type GuestFsConfig,
  type OutsideKind,
  S,
} from '../engine/config'
import {
  all,
  type Check,
  type Ctx,
  Fields,
  int,
  key,
  list,
  oneOf,
  partial,
  pattern,
  time,
} from './check'
import { describe } from './describe'
import { isPlainObject, own } from './json'
import {
  cgroup,
  label,
  OP_KEYS,
  type OpScope,
  opsTaking,
  outsideEvent,
  OUTSIDE_OP_KEYS,
  OUTSIDE_OPS,
  sleepTime,
} from './ops'
import { MAX_DEVICE_BLOCKS } from './stack'

export const MAX_FS_FILES = 32
export const MAX_FS_OPS = 4_096
export const MAX_FILE_BLOCKS = 64
/** Blocks one write op may cover. */
export const MAX_FS_WRITE = 64
const HOUR = 3600 * S

/** What a file system without `workload.fs` fields runs with (ext4's 5 s commit interval). */
export function defaultFs(): GuestFsConfig {
  return { discipline: 'jbd2', commitIntervalNs: 5 * S, cgroup: 'root', files: [], ops: [] }
}

export const FILE_NAME = /^[a-z][a-z0-9_.-]{0,15}$/
const fileName = pattern(
  FILE_NAME,
  'a file name: a lowercase letter, then up to 15 of a-z, 0-9, _ . or -',
)

type FsFile = GuestFsConfig['files'][number]

/** One file present at the start; `names` holds the names seen so far in this list. */
function file(names: Map<string, string>): Check<FsFile> {
  return (v, at, cx) => {
    const f = Fields.open(v, at, cx, ['name', 'blocks'])
    if (f === undefined) return undefined
    const name = f.req('name', fileName)
    const first = name === undefined ? undefined : names.get(name)
    if (first !== undefined)
      cx.fail(key(at, 'name'), `duplicate file name ${describe(name)}; first used at ${first}`)
    else if (name !== undefined) names.set(name, key(at, 'name'))
    const parts = { name, blocks: f.req('blocks', int(1, MAX_FILE_BLOCKS)) }
    return first === undefined ? all<FsFile>(parts) : undefined
  }
}

const files: Check<FsFile[]> = (v, at, cx) => list(file(new Map()), MAX_FS_FILES)(v, at, cx)

const NAMED = ['op', 'name', 'label']
const FS_OP_KEYS = {
  create: NAMED,
  write: ['op', 'name', 'offset', 'count', 'label'],
  fsync: NAMED,
  unlink: NAMED,
  rename: ['op', 'from', 'to', 'label'],
  sync: ['op', 'label'],
  sleep: ['op', 'time'],
  ...OUTSIDE_OP_KEYS,
} as const satisfies Record<string, readonly string[]>

export type FsOpName = keyof typeof FS_OP_KEYS
export const FS_OP_NAMES = Object.keys(FS_OP_KEYS) as FsOpName[]

const OUTSIDE: Partial<Record<FsOpName, OutsideKind>> = OUTSIDE_OPS

/** "offset is only valid on write ops"; "block is only valid on thread ops, not on file-system ops". */
function otherFsOpHint(k: string): string | undefined {
  const owners = opsTaking(FS_OP_KEYS, k)
  if (owners.length > 0) return `${k} is only valid on ${owners.join(', ')} ops`
  if (opsTaking(OP_KEYS, k).length > 0)
    return `${k} is only valid on thread ops, not on file-system ops`
  return undefined
}

type FsOpOf<K extends FsOp['op']> = Extract<FsOp, { op: K }>

/** A file offset: any block a file may reach; the file system grows the file as needed. */
const fileOffset = int(0, MAX_DEVICE_BLOCKS - 1)
const writeCount = int(1, MAX_FS_WRITE)

function rename(f: Fields, scope: OpScope): FsOp | undefined {
  const op = all<FsOpOf<'rename'>>({
    op: 'rename',
    from: f.req('from', fileName),
    to: f.req('to', fileName),
    label: label(f, scope),
  })
  if (op === undefined || op.from !== op.to) return op
  return f.cx.fail(key(f.at, 'to'), `must differ from "from", got ${describe(op.to)} for both`)
}

function build(name: FsOpName, f: Fields, scope: OpScope): FsOp | undefined {
  const outside = OUTSIDE[name]
  if (outside !== undefined) {
    const event = outsideEvent(outside, f)
    return event && { op: 'outside', event }
  }
  switch (name) {
    case 'create':
    case 'fsync':
    case 'unlink':
      return all<FsOpOf<typeof name>>({
        op: name,
        name: f.req('name', fileName),
        label: label(f, scope),
      })
    case 'write':
      return all<FsOpOf<'write'>>({
        op: 'write',
        name: f.req('name', fileName),
        offset: f.req('offset', fileOffset),
        count: f.opt('count', writeCount, 1),
        label: label(f, scope),
      })
    case 'rename':
      return rename(f, scope)
    case 'sync':
      return all<FsOpOf<'sync'>>({ op: 'sync', label: label(f, scope) })
    case 'sleep':
      return all<FsOpOf<'sleep'>>({ op: 'sleep', ns: f.req('time', sleepTime) })
    default:
      return undefined
  }
}

const fsOpName = oneOf(FS_OP_NAMES)

export function fsOp(scope: OpScope): Check<FsOp> {
  return (v: unknown, at: string, cx: Ctx) => {
    if (!isPlainObject(v))
      return cx.fail(
        at,
        `must be an op object like {"op": "fsync", "name": "a"}, got ${describe(v)}`,
      )
    if (!Object.hasOwn(v, 'op'))
      return cx.fail(key(at, 'op'), `is required but missing; one of ${FS_OP_NAMES.join(', ')}`)
    const name = fsOpName(own(v, 'op'), key(at, 'op'), cx)
    const f = name && Fields.open(v, at, cx, FS_OP_KEYS[name], otherFsOpHint)
    return name && f && build(name, f, scope)
  }
}

/** `workload.fs`: null (or absent) for no file system, else a record merged over defaultFs(). */
export function fsSection(scope: OpScope): Check<GuestFsConfig | null> {
  const fs = partial<GuestFsConfig>({
    discipline: oneOf(FS_DISCIPLINES),
    commitIntervalNs: time(1, HOUR),
    cgroup,
    files,
    ops: list(fsOp(scope), MAX_FS_OPS),
  })
  return (v, at, cx) => (v === null ? null : fs(v, at, cx, defaultFs()))
}
