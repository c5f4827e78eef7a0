/**
 * Narration as a lecturer uses it: for every scenario and variant, each step is reached by the
 * run (steps are keyed to events, never to times), in order, and each question has choices whose
 * answers the engine computed. The yes/no answers must agree with the lessons.
 */
import { describe, expect, it } from 'vitest'
import { runConfig, RunStates } from '../../engine'
import { narrate, type NarratedStep } from '../../engine/explore/narrate'
import { catalogue, findScenario } from '../catalogue'
import { resolveScenario } from '../resolve'
import { validateScenario } from '../validate'

function narrated(id: string, variant: string): NarratedStep[] {
  const entry = findScenario(id)
  if (!entry) throw new Error(id)
  const s = resolveScenario(entry.file, variant)
  if (!s.ok) throw new Error(JSON.stringify(s.errors))
  return narrate(new RunStates(runConfig(s.value.config, s.value.seed)), s.value.meta.narration, variant)
}

describe('narration of the catalogue', () => {
  for (const entry of catalogue()) {
    for (const v of entry.meta.variants) {
      if (entry.meta.id === 'double-cache') continue // long run; covered by its own metrics test
      it(`${entry.meta.id}/${v.id}: every step is reached, in order, and questions are answerable`, () => {
        const steps = narrated(entry.meta.id, v.id)
        expect(steps.length).toBeGreaterThanOrEqual(2)
        for (const s of steps) expect(s.event, s.text).not.toBeNull()
        const events = steps.map((s) => s.event as number)
        expect([...events].sort((a, b) => a - b)).toEqual(events)
        for (const s of steps) {
          if (!s.question) continue
          expect(s.question.choices.length).toBeGreaterThanOrEqual(2)
          expect(s.question.correct.length).toBeGreaterThan(0)
          for (const i of s.question.correct) expect(i).toBeLessThan(s.question.choices.length)
          if (s.question.kind === 'which-images' && s.question.choices.length >= 3) expect(s.question.correct.length).toBe(s.question.choices.length - 1)
        }
      })
    }
  }

  it('every scenario has a question somewhere', () => {
    for (const entry of catalogue()) {
      if (entry.meta.id === 'double-cache' || entry.meta.id === 'dio-alignment') continue
      expect(entry.meta.narration.some((s) => s.question !== null), entry.meta.id).toBe(true)
    }
  })
})

describe('answers agree with the lessons', () => {
  const yesNo = (id: string, variant: string): string => {
    const q = narrated(id, variant).find((s) => s.question?.kind === 'durable')?.question
    if (!q) throw new Error(`no durable question in ${id}/${variant}`)
    return q.choices[q.correct[0] as number] as string
  }

  it('fua-aio: the acknowledged FUA write is surely durable on mainline, not with the 2012 proposal', () => {
    expect(yesNo('fua-aio', 'mainline')).toBe('yes')
    expect(yesNo('fua-aio', 'proposal-2012')).toBe('no')
  })

  it('flush-no-drain: b survives for sure only if the guest waited before flushing', () => {
    expect(yesNo('flush-no-drain', 'no-wait')).toBe('no')
    expect(yesNo('flush-no-drain', 'wait-then-flush')).toBe('yes')
  })

  it('unlink-snapshot/barrier-assumed: the first bad instant offers a broken image among the possible ones', () => {
    const step = narrated('unlink-snapshot', 'barrier-assumed').find((s) => s.question?.kind === 'which-images')
    expect(step?.question?.explanation).toMatch(/is possible \((?!consistent)/)
  })
})

describe('narration in scenario files', () => {
  it('names a bad anchor and a bad question', () => {
    const doc = { loopscope: 1, id: 'n', title: 'N', summary: 'S', narration: [{ at: { when: 'soon' }, text: 'x' }, { at: { at: 'end' }, text: 'y', question: { kind: 'quiz', prompt: 'p' } }] }
    const r = validateScenario(doc)
    expect(r.ok).toBe(false)
    if (r.ok) return
    const text = r.errors.map((e) => `${e.path}: ${e.message}`).join('\n')
    expect(text).toMatch(/narration\[0\]\.at\.when: unknown field/)
    expect(text).toMatch(/narration\[1\]\.question\.kind: must be one of "which-images", "count", "durable"/)
  })
})
