import type { Loading } from '../store/types'
import { formatCount } from '../ui/format'

/** While a crash question is explored: how many states are checked so far, and a way to stop; or why it failed. */
export function ExploreStatus({ state, onCancel }: { state: Loading<unknown>; onCancel(): void }) {
  if (state.status === 'error')
    return (
      <p className="notice" role="alert">
        {state.message}
      </p>
    )
  if (state.status !== 'loading') return null
  const p = state.progress
  return (
    <div className="progress" role="status" data-testid="crash-progress">
      <progress value={p?.checked ?? 0} max={p?.of || 1} />
      <span>{p ? `${formatCount(p.checked)} of ${formatCount(p.of)} states checked` : 'Preparing…'}</span>
      <button type="button" onClick={onCancel} data-testid="crash-cancel">
        Cancel
      </button>
    </div>
  )
}
