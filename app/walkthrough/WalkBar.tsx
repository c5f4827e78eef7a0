import type { RunView } from '../data/runView'
import { KeysButton, ThemeToggle } from '../ui/TopBar'
import { INTRO } from './steps'
import type { Walk } from './useWalk'
import { WalkProgress } from './WalkProgress'

/**
 * Keeps a mouse click on the bar from taking the keyboard focus, so Space and Enter still mean
 * "next" afterwards (and not "press that button again"). The keyboard reaches every button by Tab.
 */
const keepFocus = (e: React.MouseEvent) => e.preventDefault()

/** Title, back and next with the step counter, theme and keys, exit; the progress strip below. */
export function WalkBar({
  run,
  walk,
  picker,
}: {
  run: RunView
  walk: Walk
  picker: React.ReactNode
}) {
  const { steps, cursor } = walk
  const variant =
    run.p.scenario.variants.find((v) => v.id === run.p.variant)?.title ?? run.p.variant
  return (
    <header className="walk-bar" onMouseDown={keepFocus}>
      <p className="walk-title" title={`${run.p.scenario.title} · ${variant}`}>
        <span className="walk-kicker">Walkthrough</span> {run.p.scenario.title}{' '}
        <span className="walk-variant">· {variant}</span>
      </p>
      <div className="walk-nav" role="group" aria-label="Steps">
        <button
          type="button"
          onClick={() => walk.move('prev')}
          disabled={cursor === INTRO}
          aria-keyshortcuts="ArrowLeft PageUp"
          data-testid="walk-prev"
        >
          ◀ Back
        </button>
        <p className="walk-counter" data-testid="walk-counter">
          {cursor === INTRO ? `${steps.length} steps` : `Step ${cursor + 1} of ${steps.length}`}
        </p>
        <button
          type="button"
          className={walk.held ? 'held' : 'primary'}
          onClick={() => walk.move('next')}
          disabled={cursor >= steps.length - 1}
          aria-keyshortcuts="ArrowRight Space PageDown"
          title={walk.held ? 'Reveal the answer (R) first' : 'Next step (→, Space, PgDn)'}
          data-testid="walk-next"
        >
          {cursor === INTRO ? 'Begin ▶' : 'Next ▶'}
        </button>
      </div>
      <div className="walk-tools">
        {picker}
        <ThemeToggle />
        <KeysButton />
        <button
          type="button"
          className="walk-exit"
          onClick={walk.exit}
          aria-keyshortcuts="Escape"
          data-testid="walk-exit"
        >
          Exit <kbd>Esc</kbd>
        </button>
      </div>
      <WalkProgress steps={steps} cursor={cursor} />
    </header>
  )
}
