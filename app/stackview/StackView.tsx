import { useMemo, type CSSProperties, type ReactNode } from 'react'
import { FLUSH_STEP_NAMES, Layer } from '../../src/engine'
import type { RunView } from '../data/runView'
import { FLUSH_STEPS, RECENT_EVENTS, requestIndexOf } from './requestIndex'
import {
  activityAt,
  countsOf,
  type CacheCounts,
  type FlushRow,
  type LayerActivity,
  type Token,
  type TokenGroup,
} from './tokens'
import './StackView.css'

/**
 * The storage stack as one diagram, top to bottom: the guest (file system or workload), its page
 * cache when used, its block layer, the loop device's queue and workers, the host page cache or
 * the direct I/O path around it, the host file system, the host block layer, and the disk with
 * its volatile write cache and media. At each layer the requests queued, in flight and just
 * completed at the playhead; in the block layers the blk-flush sequences in progress.
 */
export function StackView({ run, index }: { run: RunView; index: number }) {
  const ix = requestIndexOf(run)
  const act = useMemo(() => activityAt(run.p, ix, index), [run, ix, index])
  const counts = useMemo(() => countsOf(run, run.stateAt(index)), [run, index])
  const { p } = run
  const disk = p.config.stack.disk
  const flushOf = (layer: number) => act.flush.filter((f) => f.layer === layer)
  const layer = (l: number) => act.layers[l] as LayerActivity
  const used = (l: number) => ix.layerUsed[l] === true
  const dio = counts.dio
  return (
    <figure className="sv" data-testid="stack-view" aria-label={`Storage stack at event ${index}`}>
      <Box
        id="guest"
        name={p.hasFs ? 'guest file system' : 'guest workload'}
        sub={
          p.hasFs ? `journaling, ${p.config.workload.fs?.discipline ?? ''}` : 'threads and fio jobs'
        }
        activity={layer(Layer.APP)}
        used={used(Layer.APP)}
      />
      {ix.guestCacheUsed && (
        <>
          <Link />
          <Box
            id="guest-cache"
            name="guest page cache"
            activity={layer(Layer.GUEST_CACHE)}
            used={used(Layer.GUEST_CACHE)}
            pills={<PagePills c={counts.guest} />}
          />
        </>
      )}
      <Link />
      <Box
        id="guest-blk"
        name="guest block layer"
        sub="/dev/loop0 request queue"
        activity={layer(Layer.GUEST_BLK)}
        used={used(Layer.GUEST_BLK)}
        flush={flushOf(Layer.GUEST_BLK)}
      />
      <Link />
      <LoopBox
        run={run}
        activity={layer(Layer.LOOP)}
        lanes={act.lanes}
        awake={counts.awake}
        throttled={counts.throttled}
        dio={dio}
        configured={counts.configured}
        frozen={counts.frozen}
      />
      <div className={`sv-paths${dio ? ' sv-dio-on' : ' sv-dio-off'}`}>
        <div className="sv-buffered">
          <Link
            label={
              !counts.configured
                ? 'buffered'
                : dio
                  ? 'buffered (not in use)'
                  : 'buffered: copied into the page cache'
            }
            lit={counts.configured && !dio}
          />
          <Box
            id="host-cache"
            name="host page cache"
            sub={dio ? 'bypassed by loop now' : 'backing file pages'}
            activity={layer(Layer.HOST_CACHE)}
            used={used(Layer.HOST_CACHE)}
            pills={<PagePills c={counts.host} />}
            dim={dio}
          />
        </div>
        <div
          className="sv-bypass"
          data-testid="layer-dio"
          role="group"
          aria-label={`direct I/O path: ${!counts.configured ? 'not set up yet' : dio ? 'in use' : 'not in use'}`}
        >
          <span className="sv-bypass-label">direct I/O</span>
          <span className="sv-bypass-line" aria-hidden="true" />
          <span className="sv-bypass-note">
            {!counts.configured ? 'not set up yet' : dio ? 'on: bypasses the page cache' : 'off'}
          </span>
        </div>
      </div>
      <Link />
      <Box
        id="host-fs"
        name="host file system"
        sub={
          ix.hostFsUsed
            ? 'extents and journal of the backing file'
            : 'no extent changes in this run'
        }
        activity={layer(Layer.HOST_FS)}
        used={used(Layer.HOST_FS)}
        pills={
          <>
            <Pill
              label="running txn"
              value={counts.running}
              title="Extent changes in the running host journal transaction (in memory)"
            />
            <Pill
              label="committing"
              value={counts.committing}
              title="Extent changes of the transaction being committed"
              tone={counts.committing > 0 ? 'volatile' : undefined}
            />
          </>
        }
      />
      <Link />
      <Box
        id="host-blk"
        name="host block layer"
        activity={layer(Layer.HOST_BLK)}
        used={used(Layer.HOST_BLK)}
        flush={flushOf(Layer.HOST_BLK)}
      />
      <Link />
      <Box
        id="disk"
        name="host disk"
        sub={
          disk.writeCache ? `write cache on${disk.fua ? ', FUA' : ', no FUA'}` : 'write cache off'
        }
        activity={layer(Layer.DISK)}
        used={used(Layer.DISK)}
        pills={counts.crashed ? <span className="sv-pill sv-bad">⚡ power lost</span> : null}
      >
        <div className="sv-store">
          <div
            className="sv-cache"
            data-testid="layer-disk-cache"
            role="group"
            aria-label={`disk write cache: ${counts.diskCached} blocks, volatile`}
          >
            <span className="sv-store-name">volatile write cache</span>
            <span className="sv-store-value">
              <b>{counts.diskCached.toLocaleString('en')}</b> block
              {counts.diskCached === 1 ? '' : 's'}
            </span>
            <span className="sv-store-note">lost on power loss</span>
          </div>
          <span className="sv-destage" aria-hidden="true">
            destage / flush →
          </span>
          <div
            className="sv-media"
            data-testid="layer-media"
            role="group"
            aria-label={`media: ${counts.mediaWritten} blocks written in this run, ${counts.durable} guest blocks guaranteed durable`}
          >
            <span className="sv-store-name">media</span>
            <span className="sv-store-value">
              <b>{counts.mediaWritten.toLocaleString('en')}</b> block
              {counts.mediaWritten === 1 ? '' : 's'} written
            </span>
            <span className="sv-store-note">
              ✓ {counts.durable.toLocaleString('en')} guaranteed durable
            </span>
          </div>
        </div>
      </Box>
      <Legend />
    </figure>
  )
}

