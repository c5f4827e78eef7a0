import type { Granularity, ModelName } from '../../src/engine'
import type { RunView } from '../data/runView'
import type { TraceSession } from '../trace/types'
import type { Panel, Route } from '../route/address'
import type { CrashAnswer, SurveyResult } from '../worker/protocol'

export type Loading<T> =
  | { status: 'idle' }
  | { status: 'loading'; key: string; progress?: { checked: number; of: number } }
  | { status: 'ready'; key: string; value: T }
  | { status: 'error'; key: string; message: string }

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16] as const

export interface TimeWindow {
  t0: number
  t1: number
}

export interface CrashState {
  model: ModelName
  granularity: Granularity
  /** Event index the question was asked at. */
  at: number | null
  answer: Loading<CrashAnswer>
  /** The example state opened in the block map (index into answer.examples), or null. */
  opened: number | null
}

export interface AppState {
  route: Route
  primary: Loading<RunView>
  compare: Loading<RunView>
  /** Playhead: the state after this many events of the primary run. */
  index: number
  playing: boolean
  speed: number
  /** Time window shown by the timeline (shared by both runs in compare mode); null: all. */
  window: TimeWindow | null
  selected: number | null
  theme: 'light' | 'dark'
  presenter: boolean
  help: boolean
  /** Last step description, read out by the live region. */
  announce: string
  crash: CrashState
  survey: Loading<SurveyResult>
  revealed: Set<number>
  /** Predictions made before a reveal: narration step → the choices picked. */
  predictions: ReadonlyMap<number, ReadonlySet<number>>
  /** The block trace the reader opened (the #trace screen plays it); in memory only. */
  trace: TraceSession | null
}

export interface AppActions {
  setRoute(route: Route): void
  setPanel(panel: Panel): void
  setCompare(variant: string | null): void
  seek(index: number, announce?: boolean): void
  step(delta: number): void
  setPlaying(playing: boolean): void
  setSpeed(speed: number): void
  setWindow(w: TimeWindow | null): void
  select(request: number | null): void
  setTheme(theme: 'light' | 'dark'): void
  togglePresenter(): void
  setHelp(open: boolean): void
  reveal(step: number): void
  /** Picks (or unpicks) a choice of a step's question; ignored once its answer is revealed. */
  predict(step: number, choice: number): void
  /** Has the live region read out a sentence (the walkthrough's steps and answers). */
  say(text: string): void
  setCrash(patch: Partial<CrashState>): void
  setSurvey(s: Loading<SurveyResult>): void
  setRun(which: 'primary' | 'compare', run: Loading<RunView>): void
  setTrace(trace: TraceSession | null): void
}

export type AppStore = AppState & AppActions
