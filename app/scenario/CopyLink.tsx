import { useState } from 'react'
import { encodeScenario } from '../../src/share/link'
import { formatAddress } from '../route/address'
import { scenarioOf } from '../route/scenarioOf'
import { useApp, useStoreApi } from '../store/context'

/**
 * Copies a link that carries the scenario itself (`#s=…`) and the view (variant, instant,
 * compare, panel): it opens the same view anywhere, even where the built-in has changed.
 */
export function CopyLink() {
  const store = useStoreApi()
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'copied' } | { kind: 'show'; link: string }>({ kind: 'idle' })
  const linkNow = (): string | null => {
    const s = store.getState()
    if (s.route.screen !== 'scenario') return null
    const opened = scenarioOf(s.route)
    if (!opened.ok) return null
    const route = { ...s.route, at: s.index > 0 ? s.index : null, shared: { s: encodeScenario(opened.file), file: opened.file } }
    return `${location.origin}${location.pathname}${formatAddress(route)}`
  }
  const copy = async () => {
    const link = linkNow()
    if (link === null) return
    try {
      await navigator.clipboard.writeText(link)
      setState({ kind: 'copied' })
      setTimeout(() => setState({ kind: 'idle' }), 2000)
    } catch {
      // No clipboard permission (an iframe, an old browser): show the link to copy by hand.
      setState({ kind: 'show', link })
    }
  }
  const panel = useApp((s) => (s.route.screen === 'scenario' ? s.route.panel : null))
  return (
    <div className="copy-link">
      <button type="button" onClick={() => void copy()} data-testid="copy-link" data-panel={panel ?? ''}>
        {state.kind === 'copied' ? '✓ Link copied' : 'Copy link'}
      </button>
      {state.kind === 'show' && (
        <label className="link-text">
          <span>Copy this link:</span>
          <input readOnly value={state.link} onFocus={(e) => e.currentTarget.select()} data-testid="link-text" />
        </label>
      )}
    </div>
  )
}
