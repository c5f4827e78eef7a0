import { Data } from '../vocabulary'
import { DEFAULT_OPTIONS } from './explore'
import { candidates, type ModelName } from './input'
import type { RunStates } from './models'
import type { AnsweredQuestion } from './narrate'
import { exploreAt } from './runExplore'

const FS_KINDS: Record<string, string> = {
  'journal-super': 'new journal superblock',
  'block-bitmap': 'new block bitmap',
  'inode-bitmap': 'new inode bitmap',
  'inode-table': 'new inode table',
  dir: 'new directory block',
  'journal-descriptor': 'journal descriptor',
  'journal-copy': 'journal copy of metadata',
  'journal-commit': 'journal commit block',
  data: 'file data',
}

/** A version in words: the label of the write that made it, what it holds, or what it stands for. */
export function versionName(states: RunStates, v: number): string {
  if (v === Data.INITIAL) return 'the initial contents'
  if (v === Data.ZERO) return 'zeros'
  if (v === Data.STALE) return 'stale data'
  for (const [label, id] of Object.entries(states.run.labels)) if (id === v && states.run.fs === null) return `"${label}"`
  const fs = states.run.fs
  if (fs) {
    const content = fs.contents.find(([ver]) => ver === v)?.[1]
    if (content) return FS_KINDS[content.kind] ?? content.kind
  }
  return `write #${v}`
}

/** "Is <label> guaranteed to survive power loss here?" answered from the rules' durability. */
export function durableAnswer(states: RunStates, label: string, prompt: string, event: number): AnsweredQuestion {
  const id = states.run.labels[label]
  const input = states.input('power-loss', event)
  const w = input.writes.find((x) => x.id === id)
  // A write loop has not received yet is in no state at all; otherwise every block must be sure.
  const sure = w !== undefined && w.blocks.every((b, i) => input.initial(b) === w.versions[i])
  return {
    kind: 'durable',
    prompt,
    choices: ['yes', 'no'],
    correct: [sure ? 0 : 1],
    explanation: sure ? `every block of "${label}" holds it in every state a power loss here can leave` : `some state a power loss here can leave does not hold "${label}"`,
  }
}

/** "How many distinct states can …" with the right count among near misses. */
export function countAnswer(states: RunStates, model: ModelName, prompt: string, event: number): AnsweredQuestion {
  const r = exploreAt(states, event, { ...DEFAULT_OPTIONS, model })
  const n = r.distinct
  const options = [...new Set([n, n * 2, Math.max(1, Math.floor(n / 2)), n + 1])].sort((a, b) => a - b)
  return { kind: 'count', prompt, choices: options.map(String), correct: [options.indexOf(n)], explanation: `${r.formula}; ${r.coverage}` }
}

/**
 * "Which of these images can a crash (or snapshot) here leave?": states the explorer found, plus
 * one that cannot happen (a block set to a version that is neither its base nor a candidate).
 */
export function imagesAnswer(states: RunStates, model: ModelName, prompt: string, event: number): AnsweredQuestion {
  const input = states.input(model, event)
  const r = exploreAt(states, event, { ...DEFAULT_OPTIONS, model, examplesPerVerdict: 2 })
  const touched = [...new Set(candidates(input).flatMap((c) => c.blocks))].sort((a, b) => a - b)
  const describe = (changed: Array<[number, number]>): string => {
    const map = new Map(changed)
    const shown = touched.length > 0 ? touched.slice(0, 6) : [...map.keys()]
    return shown.map((b) => `block ${b}: ${versionName(states, map.get(b) ?? input.initial(b))}`).join(', ') || 'no block differs from what is surely there'
  }
  // One broken state if there is one, and one sound state: both possible, only one harmless.
  const bad = r.examples.find((e) => e.verdict !== 'consistent')
  const good = r.examples.find((e) => e.verdict === 'consistent')
  const possible = [...new Map([bad, good].filter((e) => e !== undefined).map((e) => [describe(e.changed), e])).values()]
  const impossible = impossibleImage(states, input, touched)
  const choices = possible.map((e) => describe(e.changed))
  if (impossible) choices.splice(impossible.at % (choices.length + 1), 0, describe(impossible.changed))
  const wrong = impossible ? impossible.at % choices.length : -1
  const verdicts = possible.map((e) => (e.verdict === 'consistent' ? 'consistent' : (e.findings.find((f) => f.category === e.verdict)?.sentence ?? e.verdict)))
  const said = choices.map((c, i) => (i === wrong ? null : `${String.fromCharCode(65 + i)} is possible (${verdicts[possible.findIndex((e) => describe(e.changed) === c)]})`)).filter((x) => x !== null)
  return {
    kind: 'which-images',
    prompt,
    choices,
    correct: choices.map((_, i) => i).filter((i) => i !== wrong),
    explanation: `${said.join('; ')}${impossible ? `; ${String.fromCharCode(65 + wrong)} cannot happen: ${impossible.why}` : ''} (${r.coverage})`,
  }
}

function impossibleImage(states: RunStates, input: ReturnType<RunStates['input']>, touched: number[]): { changed: Array<[number, number]>; at: number; why: string } | null {
  // A guaranteed block shown without its version: the rules promise it at this instant.
  const sure = [...input.base.entries()].find(([b, base]) => base.writer >= 0 && !touched.includes(b))
  if (sure) {
    const [b, base] = sure
    return { changed: [[b, Data.INITIAL]], at: b, why: `block ${b} cannot lose ${versionName(states, base.version)}: the rules guarantee it at this instant` }
  }
  // A block showing contents no write put there by this instant.
  const cands = candidates(input)
  for (const b of touched) {
    const allowed = new Set([input.initial(b), ...cands.flatMap((c) => c.versions.filter((_, i) => c.blocks[i] === b))])
    const odd = [Data.STALE, Data.ZERO, Data.INITIAL].find((v) => !allowed.has(v))
    if (odd !== undefined) {
      const names = [...allowed].map((v) => versionName(states, v)).join(' or ')
      return { changed: [[b, odd]], at: b, why: `block ${b} can only hold ${names} at this instant, never ${versionName(states, odd)}` }
    }
  }
  return null
}
