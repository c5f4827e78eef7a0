import { describe, expect, it } from 'vitest'
import { formatBytes, formatTime, parseBytes, parseTime } from './units'

const value = (v: number) => ({ ok: true, value: v })
const failure = (pattern: RegExp) => ({ ok: false, message: expect.stringMatching(pattern) })

describe('parseTime', () => {
  it.each([
    [0, 0],
    [1500, 1500],
    ['1ns', 1],
    ['250us', 250_000],
    ['250µs', 250_000], // U+00B5 micro sign
    ['250μs', 250_000], // U+03BC Greek mu
    ['1.5ms', 1_500_000],
    ['0.5us', 500],
    ['30s', 30_000_000_000],
    ['0.000000001s', 1],
    ['3600s', 3_600_000_000_000],
  ])('%j -> %d ns', (input, ns) => {
    expect(parseTime(input)).toEqual(value(ns))
  })

  it.each([
    ['1.5', /must be a time.*got "1\.5"/],
    ['5 ms', /must be a time/],
    ['5MS', /must be a time/],
    ['5min', /must be a time/],
    ['-5ms', /must be a time/],
    ['0.5ns', /not a whole number of nanoseconds/],
    ['1.0000000001s', /not a whole number of nanoseconds/],
    ['99999999999999999999s', /too large/],
    [-1, /must not be negative, got -1/],
    [1.5, /not a whole number/],
    [2 ** 60, /too large/],
    [true, /must be a time.*got true/],
    [null, /got null/],
  ])('%j is rejected', (input, message) => {
    expect(parseTime(input)).toEqual(failure(message))
  })
})

describe('parseBytes', () => {
  it.each([
    [4096, 4096],
    ['4k', 4096],
    ['4K', 4096],
    ['4KiB', 4096],
    ['4kib', 4096],
    ['1.5k', 1536],
    ['64m', 64 * 2 ** 20],
    ['64MiB', 64 * 2 ** 20],
    ['2GiB', 2 * 2 ** 30],
    ['2g', 2 * 2 ** 30],
    ['0k', 0],
  ])('%j -> %d bytes', (input, bytes) => {
    expect(parseBytes(input)).toEqual(value(bytes))
  })

  it.each([
    ['4kb', /must be a size/],
    ['4096', /must be a size/],
    ['4 k', /must be a size/],
    ['0.3k', /not a whole number of bytes/],
    [-4096, /must not be negative/],
    [[4096], /got an array of 1/],
  ])('%j is rejected', (input, message) => {
    expect(parseBytes(input)).toEqual(failure(message))
  })
})

describe('formatting for messages', () => {
  it('uses the largest unit that divides exactly', () => {
    expect([0, 999, 1_500_000, 2_000_000, 30e9].map(formatTime)).toEqual([
      '0ns',
      '999ns',
      '1500us',
      '2ms',
      '30s',
    ])
    expect([512, 4096, 2 ** 31, 3 * 2 ** 20].map(formatBytes)).toEqual([
      '512 bytes',
      '4KiB',
      '2GiB',
      '3MiB',
    ])
  })
})
