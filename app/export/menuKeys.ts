/**
 * Keys of a menu button and its menu (the WAI-ARIA menu button pattern), as pure decisions:
 * on the button, ArrowDown / Enter / Space open on the first item and ArrowUp on the last; in
 * the menu, the arrows move with wrap-around, Home and End go to the ends, Escape closes and
 * gives focus back to the button, Tab closes and lets focus move on. Keys by `KeyboardEvent.key`
 * here, because these are the keys' meanings, not places on the keyboard.
 */
export type MenuAction =
  | { do: 'focus'; index: number }
  | { do: 'open'; index: number }
  | { do: 'close'; refocus: boolean }
  | null

export function buttonKey(key: string, count: number): MenuAction {
  if (count === 0) return null
  if (key === 'ArrowDown' || key === 'Enter' || key === ' ') return { do: 'open', index: 0 }
  if (key === 'ArrowUp') return { do: 'open', index: count - 1 }
  return null
}

export function menuKey(key: string, index: number, count: number): MenuAction {
  if (count === 0) return { do: 'close', refocus: true }
  switch (key) {
    case 'ArrowDown':
      return { do: 'focus', index: (index + 1) % count }
    case 'ArrowUp':
      return { do: 'focus', index: (index - 1 + count) % count }
    case 'Home':
      return { do: 'focus', index: 0 }
    case 'End':
      return { do: 'focus', index: count - 1 }
    case 'Escape':
      return { do: 'close', refocus: true }
    case 'Tab':
      return { do: 'close', refocus: false }
    default:
      return null
  }
}
