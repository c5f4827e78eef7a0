import type { PlayView } from '../data/runView'
import type { AppState } from './types'

/** What the playhead moves over: the imported trace on the trace screen, else the primary run. */
export function playable(s: Pick<AppState, 'route' | 'primary' | 'trace'>): PlayView | null {
  if (s.route.screen === 'trace') return s.trace?.loaded.view ?? null
  return s.primary.status === 'ready' ? s.primary.value : null
}
