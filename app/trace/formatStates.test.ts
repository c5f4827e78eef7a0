import { describe, expect, it } from 'vitest'
import { formatStates } from './formatStates'

describe('counts of crash states', () => {
  it('are exact while people can read them, then a power of ten', () => {
    expect(formatStates(1320)).toBe('1,320')
    expect(formatStates(999_999_999_999_999)).toBe('999,999,999,999,999')
    expect(formatStates(2 ** 725)).toBe('≈ 1.77 × 10²¹⁸')
    expect(formatStates(9.999e20)).toBe('≈ 1.00 × 10²¹')
    expect(formatStates(Infinity)).toBe('more than 10³⁰⁸')
  })
})
