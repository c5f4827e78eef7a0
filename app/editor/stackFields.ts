/**
 * The stack settings the form shows, grouped by layer, each with a label, its valid range and the
 * document path the validator names it by. The rest of the stack is edited in the compact text.
 * Ranges are those of src/scenarios/stack.ts (stackFields.test.ts holds the two together).
 */
import { LOOP_MODES, type StackConfig } from '../../src/engine/config'

type Section = Exclude<keyof StackConfig, 'deviceBlocks'>

export type Unit = readonly [name: string, size: number]

export const TIME_UNITS: readonly Unit[] = [
  ['us', 1_000],
  ['ms', 1_000_000],
  ['s', 1_000_000_000],
]
export const SIZE_UNITS: readonly Unit[] = [
  ['MiB', 2 ** 20],
  ['GiB', 2 ** 30],
]

export type FieldKind =
  | { t: 'bool' }
  | { t: 'select'; options: readonly (readonly [value: string | number, label: string])[] }
  | { t: 'int'; min: number; max: number }
  /** A quantity with a unit picker; min and max in the base unit (ns or bytes). */
  | { t: 'quantity'; units: readonly Unit[]; min: number; max: number; range: string }

export interface StackField {
  section: Section
  field: string
  label: string
  /** What the kernel calls it, or why it matters; shown small under the label. */
  note?: string
  kind: FieldKind
}

export interface FieldGroup {
  title: string
  fields: StackField[]
}

const SECTORS = [512, 1024, 2048, 4096].map((n) => [n, `${n} bytes`] as const)
const MODE_LABELS: Record<string, string> = {
  mainline: 'mainline 6.15–6.18',
  'proposal-2012': '2012 AIO proposal',
  'kthread-2015': '2015 one kthread',
  'pre-6.15': 'before 6.15',
  'nowait-6.19': '6.19 NOWAIT',
}
const HOUR = 3600 * 1e9

export const STACK_GROUPS: readonly FieldGroup[] = [
  {
    title: 'Loop device',
    fields: [
      { section: 'loop', field: 'mode', label: 'Driver', kind: { t: 'select', options: LOOP_MODES.map((m) => [m, MODE_LABELS[m] ?? m] as const) } },
      { section: 'loop', field: 'directIo', label: 'Direct I/O', note: 'LO_FLAGS_DIRECT_IO', kind: { t: 'bool' } },
      { section: 'loop', field: 'logicalBlockSize', label: 'Logical block size', kind: { t: 'select', options: SECTORS } },
      { section: 'loop', field: 'queueDepth', label: 'Queue depth', kind: { t: 'int', min: 1, max: 4096 } },
      { section: 'loop', field: 'writeCache', label: 'Write cache advertised', note: 'queue/write_cache: write back', kind: { t: 'bool' } },
      { section: 'loop', field: 'flushDrains', label: 'Flush drains direct I/O', note: 'the 2022 proposal; in no kernel', kind: { t: 'bool' } },
    ],
  },
  {
    title: 'Backing file',
    fields: [
      { section: 'backing', field: 'minDioSize', label: 'Minimum DIO size', note: 'STATX_DIOALIGN', kind: { t: 'select', options: SECTORS } },
      { section: 'backing', field: 'canDirectIo', label: 'Can do direct I/O', note: 'FMODE_CAN_ODIRECT', kind: { t: 'bool' } },
      { section: 'backing', field: 'allocated', label: 'Allocated at start', kind: { t: 'select', options: [['all', 'every block'], ['none', 'none (a sparse file)']] } },
    ],
  },
  {
    title: 'Page caches',
    fields: [
      { section: 'guestCache', field: 'memoryBytes', label: 'Guest memory', kind: { t: 'quantity', units: SIZE_UNITS, min: 2 ** 20, max: 2 ** 40, range: '1 MiB – 1 TiB' } },
      { section: 'hostCache', field: 'memoryBytes', label: 'Host memory', kind: { t: 'quantity', units: SIZE_UNITS, min: 2 ** 20, max: 2 ** 40, range: '1 MiB – 1 TiB' } },
    ],
  },
  {
    title: 'Host file system and disk',
    fields: [
      { section: 'hostFs', field: 'commitIntervalNs', label: 'Journal commit interval', kind: { t: 'quantity', units: TIME_UNITS, min: 1, max: HOUR, range: '1 ns – 1 h' } },
      { section: 'hostFs', field: 'legacyStaleData', label: '2003-era direct I/O', note: 'maps a hole before its data lands', kind: { t: 'bool' } },
      { section: 'disk', field: 'writeCache', label: 'Disk write cache', note: 'volatile', kind: { t: 'bool' } },
      { section: 'disk', field: 'fua', label: 'Disk supports FUA', kind: { t: 'bool' } },
      { section: 'crypt', field: 'enabled', label: 'Reordering dm-crypt-like layer', kind: { t: 'bool' } },
    ],
  },
]

/** The validator's name for a field: `stack.hostFs.commitInterval`. */
export function stackPath(f: Pick<StackField, 'section' | 'field'>): string {
  return `stack.${f.section}.${f.field.endsWith('Ns') ? f.field.slice(0, -2) : f.field}`
}

/** "1 – 4096", "1 MiB – 1 TiB": the valid range, shown beside the field. */
export function rangeText(k: FieldKind): string | null {
  if (k.t === 'int') return `${k.min} – ${k.max}`
  if (k.t === 'quantity') return k.range
  return null
}
