/**
 * Checks a parsed JSON value against the rules of the Trace Event Format that our export relies
 * on, as the format's document ("Trace Event Format", Google Docs 1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU)
 * states them and as Perfetto's JSON importer (src/trace_processor/importers/json) applies them.
 * Returns the problems found, [] when there are none.
 *
 * Container: an array of events, or an object with a traceEvents array; displayTimeUnit "ms" or
 * "ns"; other top-level keys only those the format defines (an older Perfetto tokenizer stopped
 * reading at the first key it did not know).
 *
 * Per event: ph a known phase; name a string (ends may leave it out); ts a finite number >= 0 in
 * microseconds (metadata may leave it out); pid and tid non-negative integers or strings; cat a
 * string; args an object; no array at the top level of an event (older Perfetto tokenizers
 * reject an event whose keys before "ts" hold one).
 *
 * Per phase: B/E nest per (pid, tid), an E closing the innermost open B (same name if it names
 * one); b/e nest per (cat, id), the same way; X has dur >= 0; i/I have scope g, p or t, and a
 * thread-scoped instant a tid; C has an args object of numbers; M names one of process_name,
 * process_labels, process_sort_index, thread_name, thread_sort_index, with args.name a string for
 * the names (args.sort_index a number for the sort indexes) and a tid for thread metadata.
 *
 * Flows: v1 (s, t, f with an id): t and f follow an s of the same (cat, name, id). v2 (bind_id
 * on B, X, b or n with flow_out and/or flow_in true): a flow_out starts the flow of its bind_id
 * once, a flow_in needs that flow started before it.
 *
 * Order: viewers sort events by ts (Perfetto keeps the array order for equal ts), so the pairing
 * rules are checked in that order, not in array order. Open B and b slices at the end are
 * reported (the format allows them; an export should close what it opens).
 */

const PHASES = new Set(['B', 'E', 'X', 'i', 'I', 'C', 'b', 'n', 'e', 's', 't', 'f', 'M', 'P', 'O', 'N', 'D', 'S', 'T', 'p', 'F', 'R', 'c', '(', ')', 'V', 'v'])
const TOP_KEYS = new Set(['traceEvents', 'displayTimeUnit', 'otherData', 'metadata', 'systemTraceEvents', 'stackFrames', 'samples', 'controllerTraceDataKey', 'powerTraceAsString'])
const METADATA = new Set(['process_name', 'process_labels', 'process_sort_index', 'thread_name', 'thread_sort_index'])
const SLICE_BINDERS = new Set(['B', 'X', 'b', 'n'])
const MAX_PROBLEMS = 100

type Obj = Record<string, unknown>

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const isId = (v: unknown): boolean => (typeof v === 'number' && Number.isInteger(v) && v >= 0) || typeof v === 'string'
const show = (v: unknown): string => JSON.stringify(v) ?? String(v)

