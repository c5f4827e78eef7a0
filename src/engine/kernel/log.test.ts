/**
 * The log hash identifies a run: it must change when any field of any record changes, depend on
 * record order, and be recomputable from the stored columns.
 */
import { describe, expect, it } from 'vitest'
import { hashString } from './hash'
import { EventLog } from './log'

function logOf(records: Array<[number, number, number, number, number]>): EventLog {
  const log = new EventLog(1)
  for (const [k, t, a, b, c] of records) log.append(k, t, a, b, c)
  return log
}

describe('EventLog', () => {
  const base: Array<[number, number, number, number, number]> = [
    [1, 0, 1, 2, 3],
    [2, 10, 1, 0, 0],
    [3, 5_000_000_000_000, -1, 7, 2 ** 31 - 1],
  ]

  it('hashes the same records the same way, and rehash agrees', () => {
    const a = logOf(base)
    expect(logOf(base).hash()).toBe(a.hash())
    expect(a.rehash()).toBe(a.hash())
    expect(a.hash()).toMatch(/^[0-9a-f]{16}$/)
  })

  it('changes the hash when any field changes', () => {
    const h = logOf(base).hash()
    for (let r = 0; r < base.length; r++) {
      for (let f = 0; f < 5; f++) {
        const changed = base.map((x) => [...x] as [number, number, number, number, number])
        const row = changed[r] as [number, number, number, number, number]
        row[f] = (row[f] as number) + (f === 1 && r === 0 ? 0 : 1)
        if (f === 1 && r === 0) continue
        expect(logOf(changed).hash(), `record ${r} field ${f}`).not.toBe(h)
      }
    }
  })

  it('refuses time going backwards and keeps columns after seal', () => {
    const log = logOf(base)
    expect(() => log.append(1, 4, 0, 0, 0)).toThrow(RangeError)
    log.seal()
    expect(log.length).toBe(3)
    expect(log.time[2]).toBe(5_000_000_000_000)
  })

  it('hashes strings stably', () => {
    expect(hashString('loop')).toBe(hashString('loop'))
    expect(hashString('loop')).not.toBe(hashString('pool'))
  })
})
