/**
 * A practice problem as plain JSON: everything needed to show it, answer it and check it, with
 * the scenario it is about. The app and the command line print the same document; nothing in it
 * is computed by hand (the engine runs the scenario and the explorer decides every answer).
 */
import type { ScenarioFile } from '../scenarios'
import type { PracticeKind } from './kinds'

/** The crash models problems use: what the image can hold after a host power loss, or in a snapshot. */
export type ProblemModel = 'power-loss' | 'atomic-snapshot'

/** One op of a guest thread (or of the guest file system) as the problem shows it. */
export interface ProblemOp {
  /** W1, F1, … for block requests; null for `wait` and for file-system ops. */
  label: string | null
  text: string
}

export interface ProblemThread {
  name: string
  ops: ProblemOp[]
}

/** A step of what happened, in order: everything that happened at one simulated instant. */
export interface HistoryStep {
  step: number
  /** The instant right after the step: the number of engine log events up to and including it. */
  event: number
  /** Simulated time of the step, in nanoseconds. */
  t: number
  items: string[]
}

/** An instant of the run: right after history step `step` (0: before any step). */
export interface ProblemInstant {
  step: number
  event: number
  t: number
  text: string
}

/** What one block holds in an image: a version label (W1, "old") and, for file systems, its content. */
export interface ImageCell {
  block: number
  label: string
  /** The file system's view of the block in this image (consistent problems only). */
  content?: string
  /** The block holds something the run wrote (it differs from the image before the run). */
  changed?: boolean
  /** The engine's data version (consistent problems), so the image can be checked again on its own. */
  version?: number
}

export type Candidate =
  | { id: string; kind: 'image'; cells: ImageCell[] }
  | { id: string; kind: 'instant'; instant: ProblemInstant }
  /** Consistent problems: "consistent", or "not consistent because of <category>". */
  | { id: string; kind: 'verdict'; consistent: boolean; category: string | null; text: string }

export interface Answer {
  id: string
  correct: boolean
  /** One line: why this candidate is (or is not) an answer, from the engine and the explorer. */
  reason: string
}

export interface Problem {
  version: number
  prng: string
  seed: number
  kind: PracticeKind
  title: string
  /** The scenario the problem is about, as a scenario document (opens in the app, runs in the CLI). */
  scenario: ScenarioFile
  model: ProblemModel
  /** The stack and the rules that matter, in words. */
  settings: string[]
  threads: ProblemThread[]
  history: HistoryStep[]
  /** The instant the question is about (which-images, consistent); null for reverse problems. */
  instant: ProblemInstant | null
  /** The blocks the images show, with what they are. */
  blocks: Array<{ block: number; role: string }>
  /** The image the question is about (reverse, consistent); null for which-images. */
  image: ImageCell[] | null
  question: string
  /** Several candidates may be right (which-images, reverse), or exactly one choice is made (consistent). */
  select: 'many' | 'one'
  candidates: Candidate[]
  answers: Answer[]
}

/** A problem without its identity (version, generator, seed, kind), as each kind's maker builds it. */
export type ProblemBody = Omit<Problem, 'version' | 'prng' | 'seed' | 'kind'>
