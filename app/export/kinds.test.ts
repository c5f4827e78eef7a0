/** File names come from scenario and variant ids, which a shared link may set to anything. */
import { describe, expect, it } from 'vitest'
import { estimateBytes, fileName, namePart, sizeLabel } from './kinds'

describe('fileName', () => {
  it('is <scenario>-<variant>.<suffix>', () => {
    expect(fileName('fua-aio', 'mainline', 'chrome')).toBe('fua-aio-mainline.trace.json')
    expect(fileName('fua-aio', 'mainline', 'chrome-gz')).toBe('fua-aio-mainline.trace.json.gz')
    expect(fileName('fua-aio', 'mainline', 'blkparse')).toBe('fua-aio-mainline.blkparse.txt')
    expect(fileName('fua-aio', 'mainline', 'scenario')).toBe('fua-aio-mainline.scenario.json')
    expect(fileName('fua-aio', 'mainline', 'png')).toBe('fua-aio-mainline.timeline.png')
    expect(fileName('fua-aio', 'mainline', 'svg', 'proposal-2012')).toBe(
      'fua-aio-mainline-vs-proposal-2012.timeline.svg',
    )
  })

  it('keeps only safe characters from ids a link chose', () => {
    expect(namePart('../../etc/passwd')).toBe('etc-passwd')
    expect(namePart('Café <b>')).toBe('Cafe-b')
    expect(namePart('')).toBe('scenario')
    expect(namePart('...')).toBe('scenario')
    expect(namePart('x'.repeat(100))).toHaveLength(60)
    expect(fileName('a/b', 'c\\d', 'svg')).toBe('a-b-c-d.timeline.svg')
  })
})

describe('sizes', () => {
  it('estimates worker-built files from the log length, and says when it is an estimate', () => {
    expect(estimateBytes('chrome', 1_112_893)).toBeGreaterThan(100 * 2 ** 20)
    expect(estimateBytes('svg', 100)).toBeNull()
    expect(sizeLabel(4934, true)).toBe('4.82 KiB')
    expect(sizeLabel(150_720_306, false)).toBe('about 144 MiB')
  })
})
