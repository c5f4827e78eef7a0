/**
 * The compact text form of a run, in the spirit of OSTEP's `lfs.py -L` scenario strings: what
 * `{seed, stack, workload, events, limits}` of a scenario says, in a few short lines. Everything
 * else of a document (id, title, summary, source, narration, variants) stays in the document.
 * docs/compact.md has the same grammar with examples from the built-in scenarios.
 *
 * ```text
 * text       := statement ((newline | ';') statement)*      '#' starts a comment to the end of the line
 *                                                            a line ending in ',' continues on the next
 * statement  := 'seed' N                                    (default 1)
 *             | 'limits' [events=N] [time=T]
 *             | 'device' N                                  device size in 4 KiB blocks (default 4096)
 *             | SECTION setting*                            SECTION: loop backing guestcache guestblk
 *                                                            hostcache hostfs crypt disk timing
 *             | 'files' (NAME=BLOCKS)+                       files present at the start (guest fs)
 *             | 'fs' setting* [':' fsop (',' fsop)*]          the guest journaling file system
 *             | 'thread' NAME [cg=CGROUP] ':' [op (',' op)*]
 *             | 'job' NAME setting*                          a fio-like job
 *             | 'at' T EVENT                                 an outside event at a time
 *             | 'expect' LABEL ':' LABEL+                     once LABEL completed, these are durable
 * setting    := name=value | name (an on/off setting, on) | a value of the enum setting
 *               loop: mode (mainline proposal-2012 kthread-2015 pre-6.15 nowait-6.19) dio lbs=B
 *                     offset=B qd=N wcache ro flush-drains
 *               backing: min-dio=B can-dio o-direct nowait alloc=all|none|S+N,S+N...
 *               guestcache, hostcache: mem=B bg-ratio=N ratio=N writeback=T expire=T cache-ratio=N
 *               guestblk: defer-flush       hostfs: commit=T stale-2003 journal=N
 *               crypt: on max-delay=T       disk: wcache fua cache-blocks=N qd=N channels=N reorder
 *                     write=T read=T per-block=T flush=T destage=T destage-every=T
 *               timing: submit dispatch wake worker-cmd copy-per-block host-submit alloc end-io
 *                     fallocate (all =T)
 *               fs: discipline (jbd2 barrier-assumed async-commit) commit=T cg=NAME
 *               job: rw (read write randread randwrite rw randrw) bs=B offset=B size=B iodepth=N
 *                     direct ioengine (psync libaio io_uring) ios=N fsync=N drain link
 *                     rwmixread=N think=T start=T cg=NAME
 *               on/off values: on off true false yes no; the JSON field names work as names too
 * op         := w RANGE [fua] [pre] [wait] [@LABEL]        write (pre: PREFLUSH)
 *             | r RANGE [wait] [@LABEL] | discard RANGE [wait] [@LABEL]
 *             | zero RANGE [unmap] [wait] [@LABEL]          write zeroes
 *             | flush [wait] [@LABEL] | wait | sleep T | dio on|off   (LOOP_SET_DIRECT_IO)
 *             | EVENT
 * fsop       := create NAME | write NAME RANGE | fsync NAME | unlink NAME | rename NAME NAME
 *               | sync      (each may end in @LABEL) | sleep T | EVENT
 * EVENT      := power-loss | atomic-snapshot | block-snapshot
 *             | fuzzy-copy [ascending|descending|random] [per-block=T]
 * RANGE      := N | N+COUNT    block 16 and the 3 after it: 16+4
 * T          := a number with a unit: 250ns 250us 1.5ms 6s      B := bytes, or 4k 16MiB 1GiB
 * ```
 *
 * `w 10 wait` waits for that write; `wait` alone waits for everything in flight. Only settings
 * that differ from the defaults are printed, so a simple scenario gives a short text.
 */
import type { RunConfig } from '../../engine/config'
import { describe } from '../describe'
import { formatErrors } from '../format'
import type { ScenarioBody } from '../types'
import { checkScenario, DEFAULT_VARIANT } from '../validate'
import { type CompactError, Context, Stop } from './context'
import { lex } from './lex'
import { minimalBody } from './minimal'
import { compactName } from './names'
import { parseStatements } from './parse'
import { printBody } from './print'

