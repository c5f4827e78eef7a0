import { useEffect, useRef } from 'react'
import { walkCommandFor, type WalkCommand } from '../playback/keys'
import { ownsKey } from '../playback/useShortcuts'
import { useStoreApi } from '../store/context'
import type { Walk } from './useWalk'

export interface WalkActions extends Walk {
  nextPicture(): void
}

function run(walk: WalkActions, c: WalkCommand): void {
  switch (c.do) {
    case 'move':
      return walk.move(c.move)
    case 'pick':
      return walk.pick(c.choice)
    case 'reveal':
      return walk.reveal()
    case 'picture':
      return walk.nextPicture()
    case 'exit':
      return walk.exit()
  }
}

/**
 * The walkthrough's keys (keys.ts WALK_SHORTCUTS) on the whole page. A key a focused view already
 * used (the timeline, the block grid), a key typed into a field, and every key while the help
 * dialog is open are left alone.
 */
export function useWalkKeys(walk: WalkActions): void {
  const store = useStoreApi()
  // The listener stays put; it always acts on the latest render's walk.
  const latest = useRef(walk)
  useEffect(() => {
    latest.current = walk
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || store.getState().help) return
      if (e.target instanceof Element && e.target.closest('dialog')) return
      const c = walkCommandFor(e)
      if (!c || ownsKey(e.target, e.code)) return
      e.preventDefault()
      run(latest.current, c)
    }
    addEventListener('keydown', onKey)
    return () => removeEventListener('keydown', onKey)
  }, [store])
}
