import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, openScenario, test } from './fixtures'

async function seriousViolations(page: Page) {
  const r = await new AxeBuilder({ page }).analyze()
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)
}

test('no serious accessibility violations on the gallery and the scenario screen, light and dark', async ({ page }) => {
  test.slow() // four axe passes over the fullest screens
  await page.goto('/')
  expect(await seriousViolations(page)).toEqual([])
  await openScenario(page, '#scenario=unlink-snapshot&variant=jbd2&at=120')
  expect(await seriousViolations(page)).toEqual([])
  await page.getByRole('button', { name: /dark theme/ }).click()
  expect(await seriousViolations(page)).toEqual([])
  await page.getByTestId('tab-crash').click()
  expect(await seriousViolations(page)).toEqual([])
})

test('no serious accessibility violations in the walkthrough, light and dark, before and after a reveal', async ({ page }) => {
  await page.goto('/#scenario=flush-no-drain&walk=1')
  await expect(page.getByTestId('walkthrough')).toBeVisible({ timeout: 20_000 })
  expect(await seriousViolations(page)).toEqual([])
  await page.keyboard.press('End')
  await expect(page.getByTestId('walk-question')).toBeVisible()
  await page.keyboard.press('Digit1')
  expect(await seriousViolations(page)).toEqual([])
  await page.getByRole('button', { name: /dark theme/ }).click()
  await page.keyboard.press('KeyR')
  await expect(page.getByTestId('walk-answer')).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
})

for (const [hash, kind] of [
  ['#practice=0', 'which-images'],
  ['#practice=7&kind=consistent', 'consistent'],
  ['#practice=2024&kind=reverse', 'reverse'],
] as const) {
  test(`no serious accessibility violations on a ${kind} practice problem, light and dark, checked and answered`, async ({ page }) => {
    test.slow() // axe over a long page on a shared machine
    await page.goto(`/${hash}`)
    await expect(page.getByTestId('practice-question')).toBeVisible({ timeout: 20_000 })
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('button', { name: /dark theme/ }).click()
    // "Check" stays disabled until something is chosen.
    await page.getByTestId(kind === 'consistent' ? 'practice-yes' : 'practice-choice-A').check()
    await page.getByTestId('practice-check').click()
    await page.getByTestId('practice-show').click()
    expect(await seriousViolations(page)).toEqual([])
  })
}

test('no serious accessibility violations on the trace screen, its answer and the import notice, light and dark', async ({ page }) => {
  test.slow() // three axe passes over a screen with a few hundred marks
  await page.goto('/')
  await page.getByTestId('open-trace-input').setInputFiles('src/formats/fixtures/tracefs-loop0-ext4.txt')
  await expect(page.getByTestId('trace-screen')).toBeVisible({ timeout: 20_000 })
  await page.getByTestId('crash-end').click()
  await expect(page.getByTestId('crash-answer')).toBeVisible({ timeout: 20_000 })
  expect(await seriousViolations(page)).toEqual([])
  await page.getByRole('button', { name: /dark theme/ }).click()
  expect(await seriousViolations(page)).toEqual([])
  await page.getByTestId('open-trace-input').setInputFiles({ name: 'not-a-trace.txt', mimeType: 'text/plain', buffer: Buffer.from('hello\n') })
  await expect(page.getByTestId('import-error')).toBeVisible({ timeout: 20_000 })
  expect(await seriousViolations(page)).toEqual([])
})

test('no serious accessibility violations in the editor, light and dark, with a mistake shown', async ({ page }) => {
  test.setTimeout(90_000)
  await openScenario(page, '#scenario=unlink-snapshot&variant=jbd2&panel=edit')
  await expect(page.getByTestId('ed-text')).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await page.getByTestId('ed-text').fill('device 128\nfiles a=2 b=2\nfs: unlink b @rm, sleep 6')
  await page.getByTestId('ed-text').blur()
  await expect(page.getByTestId('ed-text-errors')).toBeVisible()
  await page.getByRole('button', { name: /dark theme/ }).click()
  expect(await seriousViolations(page)).toEqual([])
  await openScenario(page, '#scenario=aio-order&variant=cgroup-workers&panel=edit')
  await expect(page.getByTestId('ed-job-0')).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
})

test('presenter mode enlarges the type for projection', async ({ page, shot }) => {
  await openScenario(page, '#scenario=unlink-snapshot&variant=jbd2&at=120')
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))
  await page.getByRole('button', { name: 'Presenter' }).click()
  const after = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))
  expect(after).toBeGreaterThan(before * 1.3)
  await shot('presenter')
})

test('every control is reachable with the keyboard', async ({ page }) => {
  await openScenario(page, '#scenario=fua-aio')
  const seen = new Set<string>()
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab')
    const id = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? '')
    seen.add(id)
  }
  for (const id of ['play', 'step-forward', 'scrubber', 'speed', 'variant']) expect(seen).toContain(id)
})

test('no serious accessibility violations with the Export menu open, light and dark', async ({ page }) => {
  // Two axe runs of the whole scenario screen take most of the default 30 s on a busy 2-core machine.
  test.setTimeout(60_000)
  await openScenario(page, '#scenario=fua-aio&variant=mainline')
  await page.getByTestId('export-button').click()
  await expect(page.getByRole('menu')).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: /dark theme/ }).click()
  await page.getByTestId('export-button').click()
  await expect(page.getByRole('menu')).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
})
