/**
 * The editor's state, kept outside the panel so that a draft survives switching tabs: the run it
 * started from, the draft as the form and lists show it (always the last good one), the compact
 * text as typed, and the errors of each. One store per page: there is one editor on a page.
 */
import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { formatRun, parseCompact, type CompactError } from '../../src/scenarios/compact'
import type { ScenarioError } from '../../src/scenarios'
import { problemsOf, type Draft } from './draft'

export interface EditorState {
  /** What the draft was opened from: the scenario's link text or id, and the variant. */
  key: string | null
  base: Draft | null
  draft: Draft | null
  text: string
  /** The text was typed and not read yet. */
  textDirty: boolean
  textErrors: CompactError[]
  /** The validator's errors for the draft, by field path. */
  problems: ScenarioError[]
}

export interface EditorActions {
  /** Starts editing the run on screen, unless the draft already belongs to it. */
  open(key: string, base: Draft): void
  reset(): void
  /** A form or list edit: the draft changes, the text is written anew. */
  edit(change: (d: Draft) => Draft): void
  type(text: string): void
  /** Reads the typed text: the draft follows it, or the errors say why not. True when it read. */
  readText(): boolean
  setProblems(problems: ScenarioError[]): void
}

export type EditorStore = EditorState & EditorActions

const empty: EditorState = { key: null, base: null, draft: null, text: '', textDirty: false, textErrors: [], problems: [] }

export const editorStore = createStore<EditorStore>()((set, get) => ({
  ...empty,
  open: (key, base) => {
    if (get().key === key) return
    set({ ...empty, key, base, draft: base, text: formatRun(base.seed, base.config) })
  },
  reset: () => {
    const { base, key } = get()
    if (base) set({ ...empty, key, base, draft: base, text: formatRun(base.seed, base.config) })
  },
  edit: (change) => {
    const d = get().draft
    if (!d) return
    const draft = change(d)
    set({ draft, text: formatRun(draft.seed, draft.config), textDirty: false, textErrors: [], problems: problemsOf(draft) })
  },
  type: (text) => set({ text, textDirty: true }),
  readText: () => {
    const { text } = get()
    const r = parseCompact(text)
    if (!r.ok) {
      set({ textDirty: false, textErrors: r.errors })
      return false
    }
    set({ draft: { seed: r.value.seed, config: r.value.config }, textDirty: false, textErrors: [], problems: [] })
    return true
  },
  setProblems: (problems) => set({ problems }),
}))

export function useEditor<T>(selector: (s: EditorStore) => T): T {
  return useStore(editorStore, selector)
}

/** The draft differs from the run on screen. */
export function changed(s: EditorState): boolean {
  if (!s.base || !s.draft) return false
  return s.textDirty || formatRun(s.draft.seed, s.draft.config) !== formatRun(s.base.seed, s.base.config)
}
