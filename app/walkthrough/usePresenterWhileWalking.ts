import { useEffect } from 'react'
import { useStoreApi } from '../store/context'

/**
 * The walkthrough is for projecting, so it turns presenter mode (larger type everywhere) on when
 * it was off, and off again on leaving. Opened with presenter mode on, it leaves it alone. P still
 * switches it either way.
 */
export function usePresenterWhileWalking(): void {
  const store = useStoreApi()
  useEffect(() => {
    if (store.getState().presenter) return
    store.getState().togglePresenter()
    return () => {
      if (store.getState().presenter) store.getState().togglePresenter()
    }
  }, [store])
}
