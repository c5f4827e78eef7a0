import { useEffect, useState, type RefObject } from 'react'

export interface Size {
  /** Content width of the element, in px (0 until measured). */
  width: number
  /** Its font size in px, so chart margins grow with presenter mode. */
  em: number
}

/**
 * Watches an element's width and font size. `probe` is an element sized in em (CSS), so a change
 * of font size alone (presenter mode) also reports.
 */
export function useMeasure(
  ref: RefObject<HTMLElement | null>,
  probe: RefObject<HTMLElement | null>,
): Size {
  const [size, setSize] = useState<Size>({ width: 0, em: 15 })
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const read = () => {
      const width = Math.floor(el.clientWidth)
      const em = parseFloat(getComputedStyle(el).fontSize) || 15
      setSize((s) => (s.width === width && s.em === em ? s : { width, em }))
    }
    const ro = new ResizeObserver(read)
    ro.observe(el)
    if (probe.current) ro.observe(probe.current)
    return () => ro.disconnect()
  }, [ref, probe])
  return size
}