export function validateChromeTrace(json: unknown): string[] {
  const problems: string[] = []
  let dropped = 0
  const problem = (text: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(text)
    else dropped++
  }
  let events: unknown[]
  if (Array.isArray(json)) events = json
  else if (isObj(json)) {
    for (const k of Object.keys(json)) if (!TOP_KEYS.has(k)) problem(`top level: ${show(k)} is not a key of the format`)
    const te = json.traceEvents
    if (!Array.isArray(te)) return [`top level: traceEvents must be an array, got ${show(te)}`]
    events = te
    const unit = json.displayTimeUnit
    if (unit !== undefined && unit !== 'ms' && unit !== 'ns') problem(`top level: displayTimeUnit must be "ms" or "ns", got ${show(unit)}`)
    if (json.metadata !== undefined && !isObj(json.metadata)) problem('top level: metadata must be an object')
    if (json.otherData !== undefined && !isObj(json.otherData)) problem('top level: otherData must be an object')
  } else return [`top level: expected an array of events or an object with traceEvents, got ${show(json)}`]

  // Field rules, event by event.
  const good: Array<{ i: number; e: Obj; ts: number }> = []
  events.forEach((raw, i) => {
    const at = `traceEvents[${i}]`
    if (!isObj(raw)) {
      problem(`${at}: an event must be an object, got ${show(raw)}`)
      return
    }
    const e = raw
    const ph = e.ph
    if (typeof ph !== 'string' || !PHASES.has(ph)) {
      problem(`${at}: ph ${show(ph)} is not a phase of the format`)
      return
    }
    const where = `${at} (ph ${ph})`
    let ok = true
    const bad = (text: string): void => {
      problem(`${where}: ${text}`)
      ok = false
    }
    for (const [k, v] of Object.entries(e)) if (Array.isArray(v)) bad(`${k} holds an array; keep arrays out of events (inside args is fine for the format, not for older Perfetto tokenizers before "ts")`)
    if (e.name !== undefined && typeof e.name !== 'string') bad(`name must be a string, got ${show(e.name)}`)
    if (e.name === undefined && ph !== 'E' && ph !== 'e') bad('name is missing')
    if (e.cat !== undefined && typeof e.cat !== 'string') bad(`cat must be a string, got ${show(e.cat)}`)
    if (e.pid !== undefined && !isId(e.pid)) bad(`pid must be a non-negative integer or a string, got ${show(e.pid)}`)
    if (e.tid !== undefined && !isId(e.tid)) bad(`tid must be a non-negative integer or a string, got ${show(e.tid)}`)
    if (e.args !== undefined && !isObj(e.args)) bad(`args must be an object, got ${show(e.args)}`)
    const ts = e.ts
    if (ts === undefined) {
      if (ph !== 'M') bad('ts is missing')
    } else if (typeof ts !== 'number' || !Number.isFinite(ts) || ts < 0) bad(`ts must be a finite number >= 0 (microseconds), got ${show(ts)}`)
    switch (ph) {
      case 'X':
        if (typeof e.dur !== 'number' || !Number.isFinite(e.dur) || e.dur < 0) bad(`dur must be a number >= 0, got ${show(e.dur)}`)
        break
      case 'B':
      case 'E':
        if (e.pid === undefined) bad('pid is missing')
        break
      case 'i':
      case 'I': {
        const s = e.s
        if (s !== undefined && s !== 'g' && s !== 'p' && s !== 't') bad(`s (scope) must be "g", "p" or "t", got ${show(s)}`)
        if ((s === undefined || s === 't') && e.tid === undefined) bad('a thread-scoped instant needs a tid')
        if (s === 'p' && e.pid === undefined) bad('a process-scoped instant needs a pid')
        break
      }
      case 'C': {
        if (e.pid === undefined) bad('pid is missing')
        const args = e.args
        if (!isObj(args) || Object.keys(args).length === 0) bad('a counter needs an args object with at least one value')
        else for (const [k, v] of Object.entries(args)) if (typeof v !== 'number' || !Number.isFinite(v)) bad(`counter value args.${k} must be a finite number, got ${show(v)}`)
        break
      }
      case 'b':
      case 'e':
      case 'n': {
        if (typeof e.cat !== 'string') bad('an async event needs a cat (it is half of the key that pairs b and e)')
        const id2 = e.id2
        if (e.id === undefined && !(isObj(id2) && (isId(id2.local) || isId(id2.global)))) bad('an async event needs an id (or id2.local / id2.global)')
        else if (e.id !== undefined && !isId(e.id)) bad(`id must be a non-negative integer or a string, got ${show(e.id)}`)
        if (e.pid === undefined) bad('pid is missing')
        break
      }
      case 's':
      case 't':
      case 'f':
        if (e.id === undefined || !isId(e.id)) bad(`a flow event needs an id, got ${show(e.id)}`)
        if (e.tid === undefined || e.pid === undefined) bad('a flow event needs pid and tid (it binds to a slice of that thread)')
        if (ph === 'f' && e.bp !== undefined && e.bp !== 'e') bad(`bp must be "e" when given, got ${show(e.bp)}`)
        break
      case 'M': {
        const name = e.name
        if (typeof name !== 'string' || !METADATA.has(name)) {
          bad(`metadata name must be one of ${[...METADATA].join(', ')}, got ${show(name)}`)
          break
        }
        const args = e.args
        if (!isObj(args)) bad('metadata needs args')
        else if (name.endsWith('_name') && typeof args.name !== 'string') bad(`${name} needs args.name, a string`)
        else if (name.endsWith('_sort_index') && (typeof args.sort_index !== 'number' || !Number.isInteger(args.sort_index))) bad(`${name} needs args.sort_index, an integer`)
        else if (name === 'process_labels' && typeof args.labels !== 'string') bad('process_labels needs args.labels, a string')
        if (e.pid === undefined) bad('pid is missing')
        if (name.startsWith('thread_') && e.tid === undefined) bad(`${name} needs a tid`)
        break
      }
    }
    if (e.bind_id !== undefined) {
      if (!isId(e.bind_id)) bad(`bind_id must be a non-negative integer or a string, got ${show(e.bind_id)}`)
      if (!SLICE_BINDERS.has(ph)) bad('bind_id binds a flow to a slice: only on B, X, b or n events')
      if (e.flow_in !== true && e.flow_out !== true) bad('bind_id without flow_in or flow_out true says nothing')
    } else if (e.flow_in !== undefined || e.flow_out !== undefined) bad('flow_in / flow_out without a bind_id')
    for (const k of ['flow_in', 'flow_out']) if (e[k] !== undefined && typeof e[k] !== 'boolean') bad(`${k} must be a boolean, got ${show(e[k])}`)
    if (ok) good.push({ i, e, ts: typeof ts === 'number' ? ts : 0 })
  })

  // Pairing rules, in the order a viewer reads the events: by ts, then array position.
  good.sort((a, b) => a.ts - b.ts || a.i - b.i)
  const threads = new Map<string, Array<{ name: unknown; i: number }>>()
  const asyncs = new Map<string, Array<{ name: unknown; i: number }>>()
  const v1 = new Set<string>()
  const v2 = new Set<string>()
  const closeOn = (stacks: Map<string, Array<{ name: unknown; i: number }>>, key: string, e: Obj, i: number, ph: string, what: string): void => {
    const stack = stacks.get(key)
    const top = stack?.[stack.length - 1]
    if (!stack || !top) {
      problem(`traceEvents[${i}] (ph ${ph}): ends nothing open on ${what}`)
      return
    }
    if (e.name !== undefined && e.name !== top.name) {
      problem(`traceEvents[${i}] (ph ${ph}): ends ${show(e.name)} but the innermost open slice on ${what} is ${show(top.name)} (traceEvents[${top.i}])`)
      return
    }
    stack.pop()
    if (stack.length === 0) stacks.delete(key)
  }
  for (const { i, e } of good) {
    const ph = e.ph as string
    const thread = `pid ${show(e.pid)} tid ${show(e.tid ?? e.pid)}`
    const asyncKey = (): string => `cat ${show(e.cat)} id ${show(e.id ?? (isObj(e.id2) ? (e.id2.global ?? `${show(e.pid)}:${show(e.id2.local)}`) : undefined))}`
    if (ph === 'B') {
      const stack = threads.get(thread) ?? []
      stack.push({ name: e.name, i })
      threads.set(thread, stack)
    } else if (ph === 'E') closeOn(threads, thread, e, i, ph, thread)
    else if (ph === 'b') {
      const key = asyncKey()
      const stack = asyncs.get(key) ?? []
      stack.push({ name: e.name, i })
      asyncs.set(key, stack)
    } else if (ph === 'e') closeOn(asyncs, asyncKey(), e, i, ph, asyncKey())
    else if (ph === 's' || ph === 't' || ph === 'f') {
      const key = `${show(e.cat)} ${show(e.name)} ${show(e.id)}`
      if (ph === 's') v1.add(key)
      else if (!v1.has(key)) problem(`traceEvents[${i}] (ph ${ph}): flow ${key} has no earlier s`)
    }
    if (e.bind_id !== undefined) {
      const key = show(e.bind_id)
      if (e.flow_in === true && !v2.has(key) && e.flow_out !== true) problem(`traceEvents[${i}] (ph ${ph}): flow_in for bind_id ${key} before any flow_out started it`)
      if (e.flow_out === true) {
        if (v2.has(key) && e.flow_in !== true) problem(`traceEvents[${i}] (ph ${ph}): flow_out starts bind_id ${key} a second time`)
        v2.add(key)
      }
    }
  }
  for (const [key, stack] of threads) for (const s of stack) problem(`traceEvents[${s.i}] (ph B): ${show(s.name)} on ${key} is never ended`)
  for (const [key, stack] of asyncs) for (const s of stack) problem(`traceEvents[${s.i}] (ph b): ${show(s.name)} on ${key} is never ended`)
  if (dropped > 0) problems.push(`... and ${dropped} more problems`)
  return problems
}
