/**
 * `narration`: steps keyed to events of the run (never to times), each a short sentence with the
 * kernel function or commit behind it, optionally limited to some variants and carrying a
 * question whose answer the engine computes. -> NarrationStep[]
 */
import { MODELS } from '../engine/explore/input'
import { NARRATION_EVENTS, type Anchor, type NarrationStep, type QuestionSpec } from '../engine/explore/narrate'
import { all, type Check, Fields, int, list, oneOf, text } from './check'
import { labelText } from './ops'

export const MAX_STEPS = 200
const sentence = text({ max: 400, nonEmpty: true })
const kernel = text({ max: 200 })
const prompt = text({ max: 300, nonEmpty: true })

const anchor: Check<Anchor> = (v, at, cx) => {
  const f = Fields.open(v, at, cx, ['label', 'on', 'event', 'nth', 'at', 'firstBad'])
  if (f === undefined) return undefined
  if (f.has('label')) return all<Anchor>({ label: f.req('label', labelText), on: f.opt('on', oneOf(['submit', 'complete'] as const), 'complete') })
  if (f.has('event')) return all<Anchor>({ event: f.req('event', oneOf(NARRATION_EVENTS)), nth: f.opt('nth', int(1, 1_000_000), 1) })
  if (f.has('at')) return all<Anchor>({ at: f.req('at', oneOf(['start', 'end'] as const)) })
  if (f.has('firstBad')) return all<Anchor>({ firstBad: f.req('firstBad', oneOf(MODELS)) })
  return cx.fail(at, 'needs one of label (with on: submit|complete), event (with nth), at: start|end, or firstBad: <model>')
}

const question: Check<QuestionSpec> = (v, at, cx) => {
  const f = Fields.open(v, at, cx, ['kind', 'model', 'label', 'prompt'])
  if (f === undefined) return undefined
  const kind = f.req('kind', oneOf(['which-images', 'count', 'durable'] as const))
  if (kind === 'durable') return all<QuestionSpec>({ kind, label: f.req('label', labelText), prompt: f.req('prompt', prompt) })
  if (kind === undefined) return undefined
  return all<QuestionSpec>({ kind, model: f.opt('model', oneOf(MODELS), 'power-loss'), prompt: f.req('prompt', prompt) })
}

const variantIds: Check<string[]> = list(text({ max: 63, nonEmpty: true }), 50)

const step: Check<NarrationStep> = (v, at, cx) => {
  const f = Fields.open(v, at, cx, ['at', 'text', 'kernel', 'only', 'question'])
  if (f === undefined) return undefined
  const only = f.has('only') ? variantIds(f.get('only'), `${at}.only`, cx) : null
  const q = f.has('question') ? question(f.get('question'), `${at}.question`, cx) : null
  const parts = { at: f.req('at', anchor), text: f.req('text', sentence), kernel: f.has('kernel') ? kernel(f.get('kernel'), `${at}.kernel`, cx) : null, only, question: q }
  return parts.only === undefined || parts.question === undefined ? undefined : all<NarrationStep>(parts as { [K in keyof NarrationStep]: NarrationStep[K] | undefined })
}

export const narrationSection: Check<NarrationStep[]> = list(step, MAX_STEPS)
