import { useEffect } from 'react'
import { RunView } from '../data/runView'
import { engine } from '../worker/engine'
import { useApp, useStoreApi } from './context'

/**
 * Runs what the route names in the engine worker: the primary variant, and the compared one in
 * compare mode. A run that is no longer wanted when it finishes is dropped.
 */
export function useRuns(): void {
  const store = useStoreApi()
  const route = useApp((s) => s.route)
  const scenario = route.screen === 'scenario' ? route.scenario : null
  const variant = route.screen === 'scenario' ? route.variant : null
  const compare = route.screen === 'scenario' ? route.compare : null

  useEffect(() => load(store, 'primary', scenario, variant), [store, scenario, variant])
  useEffect(() => load(store, 'compare', compare === null ? null : scenario, compare), [store, scenario, compare])
}

function load(store: ReturnType<typeof useStoreApi>, which: 'primary' | 'compare', scenario: string | null, variant: string | null): () => void {
  if (scenario === null) {
    store.getState().setRun(which, { status: 'idle' })
    return () => {}
  }
  const key = `${scenario}/${variant ?? ''}`
  let live = true
  store.getState().setRun(which, { status: 'loading', key })
  const job = engine().run(scenario, variant ?? undefined)
  job.result.then(
    (payload) => {
      if (!live || payload === 'cancelled') return
      const view = new RunView(payload)
      store.getState().setRun(which, { status: 'ready', key, value: view })
      if (which === 'primary') {
        const s = store.getState()
        s.seek(Math.min(s.index, view.events), false)
      }
    },
    (err: unknown) => {
      if (live) store.getState().setRun(which, { status: 'error', key, message: err instanceof Error ? err.message : String(err) })
    },
  )
  let stopWarming = () => {}
  void job.result.then((p) => {
    if (live && p !== 'cancelled') {
      const s = store.getState()[which]
      if (s.status === 'ready') stopWarming = s.value.warmInBackground()
    }
  })
  return () => {
    live = false
    stopWarming()
  }
}
