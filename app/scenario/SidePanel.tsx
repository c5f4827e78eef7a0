import type { RunView } from '../data/runView'
import { PANELS, type Panel } from '../route/address'
import { useApp } from '../store/context'
import { NarrationPanel } from '../narration/NarrationPanel'
import { CrashPanel } from '../crash/CrashPanel'
import { Metrics } from '../metrics/Metrics'

const TITLES: Record<Panel, string> = { narration: 'Narration', crash: 'Crash explorer', metrics: 'Metrics' }

/** The tabbed side panel: narration, crash explorer, metrics. The open tab is part of the address. */
export function SidePanel({ run }: { run: RunView }) {
  const panel = useApp((s) => (s.route.screen === 'scenario' ? s.route.panel : 'narration'))
  const setPanel = useApp((s) => s.setPanel)
  const compare = useApp((s) => (s.compare.status === 'ready' ? s.compare.value : null))
  return (
    <aside className="side">
      <div className="tabs" role="tablist" aria-label="Panels">
        {PANELS.map((p) => (
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
              const i = PANELS.indexOf(p)
              const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0
              if (d === 0) return
              e.preventDefault()
              const next = PANELS[(i + d + PANELS.length) % PANELS.length] as Panel
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
      </div>
    </aside>
  )
}
