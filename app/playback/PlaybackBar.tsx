import { useRef } from 'react'
import { formatNs } from '../ui/format'
import { JUMP_LABELS, nextJump, prevJump, type JumpKind } from '../data/jumps'
import type { PlayView } from '../data/runView'
import { useApp } from '../store/context'
import { SPEEDS } from '../store/types'

const JUMPS: Array<{ kind: JumpKind; key: string }> = [
  { kind: 'flush', key: 'F' },
  { kind: 'fua', key: 'U' },
  { kind: 'completion', key: 'C' },
  { kind: 'outside', key: 'S' },
]

/** A trace has no snapshots or crashes of its own to jump to, and no guest: any completion counts. */
const TRACE_JUMPS = JUMPS.filter((j) => j.kind !== 'outside')
const labelOf = (run: PlayView, kind: JumpKind): string =>
  run.p.trace && kind === 'completion' ? 'completion' : JUMP_LABELS[kind]

/** Play, step, jump, scrub and speed: every control also has a key (see keys.ts). */
export function PlaybackBar({ run }: { run: PlayView }) {
  const index = useApp((s) => s.index)
  const playing = useApp((s) => s.playing)
  const speed = useApp((s) => s.speed)
  const seek = useApp((s) => s.seek)
  const step = useApp((s) => s.step)
  const setPlaying = useApp((s) => s.setPlaying)
  const setSpeed = useApp((s) => s.setSpeed)
  // Dragging the scrubber fires faster than a far seek on a big run can fold: apply the latest
  // position once per frame.
  const pending = useRef<number | null>(null)
  const seekSoon = (i: number) => {
    if (pending.current === null)
      requestAnimationFrame(() => {
        if (pending.current !== null) seek(pending.current)
        pending.current = null
      })
    pending.current = i
  }
  const jump = (kind: JumpKind, dir: 1 | -1) => {
    const to = dir > 0 ? nextJump(run.jumps[kind], index) : prevJump(run.jumps[kind], index)
    setPlaying(false)
    if (to !== null) seek(to)
  }
  return (
    <section className="playback" aria-label="Playback">
      <div className="transport">
        <button
          type="button"
          onClick={() => step(-1)}
          disabled={index === 0}
          aria-label="Step back one event"
          title="Step back (←)"
          data-testid="step-back"
        >
          ◀︎
        </button>
        <button
          type="button"
          className="play"
          onClick={() => setPlaying(!playing)}
          aria-label={playing ? 'Pause' : 'Play'}
          title="Play or pause (Space)"
          data-testid="play"
        >
          {playing ? '❚❚' : '▶︎'}
        </button>
        <button
          type="button"
          onClick={() => step(1)}
          disabled={index >= run.events}
          aria-label="Step forward one event"
          title="Step forward (→)"
          data-testid="step-forward"
        >
          ▶︎❘
        </button>
      </div>
      <div className="jumps" role="group" aria-label="Jump to">
        {(run.p.trace ? TRACE_JUMPS : JUMPS).map(({ kind, key }) => {
          const prev = prevJump(run.jumps[kind], index)
          const next = nextJump(run.jumps[kind], index)
          return (
            <span key={kind} className="jump">
              <button
                type="button"
                disabled={prev === null}
                onClick={() => jump(kind, -1)}
                aria-label={`Previous ${labelOf(run, kind)}`}
                title={`Previous ${labelOf(run, kind)} (Shift ${key})`}
                data-testid={`prev-${kind}`}
              >
                ‹
              </button>
              <span className="jump-name">{labelOf(run, kind)}</span>
              <button
                type="button"
                disabled={next === null}
                onClick={() => jump(kind, 1)}
                aria-label={`Next ${labelOf(run, kind)}`}
                title={`Next ${labelOf(run, kind)} (${key})`}
                data-testid={`next-${kind}`}
              >
                ›
              </button>
            </span>
          )
        })}
      </div>
      <label className="scrubber">
        <span className="sr-only">Playhead (event index)</span>
        <input
          type="range"
          min={0}
          max={run.events}
          step={1}
          value={index}
          onChange={(e) => {
            setPlaying(false)
            seekSoon(Number(e.target.value))
          }}
          data-testid="scrubber"
          aria-valuetext={`event ${index} of ${run.events}, ${formatNs(run.timeAt(index))}`}
        />
      </label>
      <output className="readout" data-testid="readout" aria-label="Playhead position">
        <span className="readout-event">
          event <strong>{index.toLocaleString('en')}</strong> / {run.events.toLocaleString('en')}
        </span>
        <span className="readout-time">{formatNs(run.timeAt(index))}</span>
      </output>
      <label className="speed">
        <span>Speed</span>
        <select
          value={speed}
          onChange={(e) => setSpeed(Number(e.target.value))}
          data-testid="speed"
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
    </section>
  )
}
