/**
 * Opening and leaving the walkthrough: the same scenario, variant and playhead, with `walk=1` in
 * the address or not. The embed view is read-only and has no walkthrough.
 */
import type { AppStore } from '../store/types'

export function walking(s: Pick<AppStore, 'route'>): boolean {
  return s.route.screen === 'scenario' && s.route.walk && !s.route.embed
}

export function setWalk(
  s: Pick<AppStore, 'route' | 'index' | 'setRoute' | 'setPlaying'>,
  walk: boolean,
): void {
  const r = s.route
  if (r.screen !== 'scenario' || r.embed || r.walk === walk) return
  s.setPlaying(false)
  s.setRoute({ ...r, at: s.index > 0 ? s.index : null, walk })
}
