import type { NarrationStep } from '../engine/explore/narrate'
/**
 * Types of a scenario file as people write it (JSON), and of what validation hands back.
 * The normalized form the engine runs is `RunConfig` from ../engine/config.
 */
import type {
  FioEngine,
  FioPattern,
  FsDiscipline,
  OutsideEvent,
  StackConfig,
} from '../engine/config'

/** A location in the document ("stack.loop.mode", "workload.threads[0].ops[3].block") and what is wrong there. */
export interface ScenarioError {
  path: string
  message: string
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: ScenarioError[] }

/** Nanoseconds as an integer, or a string "<number><unit>" with unit ns|us|µs|ms|s ("250us", "1.5ms"). */
export type TimeInput = number | string
/** Bytes as an integer, or a string "<number><unit>" with unit k|m|g|KiB|MiB|GiB ("4k", "2GiB"). */
export type BytesInput = number | string

/** JSON names of config fields: a trailing "Ns" is dropped (`commitIntervalNs` -> `commitInterval`). */
export type JsonKey<K extends string> = K extends `${infer Base}Ns` ? Base : K
type TimeField = `${string}Ns` | 'copyPerBlockNs'
type JsonValue<K extends string, V> = K extends TimeField
  ? TimeInput
  : K extends `${string}Bytes`
    ? BytesInput
    : V extends readonly unknown[]
      ? V
      : V extends object
        ? DeepInput<V>
        : V

/** Deep-partial of a config record with JSON field names and unit-bearing values. */
export type DeepInput<T> = { [K in keyof T & string as JsonKey<K>]?: JsonValue<K, T[K]> }

export type StackInput = DeepInput<StackConfig>

export type FuzzyOrder = OutsideEvent['order']

interface BlockRange {
  block: number
  count?: number
  wait?: boolean
  label?: string | null
}

/** One step of a guest thread, as written. */
export type OpInput =
  | ({ op: 'write'; fua?: boolean; preflush?: boolean } & BlockRange)
  | ({ op: 'read' | 'discard' } & BlockRange)
  | ({ op: 'write_zeroes'; unmap?: boolean } & BlockRange)
  | { op: 'flush'; wait?: boolean; label?: string | null }
  | { op: 'wait' }
  | { op: 'sleep'; time: TimeInput }
  | { op: 'set_direct_io'; on: boolean }
  | { op: 'power_loss' | 'atomic_snapshot' | 'block_snapshot' }
  | { op: 'fuzzy_copy'; order?: FuzzyOrder; perBlock?: TimeInput }

export interface ThreadInput {
  name: string
  cgroup?: string
  ops: OpInput[]
}

export interface FioJobInput {
  name: string
  cgroup?: string
  rw: FioPattern
  bs?: BytesInput
  offset?: BytesInput
  size: BytesInput
  iodepth?: number
  direct?: boolean
  ioengine?: FioEngine
  requests: number
  fsync?: number
  drain?: boolean
  link?: boolean
  rwmixread?: number
  think?: TimeInput
  start?: TimeInput
}

/** A file present when the run starts: a name like "db.log" and its size in blocks (1 to 64). */
export interface FsFileInput {
  name: string
  blocks: number
}

/** One file operation of the guest file system, as written; offset and count are file blocks. */
export type FsOpInput =
  | { op: 'create' | 'fsync' | 'unlink'; name: string; label?: string | null }
  | { op: 'write'; name: string; offset: number; count?: number; label?: string | null }
  | { op: 'rename'; from: string; to: string; label?: string | null }
  | { op: 'sync'; label?: string | null }
  | { op: 'sleep'; time: TimeInput }
  | { op: 'power_loss' | 'atomic_snapshot' | 'block_snapshot' }
  | { op: 'fuzzy_copy'; order?: FuzzyOrder; perBlock?: TimeInput }

/** `workload.fs`: a guest journaling file system on the loop device. */
export interface FsInput {
  discipline?: FsDiscipline
  commitInterval?: TimeInput
  cgroup?: string
  files?: FsFileInput[]
  ops?: FsOpInput[]
}

/** Once the op labelled `after` completed, the ops labelled in `durable` must survive. */
export interface ExpectationInput {
  after: string
  durable: string[]
}

export type OutsideKindInput = OutsideEvent['kind']

export interface EventInput {
  at: TimeInput
  kind: OutsideKindInput
  order?: FuzzyOrder
  perBlock?: TimeInput
}

export interface WorkloadInput {
  threads?: ThreadInput[]
  jobs?: FioJobInput[]
  fs?: FsInput | null
  expectations?: ExpectationInput[]
}

export interface LimitsInput {
  maxEvents?: number
  maxTime?: TimeInput
}

/** The part of a scenario that describes a run; a variant's patch is a deep-partial of it. */
export interface ScenarioBody {
  seed?: number
  stack?: StackInput
  workload?: WorkloadInput
  events?: EventInput[]
  limits?: LimitsInput
}

/** Objects merge deeply into the scenario, arrays replace wholesale. */
export type ScenarioPatch = ScenarioBody

export interface VariantInput {
  id: string
  title: string
  summary?: string
  patch: ScenarioPatch
}

/** The JSON document as written by people (after migration to the current version). */
export interface ScenarioFile extends ScenarioBody {
  loopscope: number
  id: string
  title: string
  summary: string
  source?: string
  variants?: VariantInput[]
}

export interface VariantMeta {
  id: string
  title: string
  summary: string
}

export interface ScenarioMeta {
  id: string
  title: string
  summary: string
  source: string
  /** The seed the scenario declares (default 1). */
  seed: number
  variants: VariantMeta[]
  /** Steps keyed to events of the run, with questions the engine answers. */
  narration: NarrationStep[]
}
