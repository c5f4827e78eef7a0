import { deflateSync, strToU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { Rng } from '../engine/kernel/rng'
import { catalogue } from '../scenarios/catalogue'
import { LINK_V1_DICTIONARY } from './dictionary'
import { decodeScenario, encodeScenario, fromBase64Url, MAX_JSON_BYTES, toBase64Url } from './link'

describe('share links', () => {
  it.each(catalogue().map((e) => [e.meta.id, e] as const))('%s: scenario → link → scenario is identical, in at most 2,000 characters', (_, entry) => {
    const link = encodeScenario(entry.file)
    expect(`#s=${link}`.length).toBeLessThanOrEqual(2000)
    const back = decodeScenario(link)
    expect(back.ok && back.file).toEqual(entry.file)
  })

  it('compresses only when that is shorter', () => {
    const tiny = { loopscope: 1, id: 'x', title: 'x', summary: 'x', workload: { threads: [] } }
    const link = encodeScenario(tiny as never)
    expect(link.startsWith('1.j') || link.startsWith('1.z')).toBe(true)
    const plain = `1.j${toBase64Url(strToU8(JSON.stringify(tiny)))}`
    const packed = `1.z${toBase64Url(deflateSync(strToU8(JSON.stringify(tiny)), { level: 9, dictionary: LINK_V1_DICTIONARY }))}`
    expect(link.length).toBe(Math.min(plain.length, packed.length))
  })

  it('base64url round-trips every length', () => {
    const rng = new Rng(3)
    for (let n = 0; n < 200; n++) {
      const bytes = Uint8Array.from({ length: n }, () => rng.int(256))
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes)
    }
  })

  it.each([
    ['', 'version number'],
    ['x.zabc', 'version number'],
    ['9.zabc', 'newer loopscope'],
    ['1.qabc', 'start with z'],
    ['1.z!!!!', 'not base64url'],
    ['1.zAAAA', 'damaged'],
    [`1.j${toBase64Url(strToU8('{"loopscope":1}'))}`, 'not valid'],
    [`1.j${toBase64Url(strToU8('not json'))}`, 'not valid'],
  ])('rejects %j with a message', (value, message) => {
    const r = decodeScenario(value)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toContain(message)
  })

  it('stops a compression bomb', () => {
    const bomb = `1.z${toBase64Url(deflateSync(new Uint8Array(MAX_JSON_BYTES * 4).fill(32), { dictionary: LINK_V1_DICTIONARY }))}`
    const r = decodeScenario(bomb)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toContain('larger than')
  })

  it('never throws on random or mutated links (seeded)', () => {
    const rng = new Rng(11)
    const good = catalogue().map((e) => encodeScenario(e.file))
    const alphabet = 'ABCxyz019-_.!%~ zj'
    for (let n = 0; n < 2000; n++) {
      let s = good[rng.int(good.length)] as string
      const kind = rng.int(4)
      if (kind === 0) s = s.slice(0, rng.int(s.length))
      else if (kind === 1) {
        const i = rng.int(s.length)
        s = s.slice(0, i) + (alphabet[rng.int(alphabet.length)] as string) + s.slice(i + 1)
      } else if (kind === 2) s = Array.from({ length: rng.int(60) }, () => alphabet[rng.int(alphabet.length)]).join('')
      else s = `1.${s.slice(3)}`
      const r = decodeScenario(s)
      if (!r.ok) expect(r.message.length).toBeGreaterThan(0)
    }
  })
})
