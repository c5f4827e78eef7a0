/**
 * The part of a scenario that describes one run (seed, stack, workload, events, limits) ->
 * RunConfig. Used for the scenario itself and again for each variant's merged document.
 */
import {
  defaultLimits,
  defaultStack,
  type RunConfig,
  type RunLimits,
  type Workload,
} from '../engine/config'
import { all, Ctx, type Fields, int, partial, time } from './check'
import { isPlainObject, own } from './json'
import { recheckRanges } from './ranges'
import { deviceBlocks, stack } from './stack'
import { eventsSection, MAX_RUN_TIME, type WorkloadScope, workloadSection } from './workload'

export const BODY_KEYS = ['seed', 'stack', 'workload', 'events', 'limits'] as const

export interface Run {
  seed: number
  config: RunConfig
}

export const seedCheck = int(0, Number.MAX_SAFE_INTEGER)

const limits = partial<RunLimits>({
  maxEvents: int(1, 50_000_000),
  maxTimeNs: time(1, MAX_RUN_TIME),
})

/**
 * The device size to check ops and jobs against when the stack as a whole is invalid: the
 * written deviceBlocks if that alone is valid, else undefined, which skips those checks rather
 * than piling follow-on errors onto the real one.
 */
function writtenDeviceSize(rawStack: unknown): number | undefined {
  if (!isPlainObject(rawStack)) return undefined
  if (!Object.hasOwn(rawStack, 'deviceBlocks')) return defaultStack().deviceBlocks
  return deviceBlocks(own(rawStack, 'deviceBlocks'), '', new Ctx())
}

/** A checked workload a variant may take over when it patches neither the workload nor the device size. */
export interface Reuse {
  deviceBlocks: number
  work: Omit<Workload, 'events'>
}

/**
 * The reused workload when it can stand for a full check: ranges that fit a device fit any larger
 * one; for a smaller device only the ranges are checked again. Undefined: check in full.
 */
function reusedWork(
  reuse: Reuse | undefined,
  dev: number | undefined,
  cx: Ctx,
): { work: Reuse['work'] | undefined } | undefined {
  if (reuse === undefined || dev === undefined) return undefined
  const fits = dev >= reuse.deviceBlocks || recheckRanges(reuse.work, dev, cx)
  return { work: fits ? reuse.work : undefined }
}

const emptyWork = (): Reuse['work'] => ({ threads: [], jobs: [], fs: null, expectations: [] })

/** Reads the run fields of an opened document (the scenario, or a variant's merged document). */
export function checkRun(f: Fields, reuse?: Reuse): Run | undefined {
  const seed = f.opt('seed', seedCheck, 1)
  const s = f.opt('stack', stack, defaultStack())
  const l = f.opt('limits', limits, defaultLimits())
  const scope: WorkloadScope = {
    deviceBlocks: s?.deviceBlocks ?? writtenDeviceSize(f.get('stack')),
    labels: new Map(),
    names: new Map(),
  }
  const events = f.opt('events', eventsSection(l?.maxTimeNs), [])
  const reused = reusedWork(reuse, scope.deviceBlocks, f.cx)
  const work = reused ? reused.work : f.opt('workload', workloadSection(scope), emptyWork())
  const workload = work && events && { ...work, events }
  const config = all<RunConfig>({ stack: s, workload, limits: l })
  return config && all<Run>({ seed, config })
}
