import { describe, expect, it } from 'vitest'
import { MAX_DEPTH, MAX_DOCUMENT_BYTES } from './json'
import { parseJsonText } from './jsonText'
import { parseScenarioJson } from './validate'

function errorOf(text: unknown): string {
  const r = parseJsonText(text)
  if (r.ok) throw new Error('expected a failure')
  expect(r.errors).toHaveLength(1)
  expect(r.errors[0]?.path).toBe('')
  return r.errors[0]?.message ?? ''
}

describe('JSON syntax errors carry line and column', () => {
  it.each([
    ['{\n  "a": 1,\n  "b": }', "line 3, column 8: expected a value, found '}'"],
    ['{"a": 1,}', "line 1, column 9: expected a property name in double quotes, found '}'"],
    ["{'a': 1}", 'line 1, column 2: expected a property name in double quotes'],
    ['{"a" 1}', "line 1, column 6: expected ':' after a property name, found '1'"],
    ['[1 2]', "line 1, column 4: expected ',' or ']' after an array element"],
    ['{"a": "x', "line 1, column 9: expected a closing '\"', found the end of the document"],
    ['{"a": "x\ny"}', 'line 1, column 9: expected a string character (write a line break as \\n)'],
    ['{"a": "\\x"}', 'line 1, column 9: expected an escape'],
    ['{"a": "\\u12G4"}', 'line 1, column 12: expected a hex digit'],
    ['{"a": 01}', 'line 1, column 8: expected a number in JSON form'],
    ['{"a": -}', 'line 1, column 8: expected a digit'],
    ['{"a": tru}', 'line 1, column 7: expected a value'],
    ['{} {}', 'line 1, column 4: expected the end of the document after the top-level value'],
    ['', 'line 1, column 1: expected a value, found the end of the document'],
  ])('%j', (text, message) => {
    expect(errorOf(text)).toContain(message)
  })

  it('counts columns from 1 on the line of the error', () => {
    expect(errorOf('{\n\n    "x": [1,\n      ]}')).toMatch(
      /^invalid JSON at line 4, column 7: expected a value, found ']'/,
    )
  })

  it('parseScenarioJson reports them with path ""', () => {
    expect(parseScenarioJson('{"loopscope": 1,')).toEqual({
      ok: false,
      errors: [
        { path: '', message: expect.stringMatching(/^invalid JSON at line 1, column 17: /) },
      ],
    })
  })
})

describe('JSON text limits and oddities', () => {
  it('reports duplicate keys at their path', () => {
    const r = parseJsonText('{"stack": {"loop": {"mode": "a",\n "mode": "b"}}}')
    expect(r).toEqual({
      ok: false,
      errors: [
        {
          path: 'stack.loop.mode',
          message: 'duplicate key at line 2, column 2 (JSON keeps only the last)',
        },
      ],
    })
  })

  it(`accepts nesting of ${MAX_DEPTH} levels and stops at ${MAX_DEPTH + 1}`, () => {
    const nest = (n: number) => '['.repeat(n) + ']'.repeat(n)
    expect(parseJsonText(nest(MAX_DEPTH)).ok).toBe(true)
    expect(errorOf(nest(MAX_DEPTH + 1))).toContain(`nesting is deeper than ${MAX_DEPTH} levels`)
    expect(errorOf(nest(100_000))).toContain('nesting is deeper')
  })

  it('refuses documents over 2 MB before reading them', () => {
    const big = JSON.stringify({ x: 'a'.repeat(MAX_DOCUMENT_BYTES) })
    expect(errorOf(big)).toMatch(/larger than 2 MB/)
    // 700k three-byte characters are 2.1 MB of UTF-8 in 0.7M UTF-16 units.
    expect(errorOf(JSON.stringify({ x: '€'.repeat(700_000) }))).toMatch(/larger than 2 MB/)
  })

  it('accepts a byte order mark and keeps __proto__ an ordinary key', () => {
    const r = parseJsonText('\uFEFF{"__proto__": {"polluted": true}}')
    expect(r.ok && Object.hasOwn(r.value as object, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('does not throw on non-text input', () => {
    expect(errorOf(42)).toBe('the document must be text')
    expect(errorOf(undefined)).toBe('the document must be text')
  })
})
