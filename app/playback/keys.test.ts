/**
 * The key tables: the walkthrough's keys (presentation clickers included) mean what the help
 * overlay says, and never share a physical key with a playback command that stays on in the
 * walkthrough, so one press never does two things.
 */
import { describe, expect, it } from 'vitest'
import { commandFor, keptInWalkthrough, SHORTCUTS, walkCommandFor, WALK_SHORTCUTS } from './keys'

const press = (
  code: string,
  mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {},
) => ({ code, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods })

describe('walkthrough keys', () => {
  it('steps with the arrows, Space, Enter, Backspace and a clicker’s PageDown and PageUp', () => {
    for (const code of ['ArrowRight', 'Space', 'PageDown', 'Enter'])
      expect(walkCommandFor(press(code))).toEqual({ do: 'move', move: 'next' })
    for (const code of ['ArrowLeft', 'PageUp', 'Backspace'])
      expect(walkCommandFor(press(code))).toEqual({ do: 'move', move: 'prev' })
    expect(walkCommandFor(press('Home'))).toEqual({ do: 'move', move: 'first' })
    expect(walkCommandFor(press('End'))).toEqual({ do: 'move', move: 'last' })
  })
  it('picks choices with the digit keys, on the main row and the keypad; R reveals; Esc leaves', () => {
    expect(walkCommandFor(press('Digit1'))).toEqual({ do: 'pick', choice: 0 })
    expect(walkCommandFor(press('Numpad3'))).toEqual({ do: 'pick', choice: 2 })
    expect(walkCommandFor(press('KeyR'))).toEqual({ do: 'reveal' })
    expect(walkCommandFor(press('Escape'))).toEqual({ do: 'exit' })
  })
  it('leaves modified keys to the browser', () => {
    expect(walkCommandFor(press('ArrowLeft', { altKey: true }))).toBeNull()
    expect(walkCommandFor(press('KeyR', { ctrlKey: true }))).toBeNull()
    expect(walkCommandFor(press('Space', { shiftKey: true }))).toBeNull()
  })
  it('shares no key with the playback commands that stay on, and W opens it', () => {
    const walkCodes = new Set(WALK_SHORTCUTS.flatMap((s) => s.codes))
    for (const s of SHORTCUTS.filter((x) => keptInWalkthrough(x.command)))
      expect(walkCodes.has(s.code) && !s.shift).toBe(false)
    expect(commandFor(press('KeyW'))).toEqual({ do: 'walk' })
  })
  it('lists every kind of walkthrough key in the help', () => {
    const listed = WALK_SHORTCUTS.filter((s) => s.keys && s.what).map((s) => s.command.do)
    expect(new Set(listed)).toEqual(new Set(['move', 'pick', 'reveal', 'picture', 'exit']))
  })
})
