import { useMemo } from 'react'
import type { PracticeKind } from '../../src/practice/kinds'
import type { Problem } from '../../src/practice/types'
import { encodeScenario } from '../../src/share/link'
import { formatAddress } from '../route/address'
import { useApp } from '../store/context'
import { Controls, KIND_NAMES } from './Controls'
import { Question } from './Question'
import { Statement } from './Statement'
import { useProblem } from './useProblem'
import './practice.css'

/**
 * A seeded practice problem (#practice=<seed>&kind=<kind>): the scenario, the question and its
 * candidates, answer controls, checking with the engine's reasons, and a link that opens the
 * scenario at the problem's instant on the timeline and in the crash explorer.
 */
export function PracticeScreen() {
  const route = useApp((s) => (s.route.screen === 'practice' ? s.route : null))
  const seed = route?.seed ?? 0
  const kind = route?.kind ?? null
  const problem = useProblem(seed, kind)
  return (
    <main className="page practice" data-testid="practice">
      <header className="pr-head">
        <h1>
          Practice <span className="pr-seed">seed {seed}</span>
          {problem.status === 'ready' && (
            <span className="pr-kind"> · {KIND_NAMES[problem.value.kind]}</span>
          )}
        </h1>
        <Controls seed={seed} kind={kind} />
      </header>
      {problem.status === 'loading' && (
        <p className="hint" role="status">
          Making problem {seed}…
        </p>
      )}
      {problem.status === 'error' && (
        <p className="notice" role="alert">
          {problem.message}
        </p>
      )}
      {problem.status === 'ready' && <Body key={problem.key} problem={problem.value} kind={kind} />}
    </main>
  )
}

function Body({ problem, kind }: { problem: Problem; kind: PracticeKind | null }) {
  const explore = useMemo(() => exploreLink(problem), [problem])
  return (
    <>
      <p className="pr-intro">
        {problem.title} The engine ran this scenario and the crash explorer computed the answers;
        the same seed gives the same problem here and in{' '}
        <code>
          problem --seed {problem.seed}
          {kind ? ` --kind ${kind}` : ''}
        </code>
        .
      </p>
      <div className={problem.kind === 'consistent' ? 'pr-layout pr-wide' : 'pr-layout'}>
        <div className="pr-left">
          <Statement problem={problem} />
          <p className="pr-explore">
            <a href={explore} data-testid="practice-explore">
              Explore this scenario
            </a>{' '}
            <span className="hint">
              on the timeline and in the crash explorer
              {problem.instant ? ', at the problem’s instant' : ''}. It gives the answers away.
            </span>
          </p>
        </div>
        <Question problem={problem} />
      </div>
    </>
  )
}

/** The problem's scenario as a share link, opened at the problem's instant with the crash explorer. */
function exploreLink(p: Problem): string {
  return formatAddress({
    screen: 'scenario',
    scenario: p.scenario.id,
    shared: { s: encodeScenario(p.scenario), file: p.scenario },
    variant: null,
    at: p.instant?.event ?? null,
    compare: null,
    panel: 'crash',
    embed: false,
    walk: false,
  })
}
