import type { RunView } from '../data/runView'
import { PANELS, type Panel } from '../route/address'
import { useApp } from '../store/context'
import { NarrationPanel } from '../narration/NarrationPanel'
import { CrashPanel } from '../crash/CrashPanel'
import { Metrics } from '../metrics/Metrics'
import { lazy, Suspense } from 'react'

// The editor loads when its tab is first opened: most readers never edit.
const EditPanel = lazy(() => import('../editor/EditPanel').then((m) => ({ default: m.EditPanel })))

const TITLES: Record<Panel, string> = { narration: 'Narration', crash: 'Crash explorer', metrics: 'Metrics', edit: 'Edit' }

/** The tabbed side panel: narration, crash explorer, metrics, the editor. The open tab is part of the address. */
export function SidePanel({ run }: { run: RunView }) {
  // The embed view is read-only: no Edit tab, and an address asking for it shows the narration.
  const embed = useApp((s) => s.route.screen === 'scenario' && s.route.embed)
  const tabs: readonly Panel[] = embed ? PANELS.filter((p) => p !== 'edit') : PANELS
  const asked = useApp((s) => (s.route.screen === 'scenario' ? s.route.panel : 'narration'))
  const panel = embed && asked === 'edit' ? 'narration' : asked
  const setPanel = useApp((s) => s.setPanel)
  const compare = useApp((s) => (s.compare.status === 'ready' ? s.compare.value : null))
  return (
    <aside className="side">
      <div className="tabs" role="tablist" aria-label="Panels">
        {tabs.map((p) => (
          <button
            key={p}
            type="button"
            role="tab"
            id={`tab-${p}`}
            aria-selected={panel === p}
            aria-controls={`panel-${p}`}
            tabIndex={panel === p ? 0 : -1}
            className="tab"
            onClick={() => setPanel(p)}
            onKeyDown={(e) => {
              const i = tabs.indexOf(p)
              const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0
              if (d === 0) return
              e.preventDefault()
              const next = tabs[(i + d + tabs.length) % tabs.length] as Panel
              setPanel(next)
              document.getElementById(`tab-${next}`)?.focus()
            }}
            data-testid={`tab-${p}`}
          >
            {TITLES[p]}
          </button>
        ))}
      </div>
      <div className="tab-body" role="tabpanel" tabIndex={0} id={`panel-${panel}`} aria-labelledby={`tab-${panel}`}>
        {panel === 'narration' && <NarrationPanel run={run} />}
        {panel === 'crash' && <CrashPanel run={run} />}
        {panel === 'metrics' && <Metrics run={run} compare={compare} />}
        {panel === 'edit' && (
          <Suspense fallback={<p className="hint">Loading the editor…</p>}>
            <EditPanel />
          </Suspense>
        )}
      </div>
    </aside>
  )
}
