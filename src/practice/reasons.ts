/**
 * One-line reasons, told from the rules' crash input at an instant (images.ts): why an image is
 * not possible (why an image is possible: fates.ts). They only explain; whether an image is
 * possible is always the explorer's call, and an image the explorer rules out but no reason here
 * explains is never used.
 */
import { Data, promisesAt, type CrashInput, type TraceRequest } from '../engine'
import type { Image } from './images'
import type { ProblemModel } from './types'

export interface ReasonContext {
  model: ProblemModel
  blocks: readonly number[]
  input: CrashInput
  trace: readonly TraceRequest[]
  /** Direct I/O onto a disk without a write cache: a completed write is durable. */
  completionIsDurable: boolean
  labelOfId: ReadonlyMap<number, string>
  labelOfVersion: ReadonlyMap<number, string>
  /** History step at which each request is submitted. */
  submitStep: ReadonlyMap<number, number>
  /** Request id that wrote each version. */
  writerOfVersion: ReadonlyMap<number, number>
}

type ExWriteLike = CrashInput['writes'][number]

const hb = (a: { completeT: number }, b: { submitT: number }): boolean =>
  a.completeT >= 0 && a.completeT <= b.submitT

export function versionLabel(ctx: Pick<ReasonContext, 'labelOfVersion'>, v: number): string {
  if (v === Data.INITIAL) return 'old'
  if (v === Data.ZERO) return 'zeros'
  return ctx.labelOfVersion.get(v) ?? `#${v}`
}

function words(ctx: ReasonContext, v: number): string {
  return v === Data.INITIAL ? 'its old contents' : versionLabel(ctx, v)
}

const crashWord = (m: ProblemModel): string => (m === 'power-loss' ? 'power loss' : 'snapshot')

/** Why write `id` is surely in every image at this instant. */
function whySure(ctx: ReasonContext, id: number): string {
  const w = ctx.labelOfId.get(id) ?? `#${id}`
  if (ctx.model === 'atomic-snapshot')
    return `${w} completed before the snapshot, and a snapshot of the image file sees every completed write`
  const p = promisesAt(ctx.trace, Infinity).find((x) => x.write.id === id)
  const original = ctx.trace.find((q) => q.id === id)
  if (p === undefined || p.by === id) {
    if (ctx.completionIsDurable && original !== undefined)
      return `${w} completed, and with direct I/O onto a disk without a write cache a completed write is on the media`
    return `${w} carried FUA and completed, so it is durable (R2)`
  }
  const by = ctx.trace.find((q) => q.id === p.by)
  const f = ctx.labelOfId.get(p.by) ?? `#${p.by}`
  if (by !== undefined && by.op === 'write')
    return `the preflush of ${f} was issued after ${w} completed and has finished, so ${w} is durable (R4, R1)`
  return `${f} was submitted after ${w} completed and has completed, so ${w} is durable (R1)`
}

/** The versions block b may show: its sure version, or a write that may have landed over it. */
export function allowedAt(input: CrashInput, b: number): Set<number> {
  const base = input.base.get(b)
  const out = new Set<number>([base?.version ?? input.initial(b)])
  for (const w of input.writes) {
    w.blocks.forEach((wb, i) => {
      if (wb !== b) return
      if (base && base.writer >= 0 && hb(w, { submitT: base.writerSubmitT })) return
      out.add(w.versions[i] as number)
    })
  }
  return out
}

/** W2 before W10: labels in their numeric order. */
export function byLabel(a: string, b: string): number {
  const na = Number(a.replace(/\D/g, ''))
  const nb = Number(b.replace(/\D/g, ''))
  return a.replace(/\d/g, '').localeCompare(b.replace(/\d/g, '')) || na - nb
}

/** Why one block cannot show version v, or null if it can. */
function blockReason(ctx: ReasonContext, b: number, v: number): string | null {
  if (allowedAt(ctx.input, b).has(v)) return null
  const writer = ctx.writerOfVersion.get(v)
  if (writer !== undefined && !ctx.trace.some((q) => q.id === writer)) {
    const step = ctx.submitStep.get(writer)
    const when =
      step === undefined
        ? 'is never submitted'
        : `is submitted only at step ${step}, after the ${crashWord(ctx.model)}`
    return `block ${b} holds ${versionLabel(ctx, v)}, but ${versionLabel(ctx, v)} ${when}`
  }
  const base = ctx.input.base.get(b)
  if (base === undefined || base.writer < 0) return null
  const sure = versionLabel(ctx, base.version)
  const head = `block ${b} must hold ${sure}${allowedAt(ctx.input, b).size > 1 ? ' or a write that may have landed after it' : ''}: ${whySure(ctx, base.writer)}`
  if (v === Data.INITIAL) return `${head}; it cannot show its old contents`
  return `${head}; ${versionLabel(ctx, v)} completed before ${sure} was submitted, so ${sure} replaced it for good`
}

/** A multi-block write shown on some of its blocks but not on another, where nothing could cover it. */
function tornReason(ctx: ReasonContext, img: Image): string | null {
  const at = (b: number): number | undefined => img[ctx.blocks.indexOf(b)]
  for (const w of ctx.input.writes as readonly ExWriteLike[]) {
    if (w.blocks.length < 2) continue
    const shown = w.blocks.filter((b, i) => at(b) === w.versions[i])
    if (shown.length === 0) continue
    for (let i = 0; i < w.blocks.length; i++) {
      const b = w.blocks[i] as number
      const v = at(b)
      if (
        v === undefined ||
        v === w.versions[i] ||
        !allowedAt(ctx.input, b).has(w.versions[i] as number)
      )
        continue
      const x = ctx.writerOfVersion.get(v)
      const xq = x === undefined ? undefined : ctx.trace.find((q) => q.id === x)
      const older =
        v === (ctx.input.base.get(b)?.version ?? Data.INITIAL) || (xq !== undefined && hb(xq, w))
      if (!older) continue
      const label = ctx.labelOfId.get(w.id) ?? `#${w.id}`
      const why =
        xq !== undefined && v !== (ctx.input.base.get(b)?.version ?? Data.INITIAL)
          ? ` (${versionLabel(ctx, v)} completed before ${label} was submitted)`
          : ''
      return `${label} is one write of blocks ${w.blocks[0]}–${w.blocks.at(-1)} and lands whole or not at all: block ${shown[0]} shows it, so block ${b} cannot show ${words(ctx, v)}${why}`
    }
  }
  return null
}

/** Why the image cannot be left at this instant, or null when no rule explains it. */
export function whyNot(ctx: ReasonContext, img: Image): string | null {
  for (let j = 0; j < ctx.blocks.length; j++) {
    const r = blockReason(ctx, ctx.blocks[j] as number, img[j] as number)
    if (r !== null) return r
  }
  return tornReason(ctx, img)
}