function Link({ label, lit = true }: { label?: string; lit?: boolean }) {
  return (
    <div className={`sv-link${lit ? '' : ' sv-link-off'}`} aria-hidden="true">
      <span className="sv-link-line" />
      {label && <span className="sv-link-label">{label}</span>}
    </div>
  )
}

function Pill({
  label,
  value,
  title,
  tone,
}: {
  label: string
  value: number
  title: string
  tone?: 'volatile' | 'writeback' | 'durable' | undefined
}) {
  return (
    <span className={`sv-pill${tone ? ` sv-${tone}` : ''}`} title={title}>
      {label} <b>{value.toLocaleString('en')}</b>
    </span>
  )
}

function PagePills({ c }: { c: CacheCounts }) {
  return (
    <>
      <Pill
        label="dirty"
        value={c.dirty}
        title="Pages changed in memory and not yet written back"
        tone={c.dirty > 0 ? 'volatile' : undefined}
      />
      <Pill
        label="writeback"
        value={c.writeback}
        title="Pages being written back"
        tone={c.writeback > 0 ? 'writeback' : undefined}
      />
      <Pill label="clean" value={c.clean} title="Pages that match what was written below" />
    </>
  )
}

interface BoxProps {
  id: string
  name: string
  sub?: string
  activity: LayerActivity
  /** The layer has requests in this run (else no request row). */
  used: boolean
  pills?: ReactNode
  flush?: FlushRow[]
  dim?: boolean
  children?: ReactNode
}

function Box({ id, name, sub, activity, used, pills, flush, dim, children }: BoxProps) {
  return (
    <div
      className={`sv-box sv-box-${id}${dim ? ' sv-dim' : ''}`}
      data-testid={`layer-${id}`}
      role="group"
      aria-label={`${name}: ${summary(activity)}`}
    >
      <div className="sv-head">
        <span className="sv-name">{name}</span>
        {sub && <span className="sv-sub">{sub}</span>}
        {pills && <span className="sv-pills">{pills}</span>}
      </div>
      {used && <Requests activity={activity} />}
      {flush && flush.length > 0 && <FlushMachine rows={flush} />}
      {children}
    </div>
  )
}

