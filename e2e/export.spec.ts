/**
 * The Export menu as a reader uses it, on fua-aio: every item downloads a file with the right
 * name, and each file is checked for what it claims to be: the Chrome trace against the format's
 * rules, with slices and flows; the blkparse text by importing it back to the run's requests;
 * the scenario by resolving and running it again to the built-in's hash; the PNG by its header;
 * the SVG by parsing it in the browser. The menu works from the keyboard, and the embed view has
 * no menu.
 */
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { runConfig } from '../src/engine'
import { importTrace } from '../src/formats'
import { validateChromeTrace } from '../src/formats/chromeTraceCheck'
import { traceOf } from '../src/formats/fromRun'
import { parseScenarioJson, resolveScenario } from '../src/scenarios'
import { findScenario } from '../src/scenarios/catalogue'
import { expect, openScenario, playhead, test } from './fixtures'

async function download(page: Page, item: string): Promise<{ name: string; bytes: Buffer }> {
  await page.getByTestId('export-button').click()
  await expect(page.getByRole('menu')).toBeVisible()
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(`export-${item}`).click(),
  ])
  const path = await dl.path()
  await expect(page.getByTestId('export-status')).toContainText(`Saved ${dl.suggestedFilename()}`)
  return { name: dl.suggestedFilename(), bytes: readFileSync(path) }
}

function runOf(id: string, variant: string) {
  const entry = findScenario(id)
  if (!entry) throw new Error(`no ${id}`)
  const s = resolveScenario(entry.file, variant)
  if (!s.ok) throw new Error(`${id} does not resolve`)
  return runConfig(s.value.config, s.value.seed)
}

test.describe('export menu on fua-aio', () => {
  test.beforeEach(async ({ page }) => {
    await openScenario(page, '#scenario=fua-aio&variant=mainline&at=20')
  })

  test('Chrome trace: a valid trace with async slices and flows between layers', async ({
    page,
  }) => {
    const { name, bytes } = await download(page, 'chrome')
    expect(name).toBe('fua-aio-mainline.trace.json')
    const trace = JSON.parse(bytes.toString('utf8')) as {
      traceEvents: Array<Record<string, unknown>>
      metadata: Record<string, unknown>
    }
    expect(validateChromeTrace(trace)).toEqual([])
    expect(trace.metadata).toMatchObject({ scenario: 'fua-aio', variant: 'mainline' })
    const run = runOf('fua-aio', 'mainline')
    expect(trace.metadata.hash).toBe(run.hash)
    const slices = trace.traceEvents.filter((e) => e.ph === 'b' && e.name !== 'queued')
    expect(slices.length).toBe(run.requests.length - 1)
    expect(trace.traceEvents.filter((e) => e.flow_out === true).length).toBeGreaterThan(0)
    expect(trace.traceEvents.filter((e) => e.flow_in === true).length).toBeGreaterThan(0)
    expect(trace.traceEvents.some((e) => e.ph === 'C')).toBe(true)
  })

  test('blkparse text: imports back with the requests of the run', async ({ page }) => {
    const { name, bytes } = await download(page, 'blkparse')
    expect(name).toBe('fua-aio-mainline.blkparse.txt')
    const back = importTrace(bytes.toString('utf8'))
    if (!back.ok) throw new Error(JSON.stringify(back.errors.slice(0, 3)))
    const expected = traceOf(runOf('fua-aio', 'mainline'))
    const shape = (t: typeof expected) => t.devices.map((d) => [d.dev, d.requests.length])
    expect(shape(back.trace)).toEqual(shape(expected))
    expect(back.trace.devices.reduce((n, d) => n + d.requests.length, 0)).toBeGreaterThan(3)
  })

  test('scenario JSON: the document, which runs again to the same hash', async ({ page }) => {
    const { name, bytes } = await download(page, 'scenario')
    expect(name).toBe('fua-aio-mainline.scenario.json')
    const text = bytes.toString('utf8')
    expect(text).toMatch(/^\{\n {2}"/)
    const parsed = parseScenarioJson(text)
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
    const resolved = resolveScenario(parsed.value)
    if (!resolved.ok) throw new Error(JSON.stringify(resolved.errors))
    expect(resolved.value.meta.id).toBe('fua-aio')
    expect(resolved.value.variant).toBe('mainline')
    expect(runConfig(resolved.value.config, resolved.value.seed).hash).toBe(
      runOf('fua-aio', 'mainline').hash,
    )
  })

  test('timeline PNG: a PNG at twice the picture size', async ({ page }) => {
    const { name, bytes } = await download(page, 'png')
    expect(name).toBe('fua-aio-mainline.timeline.png')
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR')
    const width = bytes.readUInt32BE(16)
    const height = bytes.readUInt32BE(20)
    expect(width).toBeGreaterThan(600)
    expect(height).toBeGreaterThan(150)
    expect(width % 2).toBe(0)
  })

  test('timeline SVG: parses, names the lanes, and draws every request in view', async ({
    page,
  }) => {
    const { name, bytes } = await download(page, 'svg')
    expect(name).toBe('fua-aio-mainline.timeline.svg')
    const lanes = await page
      .getByTestId('timeline-primary')
      .locator('.tl-lanes-labels .tl-lane-name')
      .allTextContents()
    expect(lanes.length).toBeGreaterThan(2)
    const label =
      (await page.getByTestId('timeline-canvas-primary').getAttribute('aria-label')) ?? ''
    const requests = Number(
      /Timeline of ([\d,]+) requests/.exec(label)?.[1]?.replace(/,/g, '') ?? NaN,
    )
    expect(requests).toBeGreaterThan(0)
    const svg = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml')
      const colours = ['write', 'read', 'flush', 'writeback', 'other'].map((c) =>
        getComputedStyle(document.documentElement).getPropertyValue(`--c-${c}`).trim(),
      )
      const ctx = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D
      const norm = (c: string) => {
        ctx.fillStyle = c
        return ctx.fillStyle
      }
      const fills = new Set(colours.map(norm))
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: doc.documentElement.nodeName,
        texts: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? ''),
        bars: [...doc.querySelectorAll('rect')].filter(
          (r) => fills.has(r.getAttribute('fill') ?? '') && !r.hasAttribute('fill-opacity'),
        ).length,
      }
    }, bytes.toString('utf8'))
    expect(svg.error).toBeNull()
    expect(svg.root).toBe('svg')
    for (const l of lanes) expect(svg.texts).toContain(l)
    expect(svg.texts.some((t) => t.includes('FUA through loop'))).toBe(true)
    expect(svg.bars).toBeGreaterThanOrEqual(requests)
  })
})

