/**
 * The address bar names the view: `#scenario=<id>&variant=<id>&at=<event>&compare=<variant>&panel=<name>`
 * (plus `walk=1` for the presenter's walkthrough, `embed=1` for an iframe), `#practice=<seed>&kind=<kind>`
 * for a practice problem, `#trace` for a trace the reader opened. Everything is in the fragment, so a
 * static host serves any view from one file and reloading or sharing the address opens the same
 * view. Empty fragment: the gallery.
 */

import { decodeScenario } from '../../src/share/link'
import type { ScenarioFile } from '../../src/scenarios'
import { PRACTICE_KINDS, type PracticeKind } from '../../src/practice/kinds'

export const PANELS = ['narration', 'crash', 'metrics', 'edit'] as const
export type Panel = (typeof PANELS)[number]

export interface ScenarioRoute {
  screen: 'scenario'
  /** The scenario's id: a built-in's, or the id inside a shared scenario. */
  scenario: string
  /** A shared scenario carried by the link itself (`s=`), validated; null: a built-in. */
  shared: { s: string; file: ScenarioFile } | null
  variant: string | null
  /** Event index of the playhead (the state after that many events); null: the start. */
  at: number | null
  compare: string | null
  panel: Panel
  /** The chrome-less, read-only view for an iframe on a course page. */
  embed: boolean
  /** The presenter's walkthrough: one narration step at a time, in large type. */
  walk: boolean
}

/** A seeded practice problem; kind null: the kind the seed picks. */
export interface PracticeRoute {
  screen: 'practice'
  seed: number
  kind: PracticeKind | null
}

export type Route =
  | { screen: 'gallery' }
  | ScenarioRoute
  | PracticeRoute
  /** A block trace the reader opened or dropped; it lives in memory only, never in the address. */
  | { screen: 'trace' }
  | { screen: 'bad-address'; message: string }

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/
const KNOWN = new Set(['scenario', 's', 'variant', 'at', 'compare', 'panel', 'embed', 'walk'])
const PRACTICE_KNOWN = new Set(['practice', 'kind'])
const MAX_SEED = 2 ** 31 - 1

export function parseAddress(hash: string): Route {
  const text = hash.startsWith('#') ? hash.slice(1) : hash
  if (text === '' || text === '/') return { screen: 'gallery' }
  let params: URLSearchParams
  try {
    params = new URLSearchParams(text)
  } catch {
    return { screen: 'bad-address', message: 'The address could not be read.' }
  }
  if (params.has('practice')) return parsePractice(params)
  if (params.has('trace')) return [...params.keys()].length === 1 ? { screen: 'trace' } : { screen: 'bad-address', message: 'A trace address has nothing after “trace”.' }
  for (const key of params.keys()) if (!KNOWN.has(key)) return { screen: 'bad-address', message: `The address has an unknown part “${clip(key)}”.` }
  const s = params.get('s')
  let shared: ScenarioRoute['shared'] = null
  if (s !== null) {
    const decoded = decodeScenario(s)
    if (!decoded.ok) return { screen: 'bad-address', message: `The shared scenario in this link cannot be opened: ${decoded.message}` }
    shared = { s, file: decoded.file }
  }
  const scenario = shared ? shared.file.id : params.get('scenario')
  if (scenario === null) return { screen: 'bad-address', message: 'The address does not name a scenario.' }
  if (!ID.test(scenario)) return { screen: 'bad-address', message: `“${clip(scenario)}” is not a scenario id.` }
  const variant = params.get('variant')
  if (variant !== null && !ID.test(variant)) return { screen: 'bad-address', message: `“${clip(variant)}” is not a variant id.` }
  const compare = params.get('compare')
  if (compare !== null && !ID.test(compare)) return { screen: 'bad-address', message: `“${clip(compare)}” is not a variant id to compare with.` }
  const atText = params.get('at')
  const at = atText === null ? null : /^\d{1,9}$/.test(atText) ? Number(atText) : NaN
  if (Number.isNaN(at)) return { screen: 'bad-address', message: `The instant “${clip(atText ?? '')}” is not an event number.` }
  const panelText = params.get('panel') ?? 'narration'
  if (!(PANELS as readonly string[]).includes(panelText)) return { screen: 'bad-address', message: `There is no panel “${clip(panelText)}”; panels are ${PANELS.join(', ')}.` }
  const embedText = params.get('embed')
  if (embedText !== null && embedText !== '1' && embedText !== '0') return { screen: 'bad-address', message: `embed takes 1 or 0, not “${clip(embedText)}”.` }
  const walkText = params.get('walk')
  if (walkText !== null && walkText !== '1' && walkText !== '0') return { screen: 'bad-address', message: `walk takes 1 or 0, not “${clip(walkText)}”.` }
  return { screen: 'scenario', scenario, shared, variant, at, compare, panel: panelText as Panel, embed: embedText === '1', walk: walkText === '1' }
}

function parsePractice(params: URLSearchParams): Route {
  for (const key of params.keys()) if (!PRACTICE_KNOWN.has(key)) return { screen: 'bad-address', message: `A practice address has an unknown part “${clip(key)}”.` }
  const seedText = params.get('practice') ?? ''
  const seed = /^\d{1,10}$/.test(seedText) ? Number(seedText) : NaN
  if (!(seed <= MAX_SEED)) return { screen: 'bad-address', message: `The practice seed “${clip(seedText)}” is not a whole number from 0 to ${MAX_SEED}.` }
  const kindText = params.get('kind')
  if (kindText !== null && !(PRACTICE_KINDS as readonly string[]).includes(kindText)) return { screen: 'bad-address', message: `There is no kind of problem “${clip(kindText)}”; kinds are ${PRACTICE_KINDS.join(', ')}.` }
  return { screen: 'practice', seed, kind: kindText as PracticeKind | null }
}

export function formatAddress(route: Route): string {
  if (route.screen === 'practice') return `#practice=${route.seed}${route.kind === null ? '' : `&kind=${route.kind}`}`
  if (route.screen === 'trace') return '#trace'
  if (route.screen !== 'scenario') return ''
  const parts: string[] = [route.shared ? `s=${route.shared.s}` : `scenario=${encodeURIComponent(route.scenario)}`]
  if (route.variant !== null) parts.push(`variant=${encodeURIComponent(route.variant)}`)
  if (route.at !== null) parts.push(`at=${route.at}`)
  if (route.compare !== null) parts.push(`compare=${encodeURIComponent(route.compare)}`)
  if (route.panel !== 'narration') parts.push(`panel=${route.panel}`)
  if (route.embed) parts.push('embed=1')
  if (route.walk) parts.push('walk=1')
  return `#${parts.join('&')}`
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s
}
