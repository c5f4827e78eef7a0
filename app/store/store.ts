/**
 * The page's state: one zustand store made by a factory (a fresh one per page and per test),
 * read through selectors. The store holds what is on screen; the engine worker and the address
 * bar are driven from hooks (useRuns, useAddressSync) that watch it.
 */
import { createStore, type StoreApi } from 'zustand/vanilla'
import { describeStep } from '../data/describe'
import { NO_PICKS, pickChoice } from '../narration/prediction'
import type { Route } from '../route/address'
import { playable } from './playable'
import type { AppState, AppStore } from './types'

function initialTheme(): 'light' | 'dark' {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem('loopscope.theme')
  if (saved === 'light' || saved === 'dark') return saved
  return typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light'
}

export function initialState(route: Route): AppState {
  return {
    route,
    primary: { status: 'idle' },
    compare: { status: 'idle' },
    index: route.screen === 'scenario' ? (route.at ?? 0) : 0,
    playing: false,
    speed: 1,
    window: null,
    selected: null,
    theme: initialTheme(),
    presenter: false,
    help: false,
    announce: '',
    crash: {
      model: 'power-loss',
      granularity: 'write',
      at: null,
      answer: { status: 'idle' },
      opened: null,
    },
    survey: { status: 'idle' },
    revealed: new Set(),
    predictions: new Map(),
    trace: null,
  }
}

export function createAppStore(route: Route): StoreApi<AppStore> {
  return createStore<AppStore>()((set, get) => ({
    ...initialState(route),
    setRoute: (next) => {
      const cur = get().route
      const sameRun =
        cur.screen === 'scenario' &&
        next.screen === 'scenario' &&
        cur.scenario === next.scenario &&
        (cur.shared?.s ?? null) === (next.shared?.s ?? null) &&
        cur.variant === next.variant
      if (sameRun) {
        set({ route: next })
        if (next.at !== null && next.at !== get().index) get().seek(next.at)
        return
      }
      // The playhead starts over on a new screen, so an opened trace's crash answer (kept with the
      // trace, for an instant the playhead no longer shows) is dropped with it.
      const trace = get().trace
      if (trace && cur.screen === 'trace' && next.screen !== 'trace')
        set({ trace: { ...trace, answer: { status: 'idle' } } })
      set({
        route: next,
        index: next.screen === 'scenario' ? (next.at ?? 0) : 0,
        playing: false,
        window: null,
        selected: null,
        revealed: new Set(),
        predictions: new Map(),
        crash: { ...get().crash, at: null, answer: { status: 'idle' }, opened: null },
        survey: { status: 'idle' },
      })
    },
    setPanel: (panel) => {
      const r = get().route
      if (r.screen === 'scenario') set({ route: { ...r, panel } })
    },
    setCompare: (variant) => {
      const r = get().route
      if (r.screen === 'scenario')
        set({ route: { ...r, compare: variant }, compare: { status: 'idle' } })
    },
    seek: (index, announce = true) => {
      const run = playable(get())
      const max = run ? run.events : 0
      const i = Math.max(0, Math.min(max, Math.round(index)))
      const patch: Partial<AppState> = { index: i }
      if (announce && run) patch.announce = describeStep(run.p, i)
      if (run && i >= max) patch.playing = false
      set(patch)
    },
    step: (delta) => {
      get().setPlaying(false)
      get().seek(get().index + delta)
    },
    setPlaying: (playing) => {
      const run = playable(get())
      if (playing && run && get().index >= run.events) set({ index: 0 })
      set({ playing })
    },
    setSpeed: (speed) => set({ speed }),
    setWindow: (w) => set({ window: w }),
    select: (request) => set({ selected: request }),
    setTheme: (theme) => {
      try {
        localStorage.setItem('loopscope.theme', theme)
      } catch {
        // Private windows may refuse storage; the theme still applies to this page.
      }
      set({ theme })
    },
    togglePresenter: () => set({ presenter: !get().presenter }),
    setHelp: (help) => set({ help }),
    reveal: (step) => set({ revealed: new Set([...get().revealed, step]) }),
    predict: (step, choice) => {
      const run = get().primary
      const q = run.status === 'ready' ? run.value.p.narration[step]?.question : null
      if (!q || get().revealed.has(step)) return
      const predictions = new Map(get().predictions)
      predictions.set(step, pickChoice(q, predictions.get(step) ?? NO_PICKS, choice))
      set({ predictions })
    },
    say: (text) => set({ announce: text }),
    setCrash: (patch) => set({ crash: { ...get().crash, ...patch } }),
    setSurvey: (survey) => set({ survey }),
    setRun: (which, run) => set(which === 'primary' ? { primary: run } : { compare: run }),
    setTrace: (trace) => set({ trace }),
  }))
}
