import { createContext, useContext, type ReactNode } from 'react'
import { useStore, type StoreApi } from 'zustand'
import type { AppStore } from './types'

const StoreContext = createContext<StoreApi<AppStore> | null>(null)

export function StoreProvider({ store, children }: { store: StoreApi<AppStore>; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
}

export function useStoreApi(): StoreApi<AppStore> {
  const store = useContext(StoreContext)
  if (!store) throw new Error('loopscope: a component read the store outside <StoreProvider>')
  return store
}

/** Reads a slice of the page state; the component re-renders when the slice changes. */
export function useApp<T>(selector: (s: AppStore) => T): T {
  return useStore(useStoreApi(), selector)
}
