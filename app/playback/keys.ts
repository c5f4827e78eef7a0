/**
 * Keyboard shortcuts, by KeyboardEvent.code so they sit on the same physical keys on every layout.
 * The help overlay lists this table; nothing else defines a shortcut.
 */
import type { JumpKind } from '../data/jumps'

export type Command =
  | { do: 'play-pause' }
  | { do: 'step'; delta: number }
  | { do: 'jump'; kind: JumpKind; dir: 1 | -1 }
  | { do: 'edge'; to: 'start' | 'end' }
  | { do: 'crash-here' }
  | { do: 'help' }
  | { do: 'presenter' }
  | { do: 'slower' }
  | { do: 'faster' }

export interface Shortcut {
  code: string
  shift?: boolean
  keys: string
  what: string
  command: Command
}

export const SHORTCUTS: Shortcut[] = [
  { code: 'Space', keys: 'Space', what: 'Play or pause', command: { do: 'play-pause' } },
  { code: 'ArrowRight', keys: '→', what: 'Step forward one event', command: { do: 'step', delta: 1 } },
  { code: 'ArrowLeft', keys: '←', what: 'Step back one event', command: { do: 'step', delta: -1 } },
  { code: 'ArrowRight', shift: true, keys: 'Shift →', what: 'Forward ten events', command: { do: 'step', delta: 10 } },
  { code: 'ArrowLeft', shift: true, keys: 'Shift ←', what: 'Back ten events', command: { do: 'step', delta: -10 } },
  { code: 'KeyF', keys: 'F', what: 'Next flush', command: { do: 'jump', kind: 'flush', dir: 1 } },
  { code: 'KeyF', shift: true, keys: 'Shift F', what: 'Previous flush', command: { do: 'jump', kind: 'flush', dir: -1 } },
  { code: 'KeyU', keys: 'U', what: 'Next FUA write', command: { do: 'jump', kind: 'fua', dir: 1 } },
  { code: 'KeyU', shift: true, keys: 'Shift U', what: 'Previous FUA write', command: { do: 'jump', kind: 'fua', dir: -1 } },
  { code: 'KeyC', keys: 'C', what: 'Next guest completion', command: { do: 'jump', kind: 'completion', dir: 1 } },
  { code: 'KeyC', shift: true, keys: 'Shift C', what: 'Previous guest completion', command: { do: 'jump', kind: 'completion', dir: -1 } },
  { code: 'KeyS', keys: 'S', what: 'Next snapshot or crash', command: { do: 'jump', kind: 'outside', dir: 1 } },
  { code: 'KeyS', shift: true, keys: 'Shift S', what: 'Previous snapshot or crash', command: { do: 'jump', kind: 'outside', dir: -1 } },
  { code: 'Home', keys: 'Home', what: 'Start of the run', command: { do: 'edge', to: 'start' } },
  { code: 'End', keys: 'End', what: 'End of the run', command: { do: 'edge', to: 'end' } },
  { code: 'BracketLeft', keys: '[', what: 'Slower', command: { do: 'slower' } },
  { code: 'BracketRight', keys: ']', what: 'Faster', command: { do: 'faster' } },
  { code: 'KeyX', keys: 'X', what: 'Crash here: explore the playhead instant', command: { do: 'crash-here' } },
  { code: 'KeyP', keys: 'P', what: 'Presenter mode (larger type)', command: { do: 'presenter' } },
  { code: 'Slash', shift: true, keys: '?', what: 'Show this help', command: { do: 'help' } },
]

/** The command a key press stands for, or null (modifiers other than Shift never match). */
export function commandFor(e: Pick<KeyboardEvent, 'code' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>): Command | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null
  const hit = SHORTCUTS.find((s) => s.code === e.code && (s.shift ?? false) === e.shiftKey)
  return hit ? hit.command : null
}
