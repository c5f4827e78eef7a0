/**
 * The exported timeline picture, built in node from real runs: it is well-formed XML with the
 * lane labels, the axis and at least one shape per request in view; hostile titles stay text;
 * a busy lane becomes a bounded density; compare mode draws both runs on one scale; the shape
 * cap holds and is reported.
 */
import { describe, expect, it } from 'vitest'
import type { RunView } from '../data/runView'
import type { Palette } from '../timeline/draw'
import { runOf } from '../timeline/fixture.testkit'
import { scaleFor, timelineOf } from '../timeline/model'
import { lanesSvg } from './lanesSvg'
import { MAX_SHAPES, timelineSvg, type PictureInput, type PictureRun } from './timelineSvg'
import { laneGeometry, laneModes } from '../timeline/draw'
import { pixelMapper, viewOf } from '../timeline/scales'

const PALETTE: Palette = {
  write: '#0072b2',
  read: '#009e73',
  flush: '#d55e00',
  fua: '#cc79a7',
  writeback: '#56b4e9',
  other: '#e69f00',
  bad: '#d55e00',
  fg: '#1b1f24',
  muted: '#5a6470',
  faint: '#e3e7ec',
  border: '#d0d7de',
  panel: '#ffffff',
}

function pictureRun(run: RunView, title = run.p.variant): PictureRun {
  return {
    title,
    variant: run.p.variant,
    seed: run.p.seed,
    data: timelineOf(run),
    parent: run.p.requests.parent,
    playheadT: run.duration / 2,
    crashT: null,
  }
}

function input(runs: RunView[], patch: Partial<PictureInput> = {}): PictureInput {
  const [a, b] = runs as [RunView, RunView | undefined]
  return {
    scenarioTitle: a.p.scenario.title,
    runs: runs.map((r) => pictureRun(r)),
    scale: scaleFor(a, b ?? null, true),
    window: null,
    plotWidth: 900,
    palette: PALETTE,
    font: "system-ui, 'Segoe UI', sans-serif",
    ...patch,
  }
}

/** Tags open and close in order, attributes are quoted, nothing is left open: well-formed enough. */
function wellFormed(svg: string): void {
  const stack: string[] = []
  const tag = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g
  let at = 0
  for (let m = tag.exec(svg); m; m = tag.exec(svg)) {
    expect(svg.slice(at, m.index), 'no stray markup between tags').not.toMatch(/[<>]/)
    at = m.index + m[0].length
    const name = m[2] as string
    if (m[1]) expect(stack.pop(), `</${name}> closes what is open`).toBe(name)
    else if (!m[4]) stack.push(name)
  }
  expect(svg.slice(at).trim()).toBe('')
  expect(stack).toEqual([])
}

const count = (svg: string, re: RegExp): number => svg.match(re)?.length ?? 0

describe('timelineSvg', () => {
  const fua = runOf('fua-aio', 'mainline')

  it('draws a well-formed picture with the title, the lane labels, the axis and every request', () => {
    const pic = timelineSvg(input([fua]))
    wellFormed(pic.svg)
    expect(pic.svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+"/,
    )
    expect(pic.width).toBe(16 * 2 + 196 + 900)
    expect(pic.svg).toContain(`>${fua.p.scenario.title.replace(/&/g, '&amp;')}</text>`)
    const data = timelineOf(fua)
    for (const l of data.lanes) expect(pic.svg).toContain(`>${l.label}</text>`)
    expect(
      count(pic.svg, /text-anchor="(start|middle|end)" fill="#5a6470"/g),
      'axis tick labels',
    ).toBeGreaterThan(3)
    // Every request is one solid rectangle at least, in its family's colour.
    const solid = count(pic.svg, /<rect [^>]*fill="#(0072b2|009e73|d55e00|56b4e9|e69f00)"\/>/g)
    expect(solid).toBeGreaterThanOrEqual(data.requests)
    expect(pic.dropped).toBe(0)
    expect(pic.svg).toContain('variant: mainline · whole run')
  })

  it('shows the FUA cap and the PREFLUSH tick the run has, and the playhead', () => {
    const pic = timelineSvg(input([fua]))
    expect(pic.svg).toMatch(/<rect [^>]*width="4" [^>]*fill="#cc79a7"\/>/) // a FUA cap
    expect(pic.svg).toMatch(/<line [^>]*stroke="#1b1f24" stroke-width="2"\/>/) // the playhead
    expect(pic.svg).toContain('playhead at ')
  })

  it('keeps hostile titles and lane names as text', () => {
    const run = pictureRun(fua, '<b onload="x">v</b>')
    const pic = timelineSvg({
      ...input([fua]),
      scenarioTitle: '</text><script>alert(1)</script>&',
      runs: [run],
    })
    wellFormed(pic.svg)
    expect(pic.svg).not.toContain('<script')
    expect(pic.svg).not.toContain('<b ')
    expect(pic.svg).toContain('&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;')
  })

  it('draws only the window when zoomed, and says which', () => {
    const whole = timelineSvg(input([fua]))
    // The middle of the run: the long flushes are in view, the short writes at the start are not.
    const zoomed = timelineSvg(
      input([fua], { window: { t0: fua.duration * 0.3, t1: fua.duration * 0.5 } }),
    )
    wellFormed(zoomed.svg)
    expect(zoomed.svg).toMatch(/variant: mainline · [\d.]+ µs – [\d.]+ µs of [\d.]+ µs/)
    expect(zoomed.shapes).toBeLessThan(whole.shapes)
  })

  it('draws both runs of a comparison on one scale, each with its heading', () => {
    const other = runOf('fua-aio', 'proposal-2012')
    const pic = timelineSvg(input([fua, other]))
    wellFormed(pic.svg)
    expect(pic.svg).toContain('Timeline: mainline')
    expect(pic.svg).toContain('Compared with: proposal-2012')
    expect(pic.svg).toContain('mainline compared with proposal-2012')
    expect(count(pic.svg, /clipPath id="plot-\d"/g)).toBe(2)
  })

  it('turns a busy lane into a density on a narrow picture, bounded in size', () => {
    const aio = runOf('aio-order')
    const pic = timelineSvg(input([aio], { plotWidth: 200 }))
    wellFormed(pic.svg)
    expect(pic.svg).toMatch(/density: up to [\d,]+ in flight/)
    expect(pic.shapes).toBeLessThan(MAX_SHAPES)
    expect(pic.svg.length).toBeLessThan(1_000_000)
  })
})

describe('lanesSvg', () => {
  it('stops at its budget and counts what it left out', () => {
    const aio = runOf('aio-order')
    const data = timelineOf(aio)
    const scale = scaleFor(aio, null, true)
    const view = viewOf(scale, null, 4000)
    const budget = { left: 50, dropped: 0 }
    const out = lanesSvg({
      lanes: data.lanes,
      geometry: laneGeometry(data.lanes, false),
      modes: laneModes(data.lanes, scale, view),
      X: pixelMapper(scale, view),
      width: 4000,
      palette: PALETTE,
      budget,
      prefix: 'ls',
    })
    expect(budget.left).toBe(0)
    expect(budget.dropped).toBeGreaterThan(0)
    expect(count(out.svg, /<rect /g) + count(out.svg, /<path /g)).toBe(50)
  })
})
