/**
 * RWBS codes as the kernel (blk_fill_rwbs) and blkparse (fill_rwbs) print them: a leading F is
 * PREFLUSH only when an operation letter follows, an F after the operation is FUA, and the flush
 * request the block layer builds reads FN in blkparse and FF in the tracepoints.
 */
import { describe, expect, it } from 'vitest'
import { formatRwbs, isFlushOp, parseRwbs, type Rwbs } from './rwbs'

function read(text: string): Rwbs {
  const r = parseRwbs(text)
  if (!r.ok) throw new Error(`${text}: ${r.message}`)
  return r.value
}

describe('RWBS letters', () => {
  it.each([
    ['W', { op: 'W' }],
    ['WS', { op: 'W', sync: true }],
    ['WSM', { op: 'W', sync: true, meta: true }],
    ['FWFSM', { op: 'W', preflush: true, fua: true, sync: true, meta: true }],
    ['FWFS', { op: 'W', preflush: true, fua: true, sync: true }],
    ['FWS', { op: 'W', preflush: true, sync: true }],
    ['WFS', { op: 'W', fua: true, sync: true }],
    ['FN', { op: 'N', preflush: true }],
    ['FF', { op: 'F', preflush: true }],
    ['F', { op: 'F' }],
    ['RA', { op: 'R', readahead: true }],
    ['RAM', { op: 'R', readahead: true, meta: true }],
    ['DS', { op: 'D', sync: true }],
    ['DE', { op: 'DE' }],
    ['NS', { op: 'N', sync: true }],
    ['WZ', { op: 'WZ' }],
    ['ZRA', { op: 'ZRA' }],
    ['WSU', { op: 'W', sync: true, atomic: true }],
  ])('%s', (text, want) => {
    expect(read(text)).toEqual({ preflush: false, fua: false, readahead: false, sync: false, meta: false, atomic: false, ...want })
    expect(formatRwbs(read(text))).toBe(text)
  })

  it('reads the old barrier letter as PREFLUSH|FUA', () => {
    expect(read('WBS')).toMatchObject({ preflush: true, fua: true, sync: true })
  })

  it('recognises the block layer flush in both spellings, and nothing else', () => {
    expect(isFlushOp(read('FN'))).toBe(true)
    expect(isFlushOp(read('FF'))).toBe(true)
    expect(isFlushOp(read('FWS'))).toBe(false)
    expect(isFlushOp(read('N'))).toBe(false)
  })

  it.each([
    ['', 0, /expected an RWBS code/],
    ['X', 0, /expected an operation letter/],
    ['WX', 1, /unknown RWBS flag letter 'X'/],
    ['WSS', 2, /appears twice/],
    ['Z', 1, /zone operation letter/],
    ['FWFSMAUXY', 7, /unknown RWBS flag letter 'X'/],
    ['WWWWWWWWWW', 9, /at most 9 letters/],
  ])('refuses %j at index %i', (text, at, message) => {
    const r = parseRwbs(text)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.at).toBe(at)
      expect(r.message).toMatch(message)
    }
  })
})
