import { describe, expect, it } from 'vitest'
import { formatBytes, formatNs } from './format'

describe('format', () => {
  it.each([
    [0, '0 s'],
    [19_000, '19 µs'],
    [557_424, '557.4 µs'],
    [6_001_277_623, '6.001 s'],
    [1_500_000, '1.5 ms'],
    [12, '12 ns'],
  ])('formatNs(%d) = %s', (ns, text) => expect(formatNs(ns)).toBe(text))

  it.each([
    [4096, '4 KiB'],
    [231_780_352, '221 MiB'],
    [512, '512 B'],
  ])('formatBytes(%d) = %s', (b, text) => expect(formatBytes(b)).toBe(text))
})
