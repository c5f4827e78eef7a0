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

/**
 * Bumps when the page theme or presenter class changes. Watches the root element itself: the
 * App sets those attributes in an effect that runs after this component's effects, so reading
 * the store's theme would read the colours one step too early.
 */
export function useThemeVersion(): number {
  const [v, setV] = useState(0)
  useEffect(() => {
    const mo = new MutationObserver(() => setV((x) => x + 1))
    mo.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme', 'class', 'style'],
    })
    return () => mo.disconnect()
  }, [])
  return v
}
