import { useEffect } from 'react'
import { workerRef } from '../route/scenarioOf'
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
  // A shared scenario is known by its link text: the parsed document is a new object per parse.
  const scenario = route.screen === 'scenario' ? (route.shared?.s ?? route.scenario) : null
  const variant = route.screen === 'scenario' ? route.variant : null
  const compare = route.screen === 'scenario' ? route.compare : null
  useEffect(() => load(store, 'primary', scenario, targetOf(store), variant), [store, scenario, variant])
  useEffect(() => load(store, 'compare', compare === null ? null : scenario, targetOf(store), compare), [store, scenario, compare])
}

/** The worker's scenario reference for the route on screen now (read when a run starts). */
function targetOf(store: ReturnType<typeof useStoreApi>): string | object {
  const r = store.getState().route
  return r.screen === 'scenario' ? workerRef(r) : ''
}

function load(store: ReturnType<typeof useStoreApi>, which: 'primary' | 'compare', scenario: string | null, target: string | object, variant: string | null): () => void {
  if (scenario === null) {
    store.getState().setRun(which, { status: 'idle' })
    return () => {}
  }
  const key = `${scenario}/${variant ?? ''}`
  let live = true
  store.getState().setRun(which, { status: 'loading', key })
  const job = engine().run(target, variant ?? undefined)
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
