/**
 * Keyboard shortcuts, by KeyboardEvent.code so they sit on the same physical keys on every layout.
 * The help overlay lists this table; nothing else defines a shortcut.
 */
import type { JumpKind } from '../data/jumps'
import type { Move } from '../walkthrough/steps'

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
  | { do: 'walk' }

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
  { code: 'KeyW', keys: 'W', what: 'Walkthrough: present the narration step by step', command: { do: 'walk' } },
  { code: 'KeyP', keys: 'P', what: 'Presenter mode (larger type)', command: { do: 'presenter' } },
  { code: 'Slash', shift: true, keys: '?', what: 'Show this help', command: { do: 'help' } },
]

/** The playback commands that keep working in the walkthrough; its own keys replace the rest. */
export function keptInWalkthrough(c: Command): boolean {
  return c.do === 'help' || c.do === 'presenter'
}

/** The command a key press stands for, or null (modifiers other than Shift never match). */
export function commandFor(e: Pick<KeyboardEvent, 'code' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>): Command | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null
  const hit = SHORTCUTS.find((s) => s.code === e.code && (s.shift ?? false) === e.shiftKey)
  return hit ? hit.command : null
}

export type WalkCommand = { do: 'move'; move: Move } | { do: 'pick'; choice: number } | { do: 'reveal' } | { do: 'picture' } | { do: 'exit' }

export interface WalkShortcut {
  /** Every code that does it: presentation clickers send PageDown and PageUp. */
  codes: readonly string[]
  /** The keys as the help overlay shows them, one per alternative; rows without them are listed
   * under an earlier row (the digits). */
  keys?: readonly string[]
  what?: string
  command: WalkCommand
}

const CHOICE_KEYS = 9

/**
 * The walkthrough's keys. While it is open they take the place of the playback keys above (the
 * two never both act on one key press); P and ? keep working.
 */
export const WALK_SHORTCUTS: WalkShortcut[] = [
  { codes: ['ArrowRight', 'Space', 'PageDown', 'Enter'], keys: ['→', 'Space', 'PgDn', 'Enter'], what: 'Next step (a question holds until its answer is revealed)', command: { do: 'move', move: 'next' } },
  { codes: ['ArrowLeft', 'PageUp', 'Backspace'], keys: ['←', 'PgUp', 'Backspace'], what: 'Previous step', command: { do: 'move', move: 'prev' } },
  { codes: ['Home'], keys: ['Home'], what: 'First step', command: { do: 'move', move: 'first' } },
  { codes: ['End'], keys: ['End'], what: 'Last step (or the next question not yet revealed)', command: { do: 'move', move: 'last' } },
  ...Array.from({ length: CHOICE_KEYS }, (_, i): WalkShortcut => ({
    codes: [`Digit${i + 1}`, `Numpad${i + 1}`],
    ...(i === 0 ? { keys: [`1 … ${CHOICE_KEYS}`], what: 'Pick a choice of the question: the room’s prediction (again to unpick)' } : {}),
    command: { do: 'pick', choice: i },
  })),
  { codes: ['KeyR'], keys: ['R'], what: 'Reveal the engine’s answer and mark the prediction', command: { do: 'reveal' } },
  { codes: ['KeyV'], keys: ['V'], what: 'Switch the picture beside the step: stack, timeline, block map', command: { do: 'picture' } },
  { codes: ['Escape'], keys: ['Esc'], what: 'Leave the walkthrough (same scenario, same instant)', command: { do: 'exit' } },
]

/** The walkthrough command a key press stands for, or null (any modifier: not a walkthrough key). */
export function walkCommandFor(e: Pick<KeyboardEvent, 'code' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>): WalkCommand | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return null
  return WALK_SHORTCUTS.find((s) => s.codes.includes(e.code))?.command ?? null
}
