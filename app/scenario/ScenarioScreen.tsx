import { lazy, Suspense, useCallback } from 'react'
import { scenarioOf } from '../route/scenarioOf'
import type { RunView } from '../data/runView'
import type { Loading } from '../store/types'
import { BadAddress } from '../gallery/BadAddress'
import { HelpOverlay } from '../playback/HelpOverlay'
import { PlaybackBar } from '../playback/PlaybackBar'
import { usePlayback } from '../playback/usePlayback'
import { useShortcuts } from '../playback/useShortcuts'
import { useApp } from '../store/context'
import { useRuns } from '../store/useRuns'
import { useCrashHere } from '../crash/useCrash'
import { ScenarioHeader } from './ScenarioHeader'
import { SidePanel } from './SidePanel'
import { RunPane } from './RunPane'
import { Timeline } from '../timeline/Timeline'
import { walking } from '../walkthrough/enter'

// The presenter's view loads when a walkthrough opens, not with the page.
const Walkthrough = lazy(() => import('../walkthrough/Walkthrough').then((m) => ({ default: m.Walkthrough })))

/** One scenario: header, playback, the stack and block map of each run, the side panel, the timeline. */
export function ScenarioScreen() {
  const route = useApp((s) => s.route)
  if (route.screen !== 'scenario') return null
  const entry = scenarioOf(route)
  if (!entry.ok) return <BadAddress message={entry.message} />
  const ids = entry.meta.variants.map((v) => v.id)
  for (const v of [route.variant, route.compare]) {
    if (v !== null && !ids.includes(v)) return <BadAddress message={`The scenario “${entry.meta.title}” has no variant “${v}”; it has ${ids.join(', ')}.`} />
  }
  return <Loaded />
}

function Loaded() {
  useRuns()
  usePlayback()
  const crashHere = useCrashHere()
  useShortcuts(useCallback(() => crashHere(null), [crashHere]))
  const primary = useApp((s) => s.primary)
  const compare = useApp((s) => s.compare)
  const comparing = useApp((s) => s.route.screen === 'scenario' && s.route.compare !== null)
  const playing = useApp((s) => s.playing)
  const walk = useApp(walking)
  if (walk)
    return (
      <main className="scenario walking" data-testid="scenario-screen">
        {primary.status === 'ready' ? (
          <Suspense fallback={<Slot state={{ status: 'loading', key: '' }} render={() => null} />}>
            <Walkthrough run={primary.value} />
          </Suspense>
        ) : (
          <Slot state={primary} render={() => null} />
        )}
        <HelpOverlay />
      </main>
    )
  return (
    <main className="scenario" data-testid="scenario-screen" data-playing={playing ? '' : undefined}>
      <ScenarioHeader />
      {primary.status === 'ready' ? (
        <>
          <PlaybackBar run={primary.value} />
          <div className={`workspace${comparing ? ' comparing' : ''}`}>
            <div className="panes">
              <RunPane run={primary.value} which="primary" />
              {comparing && <Slot state={compare} render={(run) => <RunPane run={run} which="compare" />} />}
            </div>
            <SidePanel run={primary.value} />
          </div>
          <div className="timelines">
            <Timeline run={primary.value} which="primary" />
            {comparing && compare.status === 'ready' && <Timeline run={compare.value} which="compare" />}
          </div>
        </>
      ) : (
        <Slot state={primary} render={() => null} />
      )}
      <HelpOverlay />
    </main>
  )
}

function Slot({ state, render }: { state: Loading<RunView>; render: (run: RunView) => React.ReactNode }) {
  if (state.status === 'ready') return <>{render(state.value)}</>
  if (state.status === 'error')
    return (
      <div className="notice" role="alert" data-testid="run-error">
        <h2>The engine could not run this scenario</h2>
        <pre>{state.message}</pre>
        <a href="#">Back to all scenarios</a>
      </div>
    )
  return (
    <div className="loading" role="status" data-testid="run-loading">
      <span className="spinner" aria-hidden="true" /> Running the engine…
    </div>
  )
}
