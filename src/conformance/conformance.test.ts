import { describe, expect, it } from 'vitest'
import { runConfig } from '../engine'
import { findScenario } from '../scenarios/catalogue'
import { resolveScenario } from '../scenarios'
import { compare } from './compare'
import { pictureOfRun } from './fromEngine'
import type { Picture } from './model'
import { checkAll } from './relations'

function picture(id: string, variant: string): Picture {
  const entry = findScenario(id)
  if (!entry) throw new Error(id)
  const s = resolveScenario(entry.file, variant)
  if (!s.ok) throw new Error(`${id}/${variant}`)
  return pictureOfRun(runConfig(s.value.config, s.value.seed))
}

const holds = (p: Picture, id: string) => checkAll(p).find((r) => r.id === id)?.verdict.holds

describe('relations on engine runs', () => {
  it('mainline FUA through loop: data, then a post-flush, then completion', () => {
    expect(holds(picture('fua-aio', 'mainline'), 'fua-postflush-after-data')).toBe(true)
  })

  it('the 2012 proposal acknowledged FUA at AIO completion, with no post-flush', () => {
    expect(holds(picture('fua-aio', 'proposal-2012'), 'fua-postflush-after-data')).toBe(false)
  })

  it('a journal commit: preflush before data; each loop flush reaches the backing disk', () => {
    const p = picture('unlink-snapshot', 'jbd2')
    expect(holds(p, 'preflush-before-data')).toBe(true)
    expect(holds(p, 'loop-flush-reaches-backing')).toBe(true)
  })

  it('DIO loop writes wait for backing writes; buffered ones do not', () => {
    expect(holds(picture('fua-aio', 'mainline'), 'loop-write-waits-for-backing-write')).toBe(true)
    expect(holds(picture('unlink-snapshot', 'jbd2-dio'), 'loop-write-waits-for-backing-write')).toBe(true)
    expect(holds(picture('unlink-snapshot', 'jbd2'), 'loop-write-waits-for-backing-write')).toBe(false)
  })

  it('a relation with no instance is n/a, and agrees with anything', () => {
    const p = picture('flush-no-drain', 'no-wait')
    expect(holds(p, 'fua-postflush-after-data')).toBe('n/a')
    expect(compare(p, p).every((c) => c.agree)).toBe(true)
  })
})

describe('the comparison catches an engine that breaks an ordering', () => {
  it('a FUA post-flush that starts before its write completed is a disagreement', () => {
    const real = picture('fua-aio', 'mainline')
    const broken = structuredClone(real)
    const loop = broken.devices.loop.requests
    const data = loop.find((r) => r.op === 'write')
    const flush = loop.find((r) => r.op === 'flush')
    if (!data || !flush) throw new Error('fixture lacks a data write and a flush')
    flush.start = data.start
    const row = compare(broken, real).find((c) => c.id === 'fua-postflush-after-data')
    expect(row?.engine.holds).toBe(false)
    expect(row?.real.holds).toBe(true)
    expect(row?.agree).toBe(false)
  })

  it('DIO writes sent through the host page cache are a disagreement', () => {
    const real = picture('unlink-snapshot', 'jbd2-dio')
    const buffered = { ...picture('unlink-snapshot', 'jbd2'), dio: true }
    const row = compare(buffered, real).find((c) => c.id === 'loop-write-waits-for-backing-write')
    expect(row?.agree).toBe(false)
  })
})
