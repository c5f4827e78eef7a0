import type { PlayView } from '../data/runView'
import type { AppState } from '../store/types'

/**
 * The playhead of a run on screen. The primary run's playhead is the store's event index; a
 * compared run follows it by simulated time (the state after every event up to that time), so
 * the two panes always show the same instant.
 */
export function playheadOf(s: Pick<AppState, 'index' | 'primary'>, run: PlayView, which: 'primary' | 'compare'): number {
  if (which === 'primary' || s.primary.status !== 'ready') return Math.min(s.index, run.events)
  // Both runs start before their first event, not after everything logged at time zero.
  if (s.index === 0) return 0
  return run.indexAtTime(s.primary.value.timeAt(s.index))
}
