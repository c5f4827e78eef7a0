import { useEffect, useState } from 'react'

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
