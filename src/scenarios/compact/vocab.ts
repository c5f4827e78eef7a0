/**
 * The words of the compact form: one table per stack section (compact name -> config field), the
 * fio job keys, and the op names. The parser reads them, the printer writes them, and the editor
 * labels its form with them, so a name is defined once. Every StackConfig field has a compact name
 * (the Record types fail to compile when config.ts grows a field), so any valid scenario prints.
 */
import {
  FS_DISCIPLINES,
  LOOP_MODES,
  type BackingConfig,
  type CryptConfig,
  type DiskConfig,
  type GuestBlkConfig,
  type HostFsConfig,
  type LoopConfig,
  type PageCacheConfig,
  type TimingConfig,
} from '../../engine/config'
import { FIO_ENGINES, FIO_PATTERNS } from '../workload'

/** How a setting's value is written. */
export type Kind =
  | { t: 'bool' }
  | { t: 'int' }
  | { t: 'time' }
  /** plain: printed as a number of bytes (sector sizes); units: with KiB/MiB/GiB when exact. */
  | { t: 'bytes'; print: 'plain' | 'units' }
  /** The values may stand alone as a word ("loop proposal-2012"). */
  | { t: 'enum'; values: readonly string[] }
  /** backing allocation: all, none, or start+count ranges joined by commas. */
  | { t: 'alloc' }
  /** A name (a cgroup), checked by the validator. */
  | { t: 'word' }

export interface Setting {
  /** The compact name ("dio"). */
  name: string
  /** The field in the JSON document ("directIo"): the config field without a trailing "Ns". */
  json: string
  kind: Kind
}

const BOOL: Kind = { t: 'bool' }
const INT: Kind = { t: 'int' }
const TIME: Kind = { t: 'time' }
const SECTOR: Kind = { t: 'bytes', print: 'plain' }
const SIZE: Kind = { t: 'bytes', print: 'units' }

type Spec<T> = { [K in keyof T]-?: [name: string, kind: Kind] }

/** JSON names drop a trailing "Ns" (commitIntervalNs -> commitInterval), as scenario files do. */
export function jsonName(field: string): string {
  return field.endsWith('Ns') ? field.slice(0, -2) : field
}

function settings<T>(spec: Spec<T>): Setting[] {
  return Object.entries(spec).map(([field, v]) => {
    const [name, kind] = v as [string, Kind]
    return { name, json: jsonName(field), kind }
  })
}

const loop: Spec<LoopConfig> = {
  mode: ['mode', { t: 'enum', values: LOOP_MODES }],
  directIo: ['dio', BOOL],
  logicalBlockSize: ['lbs', SECTOR],
  offsetBytes: ['offset', SIZE],
  queueDepth: ['qd', INT],
  writeCache: ['wcache', BOOL],
  readOnly: ['ro', BOOL],
  flushDrains: ['flush-drains', BOOL],
}

const backing: Spec<BackingConfig> = {
  minDioSize: ['min-dio', SECTOR],
  canDirectIo: ['can-dio', BOOL],
  openedODirect: ['o-direct', BOOL],
  nowait: ['nowait', BOOL],
  allocated: ['alloc', { t: 'alloc' }],
}

const hostFs: Spec<HostFsConfig> = {
  commitIntervalNs: ['commit', TIME],
  legacyStaleData: ['stale-2003', BOOL],
  journalBlocks: ['journal', INT],
}

const pageCache: Spec<PageCacheConfig> = {
  memoryBytes: ['mem', SIZE],
  dirtyBackgroundRatio: ['bg-ratio', INT],
  dirtyRatio: ['ratio', INT],
  writebackIntervalNs: ['writeback', TIME],
  dirtyExpireNs: ['expire', TIME],
  cacheRatio: ['cache-ratio', INT],
}

const guestBlk: Spec<GuestBlkConfig> = { flushDeferWhileData: ['defer-flush', BOOL] }

const disk: Spec<DiskConfig> = {
  writeCache: ['wcache', BOOL],
  fua: ['fua', BOOL],
  cacheBlocks: ['cache-blocks', INT],
  queueDepth: ['qd', INT],
  channels: ['channels', INT],
  reorder: ['reorder', BOOL],
  writeNs: ['write', TIME],
  readNs: ['read', TIME],
  perBlockNs: ['per-block', TIME],
  flushNs: ['flush', TIME],
  destageNs: ['destage', TIME],
  destageIntervalNs: ['destage-every', TIME],
}

const crypt: Spec<CryptConfig> = { enabled: ['on', BOOL], maxDelayNs: ['max-delay', TIME] }

const timing: Spec<TimingConfig> = {
  submitNs: ['submit', TIME],
  dispatchNs: ['dispatch', TIME],
  wakeNs: ['wake', TIME],
  workerCmdNs: ['worker-cmd', TIME],
  copyPerBlockNs: ['copy-per-block', TIME],
  hostSubmitNs: ['host-submit', TIME],
  allocNs: ['alloc', TIME],
  endIoNs: ['end-io', TIME],
  fallocateNs: ['fallocate', TIME],
}

export interface Section {
  /** The statement word ("hostcache"). */
  word: string
  /** The key under `stack` in the document ("hostCache"). */
  stackKey: string
  settings: Setting[]
}

