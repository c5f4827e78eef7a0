import { useEffect } from 'react'
import { useApp, useStoreApi } from '../store/context'
import { playable } from '../store/playable'

/** Events per second at 1x: a short run steps at a readable pace; a long one plays in a minute. */
export function eventsPerSecond(events: number): number {
  return Math.max(2, events / 60)
}

/** Moves the playhead while playing, one animation frame at a time; the fraction carries over. */
export function usePlayback(): void {
  const store = useStoreApi()
  const playing = useApp((s) => s.playing)
  useEffect(() => {
    if (!playing) return
    let frame = 0
    let last = performance.now()
    let carry = 0
    const tick = (now: number) => {
      const s = store.getState()
      const run = playable(s)
      if (!s.playing || !run) return
      carry += ((now - last) / 1000) * eventsPerSecond(run.events) * s.speed
      last = now
      const whole = Math.floor(carry)
      if (whole > 0) {
        carry -= whole
        s.seek(s.index + whole, whole === 1)
      }
      if (store.getState().playing) frame = requestAnimationFrame(tick)
    }
    frame = requestAnimationFrame(tick)
    return () => cancelAnimationFrame(frame)
  }, [playing, store])
}
