import { memo, useDeferredValue } from 'react'
import { BlockMap as BlockMapAt } from '../blockmap/BlockMap'
import type { RunView } from '../data/runView'
import { StackView as StackViewAt } from '../stackview/StackView'
import { useApp } from '../store/context'
import { Timeline } from '../timeline/Timeline'

const StackView = memo(StackViewAt)
const BlockMap = memo(BlockMapAt)

export const PICTURES = ['stack', 'timeline', 'blocks'] as const
export type Picture = (typeof PICTURES)[number]

const NAMES: Record<Picture, string> = { stack: 'Stack', timeline: 'Timeline', blocks: 'Blocks' }

export function nextPicture(p: Picture): Picture {
  return PICTURES[(PICTURES.indexOf(p) + 1) % PICTURES.length] ?? 'stack'
}

/** Which picture is on screen; V goes to the next. */
export function PicturePicker({
  picture,
  onPicture,
}: {
  picture: Picture
  onPicture: (p: Picture) => void
}) {
  return (
    <div className="walk-pick" role="group" aria-label="Picture beside the step (V)">
      {PICTURES.map((p) => (
        <button
          key={p}
          type="button"
          className="ghost"
          aria-pressed={p === picture}

          onClick={() => onPicture(p)}
          data-testid={`walk-picture-${p}`}
        >
          {NAMES[p]}
        </button>
      ))}
    </div>
  )
}

/**
 * The run at the step's instant, one picture at a time so it can be large: the stack diagram (the
 * default: it names what is in flight where), the timeline (order in time), or the block map.
 */
export function WalkPicture({ run, picture }: { run: RunView; picture: Picture }) {
  const index = useDeferredValue(useApp((s) => Math.min(s.index, run.events)))
  return (
    <section
      className={`walk-run pic-${picture}`}
      aria-label={`${NAMES[picture]} at event ${index}`}
      data-testid="walk-run"
    >
      {picture === 'stack' && <StackView run={run} index={index} />}
      {picture === 'timeline' && <Timeline run={run} which="primary" />}
      {picture === 'blocks' && <BlockMap run={run} index={index} which="primary" />}
    </section>
  )
}
