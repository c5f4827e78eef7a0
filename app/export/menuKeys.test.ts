/** The Export menu's keys follow the menu button pattern: open, move with wrap, close. */
import { describe, expect, it } from 'vitest'
import { buttonKey, menuKey } from './menuKeys'

describe('buttonKey', () => {
  it('opens on the first item with ArrowDown, Enter or Space, on the last with ArrowUp', () => {
    for (const k of ['ArrowDown', 'Enter', ' '])
      expect(buttonKey(k, 5)).toEqual({ do: 'open', index: 0 })
    expect(buttonKey('ArrowUp', 5)).toEqual({ do: 'open', index: 4 })
    expect(buttonKey('a', 5)).toBeNull()
    expect(buttonKey('ArrowDown', 0)).toBeNull()
  })
})

describe('menuKey', () => {
  it('moves with wrap-around and jumps to the ends', () => {
    expect(menuKey('ArrowDown', 4, 5)).toEqual({ do: 'focus', index: 0 })
    expect(menuKey('ArrowUp', 0, 5)).toEqual({ do: 'focus', index: 4 })
    expect(menuKey('ArrowDown', 1, 5)).toEqual({ do: 'focus', index: 2 })
    expect(menuKey('Home', 3, 5)).toEqual({ do: 'focus', index: 0 })
    expect(menuKey('End', 0, 5)).toEqual({ do: 'focus', index: 4 })
  })

  it('closes on Escape (focus back to the button) and on Tab (focus moves on)', () => {
    expect(menuKey('Escape', 2, 5)).toEqual({ do: 'close', refocus: true })
    expect(menuKey('Tab', 2, 5)).toEqual({ do: 'close', refocus: false })
    expect(menuKey('x', 2, 5)).toBeNull()
  })
})