function summary(a: LayerActivity): string {
  const parts: string[] = []
  if (a.inflight.total) parts.push(`${a.inflight.total} in flight`)
  if (a.queued.total) parts.push(`${a.queued.total} queued`)
  if (a.done.total) parts.push(`${a.done.total} just completed`)
  return parts.length ? parts.join(', ') : 'idle'
}

function Requests({ activity }: { activity: LayerActivity }) {
  const empty = activity.queued.total + activity.done.total + activity.inflight.total === 0
  return (
    <div className="sv-reqs">
      <Group name="in flight" state="inflight" g={activity.inflight} />
      <Group name="queued" state="queued" g={activity.queued} />
      <Group name="completed" state="done" g={activity.done} />
      {empty && <span className="sv-idle">idle</span>}
    </div>
  )
}

function Group({
  name,
  state,
  g,
  bare = false,
}: {
  name: string
  state: 'queued' | 'inflight' | 'done'
  g: TokenGroup
  bare?: boolean
}) {
  if (g.total === 0) return null
  return (
    <div className={`sv-group sv-g-${state}`}>
      {!bare && (
        <span className="sv-gname">
          {name}
          {g.total > 1 ? ` ${g.total.toLocaleString('en')}` : ''}
        </span>
      )}
      <ul className="sv-toks" aria-label={`${name}: ${g.total} request${g.total === 1 ? '' : 's'}`}>
        {g.tokens.map((t) => (
          <TokenChip key={t.id} t={t} state={state} />
        ))}
        {g.counts.map((c) => (
          <li
            key={c.label}
            className={`sv-tok sv-${c.kind} sv-${state} sv-count`}
            title={`${c.n.toLocaleString('en')} ${c.label} request${c.n === 1 ? '' : 's'} ${name}`}
          >
            {c.label} <b>×{c.n.toLocaleString('en')}</b>
          </li>
        ))}
      </ul>
    </div>
  )
}

function TokenChip({ t, state }: { t: Token; state: 'queued' | 'inflight' | 'done' }) {
  // Just completed: highlighted at the event that completed it, then its edge fades over the next
  // few events (the text keeps its contrast).
  const fade = state === 'done' ? Math.round(100 - (t.age / RECENT_EVENTS) * 80) : 100
  return (
    <li
      className={`sv-tok sv-${t.kind} sv-${state}${state === 'done' && t.age === 0 ? ' sv-fresh' : ''}`}
      title={t.title}
      style={state === 'done' ? ({ '--fade': `${fade}%` } as CSSProperties) : undefined}
    >
      {state === 'done' && <span aria-hidden="true">✓ </span>}
      {t.label}
    </li>
  )
}

function FlushMachine({ rows }: { rows: FlushRow[] }) {
  const shown = rows.slice(0, 4)
  return (
    <div className="sv-flush" role="group" aria-label="blk-flush state machine">
      <span className="sv-gname">blk-flush</span>
      <ul className="sv-flush-rows">
        {shown.map((r) => (
          <li key={r.token.id} className={`sv-flush-row${r.age >= 0 ? ' sv-flush-done' : ''}`}>
            <span className={`sv-tok sv-${r.token.kind} sv-inflight`} title={r.token.title}>
              {r.token.label}
            </span>
            <ol
              className="sv-steps"
              aria-label={`${r.token.label} at ${FLUSH_STEP_NAMES[r.step] ?? r.step}`}
            >
              {FLUSH_STEPS.map((s) => {
                const cls =
                  s === r.step ? 'now' : !(r.mask & s) ? 'skip' : s < r.step ? 'past' : 'next'
                return (
                  <li key={s} aria-current={s === r.step ? 'step' : undefined}>
                    <span
                      className={`sv-step sv-step-${cls}`}
                      title={
                        cls === 'skip'
                          ? `${FLUSH_STEP_NAMES[s]}: not needed for this request`
                          : FLUSH_STEP_NAMES[s]
                      }
                    >
                      {cls === 'past' && <span aria-hidden="true">✓</span>}
                      {FLUSH_STEP_NAMES[s]}
                    </span>
                  </li>
                )
              })}
            </ol>
          </li>
        ))}
        {rows.length > shown.length && (
          <li className="sv-more">+{rows.length - shown.length} more in the flush machine</li>
        )}
      </ul>
    </div>
  )
}

