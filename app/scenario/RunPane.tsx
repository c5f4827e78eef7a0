import { memo, useDeferredValue } from 'react'
import type { RunView } from '../data/runView'
import { playheadOf } from '../playback/playhead'
import { useApp } from '../store/context'
import { StackView as StackViewAt } from '../stackview/StackView'
import { BlockMap as BlockMapAt } from '../blockmap/BlockMap'

const StackView = memo(StackViewAt)
const BlockMap = memo(BlockMapAt)

/** One run on screen: which variant, then its stack diagram and block map at the playhead. */
export function RunPane({ run, which }: { run: RunView; which: 'primary' | 'compare' }) {
  const now = useApp((s) => playheadOf(s, run, which))
  // The stack and the block map are the heaviest views: while playing fast they follow the
  // playhead at the pace the frame budget allows, so the timeline and the controls never stutter.
  const index = useDeferredValue(now)
  const title = run.p.scenario.variants.find((v) => v.id === run.p.variant)?.title ?? run.p.variant
  return (
    <section className="run-pane" aria-label={`${title}: stack and blocks`} data-testid={`pane-${which}`}>
      <h2 className="pane-title">
        {title}
        <span className="pane-sub">seed {run.p.seed} · {run.p.events.toLocaleString('en')} events · hash {run.p.hash.slice(0, 8)}</span>
      </h2>
      <div className="pane-body">
        <StackView run={run} index={index} />
        <BlockMap run={run} index={index} which={which} />
      </div>
    </section>
  )
}
