/** Text from links ends up in exported SVG files: it must be escaped and valid XML, always. */
import { describe, expect, it } from 'vitest'
import { clip, esc, num } from './svgText'

describe('esc', () => {
  it('escapes markup and quotes', () => {
    expect(esc(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    )
  })

  it('drops characters XML 1.0 forbids, keeps tabs, newlines and astral characters', () => {
    expect(esc('a\u0000b\u001fc\ufffe\tz\n😀')).toBe('abc\tz\n😀')
    expect(esc('x\ud800y\udc00z')).toBe('xyz')
  })
})

describe('num', () => {
  it('rounds to a tenth without noise or negative zero', () => {
    expect(num(12)).toBe('12')
    expect(num(0.1 + 0.2)).toBe('0.3')
    expect(num(-0.01)).toBe('0')
    expect(num(1234.56)).toBe('1234.6')
  })
})

describe('clip', () => {
  it('shortens long text with an ellipsis, by characters not UTF-16 units', () => {
    expect(clip('loop · worker 3', 40)).toBe('loop · worker 3')
    expect(clip('abcdefghij', 5)).toBe('abcd…')
    expect(clip('😀😀😀😀😀😀', 3)).toBe('😀😀…')
  })
})