interface LoopProps {
  run: RunView
  activity: LayerActivity
  lanes: Map<number, TokenGroup>
  awake: Set<number>
  throttled: Set<number>
  dio: boolean
  configured: boolean
  frozen: boolean
}

function LoopBox({ run, activity, lanes, awake, throttled, dio, configured, frozen }: LoopProps) {
  const loop = run.p.config.stack.loop
  const workers = run.p.workerLanes
  // Requests started without a worker (NOWAIT submission from queue_rq) have no worker lane.
  const direct = [...lanes].filter(([l]) => !workers.some((w) => w.lane === l)).map(([, g]) => g)
  return (
    <div
      className={`sv-box sv-box-loop${frozen ? ' sv-frozen' : ''}`}
      data-testid="layer-loop"
      role="group"
      aria-label={`loop device: ${summary(activity)}; ${configured ? `direct I/O ${dio ? 'on' : 'off'}` : 'not set up yet'}${frozen ? '; queue frozen' : ''}`}
    >
      <div className="sv-head">
        <span className="sv-name">loop</span>
        <span className="sv-sub">{loop.mode} driver</span>
        <span className="sv-pills">
          <span
            className={`sv-pill sv-mode ${!configured ? 'sv-mode-unset' : dio ? 'sv-mode-dio' : 'sv-mode-buf'}`}
            data-testid="loop-mode"
            title={
              configured
                ? undefined
                : 'The loop device is set up by the first events of the run (LOOP_CONFIGURE)'
            }
          >
            {!configured ? 'not set up yet' : dio ? 'direct I/O' : 'buffered I/O'}
          </span>
          {frozen && (
            <span className="sv-pill sv-freeze" data-testid="loop-frozen">
              ❄ queue frozen
            </span>
          )}
        </span>
      </div>
      <div className="sv-loop">
        <div
          className="sv-queue"
          role="group"
          aria-label={`loop queue: ${activity.queued.total} waiting for a worker`}
        >
          <span className="sv-sub-name">
            queue
            {activity.queued.total > 0
              ? ` · ${activity.queued.total.toLocaleString('en')} waiting`
              : ''}
          </span>
          <div className="sv-reqs">
            <Group name="queued" state="queued" g={activity.queued} bare />
            {direct.map((g, i) => (
              <Group key={i} name="issued from queue_rq" state="inflight" g={g} />
            ))}
            {activity.queued.total === 0 && direct.length === 0 && (
              <span className="sv-idle">empty</span>
            )}
          </div>
        </div>
        <ul className="sv-workers" aria-label="loop workers">
          {workers.map((w) => {
            const on = awake.has(w.lane)
            const g = lanes.get(w.lane)
            return (
              <li
                key={w.lane}
                className={`sv-worker${on ? ' sv-awake' : ' sv-asleep'}`}
                data-testid={`worker-${w.lane}`}
              >
                <span className="sv-worker-head">
                  <span className="sv-dot" aria-hidden="true" />
                  <span className="sv-worker-name">{w.name}</span>
                  <span className="sv-worker-state">{on ? 'awake' : 'asleep'}</span>
                  {throttled.has(w.lane) && <span className="sv-pill sv-bad">throttled</span>}
                </span>
                {g && g.total > 0 ? (
                  <Group name="in flight" state="inflight" g={g} />
                ) : (
                  <span className="sv-idle">{on ? 'looking for work' : 'zz'}</span>
                )}
              </li>
            )
          })}
        </ul>
      </div>
      {activity.done.total > 0 && (
        <div className="sv-reqs">
          <Group name="completed" state="done" g={activity.done} />
        </div>
      )}
    </div>
  )
}

function Legend() {
  return (
    <figcaption className="sv-legend">
      <span className="sv-legend-part">
        <span className="sv-tok sv-write sv-queued">W 5</span> queued
        <span className="sv-tok sv-write sv-inflight">W 5</span> in flight
        <span className="sv-tok sv-write sv-done">✓ W 5</span> just completed
      </span>
      <span className="sv-legend-part">
        <span className="sv-tok sv-write sv-inflight">W</span> write
        <span className="sv-tok sv-read sv-inflight">R</span> read
        <span className="sv-tok sv-writeback sv-inflight">WB</span> writeback
        <span className="sv-tok sv-fua sv-inflight">FUA</span> forced unit access
        <span className="sv-tok sv-flush sv-inflight">FLUSH</span> flush / PF· preflush
      </span>
    </figcaption>
  )
}
