import { useEffect } from 'react'
import { useStoreApi } from '../store/context'
import { formatAddress, parseAddress, type Route } from './address'

/** While playing, the address is rewritten at most this often (history API rate limits). */
const PLAYING_UPDATE_MS = 500

/**
 * Keeps the address bar and the store in step: a typed or pasted address (hashchange) becomes the
 * route; the route and the playhead become the address, replacing the entry so that Back leaves
 * the scenario rather than stepping through every instant.
 */
export function useAddressSync(): void {
  const store = useStoreApi()
  useEffect(() => {
    const onHash = () => store.getState().setRoute(parseAddress(location.hash))
    addEventListener('hashchange', onHash)
    let last = 0
    let timer: ReturnType<typeof setTimeout> | null = null
    const write = () => {
      timer = null
      last = performance.now()
      const s = store.getState()
      const r: Route = s.route.screen === 'scenario' ? { ...s.route, at: s.index > 0 ? s.index : null } : s.route
      if (r.screen === 'bad-address') return
      const next = formatAddress(r)
      if (next !== location.hash && !(next === '' && location.hash === '')) history.replaceState(null, '', next === '' ? location.pathname + location.search : next)
    }
    const unsub = store.subscribe((s, prev) => {
      if (s.route === prev.route && s.index === prev.index) return
      if (timer !== null) return
      const wait = s.playing ? Math.max(0, PLAYING_UPDATE_MS - (performance.now() - last)) : 0
      if (wait === 0) write()
      else timer = setTimeout(write, wait)
    })
    return () => {
      removeEventListener('hashchange', onHash)
      unsub()
      if (timer !== null) clearTimeout(timer)
    }
  }, [store])
}

/** Navigates to a route as a new history entry (gallery → scenario, a variant change). */
export function navigate(route: Route): void {
  const next = formatAddress(route)
  if (next === '') history.pushState(null, '', location.pathname + location.search)
  else history.pushState(null, '', next)
  dispatchEvent(new HashChangeEvent('hashchange'))
}
