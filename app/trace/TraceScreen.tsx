import { useCallback, useEffect } from 'react'
import { HelpOverlay } from '../playback/HelpOverlay'
import { PlaybackBar } from '../playback/PlaybackBar'
import { usePlayback } from '../playback/usePlayback'
import { useShortcuts } from '../playback/useShortcuts'
import { useApp, useStoreApi } from '../store/context'
import { Timeline } from '../timeline/Timeline'
import { OpenTraceButton } from './OpenTraceButton'
import { TraceExplorer } from './TraceExplorer'
import { TraceHeader } from './TraceHeader'
import { TraceSummary } from './TraceSummary'
import type { TraceSession } from './types'
import { useTraceAsk } from './useTraceAsk'
import './Trace.css'

/** An opened block trace: what it holds per device, its requests on the timeline, and the explorer. */
export function TraceScreen() {
  const session = useApp((s) => s.trace)
  if (!session) return <NoTrace />
  return <Loaded session={session} />
}

function NoTrace() {
  return (
    <main className="page trace-empty" data-testid="trace-none">
      <h1>No trace is open</h1>
      <p>
        An opened trace lives in this page only: it is never put in the address, so reloading the
        page or following a link to it leaves it behind. Open the file again to look at it.
      </p>
      <p>
        <OpenTraceButton label="Open a trace…" className="primary" testId="open-trace-empty" />
      </p>
      <p className="hint">
        Or drop the file anywhere on the page. loopscope reads blkparse text, tracefs text and fio
        iologs (version 2 or 3).
      </p>
      <p>
        <a href="#">Back to all scenarios</a>
      </p>
    </main>
  )
}

function Loaded({ session }: { session: TraceSession }) {
  const store = useStoreApi()
  usePlayback()
  const ask = useTraceAsk()
  useShortcuts(useCallback(() => ask(null), [ask]))
  const playing = useApp((s) => s.playing)
  const view = session.loaded.view
  // The timeline's crash mark follows the answer on screen (the page store forgets it on leaving).
  const answered = session.answer.status === 'ready' ? session.answer.value.event : null
  useEffect(() => {
    if (answered !== null && store.getState().crash.at !== answered)
      store.getState().setCrash({ at: answered })
  }, [answered, store])
  return (
    <main
      className="scenario trace-screen"
      data-testid="trace-screen"
      data-playing={playing ? '' : undefined}
    >
      <TraceHeader loaded={session.loaded} />
      <PlaybackBar run={view} />
      <div className="trace-workspace">
        <TraceSummary session={session} />
        <TraceExplorer session={session} ask={ask} />
      </div>
      <div className="timelines">
        <Timeline run={view} which="primary" onCrashAt={ask} />
      </div>
      <HelpOverlay />
    </main>
  )
}
