import { describe, expect, it } from 'vitest'
import { clearOf, placeLabels } from './labels'

describe('axis labels', () => {
  it('places labels right of their mark, flips near the edge, shortens or drops on overlap', () => {
    const out = placeLabels(
      [
        { key: 1, x: 10, text: 'fuzzy copy starts', short: '⇥' },
        { key: 2, x: 30, text: 'power loss', short: '⚡' },
        { key: 3, x: 995, text: 'atomic snapshot', short: '◆' },
      ],
      1000,
      7,
    )
    expect(out.map((l) => [l.key, l.text, l.anchor])).toEqual([
      [1, 'fuzzy copy starts', 'start'],
      [3, 'atomic snapshot', 'end'],
    ])
    const roomy = placeLabels([{ key: 2, x: 300, text: 'power loss', short: '⚡' }], 1000, 7, [
      [302, 330],
    ])
    expect(roomy[0]?.anchor).toBe('end')
  })

  it('drops ticks under a break label', () => {
    const ticks = [
      { x: 100, label: '1 ms' },
      { x: 200, label: '2 ms' },
    ]
    expect(clearOf(ticks, [[180, 230]], 7)).toEqual([{ x: 100, label: '1 ms' }])
  })
})
