import { useEffect } from 'react'
import { nextJump, prevJump } from '../data/jumps'
import { useStoreApi } from '../store/context'
import { playable } from '../store/playable'
import { SPEEDS } from '../store/types'
import { setWalk, walking } from '../walkthrough/enter'
import { commandFor, keptInWalkthrough, type Command } from './keys'

/** Typing in a field, or pressing Space/Enter on a button, is not a shortcut. */
export function ownsKey(target: EventTarget | null, code: string): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.closest('input, select, textarea, [contenteditable="true"]')) return true
  return (code === 'Space' || code === 'Enter') && target.closest('button, a, summary') !== null
}

export function useShortcuts(onCrashHere: () => void): void {
  const store = useStoreApi()
  useEffect(() => {
    const run = (c: Command) => {
      const s = store.getState()
      const view = playable(s)
      switch (c.do) {
        case 'play-pause':
          return s.setPlaying(!s.playing)
        case 'step':
          return s.step(c.delta)
        case 'edge':
          s.setPlaying(false)
          return s.seek(c.to === 'start' ? 0 : (view?.events ?? 0))
        case 'jump': {
          if (!view) return
          const to = c.dir > 0 ? nextJump(view.jumps[c.kind], s.index) : prevJump(view.jumps[c.kind], s.index)
          s.setPlaying(false)
          if (to !== null) s.seek(to)
          return
        }
        case 'slower':
        case 'faster': {
          const i = SPEEDS.indexOf(s.speed as (typeof SPEEDS)[number])
          const j = Math.max(0, Math.min(SPEEDS.length - 1, i + (c.do === 'faster' ? 1 : -1)))
          return s.setSpeed(SPEEDS[j] ?? 1)
        }
        case 'crash-here':
          return onCrashHere()
        case 'help':
          return s.setHelp(!s.help)
        case 'presenter':
          return s.togglePresenter()
        case 'walk':
          return setWalk(s, true)
      }
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.code === 'Escape' && store.getState().help) {
        store.getState().setHelp(false)
        return
      }
      if (ownsKey(e.target, e.code)) return
      const c = commandFor(e)
      if (!c) return
      // In the walkthrough its own keys (useWalkKeys) act instead of playback's.
      if (walking(store.getState()) && !keptInWalkthrough(c)) return
      e.preventDefault()
      run(c)
    }
    addEventListener('keydown', onKey)
    return () => removeEventListener('keydown', onKey)
  }, [store, onCrashHere])
}
