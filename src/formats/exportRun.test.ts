/**
 * The export pieces the command line and the app share: batches join back into the whole Chrome
 * trace, progress read from a batch only grows and ends at 1, the blkparse text counts its lines,
 * and the scenario document puts the chosen variant first.
 */
import { describe, expect, it } from 'vitest'
import { runConfig } from '../engine'
import { resolveScenario } from '../scenarios'
import { findScenario } from '../scenarios/catalogue'
import { chromeTraceOf } from './chromeTrace'
import { validateChromeTrace } from './chromeTraceCheck'
import { batches, batchProgress, blkparseOfRun, chromeTraceBatches, scenarioDocument, scenarioJson } from './exportRun'

const entry = findScenario('aio-order')
if (!entry) throw new Error('aio-order is missing')
const resolved = resolveScenario(entry.file)
if (!resolved.ok) throw new Error('aio-order does not resolve')
const run = runConfig(resolved.value.config, resolved.value.seed)
const meta = { scenario: 'aio-order', variant: resolved.value.variant }

describe('chromeTraceBatches', () => {
  it('joins back into the same trace as chromeTraceOf, a valid one', () => {
    const parts = [...chromeTraceBatches(run, meta, 500)]
    expect(parts.length).toBeGreaterThan(3)
    const parsed: unknown = JSON.parse(parts.join('\n'))
    expect(parsed).toEqual(JSON.parse(JSON.stringify(chromeTraceOf(run, meta))))
    expect(validateChromeTrace(parsed)).toEqual([])
  })

  it('tells progress from each batch: from 0 (the header), never backwards, up to 1', () => {
    const progress = [...chromeTraceBatches(run, meta, 500)].map((b) => batchProgress(b, run))
    expect(progress[0]).toBeGreaterThanOrEqual(0)
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1] as number)
    expect(progress[progress.length - 1]).toBeCloseTo(1, 6)
    expect(batchProgress('{"displayTimeUnit":"ns"', run)).toBe(0)
  })
})

describe('batches', () => {
  it('groups lines without losing or adding any', () => {
    expect([...batches(['a', 'b', 'c'], 2)]).toEqual(['a\nb', 'c'])
    expect([...batches([], 2)]).toEqual([])
  })
})

describe('blkparseOfRun', () => {
  it('counts the lines of the text it returns', () => {
    const b = blkparseOfRun(run)
    expect(b.text.endsWith('\n')).toBe(true)
    expect(b.lines).toBe(b.text.trimEnd().split('\n').length)
  })
})

describe('scenarioJson', () => {
  it('pretty-prints the document with the chosen variant first, and leaves unknown variants alone', () => {
    const file = (findScenario('fua-aio') as NonNullable<ReturnType<typeof findScenario>>).file
    const doc = JSON.parse(scenarioJson(file, 'proposal-2012')) as { variants: Array<{ id: string }> }
    expect(doc.variants.map((v) => v.id)).toEqual(['proposal-2012', 'mainline'])
    expect(scenarioJson(file, 'proposal-2012')).toContain('\n  "')
    expect(scenarioDocument(file, 'nope')).toBe(file)
  })
})
