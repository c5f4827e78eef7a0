import { useState } from 'react'
import type { RunView } from '../data/runView'
import { usePresenterWhileWalking } from './usePresenterWhileWalking'
import { useWalk, type Walk } from './useWalk'
import { useWalkKeys } from './useWalkKeys'
import { WalkBar } from './WalkBar'
import { nextPicture, PicturePicker, WalkPicture, type Picture } from './WalkPicture'
import { WalkStage } from './WalkStage'
import './Walkthrough.css'

/**
 * The presenter's view of a scenario for a lecture hall: one narration step at a time in large
 * type, beside a picture of the run at that step (the stack, the timeline or the block map, the
 * playhead on the step's event). Keys (keys.ts WALK_SHORTCUTS) step through it; a question holds
 * until its answer is revealed.
 */
export function Walkthrough({ run }: { run: RunView }) {
  const walk = useWalk(run)
  const [picture, setPicture] = useState<Picture>('stack')
  useWalkKeys({ ...walk, nextPicture: () => setPicture(nextPicture) })
  usePresenterWhileWalking()
  if (walk.steps.length === 0) return <NoNarration run={run} walk={walk} />
  const asks = (walk.steps[walk.cursor]?.question ?? null) !== null
  return (
    <div className={`walk${asks ? ' asks' : ''}`} data-testid="walkthrough">
      <WalkBar
        run={run}
        walk={walk}
        picker={<PicturePicker picture={picture} onPicture={setPicture} />}
      />
      <div className={`walk-body shows-${picture}`}>
        <WalkStage run={run} walk={walk} />
        <WalkPicture run={run} picture={picture} />
      </div>
    </div>
  )
}

function NoNarration({ run, walk }: { run: RunView; walk: Walk }) {
  return (
    <div className="walk walk-empty" data-testid="walkthrough">
      <section className="walk-stage" data-testid="walk-stage">
        <h1 className="walk-h1">{run.p.scenario.title}</h1>
        <p className="walk-text" data-testid="walk-empty">
          This scenario has no narration, so there is nothing to walk through. Leave the walkthrough
          to play it event by event.
        </p>
        <button
          type="button"
          className="primary walk-exit"
          onClick={walk.exit}
          data-testid="walk-exit"
        >
          Exit the walkthrough <kbd>Esc</kbd>
        </button>
      </section>
    </div>
  )
}
