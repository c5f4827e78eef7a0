import { describe, expect, it } from 'vitest'
import { decodeScenario, encodeScenario } from '../share/link'
import { findScenario } from './catalogue'
import { editedScenario, editedTitle, isEdited } from './edited'
import { resolveScenario } from './resolve'

function onScreen(id: string, variant: string) {
  const entry = findScenario(id)
  if (!entry) throw new Error(id)
  const r = resolveScenario(entry.file, variant)
  if (!r.ok) throw new Error(variant)
  return { file: entry.file, draft: { seed: r.value.seed, config: r.value.config } }
}

describe('the document an edit produces', () => {
  it("is one run: the variant's, as edited, with the scenario's id, summary and source", () => {
    const { file, draft } = onScreen('fua-aio', 'proposal-2012')
    const r = editedScenario(file, 'proposal-2012', draft)
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    expect(r.value).toMatchObject({
      id: 'fua-aio',
      title: 'FUA through loop with AIO (edited)',
      summary: file.summary,
      source: file.source,
    })
    expect(r.value.variants).toBeUndefined()
    const again = resolveScenario(r.value)
    expect(again.ok && again.value.config).toEqual(draft.config)
    expect(again.ok && again.value.variant).toBe('default')
  })

  it('keeps the narration steps of the variant on screen, without their variant lists', () => {
    const { file, draft } = onScreen('fua-aio', 'proposal-2012')
    const r = editedScenario(file, 'proposal-2012', draft)
    const steps = r.ok
      ? (r.value as unknown as { narration: Array<{ text: string; only?: unknown }> }).narration
      : []
    expect(steps.map((s) => s.text.slice(0, 30))).toEqual([
      'In the 2012 proposal loop adve',
      'The guest sees the FUA write c',
    ])
    expect(steps.every((s) => s.only === undefined)).toBe(true)
  })

  it('drops the steps that name a label the edited run no longer has', () => {
    const { file, draft } = onScreen('flush-no-drain', 'no-wait')
    const ops = draft.config.workload.threads[0]?.ops ?? []
    const withoutB = ops.map((op) =>
      op.op === 'write' && op.label === 'b' ? { ...op, label: null } : op,
    )
    const config = {
      ...draft.config,
      workload: {
        ...draft.config.workload,
        threads: [{ name: 'guest', cgroup: 'root', ops: withoutB }],
        expectations: [{ after: 'f', durable: ['a'] }],
      },
    }
    const r = editedScenario(file, 'no-wait', { seed: draft.seed, config })
    const steps = r.ok
      ? ((r.value as unknown as { narration: Array<{ text: string }> }).narration ?? [])
      : null
    expect(steps?.map((s) => s.text.slice(0, 20))).toEqual([
      'The guest submits wr',
      'The flush goes out w',
      'The flush completed.',
    ])
  })

  it('reports an invalid edit by field path', () => {
    const { file, draft } = onScreen('fua-aio', 'mainline')
    const config = {
      ...draft.config,
      stack: { ...draft.config.stack, loop: { ...draft.config.stack.loop, queueDepth: 0 } },
    }
    const r = editedScenario(file, 'mainline', { seed: draft.seed, config })
    expect(r.ok ? [] : r.errors).toEqual([
      { path: 'stack.loop.queueDepth', message: 'must be an integer between 1 and 4096, got 0' },
    ])
  })

  it('travels in a share link', () => {
    const { file, draft } = onScreen('dio-holes', 'legacy-2003')
    const r = editedScenario(file, 'legacy-2003', draft)
    if (!r.ok) throw new Error('invalid')
    const back = decodeScenario(encodeScenario(r.value))
    expect(back.ok && back.file).toEqual(r.value)
  })

  it('marks the title once, within 80 characters', () => {
    expect(editedTitle('A (edited)')).toBe('A (edited)')
    expect(isEdited(editedTitle('A'))).toBe(true)
    expect(isEdited('A')).toBe(false)
    expect(editedTitle('x'.repeat(80))).toHaveLength(80)
    expect(editedTitle('x'.repeat(80))).toMatch(/x… \(edited\)$/)
  })
})
