import type { Granularity } from '../../src/engine'
import type { DurableRule } from '../../src/formats'
import { describeRequest } from '../data/describe'
import type { TimelinePayload } from '../data/payload'
import { useApp } from '../store/context'
import { ExploreStatus } from '../crash/ExploreStatus'
import { formatCount, formatNs } from '../ui/format'
import type { DurableGroupRef, TraceAnswer, TraceSession } from './types'
import { cancelTraceAsk } from './useTraceAsk'
import { formatStates } from './formatStates'

const GRANULARITY_LABELS: Record<Granularity, string> = {
  write: 'whole writes',
  sector: 'single sectors (torn writes)',
}

/** Writes listed per group before "and N more". */
const LISTED = 6

const RULE_TEXT: Record<DurableRule, string> = {
  flush: 'R1: a flush covers the writes that completed before it was issued',
  preflush:
    'R4: a PREFLUSH write starts with a flush, which covers the writes that completed before the write was submitted, not the write itself',
  fua: 'R2: a FUA write is durable when it completes, and covers only itself',
}

/**
 * "What could a power loss here leave on this device?": the explorer's count for the chosen
 * device at the playhead or the end, and what the rules make durable, request by request.
 */
export function TraceExplorer({
  session,
  ask,
}: {
  session: TraceSession
  ask: (at: number | 'end' | null) => void
}) {
  const index = useApp((s) => s.index)
  const setTrace = useApp((s) => s.setTrace)
  const { devices } = session.loaded
  const a = session.answer
  const change = (patch: Partial<TraceSession>) =>
    setTrace({ ...session, ...patch, answer: { status: 'idle' } })
  return (
    <section
      className="crash trace-explorer"
      aria-labelledby="trace-explorer-title"
      data-testid="trace-explorer"
    >
      <h2 id="trace-explorer-title">Crash explorer: power loss</h2>
      <div className="crash-controls">
        {devices.length > 1 && (
          <label>
            <span>Device</span>
            <select
              value={session.device}
              onChange={(e) => change({ device: e.target.value })}
              data-testid="trace-device"
            >
              {devices.map((d) => (
                <option key={d.device} value={d.device}>
                  {d.device} ({formatCount(d.by_op.write)} writes)
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          <span>Granularity</span>
          <select
            value={session.granularity}
            onChange={(e) => change({ granularity: e.target.value as Granularity })}
            data-testid="trace-granularity"
          >
            {(['write', 'sector'] as const).map((g) => (
              <option key={g} value={g}>
                {GRANULARITY_LABELS[g]}
              </option>
            ))}
          </select>
        </label>
        <div className="trace-ask-buttons">
          <button
            type="button"
            className="primary"
            onClick={() => ask(null)}
            data-testid="crash-here"
            title="Crash here (X)"
          >
            ⚡ Crash here · event {index.toLocaleString('en')}
          </button>
          <button type="button" onClick={() => ask('end')} data-testid="crash-end">
            Crash at the end
          </button>
        </div>
      </div>
      <p className="hint">
        Or Alt-click an instant on the timeline, or press X. A trace shows nothing below the device,
        so only the rules decide: a completed flush or FUA write makes writes durable, every other
        write may or may not be there.
      </p>
      <ExploreStatus state={a} onCancel={cancelTraceAsk} />
      {a.status === 'ready' && <Answer answer={a.value} p={session.loaded.view.p} />}
    </section>
  )
}

function Answer({ answer, p }: { answer: TraceAnswer; p: TimelinePayload }) {
  const r = answer.result
  return (
    <div
      className="answer-block"
      data-testid="crash-answer"
      data-t={answer.t}
      data-device={answer.device}
      tabIndex={0}
      role="region"
      aria-label="The explorer's answer"
    >
      <p className="count">
        <strong data-testid="crash-count">{formatStates(r.states_total)}</strong> possible{' '}
        {r.states_total === 1 ? 'state' : 'states'} of {answer.device} after a power loss at event{' '}
        {formatCount(answer.event)} ({formatNs(answer.t)})
      </p>
      <p className="formula" data-testid="crash-formula">
        {r.formula}
      </p>
      <p className="coverage" data-testid="crash-coverage">
        {formatCount(r.states_checked)} of {formatStates(r.states_total)} checked. {r.coverage}
      </p>
      <p
        className={r.inconsistent > 0 ? 'verdict bad' : 'verdict good'}
        data-testid="crash-verdict"
      >
        {r.inconsistent > 0
          ? `✗ ${formatCount(r.inconsistent)} states break a promise of the rules`
          : '✓ every state keeps what the rules promised'}
      </p>
      <p className="hint">
        {formatCount(answer.requests)} requests of {answer.device} seen by the explorer, in blocks
        of {answer.sectorsPerBlock * 512} bytes
        {answer.unaligned > 0
          ? `; ${formatCount(answer.unaligned)} not aligned to them are widened to whole blocks`
          : ''}
        .
      </p>
      <h3>What is durable, and why</h3>
      {answer.groups.length === 0 ? (
        <p data-testid="durable-none">
          Nothing yet: no flush or FUA write has completed on {answer.device} by this instant.
        </p>
      ) : (
        <Groups groups={answer.groups} p={p} />
      )}
      <h3>What may be lost</h3>
      <Writes
        ids={answer.uncovered}
        p={p}
        testId="uncovered"
        lead="completed, but no flush issued after they completed has finished yet (R1): a power loss may drop them"
      />
      <Writes
        ids={answer.inFlight}
        p={p}
        testId="in-flight"
        lead="not completed (in flight, or failed): they may or may not have reached stable storage (R3)"
      />
      {answer.uncovered.length === 0 && answer.inFlight.length === 0 && (
        <p>Nothing: every write submitted by this instant is durable.</p>
      )}
    </div>
  )
}

/** Groups shown before "the earlier ones": the latest promises matter most at a crash. */
const RECENT = 4

function Groups({ groups, p }: { groups: DurableGroupRef[]; p: TimelinePayload }) {
  const latest = [...groups].reverse()
  const writes = new Set(groups.flatMap((g) => g.writes)).size
  const older = latest.slice(RECENT)
  return (
    <>
      <p data-testid="durable-total">
        {formatCount(writes)} write{writes === 1 ? '' : 's'} durable, by{' '}
        {formatCount(groups.length)} completed {groups.length === 1 ? 'promise' : 'promises'}; the
        latest first:
      </p>
      <ul className="durable-groups" data-testid="durable-groups">
        {latest.slice(0, RECENT).map((g) => (
          <Group key={`${g.by}:${g.rule}`} g={g} p={p} />
        ))}
      </ul>
      {older.length > 0 && (
        <details className="durable-older">
          <summary>
            {formatCount(older.length)} earlier {older.length === 1 ? 'one' : 'ones'}
          </summary>
          <ul className="durable-groups">
            {older.map((g) => (
              <Group key={`${g.by}:${g.rule}`} g={g} p={p} />
            ))}
          </ul>
        </details>
      )}
    </>
  )
}

function Group({ g, p }: { g: DurableGroupRef; p: TimelinePayload }) {
  const head =
    g.rule === 'fua' ? (
      <>
        <RequestLink id={g.by} p={p} /> completed at {formatNs(g.at)}: durable
      </>
    ) : (
      <>
        {g.rule === 'preflush' ? 'The preflush of ' : ''}
        <RequestLink id={g.by} p={p} /> completed at {formatNs(g.at)}: {g.writes.length} write
        {g.writes.length === 1 ? '' : 's'} durable
      </>
    )
  return (
    <li className={`durable-group rule-${g.rule}`} data-rule={g.rule}>
      <p className="durable-head">{head}</p>
      <p className="durable-rule">{RULE_TEXT[g.rule]}</p>
      {g.rule !== 'fua' && <IdList ids={g.writes} p={p} />}
    </li>
  )
}

function Writes({
  ids,
  p,
  lead,
  testId,
}: {
  ids: number[]
  p: TimelinePayload
  lead: string
  testId: string
}) {
  if (ids.length === 0) return null
  return (
    <div className="durable-group volatile" data-testid={testId}>
      <p className="durable-head">
        {formatCount(ids.length)} write{ids.length === 1 ? '' : 's'} {lead}
      </p>
      <IdList ids={ids} p={p} />
    </div>
  )
}

function IdList({ ids, p }: { ids: number[]; p: TimelinePayload }) {
  return (
    <ul className="durable-writes">
      {ids.slice(0, LISTED).map((id) => (
        <li key={id}>
          <RequestLink id={id} p={p} />
        </li>
      ))}
      {ids.length > LISTED && <li className="hint">and {formatCount(ids.length - LISTED)} more</li>}
    </ul>
  )
}

/** A request by its description; pressing it selects it on the timeline. */
function RequestLink({ id, p }: { id: number; p: TimelinePayload }) {
  const select = useApp((s) => s.select)
  if (id <= 0) return <span>a request</span>
  return (
    <button
      type="button"
      className="link"
      onClick={() => select(id)}
      title="Show it on the timeline"
    >
      {describeRequest(p, id)}
    </button>
  )
}