export type { CompactError } from './context'
export { minimalBody } from './minimal'

/** Longest compact text read (a link or a paste; the largest built-in is a few hundred bytes). */
export const MAX_COMPACT_CHARS = 1_000_000

export interface CompactRun {
  /** The run fields of a document, only what the text says. */
  body: ScenarioBody
  seed: number
  config: RunConfig
}

export type CompactResult = { ok: true; value: CompactRun } | { ok: false; errors: CompactError[] }

/** A stand-in for the fields a compact text does not carry, so the validator can check the body. */
const HOLDER = { loopscope: 1, id: 'compact', title: 'Compact', summary: 'Compact text.' }

/** Checks a body as a document; a validator error is reported at the text it came from. */
function validate(cx: Context, body: ScenarioBody): CompactResult {
  const checked = checkScenario({ ...HOLDER, ...body })
  if (!checked.ok) {
    const errors = checked.errors.map((e) => {
      const span = cx.spanOf(e.path) ?? { start: 0, end: 0 }
      // Paths inside the message ("first used at workload.threads[0].ops[1].label") become places.
      const message = e.message.replace(
        /\bat ((?:workload|stack|events|limits)[\w.[\]"]*)/g,
        (all, p: string) => {
          const s = cx.spans.get(p)
          return s ? `at ${cx.where(s)}` : all
        },
      )
      const exact = cx.spans.get(e.path)
      const name = exact?.name ?? compactName(e.path)
      return cx.toError(span, /^(must|is|needs) /.test(message) ? `${name} ${message}` : message)
    })
    return { ok: false, errors }
  }
  const run = checked.value.runs.get(DEFAULT_VARIANT)
  if (!run)
    return {
      ok: false,
      errors: [cx.toError({ start: 0, end: 0 }, 'the text does not describe a run')],
    }
  return { ok: true, value: { body, seed: run.seed, config: run.config } }
}

/** Compact text -> the run it describes. Never throws; every error has a line and a column. */
export function parseCompact(text: unknown): CompactResult {
  if (typeof text !== 'string')
    return {
      ok: false,
      errors: [
        { line: 1, column: 1, length: 1, message: `expected compact text, got ${describe(text)}` },
      ],
    }
  if (text.length > MAX_COMPACT_CHARS)
    return {
      ok: false,
      errors: [
        {
          line: 1,
          column: 1,
          length: 1,
          message: `the text is longer than ${MAX_COMPACT_CHARS} characters (${text.length})`,
        },
      ],
    }
  const cx = new Context(text)
  let body: ScenarioBody
  try {
    body = parseStatements(cx, lex(text))
  } catch (e) {
    if (!(e instanceof Stop)) throw e
    body = {}
  }
  if (cx.errors.length > 0) {
    const errors = [...cx.errors].sort((a, b) => a.span.start - b.span.start)
    return { ok: false, errors: errors.map((e) => cx.toError(e.span, e.message)) }
  }
  return validate(cx, body)
}

/** A run -> its compact text (only what differs from the defaults). */
export function formatRun(seed: number, config: RunConfig): string {
  return printBody(minimalBody(seed, config))
}

/**
 * A scenario body (the run fields of a document, or a variant's merged body) -> compact text.
 * The body must be valid: an invalid one throws, with the validator's messages.
 */
export function formatCompact(body: ScenarioBody): string {
  const checked = checkScenario({ ...HOLDER, ...body })
  const run = checked.ok ? checked.value.runs.get(DEFAULT_VARIANT) : undefined
  if (!run)
    throw new Error(
      `formatCompact needs a valid body:\n${checked.ok ? 'no run' : formatErrors(checked.errors)}`,
    )
  return formatRun(run.seed, run.config)
}

/** "3:7 expected …", one error a line. */
export function formatCompactErrors(errors: CompactError[]): string {
  return errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n')
}
