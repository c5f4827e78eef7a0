/**
 * Why an image a crash (or a snapshot) can leave is possible: what the image tells about each
 * write submitted by the instant. Two things are told apart that a glance at the image mixes up:
 *
 *  - whether the rules made the write durable (a completed flush after it, FUA, a completed write
 *    on a disk without a write cache; for a snapshot: it completed), and
 *  - what the image shows of it: its own data, a write that landed over it, or something older
 *    than it (then it did not land).
 *
 * A durable write is never said to be missing: where the image does not show it, a write that
 * raced with it (or came after it) landed over it. "There for sure" is said only of a block that
 * no crash at the instant can leave with anything else. A write hidden under another without a
 * durable promise may or may not have landed, and is said to be exactly that.
 */
import { Data, promisesAt } from '../engine'
import type { Image } from './images'
import { allowedAt, byLabel, versionLabel, type ReasonContext } from './reasons'

type TraceWrite = ReasonContext['trace'][number]

type Fate =
  /** Durable, and every block it shows can show nothing else at the instant. */
  | { kind: 'sure' }
  /** Durable and shown, but a write that raced with it could have landed over it (it did not). */
  | { kind: 'durable' }
  /** Not durable, and shown: it landed. */
  | { kind: 'landed' }
  /** Durable, or landed, and `by` landed over it (on `blocks`; null: on every block). */
  | { kind: 'covered'; durable: boolean; by: string[]; blocks: number[] | null }
  /** Not durable, and a block shows something older than it: it did not land. */
  | { kind: 'missing' }
  /** Not durable, and every block shows a write not ordered before it: landed or not, unseen. */
  | { kind: 'hidden'; by: string[] }

export interface WriteFate {
  label: string
  fate: Fate
}

const hb = (a: { completeT: number }, b: { submitT: number }): boolean =>
  a.completeT >= 0 && a.completeT <= b.submitT

/** The writes the rules make durable at the instant (a snapshot: every completed write). */
function durableIds(ctx: ReasonContext): Set<number> {
  if (ctx.model === 'atomic-snapshot')
    return new Set(ctx.trace.filter((q) => q.completeT >= 0).map((q) => q.id))
  // ctx.trace marks every write FUA when a completed write is durable (rulesTrace).
  return new Set(promisesAt(ctx.trace, Infinity).map((p) => p.write.id))
}

/** Version `v` is older than write q: the old contents, or data of a write that completed before q was submitted. */
function olderThan(ctx: ReasonContext, v: number, q: TraceWrite): boolean {
  if (v === Data.INITIAL) return true
  const writer = ctx.writerOfVersion.get(v)
  const wq = writer === undefined ? undefined : ctx.trace.find((x) => x.id === writer)
  return wq !== undefined && hb(wq, q)
}

function fateOf(ctx: ReasonContext, img: Image, q: TraceWrite, durable: boolean): Fate | null {
  const shows: number[] = []
  const covered: number[] = []
  const by = new Set<string>()
  let older = false
  for (let i = 0; i < q.count; i++) {
    const b = q.block + i
    const j = ctx.blocks.indexOf(b)
    if (j < 0) continue
    const v = img[j] as number
    if (v === (q.versions?.[i] ?? q.id)) shows.push(b)
    else if (olderThan(ctx, v, q)) older = true
    else {
      covered.push(b)
      by.add(versionLabel(ctx, v))
    }
  }
  if (shows.length + covered.length === 0 && !older) return null
  const over = [...by].sort(byLabel)
  if (durable) {
    if (older)
      throw new Error(`practice: a possible image shows data older than durable write #${q.id}`)
    if (covered.length > 0)
      return { kind: 'covered', durable, by: over, blocks: shows.length > 0 ? covered : null }
    return shows.every((b) => allowedAt(ctx.input, b).size === 1)
      ? { kind: 'sure' }
      : { kind: 'durable' }
  }
  if (shows.length > 0)
    return covered.length > 0
      ? { kind: 'covered', durable, by: over, blocks: covered }
      : { kind: 'landed' }
  return older ? { kind: 'missing' } : { kind: 'hidden', by: over }
}

/** What the image tells about each write submitted by the instant, in submission order. */
export function fatesOf(ctx: ReasonContext, img: Image): WriteFate[] {
  const durable = durableIds(ctx)
  const out: WriteFate[] = []
  for (const q of ctx.trace) {
    if (q.op !== 'write' && q.op !== 'discard') continue
    const fate = fateOf(ctx, img, q, durable.has(q.id))
    if (fate !== null) out.push({ label: ctx.labelOfId.get(q.id) ?? `#${q.id}`, fate })
  }
  return out
}

/** The fates in words: groups first (sure, durable, landed), then one clause per covered, missing or hidden write. */
export function whyPossible(ctx: ReasonContext, img: Image): string {
  const power = ctx.model === 'power-loss'
  const fates = fatesOf(ctx, img)
  const of = (kind: Fate['kind']): string[] =>
    fates
      .filter((f) => f.fate.kind === kind)
      .map((f) => f.label)
      .sort(byLabel)
  const are = (ws: string[]): string => (ws.length === 1 ? 'is' : 'are')
  const parts: string[] = []
  const sure = of('sure')
  if (sure.length > 0)
    parts.push(`${sure.join(', ')} ${are(sure)} there for sure (${power ? 'durable' : 'completed'})`)
  const durable = of('durable')
  if (durable.length > 0)
    parts.push(`${durable.join(', ')} ${power ? `${are(durable)} durable` : 'had completed'}`)
  const landed = of('landed')
  if (landed.length > 0)
    parts.push(`${landed.join(', ')} ${power ? 'reached stable storage' : 'had reached the file'}`)
  for (const { label, fate } of fates) {
    if (fate.kind !== 'covered') continue
    const was = fate.durable
      ? power
        ? 'is durable'
        : 'had completed'
      : power
        ? 'reached stable storage'
        : 'had reached the file'
    const where =
      fate.blocks === null
        ? ''
        : ` in block${fate.blocks.length > 1 ? 's' : ''} ${fate.blocks.join(', ')}`
    parts.push(`${label} ${was}, but ${fate.by.join(', ')} landed over it${where}`)
  }
  const missing = of('missing')
  if (missing.length > 0)
    parts.push(
      `${missing.join(', ')} ${power ? 'did not reach stable storage' : 'had not reached the file'}`,
    )
  for (const { label, fate } of fates)
    if (fate.kind === 'hidden') parts.push(`${label} may have landed under ${fate.by.join(', ')}`)
  return parts.length === 0 ? `nothing had been written by then` : parts.join('; ')
}
