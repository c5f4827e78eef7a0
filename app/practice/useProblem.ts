import { useEffect, useState } from 'react'
import type { PracticeKind } from '../../src/practice/kinds'
import type { Problem } from '../../src/practice/types'
import type { Loading } from '../store/types'
import { engine } from '../worker/engine'

/**
 * The practice problem for a seed and kind, made in the engine worker (the page never runs the
 * engine). A problem that is no longer wanted when it arrives is dropped.
 */
export function useProblem(seed: number, kind: PracticeKind | null): Loading<Problem> {
  const key = `${seed}/${kind ?? ''}`
  const [state, setState] = useState<Loading<Problem>>({ status: 'loading', key })
  // A new seed or kind shows "loading" at once, not the previous problem.
  const [shownKey, setShownKey] = useState(key)
  if (shownKey !== key) {
    setShownKey(key)
    setState({ status: 'loading', key })
  }
  useEffect(() => {
    let live = true
    const job = engine().problem(seed, kind)
    job.result.then(
      (p) => {
        if (live && p !== 'cancelled') setState({ status: 'ready', key, value: p })
      },
      (err: unknown) => {
        if (live)
          setState({
            status: 'error',
            key,
            message: err instanceof Error ? err.message : String(err),
          })
      },
    )
    return () => {
      live = false
    }
  }, [seed, kind, key])
  return state
}
