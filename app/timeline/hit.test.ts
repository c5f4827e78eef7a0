import { describe, expect, it } from 'vitest'
import { laneGeometry, laneModes } from './draw'
import { runOf } from './fixture.testkit'
import { hitTest, placeOf } from './hit'
import { buildTimeline, familyOf } from './layout'
import { linearTimeScale, viewOf, xOf } from './scales'

describe('hit testing', () => {
  const run = runOf('fua-aio', 'mainline')
  const d = buildTimeline(run.p, run.duration)
  const g = laneGeometry(d.lanes, false)
  const scale = linearTimeScale(run.duration)
  const view = viewOf(scale, null, 1000)
  const modes = laneModes(d.lanes, scale, view)

  it('finds the request under the pointer and places it back', () => {
    expect(modes.every((m) => m.kind === 'bars')).toBe(true)
    for (const lane of d.lanes) {
      for (const id of lane.ids) {
        const p = placeOf(d, g, modes, scale, view, id)
        expect(p).not.toBeNull()
        const hit = hitTest(
          d,
          g,
          modes,
          scale,
          view,
          ((p?.x0 ?? 0) + (p?.x1 ?? 0)) / 2,
          ((p?.top ?? 0) + (p?.bottom ?? 0)) / 2,
        )
        expect(hit?.kind).toBe('bar')
        // Overlapping bars share a spot only in an overflowing row; fua-aio has none.
        if (hit?.kind === 'bar') expect(hit.id).toBe(id)
      }
    }
  })

  it('misses empty space and the gutter', () => {
    expect(hitTest(d, g, modes, scale, view, -5, 10)).toBeNull()
    expect(hitTest(d, g, modes, scale, view, 500, g.height + 10)).toBeNull()
  })

  it('reports a density column when a lane aggregates', () => {
    const narrow = viewOf(scale, null, 1)
    const m = laneModes(d.lanes, scale, narrow)
    const lane = m.findIndex((x) => x.kind === 'density')
    expect(lane).toBeGreaterThanOrEqual(0)
    const hit = hitTest(d, g, m, scale, narrow, 0.5, (g.boxes[lane]?.top ?? 0) + 5)
    expect(hit).toEqual({ kind: 'density', lane, column: 0 })
  })

  it('links a guest request to the host work it caused, top to bottom', () => {
    const guest = d.lanes[0]?.ids[0] as number
    const f = familyOf(run.p, d, guest)
    expect(f.links.length).toBeGreaterThan(0)
    for (const l of f.links) {
      const p = placeOf(d, g, modes, scale, view, l.parent)
      const c = placeOf(d, g, modes, scale, view, l.child)
      expect(p && c && p.lane < c.lane).toBe(true)
      expect(xOf(scale, view, run.p.requests.submitT[l.child] as number)).toBeGreaterThanOrEqual(
        (p?.x0 ?? 0) - 1e-9,
      )
    }
  })
})
