/**
 * The worker's side of an imported block trace: read the file, parse and pair it (src/formats,
 * the same code as `loopscope import`), build the timeline payload, and answer "crash here" on a
 * device with the same exploration as `loopscope explore <trace>`. The last trace stays here, so
 * questions about it never parse it again.
 */
import {
  busiest,
  durabilityAt,
  importTrace,
  summarize,
  toTraceRequests,
  traceExploration,
  type BlockRequest,
  type BlockTrace,
  type ExplorerTrace,
} from '../../src/formats'
import { MAX_ERRORS } from '../../src/formats/events'
import { buildTracePayload, traceTransferables } from '../trace/tracePayload'
import { MAX_TRACE_BYTES, SHOWN_ISSUES, type ImportResult } from '../trace/types'
import type { FromWorker, ImportMessage, TraceAskMessage } from './protocol'

type Post = (m: FromWorker, transfer?: Transferable[]) => void
export type Slicer = (
  step: () => boolean,
  progress: () => { checked: number; of: number },
  finish: () => void,
) => void

interface Held {
  id: number
  trace: BlockTrace
  idOf: Map<BlockRequest, number>
  explorer: Map<string, ExplorerTrace>
}

let held: Held | null = null
const SLICE = 8192

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`
}

function failure(m: ImportMessage, message: string): ImportResult {
  return {
    ok: false,
    name: m.name,
    bytes: m.file.size,
    format: null,
    errors: [{ line: 1, col: 1, message }],
    errorCount: 1,
    capped: false,
  }
}

async function read(m: ImportMessage): Promise<ImportResult> {
  if (m.file.size > MAX_TRACE_BYTES)
    return failure(
      m,
      `the file is ${mib(m.file.size)}; loopscope opens traces up to ${mib(MAX_TRACE_BYTES)} (cut it to the part you want to look at, for example with head or blkparse's -w)`,
    )
  const t0 = performance.now()
  const text = await m.file.text()
  const t1 = performance.now()
  if (text.slice(0, 4096).includes('\u0000'))
    return failure(
      m,
      "this is a binary file, not text: blktrace's own binary output is read by blkparse first (blkparse -i <name> -o trace.txt), then opened here",
    )
  const r = importTrace(text)
  if (!r.ok)
    return {
      ok: false,
      name: m.name,
      bytes: m.file.size,
      format: r.format,
      errors: r.errors.slice(0, SHOWN_ISSUES),
      errorCount: r.errors.length,
      capped: r.errors.length >= MAX_ERRORS,
    }
  if (r.trace.devices.length === 0) return failure(m, 'the trace has no events on any device')
  const { payload, idOf } = buildTracePayload(r.trace, m.name)
  const t2 = performance.now()
  held = { id: m.id, trace: r.trace, idOf, explorer: new Map() }
  return {
    ok: true,
    name: m.name,
    bytes: m.file.size,
    format: r.trace.format,
    payload,
    devices: r.trace.devices.map(summarize),
    device: (busiest(r.trace) ?? (r.trace.devices[0] as BlockTrace['devices'][number])).dev,
    warnings: r.warnings.slice(0, SHOWN_ISSUES),
    warningCount: r.warnings.length,
    ignored: r.ignored,
    readMs: t1 - t0,
    parseMs: t2 - t1,
  }
}

export function importTraceFile(m: ImportMessage, post: Post): void {
  read(m).then(
    (result) =>
      post(
        { type: 'imported', id: m.id, result },
        result.ok ? traceTransferables(result.payload) : [],
      ),
    (err: unknown) =>
      post({
        type: 'error',
        id: m.id,
        message: `${m.name} could not be read: ${err instanceof Error ? err.message : String(err)}`,
      }),
  )
}

/** Power loss on one traced device at an instant, in slices (cancellable), with the rules' reasons. */
export function askTrace(m: TraceAskMessage, post: Post, sliced: Slicer): void {
  if (!held || held.id !== m.trace) throw new Error('That trace is no longer open; open it again.')
  const h = held
  const dev = h.trace.devices.find((d) => d.dev === m.device)
  if (!dev) throw new Error(`The trace has no device ${m.device}.`)
  let x = h.explorer.get(dev.dev)
  if (!x) h.explorer.set(dev.dev, (x = toTraceRequests(h.trace, dev)))
  const ex = x
  const t = m.t === 'end' ? ex.end : m.t
  const e = traceExploration(ex, t, { granularity: m.granularity })
  // Explorer ids are 1-based positions in ex.requests; the page knows requests by payload id.
  const ref = (id: number): number => h.idOf.get(ex.sources[id - 1] as BlockRequest) ?? 0
  sliced(
    () => e.advance(SLICE),
    () => e.progress(),
    () => {
      const why = durabilityAt(ex, t)
      post({
        type: 'trace-answer',
        id: m.id,
        result: {
          device: dev.dev,
          granularity: m.granularity,
          event: m.event,
          t,
          result: e.result(),
          requests: ex.requests.length,
          unaligned: ex.unaligned,
          sectorsPerBlock: ex.sectorsPerBlock,
          groups: why.groups.map((g) => ({
            by: ref(g.by),
            rule: g.rule,
            at: g.at,
            writes: g.writes.map(ref),
          })),
          uncovered: why.uncovered.map(ref),
          inFlight: why.inFlight.map(ref),
        },
      })
    },
  )
}
