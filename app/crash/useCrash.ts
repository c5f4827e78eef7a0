import { useCallback } from 'react'
import type { ModelName } from '../../src/engine'
import { useStoreApi } from '../store/context'
import { engine } from '../worker/engine'
import { workerRef } from '../route/scenarioOf'
import type { Job } from '../worker/client'

/** The question being answered (one at a time: a new one cancels the old). */
let current: Job<unknown> | null = null
let currentSurvey: Job<unknown> | null = null

export function cancelCrash(): void {
  current?.cancel()
}

export function cancelSurvey(): void {
  currentSurvey?.cancel()
}

/** "Crash here": explores the playhead instant (or the given event index) in the worker. */
export function useCrashHere(): (at: number | null) => void {
  const store = useStoreApi()
  return useCallback(
    (at) => {
      const s = store.getState()
      if (s.route.screen !== 'scenario' || s.primary.status !== 'ready') return
      current?.cancel()
      const event = at ?? s.index
      const key = `${s.primary.key}@${event}/${s.crash.model}/${s.crash.granularity}`
      s.setPlaying(false)
      if (s.route.panel !== 'crash') s.setPanel('crash')
      s.setCrash({ at: event, opened: null, answer: { status: 'loading', key } })
      const job = engine().ask(
        { scenario: workerRef(s.route), ...(s.route.variant ? { variant: s.route.variant } : {}), model: s.crash.model, granularity: s.crash.granularity, event },
        (checked, of) => {
          const a = store.getState().crash.answer
          if (a.status === 'loading' && a.key === key) store.getState().setCrash({ answer: { status: 'loading', key, progress: { checked, of } } })
        },
      )
      current = job
      job.result.then(
        (r) => {
          if (store.getState().crash.answer.status !== 'loading' || (store.getState().crash.answer as { key: string }).key !== key) return
          store.getState().setCrash({ answer: r === 'cancelled' ? { status: 'idle' } : { status: 'ready', key, value: r } })
        },
        (e: unknown) => store.getState().setCrash({ answer: { status: 'error', key, message: e instanceof Error ? e.message : String(e) } }),
      )
    },
    [store],
  )
}

/** Surveys the whole run for instants where a crash can leave a bad state (the overview strip). */
export function useSurvey(): (model: ModelName) => void {
  const store = useStoreApi()
  return useCallback(
    (model) => {
      const s = store.getState()
      if (s.route.screen !== 'scenario' || s.primary.status !== 'ready') return
      currentSurvey?.cancel()
      const key = `${s.primary.key}/${model}`
      s.setSurvey({ status: 'loading', key })
      const job = engine().survey(workerRef(s.route), s.route.variant ?? undefined, model, (checked, of) => {
        const v = store.getState().survey
        if (v.status === 'loading' && v.key === key) store.getState().setSurvey({ status: 'loading', key, progress: { checked, of } })
      })
      currentSurvey = job
      job.result.then(
        (r) => {
          const v = store.getState().survey
          if (v.status !== 'loading' || v.key !== key) return
          store.getState().setSurvey(r === 'cancelled' ? { status: 'idle' } : { status: 'ready', key, value: r })
        },
        (e: unknown) => store.getState().setSurvey({ status: 'error', key, message: e instanceof Error ? e.message : String(e) }),
      )
    },
    [store],
  )
}
