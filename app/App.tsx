import { lazy, Suspense, useEffect, useState } from 'react'
import { parseAddress, type Route } from './route/address'
import { useAddressSync } from './route/useAddressSync'
import { createAppStore } from './store/store'
import { StoreProvider, useApp } from './store/context'
import { Gallery } from './gallery/Gallery'
import { ScenarioScreen } from './scenario/ScenarioScreen'
import { BadAddress } from './gallery/BadAddress'
import { TopBar } from './ui/TopBar'
import { walking } from './walkthrough/enter'
import { TraceImport } from './trace/TraceImport'

// Screens most visits never open load on first use, keeping the first download small.
const PracticeScreen = lazy(() => import('./practice/PracticeScreen').then((m) => ({ default: m.PracticeScreen })))
const TraceScreen = lazy(() => import('./trace/TraceScreen').then((m) => ({ default: m.TraceScreen })))

export function App() {
  const [store] = useState(() => createAppStore(parseAddress(location.hash)))
  return (
    <StoreProvider store={store}>
      <Shell />
    </StoreProvider>
  )
}

function Shell() {
  useAddressSync()
  const screen = useApp((s) => s.route.screen)
  const theme = useApp((s) => s.theme)
  const presenter = useApp((s) => s.presenter)
  const embed = useApp((s) => s.route.screen === 'scenario' && s.route.embed)
  const walk = useApp(walking)
  useEffect(() => {
    // First commit painted and the main thread free again: the bench's time to interactive.
    requestAnimationFrame(() => setTimeout(() => performance.mark('loopscope:interactive'), 0))
  }, [])
  useEffect(() => {
    document.documentElement.dataset.theme = theme
    document.documentElement.classList.toggle('presenter', presenter)
  }, [theme, presenter])
  return (
    <div className={`app${embed ? ' embed' : ''}`} data-testid="app-root">
      {!embed && !walk && <TopBar />}
      {!embed && <TraceImport />}
      <Suspense fallback={<Loading />}>
        <Screen screen={screen} />
      </Suspense>
      <LiveRegion />
    </div>
  )
}

function Screen({ screen }: { screen: Route['screen'] }) {
  switch (screen) {
    case 'gallery':
      return <Gallery />
    case 'scenario':
      return <ScenarioScreen />
    case 'practice':
      return <PracticeScreen />
    case 'trace':
      return <TraceScreen />
    case 'bad-address':
      return <BadAddress />
  }
}

function Loading() {
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> Loading…
    </div>
  )
}

/** Screen readers hear each step as the playhead moves. */
function LiveRegion() {
  const text = useApp((s) => (s.playing ? '' : s.announce))
  return (
    <div className="sr-only" aria-live="polite" role="status" data-testid="live-region">
      {text}
    </div>
  )
}
