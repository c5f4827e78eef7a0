/**
 * RWBS: the short letter code both the kernel (`blk_fill_rwbs` in kernel/trace/blktrace.c, used by
 * the block tracepoints) and blkparse (`fill_rwbs` in blkparse_fmt.c) print for a request's
 * operation and flags. The order is fixed: [F] PREFLUSH, the operation, [F] FUA, [A] readahead,
 * [S] sync, [M] meta, [U] atomic. Operation letters: W write, R read, D discard (DE secure erase),
 * N no data (blkparse prints FN for the flush the block layer issues; the kernel prints N for ops it
 * has no letter for, such as REQ_OP_WRITE_ZEROES), F REQ_OP_FLUSH (kernel only, so its flush
 * request reads FF), WZ write-zeroes (newer patches), ZA ZR ZRA ZF ZO ZC zoned ops. Old blkparse
 * versions printed B for a barrier; it is read as PREFLUSH|FUA, which is what barriers became in
 * 2.6.37.
 */

export type OpLetter = 'W' | 'R' | 'D' | 'DE' | 'N' | 'F' | 'WZ' | 'ZA' | 'ZR' | 'ZRA' | 'ZF' | 'ZO' | 'ZC'

export interface Rwbs {
  op: OpLetter
  preflush: boolean
  fua: boolean
  readahead: boolean
  sync: boolean
  meta: boolean
  atomic: boolean
}

export type RwbsResult = { ok: true; value: Rwbs } | { ok: false; at: number; message: string }

const OP_START = 'WRDNFZ'
const ZONE = 'ARFOC'
/** RWBS_LEN in include/trace/events/block.h is 10 with the terminating NUL. */
export const MAX_RWBS = 9

function fail(at: number, message: string): RwbsResult {
  return { ok: false, at, message }
}

/** Reads an RWBS code; `at` in a failure is the 0-based index of the offending letter. */
export function parseRwbs(text: string): RwbsResult {
  if (text.length === 0) return fail(0, 'expected an RWBS code such as W, WS, FWFSM or FN')
  if (text.length > MAX_RWBS) return fail(MAX_RWBS, `an RWBS code has at most ${MAX_RWBS} letters, got ${text.length}`)
  let i = 0
  let preflush = false
  // A leading F is PREFLUSH only when an operation letter follows it; "F" alone and "FS" are REQ_OP_FLUSH.
  if (text[0] === 'F' && text.length > 1 && OP_START.includes(text[1] as string)) {
    preflush = true
    i = 1
  }
  let op: OpLetter
  const c = text[i]
  const next = text[i + 1]
  switch (c) {
    case 'W':
      op = next === 'Z' ? 'WZ' : 'W'
      break
    case 'R':
      op = 'R'
      break
    case 'D':
      op = next === 'E' ? 'DE' : 'D'
      break
    case 'N':
      op = 'N'
      break
    case 'F':
      op = 'F'
      break
    case 'Z':
      if (next === undefined || !ZONE.includes(next)) return fail(i + 1, `expected a zone operation letter (one of ${ZONE.split('').join(' ')}) after Z`)
      op = next === 'R' && text[i + 2] === 'A' ? 'ZRA' : (`Z${next}` as OpLetter)
      break
    default:
      return fail(i, `expected an operation letter (W R D N F Z) at the start of the RWBS code, got '${c ?? ''}'`)
  }
  i += op.length
  const r: Rwbs = { op, preflush, fua: false, readahead: false, sync: false, meta: false, atomic: false }
  let seen = ''
  for (; i < text.length; i++) {
    const f = text[i] as string
    if (seen.includes(f)) return fail(i, `the flag letter ${f} appears twice in the RWBS code`)
    seen += f
    if (f === 'F') r.fua = true
    else if (f === 'A') r.readahead = true
    else if (f === 'S') r.sync = true
    else if (f === 'M') r.meta = true
    else if (f === 'U') r.atomic = true
    else if (f === 'B') {
      r.preflush = true
      r.fua = true
    } else return fail(i, `unknown RWBS flag letter '${f}'; expected one of F (FUA) A (readahead) S (sync) M (meta) U (atomic)`)
  }
  return { ok: true, value: r }
}

/** The canonical letters, in the kernel's order. */
export function formatRwbs(r: Rwbs): string {
  return `${r.preflush ? 'F' : ''}${r.op}${r.fua ? 'F' : ''}${r.readahead ? 'A' : ''}${r.sync ? 'S' : ''}${r.meta ? 'M' : ''}${r.atomic ? 'U' : ''}`
}

/**
 * The flush request the block layer issues for PREFLUSH and emulated FUA (blk_kick_flush builds it
 * as REQ_OP_FLUSH | REQ_PREFLUSH): blkparse prints FN, the kernel's tracepoints FF.
 */
export function isFlushOp(r: Rwbs): boolean {
  return r.op === 'F' || (r.op === 'N' && r.preflush)
}

/** The operation class requests are matched by: the flags are stripped on the way down (blk_insert_flush). */
export function opClass(r: Rwbs): string {
  return r.op === 'DE' ? 'D' : r.op
}
