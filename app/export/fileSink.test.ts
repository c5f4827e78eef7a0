/**
 * The file sink gives back exactly the text written, as one Blob, plain or gzipped, and counts
 * its bytes as UTF-8 does; big inputs go through several folded parts without loss.
 */
import { gunzipSync, strFromU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { fileSink, utf8Length } from './fileSink'

async function bytesOf(b: Blob): Promise<Uint8Array> {
  return new Uint8Array(await b.arrayBuffer())
}

describe('fileSink', () => {
  it('returns the text written, with its type and UTF-8 size', async () => {
    const s = fileSink('application/json', false)
    s.write('{"a":"é"}\n')
    s.write('[1,2]\n')
    const blob = await s.finish()
    expect(blob.type).toBe('application/json')
    expect(await blob.text()).toBe('{"a":"é"}\n[1,2]\n')
    expect(s.raw).toBe(blob.size)
    expect(() => s.write('more')).toThrow()
  })

  it.each(['native', 'fflate'] as const)(
    'gzips on the way (%s), and the file gunzips to the text',
    async (gzipper) => {
      const s = fileSink('text/plain', true, gzipper)
      const line = `${'x'.repeat(1000)}\n`
      const text: string[] = []
      // About 12 MB raw, written with pauses for the compressor as the worker does.
      for (let i = 0; i < 12_000; i++) {
        const l = `${i} ${line}`
        text.push(l)
        s.write(l)
        if (i % 1000 === 0) await s.drained()
      }
      const blob = await s.finish()
      expect(blob.type).toBe('application/gzip')
      const bytes = await bytesOf(blob)
      expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b])
      expect(s.raw).toBe(text.join('').length)
      expect(blob.size).toBeLessThan(s.raw / 20)
      expect(strFromU8(gunzipSync(bytes))).toBe(text.join(''))
    },
  )

  it('keeps every part when plain text passes the fold size', async () => {
    const s = fileSink('text/plain', false)
    const chunk = 'ab\n'.repeat(1_000_000)
    for (let i = 0; i < 4; i++) s.write(chunk)
    const blob = await s.finish()
    expect(blob.size).toBe(chunk.length * 4)
    expect(await blob.slice(blob.size - 3).text()).toBe('ab\n')
  })
})

describe('utf8Length', () => {
  it.each(['', 'abc', 'é', '€', '😀', 'a😀b€é', '\ud800x'])(
    'agrees with TextEncoder for %j',
    (s) => {
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length)
    },
  )
})