/** Stack sections in the order they print (the order of the stack, top down). */
export const SECTIONS: readonly Section[] = [
  { word: 'loop', stackKey: 'loop', settings: settings(loop) },
  { word: 'backing', stackKey: 'backing', settings: settings(backing) },
  { word: 'guestcache', stackKey: 'guestCache', settings: settings(pageCache) },
  { word: 'guestblk', stackKey: 'guestBlk', settings: settings(guestBlk) },
  { word: 'hostcache', stackKey: 'hostCache', settings: settings(pageCache) },
  { word: 'hostfs', stackKey: 'hostFs', settings: settings(hostFs) },
  { word: 'crypt', stackKey: 'crypt', settings: settings(crypt) },
  { word: 'disk', stackKey: 'disk', settings: settings(disk) },
  { word: 'timing', stackKey: 'timing', settings: settings(timing) },
]

/** `job NAME ...`: fio keys; rw patterns and io engines may stand alone as words. */
export const JOB_SETTINGS: readonly Setting[] = [
  { name: 'cg', json: 'cgroup', kind: { t: 'word' } },
  { name: 'rw', json: 'rw', kind: { t: 'enum', values: FIO_PATTERNS } },
  { name: 'bs', json: 'bs', kind: SIZE },
  { name: 'offset', json: 'offset', kind: SIZE },
  { name: 'size', json: 'size', kind: SIZE },
  { name: 'iodepth', json: 'iodepth', kind: INT },
  { name: 'direct', json: 'direct', kind: BOOL },
  { name: 'ioengine', json: 'ioengine', kind: { t: 'enum', values: FIO_ENGINES } },
  { name: 'ios', json: 'requests', kind: INT },
  { name: 'fsync', json: 'fsync', kind: INT },
  { name: 'drain', json: 'drain', kind: BOOL },
  { name: 'link', json: 'link', kind: BOOL },
  { name: 'rwmixread', json: 'rwmixread', kind: INT },
  { name: 'think', json: 'think', kind: TIME },
  { name: 'start', json: 'start', kind: TIME },
]

/** `fs ...`: the guest file system; a discipline may stand alone as a word. */
export const FS_SETTINGS: readonly Setting[] = [
  { name: 'discipline', json: 'discipline', kind: { t: 'enum', values: FS_DISCIPLINES } },
  { name: 'commit', json: 'commitInterval', kind: TIME },
  { name: 'cg', json: 'cgroup', kind: { t: 'word' } },
]

/** `limits ...` */
export const LIMIT_SETTINGS: readonly Setting[] = [
  { name: 'events', json: 'maxEvents', kind: INT },
  { name: 'time', json: 'maxTime', kind: TIME },
]

/** A setting by its compact name, or by its JSON name (so "directIo=on" reads too). */
export function findSetting(table: readonly Setting[], word: string): Setting | undefined {
  return table.find((s) => s.name === word) ?? table.find((s) => s.json === word)
}

/** Outside events, as ops and as `at` statements: compact word -> JSON op name and event kind. */
export const OUTSIDE_WORDS = {
  'power-loss': { op: 'power_loss', kind: 'power-loss' },
  'atomic-snapshot': { op: 'atomic_snapshot', kind: 'atomic-snapshot' },
  'block-snapshot': { op: 'block_snapshot', kind: 'block-snapshot' },
  'fuzzy-copy': { op: 'fuzzy_copy', kind: 'fuzzy-copy' },
} as const

export type OutsideWord = keyof typeof OUTSIDE_WORDS
export const FUZZY_ORDERS = ['ascending', 'descending', 'random'] as const

/** Thread ops: compact word -> JSON op. The JSON names are accepted as words too. */
export const THREAD_OPS = {
  w: 'write',
  r: 'read',
  discard: 'discard',
  zero: 'write_zeroes',
  flush: 'flush',
  wait: 'wait',
  sleep: 'sleep',
  dio: 'set_direct_io',
  'power-loss': 'power_loss',
  'atomic-snapshot': 'atomic_snapshot',
  'block-snapshot': 'block_snapshot',
  'fuzzy-copy': 'fuzzy_copy',
} as const

export type ThreadOp = (typeof THREAD_OPS)[keyof typeof THREAD_OPS]

/** File-system ops: the words are the JSON op names, outside events spelled with dashes. */
export const FS_OPS = {
  create: 'create',
  write: 'write',
  fsync: 'fsync',
  unlink: 'unlink',
  rename: 'rename',
  sync: 'sync',
  sleep: 'sleep',
  'power-loss': 'power_loss',
  'atomic-snapshot': 'atomic_snapshot',
  'block-snapshot': 'block_snapshot',
  'fuzzy-copy': 'fuzzy_copy',
} as const

export type FsOpWord = keyof typeof FS_OPS

/** Looks an op word up: the compact word, else a JSON op name ("write_zeroes", "power_loss"). */
export function opOf<T extends Record<string, string>>(
  table: T,
  word: string,
): T[keyof T] | undefined {
  if (Object.hasOwn(table, word)) return table[word as keyof T]
  return Object.values(table).includes(word) ? (word as T[keyof T]) : undefined
}

/** The compact word of a JSON op name. */
export function wordOf<T extends Record<string, string>>(table: T, op: string): string {
  return Object.keys(table).find((k) => table[k] === op) ?? op
}

/** Statement words, in the order the printer writes them. */
export const STATEMENTS = [
  'seed',
  'limits',
  'device',
  ...SECTIONS.map((s) => s.word),
  'files',
  'fs',
  'thread',
  'job',
  'at',
  'expect',
] as const
