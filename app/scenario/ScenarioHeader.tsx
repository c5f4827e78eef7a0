import { ExportMenu } from '../export/ExportMenu'
import { scenarioOf } from '../route/scenarioOf'
import { CopyLink } from './CopyLink'
import { formatAddress } from '../route/address'
import { navigate } from '../route/useAddressSync'
import { useApp, useStoreApi } from '../store/context'
import { setWalk } from '../walkthrough/enter'
import './ScenarioHeader.css'

/** Title, lesson, source, the variant on screen and the one compared with, and the run's verdicts. */
export function ScenarioHeader() {
  const route = useApp((s) => s.route)
  const primary = useApp((s) => s.primary)
  const store = useStoreApi()
  if (route.screen !== 'scenario') return null
  const entry = scenarioOf(route)
  if (!entry.ok) return null
  const { meta } = entry
  const variant = route.variant ?? meta.variants[0]?.id ?? null
  const current = meta.variants.find((v) => v.id === variant)
  const run = primary.status === 'ready' ? primary.value : null
  if (route.embed) {
    const full = `${location.origin}${location.pathname}${formatAddress({ ...route, embed: false })}`
    return (
      <header className="scenario-header embed-header">
        <h1>{meta.title}</h1>
        <a className="open-full" href={full} target="_blank" rel="noopener noreferrer" data-testid="open-in-loopscope">
          Open in loopscope ↗
        </a>
      </header>
    )
  }
  const failed = run?.p.verdicts.filter((v) => !v.ok) ?? []
  return (
    <header className="scenario-header">
      <div className="title-block">
        <h1>{meta.title}</h1>
        <p className="lesson">{meta.summary}</p>
        <p className="source">
          <span className="source-label">Source</span> {meta.source}
        </p>
      </div>
      <div className="variant-block">
        {/* A document with one run (an edited scenario) has nothing to choose between. */}
        {meta.variants.length > 1 && (
          <label>
            <span>Variant</span>
            <select value={variant ?? ''} onChange={(e) => navigate({ ...route, variant: e.target.value, at: null })} data-testid="variant">
              {meta.variants.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.title}
                </option>
              ))}
            </select>
          </label>
        )}
        {meta.variants.length > 1 && (
          <label>
            <span>Compare with</span>
            <select value={route.compare ?? ''} onChange={(e) => navigate({ ...route, compare: e.target.value === '' ? null : e.target.value })} data-testid="compare">
              <option value="">— nothing —</option>
              {meta.variants
                .filter((v) => v.id !== variant)
                .map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.title}
                  </option>
                ))}
            </select>
          </label>
        )}
        {current && <p className="variant-summary">{current.summary}</p>}
        <div className="header-actions">
          <CopyLink />
          <button type="button" onClick={() => setWalk(store.getState(), true)} title="Present the narration step by step, in large type (W)" aria-keyshortcuts="W" data-testid="walk-open">
            Walkthrough
          </button>
          <ExportMenu />
        </div>
        {run && (
          <p className={`verdict-badge ${failed.length ? 'bad' : 'good'}`} data-testid="run-verdict" title={run.p.verdicts.map((v) => `${v.ok ? '✓' : '✗'} ${v.check}: ${v.detail}`).join('\n')}>
            {failed.length ? `✗ ${failed.length} promise${failed.length === 1 ? '' : 's'} broken: ${failed.map((f) => f.check).join(', ')}` : '✓ every promise to the guest kept'}
          </p>
        )}
      </div>
    </header>
  )
}
