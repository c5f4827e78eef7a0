import { useEffect, useState, type RefObject } from 'react'

/** The content width of an element, kept up to date by a ResizeObserver (0 until measured). */
export function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const ro = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0)
      setWidth((old) => (old === w ? old : w))
    })
    ro.observe(el)
    return () => ro.disconnect()
  }, [ref])
  return width
}

export { useThemeVersion } from '../ui/useThemeVersion'
