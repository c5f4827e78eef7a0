import { describe, expect, it } from 'vitest'
import { formatAddress, parseAddress, type Route } from './address'

describe('address', () => {
  it('an empty fragment is the gallery', () => {
    expect(parseAddress('')).toEqual({ screen: 'gallery' })
    expect(parseAddress('#')).toEqual({ screen: 'gallery' })
  })

  it('round-trips a scenario view', () => {
    const r: Route = { screen: 'scenario', scenario: 'unlink-snapshot', shared: null, variant: 'jbd2-dio', at: 42, compare: 'barrier-assumed', panel: 'crash', embed: false, walk: false }
    expect(parseAddress(formatAddress(r))).toEqual(r)
    expect(formatAddress(r)).toBe('#scenario=unlink-snapshot&variant=jbd2-dio&at=42&compare=barrier-assumed&panel=crash')
  })

  it('leaves defaults out of the address', () => {
    expect(formatAddress({ screen: 'scenario', scenario: 'fua-aio', shared: null, variant: null, at: null, compare: null, panel: 'narration', embed: false, walk: false })).toBe('#scenario=fua-aio')
  })

  it.each([
    ['#variant=x', 'does not name a scenario'],
    ['#scenario=a&at=-3', 'not an event number'],
    ['#scenario=a&at=1e5', 'not an event number'],
    ['#scenario=<script>', 'not a scenario id'],
    ['#scenario=a&panel=nope', 'no panel'],
    ['#scenario=a&x=1', 'unknown part'],
  ])('rejects %s with a message', (hash, message) => {
    const r = parseAddress(hash)
    expect(r.screen).toBe('bad-address')
    if (r.screen === 'bad-address') expect(r.message).toContain(message)
  })

  it('never throws on random fragments', () => {
    let seed = 7
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32)
    const alphabet = 'scenario=variant&at%#=_-.09azAZ\u00e9\u{1F600}'
    for (let n = 0; n < 2000; n++) {
      const len = Math.floor(rand() * 40)
      let s = ''
      for (let i = 0; i < len; i++) s += [...alphabet][Math.floor(rand() * [...alphabet].length)]
      const r = parseAddress(s)
      expect(['gallery', 'scenario', 'bad-address']).toContain(r.screen)
    }
  })
})

describe('shared scenarios in the address', () => {
  it('opens the scenario a link carries, and writes it back unchanged', async () => {
    const { encodeScenario } = await import('../../src/share/link')
    const { findScenario } = await import('../../src/scenarios/catalogue')
    const file = findScenario('fua-aio')?.file
    if (!file) throw new Error('fua-aio missing')
    const s = encodeScenario(file)
    const r = parseAddress(`#s=${s}&variant=proposal-2012&at=3`)
    expect(r.screen).toBe('scenario')
    if (r.screen !== 'scenario') return
    expect(r.scenario).toBe('fua-aio')
    expect(r.shared?.file).toEqual(file)
    expect(formatAddress(r)).toBe(`#s=${s}&variant=proposal-2012&at=3`)
  })

  it('a damaged link says what is wrong', () => {
    const r = parseAddress('#s=1.zAAAA')
    expect(r.screen).toBe('bad-address')
    if (r.screen === 'bad-address') expect(r.message).toContain('shared scenario')
  })
})

describe('practice and trace addresses', () => {
  it('round-trips a practice problem with and without a kind', () => {
    for (const r of [
      { screen: 'practice', seed: 7, kind: null },
      { screen: 'practice', seed: 2147483647, kind: 'reverse' },
    ] as const) {
      expect(parseAddress(formatAddress(r))).toEqual(r)
    }
    expect(formatAddress({ screen: 'practice', seed: 12, kind: 'which-images' })).toBe('#practice=12&kind=which-images')
  })

  it.each([
    ['#practice=', 'not a whole number'],
    ['#practice=-1', 'not a whole number'],
    ['#practice=2147483648', 'not a whole number'],
    ['#practice=3&kind=essay', 'no kind of problem'],
    ['#practice=3&scenario=fua-aio', 'unknown part'],
    ['#trace&at=3', 'nothing after'],
  ])('rejects %s with a message', (hash, message) => {
    const r = parseAddress(hash)
    expect(r.screen).toBe('bad-address')
    if (r.screen === 'bad-address') expect(r.message).toContain(message)
  })

  it('names the opened trace without carrying it', () => {
    expect(parseAddress('#trace')).toEqual({ screen: 'trace' })
    expect(formatAddress({ screen: 'trace' })).toBe('#trace')
  })

  it('keeps the walkthrough in the address', () => {
    const r = parseAddress('#scenario=fua-aio&walk=1&at=4')
    expect(r.screen === 'scenario' && r.walk).toBe(true)
    expect(formatAddress(r)).toBe('#scenario=fua-aio&at=4&walk=1')
    expect(parseAddress('#scenario=fua-aio&walk=yes').screen).toBe('bad-address')
  })
})