test('the menu works from the keyboard, and the embed view has none', async ({ page, shot }) => {
  await openScenario(page, '#scenario=fua-aio&variant=mainline')
  const button = page.getByTestId('export-button')
  await expect(button).toHaveAttribute('aria-haspopup', 'menu')
  await button.focus()
  await page.keyboard.press('ArrowDown')
  const items = page.getByRole('menuitem')
  await expect(items).toHaveCount(5)
  await expect(items.nth(0)).toBeFocused()
  await expect(button).toHaveAttribute('aria-expanded', 'true')
  await page.keyboard.press('ArrowDown')
  await expect(items.nth(1)).toBeFocused()
  await page.keyboard.press('End')
  await expect(items.nth(4)).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(items.nth(0)).toBeFocused()
  await page.keyboard.press('ArrowUp')
  await expect(items.nth(4)).toBeFocused()
  // The arrows moved in the menu, not the playhead; F (next flush) is not a shortcut in the menu.
  await page.keyboard.press('f')
  await expect(items.nth(4)).toBeFocused()
  expect(await playhead(page)).toBe(0)
  await page.keyboard.press('Escape')
  await expect(page.getByRole('menu')).toHaveCount(0)
  await expect(button).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(items.nth(0)).toBeFocused()
  await page.keyboard.press('Home')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  await expect(items.nth(2)).toContainText('Scenario')
  const [dl] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')])
  expect(dl.suggestedFilename()).toBe('fua-aio-mainline.scenario.json')
  await expect(button).toBeFocused()

  await page.getByTestId('export-button').click()
  await expect(page.getByRole('menu')).toBeVisible()
  await shot('export-menu-light')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: /dark theme/ }).click()
  await page.getByTestId('export-button').click()
  await expect(page.getByRole('menu')).toBeVisible()
  await shot('export-menu-dark')
  await page.keyboard.press('Tab')
  await expect(page.getByRole('menu')).toHaveCount(0)
  await page.getByRole('button', { name: 'Presenter' }).click()
  await page.getByTestId('export-button').click()
  await expect(page.getByRole('menu')).toBeVisible()
  await shot('export-menu-presenter')
  await page.keyboard.press('Escape')

  await page.goto('/#scenario=fua-aio&embed=1')
  await expect(page.getByTestId('readout')).toBeVisible({ timeout: 20_000 })
  await expect(page.getByTestId('export-button')).toHaveCount(0)
})

test('in compare mode the pictures show both runs', async ({ page }) => {
  await openScenario(page, '#scenario=fua-aio&variant=mainline&compare=proposal-2012')
  await expect(page.getByTestId('timeline-compare')).toBeVisible()
  const { name, bytes } = await download(page, 'svg')
  expect(name).toBe('fua-aio-mainline-vs-proposal-2012.timeline.svg')
  const text = bytes.toString('utf8')
  expect(text).toContain('Compared with: ')
  expect(text.match(/<clipPath id="plot-\d"/g)).toHaveLength(2)
})
