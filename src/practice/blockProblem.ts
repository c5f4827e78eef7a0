/**
 * What which-images and reverse problems share: a drawn block scenario, run and studied, with the
 * instants where the rules and the engine agree (images.ts), and the words for its stack, model,
 * blocks and images.
 */
import { Data } from '../engine'
import { blockSettingsText, drawBlockScenario, type DrawnBlockScenario } from './blockScenario'
import { fairAt, type Fair, type Image } from './images'
import type { PracticeRng } from './prng'
import { versionLabel, type ReasonContext } from './reasons'
import { hasUnlabelledGuestRequests, study, type Studied } from './study'
import type { ImageCell, ProblemModel } from './types'

export interface BlockCase {
  drawn: DrawnBlockScenario
  s: Studied
  model: ProblemModel
  completionIsDurable: boolean
  /** Per shown block, every version any write of the scenario puts there, and the old contents. */
  universe: number[][]
  writerOfVersion: Map<number, number>
}

/** Draws a scenario and runs it; null when the run is not one a problem can be told about. */
export function drawBlockCase(rng: PracticeRng, id: string): BlockCase | null {
  const drawn = drawBlockScenario(rng, id)
  // One block is too little to ask about; draw again.
  if (drawn.blocks.length < 2) return null
  const model: ProblemModel = rng.percent(75) ? 'power-loss' : 'atomic-snapshot'
  const s = study(drawn.file)
  if (hasUnlabelledGuestRequests(s) || s.run.stop !== 'idle') return null
  const r = s.run.requests
  const writerOfVersion = new Map<number, number>()
  const universe = drawn.blocks.map((): number[] => [Data.INITIAL])
  for (const id of s.labelOfId.keys()) {
    if ((r.dataOff[id] as number) < 0) continue
    for (let i = 0; i < (r.count[id] as number); i++) {
      const v = r.version(id, i)
      writerOfVersion.set(v, id)
      universe[drawn.blocks.indexOf((r.block[id] as number) + i)]?.push(v)
    }
  }
  return {
    drawn,
    s,
    model,
    completionIsDurable:
      model === 'power-loss' && drawn.settings.directIo && !drawn.settings.diskWriteCache,
    universe,
    writerOfVersion,
  }
}

/** The images at the instant after a history step, when the rules and the engine agree. */
export function fairAfter(c: BlockCase, step: number): Fair | null {
  const h = c.s.history[step - 1]
  if (h === undefined) return null
  return fairAt(c.s.states, h.event, c.model, c.drawn.blocks, c.completionIsDurable)
}

export function reasonContext(c: BlockCase, fair: Fair): ReasonContext {
  return {
    model: c.model,
    blocks: c.drawn.blocks,
    input: fair.input,
    trace: fair.trace,
    completionIsDurable: c.completionIsDurable,
    labelOfId: c.s.labelOfId,
    labelOfVersion: c.s.labelOfVersion,
    submitStep: c.s.submitStep,
    writerOfVersion: c.writerOfVersion,
  }
}

export function cellsOf(c: BlockCase, img: Image): ImageCell[] {
  return c.drawn.blocks.map((block, j) => ({ block, label: versionLabel(c.s, img[j] as number) }))
}

export function settingsOf(c: BlockCase): string[] {
  const model =
    c.model === 'power-loss'
      ? 'crash model: a host power loss; what survives is what the rules made durable, plus any other write submitted so far, each landing whole or not at all'
      : 'crash model: an atomic snapshot of the backing file (a reflink copy at one instant): it holds every write that completed, plus any of those in flight; flushes and FUA do not matter'
  return [...blockSettingsText(c.drawn.settings), model]
}

export function blocksOf(c: BlockCase): Array<{ block: number; role: string }> {
  return c.drawn.blocks.map((block, j) => {
    const writers = (c.universe[j] as number[])
      .filter((v) => v !== Data.INITIAL)
      .map((v) => versionLabel(c.s, v))
    return { block, role: `written by ${writers.join(', ')}` }
  })
}

/** "A", "B", … */
export const letter = (i: number): string => String.fromCharCode(65 + i)
