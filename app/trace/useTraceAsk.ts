import { useCallback } from 'react'
import type { StoreApi } from 'zustand'
import { useStoreApi } from '../store/context'
import type { AppStore } from '../store/types'
import type { Job } from '../worker/client'
import { engine } from '../worker/engine'
import type { TraceAnswer, TraceSession } from './types'

let current: Job<TraceAnswer> | null = null

export function cancelTraceAsk(): void {
  current?.cancel()
}

/** Patches the trace session if it is still the one the question was about. */
function update(
  store: StoreApi<AppStore>,
  key: number,
  patch: (s: TraceSession) => Partial<TraceSession>,
): void {
  const s = store.getState().trace
  if (s && s.loaded.key === key) store.getState().setTrace({ ...s, ...patch(s) })
}

/**
 * "Crash here" on the trace: a power loss on the chosen device at the playhead (or the given event
 * index, or the end of the trace), explored in the worker. One question at a time.
 */
export function useTraceAsk(): (at: number | 'end' | null) => void {
  const store = useStoreApi()
  return useCallback(
    (at) => {
      const s = store.getState()
      const session = s.trace
      if (s.route.screen !== 'trace' || !session) return
      current?.cancel()
      const view = session.loaded.view
      const event =
        at === null ? s.index : at === 'end' ? view.events : Math.max(0, Math.min(view.events, at))
      const trace = session.loaded.key
      const askKey = `${session.device}/${session.granularity}@${at === 'end' ? 'end' : event}`
      s.setPlaying(false)
      s.setCrash({ at: event })
      s.setTrace({ ...session, answer: { status: 'loading', key: askKey } })
      const job = engine().askTrace(
        {
          trace,
          device: session.device,
          t: at === 'end' ? 'end' : view.timeAt(event),
          event,
          granularity: session.granularity,
        },
        (checked, of) =>
          update(store, trace, (cur) =>
            cur.answer.status === 'loading' && cur.answer.key === askKey
              ? { answer: { status: 'loading', key: askKey, progress: { checked, of } } }
              : {},
          ),
      )
      current = job
      const still = (cur: TraceSession): boolean =>
        cur.answer.status === 'loading' && cur.answer.key === askKey
      job.result.then(
        (r) =>
          update(store, trace, (cur) =>
            still(cur)
              ? {
                  answer:
                    r === 'cancelled'
                      ? { status: 'idle' }
                      : { status: 'ready', key: askKey, value: r },
                }
              : {},
          ),
        (e: unknown) =>
          update(store, trace, (cur) =>
            still(cur)
              ? {
                  answer: {
                    status: 'error',
                    key: askKey,
                    message: e instanceof Error ? e.message : String(e),
                  },
                }
              : {},
          ),
      )
    },
    [store],
  )
}
