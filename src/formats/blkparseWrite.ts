/**
 * Prints the common model back as blkparse's default text (the header "%3d,%-3d %2d %8d
 * %5d.%09lu %5u %2s %3s " of blkparse_fmt.c, then the action's tail), so that blkparse.ts reads
 * the same requests back. Per request, in its own order: A (if it was remapped), Q, M (if
 * merged), I, D (and R/D per requeue), the data C, and the zero-length C that ends a PREFLUSH/FUA
 * sequence, an empty flush, or a remapped bio's late completion. Block-layer flushes print as
 * D FN / C FN, blkparse's spelling. CPU numbers are not kept in the model and print as 0;
 * sequence numbers count the lines of each device from 1.
 */
import type { BlockRequest, BlockTrace } from './blockTrace'
import { formatRwbs, parseRwbs } from './rwbs'

interface Line {
  t: number
  /** Lifecycle order for lines at the same time. */
  prio: number
  dev: string
  /** The device's place in the trace's list, which runs from the top of the stack down. */
  rank: number
  req: number
  k: number
  act: string
  rwbs: string
  pid: number
  tail: string
}

// A requeue sits between two issues of its request, so R shares D's rank and the request's own order decides.
const PRIO: Record<string, number> = { A: 0, Q: 1, M: 2, I: 3, D: 4, R: 4, C: 6 }
/**
 * The zero-length C that ends a bio's PREFLUSH/FUA sequence, an empty flush or a remapped bio is
 * the effect of another completion (the post-flush's C FN, the remapped request's C), often at
 * the same nanosecond: it ranks after every other completion of its instant, so cause prints
 * before effect whatever the request numbers say.
 */
const CLOSE_PRIO = 7

/** RWBS without the PREFLUSH and FUA letters: what the driver sees of a sequenced request. */
function stripped(rwbs: string): string {
  const r = parseRwbs(rwbs)
  return r.ok ? formatRwbs({ ...r.value, preflush: false, fua: false }) : rwbs
}

function linesOf(r: BlockRequest, rank: number, out: Line[]): void {
  const pid = r.pid ?? 0
  const comm = `[${r.comm ?? '(null)'}]`
  let k = 0
  const add = (t: number | null, act: string, rwbs: string, tail: string, prio = PRIO[act] ?? 9): void => {
    // Every line the same shape, in one literal: the sort below touches each many times.
    if (t !== null) out.push({ t, prio, dev: r.dev, rank, req: r.id, k: k++, act, rwbs, pid: act === 'C' ? 0 : pid, tail })
  }
  if (r.proxy) {
    add(r.issueT, 'D', 'FN', comm)
    add(r.completeT, 'C', 'FN', `0 [${r.error}]`)
    return
  }
  const range = r.sectors > 0 ? `${r.sector} + ${r.sectors} ` : ''
  const down = r.preflush || r.fua ? stripped(r.rwbs) : r.rwbs
  if (r.remappedFrom && r.queueT !== null) {
    const [maj = '0', min = '0'] = r.remappedFrom.dev.split(',')
    add(r.queueT, 'A', r.rwbs, `${r.sector} + ${r.sectors} <- (${maj},${min}) ${r.remappedFrom.sector}`)
  }
  add(r.queueT, 'Q', r.rwbs, `${range}${comm}`)
  if (r.merged) add(r.queueT, 'M', r.rwbs, `${range}${comm}`)
  add(r.insertT, 'I', down, `${range}${comm}`)
  add(r.issueT, 'D', down, `${range}${comm}`)
  for (let i = 0; i < r.requeues && r.issueT !== null; i++) {
    add(r.issueT, 'R', down, `${range}[${r.error}]`)
    add(r.issueT, 'D', down, `${range}${comm}`)
  }
  if (r.sectors > 0) add(r.dataT, 'C', down, `${range}[${r.error}]`)
  const closes = r.completeT !== null && (r.preflush || r.fua || r.sectors === 0 || r.completeT !== r.dataT)
  if (closes) add(r.completeT, 'C', down, `${r.sector} [${r.error}]`, CLOSE_PRIO)
}

/** "%3d,%-3d %2d %8d %5d.%09lu %5u %2s %3s " with the CPU printed as 0. */
function header(devField: string, seq: number, l: Line): string {
  const sec = Math.floor(l.t / 1e9)
  const nsec = l.t - sec * 1e9
  return `${devField}  0 ${String(seq).padStart(8)} ${String(sec).padStart(5)}.${String(nsec).padStart(9, '0')} ${String(l.pid).padStart(5)} ${l.act.padStart(2)} ${l.rwbs.padStart(3)} `
}

/**
 * Time, then cause before effect. Going down the stack, the upper device's lines come first (the
 * loop's D of a flush before the backing disk's Q of the fsync it becomes); coming back up, the
 * lower device's completions come first (the disk's flush, and the bio it closes, before the loop's
 * C). Between the two directions, the lifecycle rank decides, submissions first, as within a device.
 * Not told apart: a submission that a completion of the same nanosecond caused still prints first.
 */
function byTime(a: Line, b: Line): number {
  if (a.t !== b.t) return a.t - b.t
  const up = a.act === 'C'
  if (up === (b.act === 'C') && a.rank !== b.rank) return up ? b.rank - a.rank : a.rank - b.rank
  return a.prio - b.prio || a.req - b.req || a.k - b.k
}

export interface WrittenBlkparse {
  text: string
  /** Devices that are not "major,minor" (fio file names) and cannot be printed as blkparse. */
  skipped: string[]
}

export function writeBlkparse(trace: BlockTrace): WrittenBlkparse {
  const lines: Line[] = []
  const skipped: string[] = []
  const devField = new Map<string, string>()
  for (const d of trace.devices) {
    const m = /^(\d+),(\d+)$/.exec(d.dev)
    if (!m) {
      skipped.push(d.dev)
      continue
    }
    devField.set(d.dev, `${(m[1] as string).padStart(3)},${(m[2] as string).padEnd(3)}`)
    const rank = trace.devices.indexOf(d)
    for (const r of d.requests) linesOf(r, rank, lines)
  }
  lines.sort(byTime)
  const seq = new Map<string, number>()
  const out = lines.map((l) => {
    const n = (seq.get(l.dev) ?? 0) + 1
    seq.set(l.dev, n)
    return `${header(devField.get(l.dev) as string, n, l)}${l.tail}`
  })
  return { text: out.length > 0 ? `${out.join('\n')}\n` : '', skipped }
}
