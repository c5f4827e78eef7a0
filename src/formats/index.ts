/**
 * Importers for real block traces: blkparse text, the kernel's tracefs text (block tracepoints
 * and the blk tracer), fio iologs. `importTrace` detects the format, parses, and pairs the events
 * into the common model (blockTrace.ts), from which `toTraceRequests` feeds the explorer.
 */
import { EVENT_LIKE, parseBlkparse } from './blkparse'
import { buildTrace, type BlockTrace } from './blockTrace'
import type { Issue, ParsedEvents, TraceFormat } from './events'
import { parseFioIolog } from './fio'
import { parseTracefs } from './tracefs'

export * from './events'
export * from './blockTrace'
export { parseBlkparse } from './blkparse'
export { parseTracefs } from './tracefs'
export { parseFioIolog } from './fio'
export { writeBlkparse } from './blkparseWrite'
export { parseRwbs, formatRwbs, type Rwbs, type OpLetter } from './rwbs'
export * from './traceExplore'

/**
 * The format of a text, from its first line that is neither blank nor a comment; null if none fits.
 * tracefs headers ("# tracer: nop", "# tracer: blk") are comments: the kernel's blk tracer prints
 * tracefs-prefixed lines, or with its blk_classic option blkparse-like lines, so the first event
 * line decides.
 */
export function detectFormat(text: string): TraceFormat | null {
  let comments = false
  let seen = 0
  for (const raw of text.split('\n', 400)) {
    const line = raw.replace(/\r$/, '')
    const t = line.trim()
    if (t === '') continue
    if (t === 'fio version 2 iolog') return 'fio-v2'
    if (t === 'fio version 3 iolog') return 'fio-v3'
    if (t.startsWith('#')) {
      comments ||= t.startsWith('# tracer:')
      continue
    }
    if (EVENT_LIKE.test(line)) return 'blkparse'
    if (/^.*-\d+[ \t]+(?:\([ \t]*(?:\d+|-+)[ \t]*\)[ \t]+)?\[\d+\][ \t]/.test(line)) return 'tracefs'
    if (++seen >= 3) break
  }
  return comments ? 'tracefs' : null
}

export function parseEvents(text: string, format: TraceFormat): ParsedEvents {
  switch (format) {
    case 'blkparse':
      return parseBlkparse(text)
    case 'tracefs':
      return parseTracefs(text)
    case 'fio-v2':
    case 'fio-v3':
      return parseFioIolog(text)
  }
}

export type Imported = { ok: true; trace: BlockTrace; warnings: Issue[]; ignored: number } | { ok: false; format: TraceFormat | null; errors: Issue[] }

/** Detects (unless told), parses and pairs. */
export function importTrace(text: string, format: TraceFormat | null = detectFormat(text)): Imported {
  if (format === null) {
    return { ok: false, format: null, errors: [{ line: 1, col: 1, message: 'not a block trace this tool reads: expected blkparse text, tracefs text (block events or the blk tracer) or a fio iolog (version 2 or 3)' }] }
  }
  const parsed = parseEvents(text, format)
  if (!parsed.ok) return { ok: false, format, errors: parsed.errors }
  const trace = buildTrace(format, parsed.events)
  return { ok: true, trace, warnings: [...parsed.warnings, ...trace.warnings], ignored: parsed.ignored }
}
