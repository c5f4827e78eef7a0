import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { expect, openScenario, playhead, test } from './fixtures'

/** What formatCompact prints for every built-in variant (kept in step by a unit test). */
const FIXTURE = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'compact-builtins.json'), 'utf8')) as Array<{ scenario: string; variant: string; text: string }>

async function openEditor(page: Page, hash: string, runTimeout?: number): Promise<void> {
  if (runTimeout === undefined) await openScenario(page, hash)
  else {
    await page.goto(`/${hash}`)
    await expect(page.getByTestId('readout')).toBeVisible({ timeout: runTimeout })
  }
  await page.getByTestId('tab-edit').click()
  await expect(page.getByTestId('ed-text')).toBeVisible()
}

/** A picture of one part of the page, beside the full-page ones in test-results/screens/. */
async function partShot(page: Page, testId: string, name: string): Promise<void> {
  await page.getByTestId(testId).screenshot({ path: join(test.info().project.outputDir, 'screens', `${name}.png`) })
}

const paneSub = (page: Page) => page.getByTestId('pane-primary').locator('.pane-sub')

test('switching the loop mode in the form re-runs the engine: the lost FUA write is kept', async ({ page, shot }) => {
  await openEditor(page, '#scenario=fua-aio&variant=proposal-2012')
  await expect(page.getByTestId('run-verdict')).toContainText('promise broken: guest-fua-durable')
  await expect(paneSub(page)).toContainText('18 events')
  await expect(page.getByTestId('ed-text')).toHaveValue('device 64\nloop proposal-2012 dio lbs=4096\nthread guest: w 7 fua wait @w')
  await shot('editor-form-before')

  await page.getByTestId('ed-loop-mode').selectOption('mainline')
  // The form rewrote the text, and nothing ran yet.
  await expect(page.getByTestId('ed-text')).toHaveValue('device 64\nloop dio lbs=4096\nthread guest: w 7 fua wait @w')
  await expect(page.getByTestId('ed-status')).toHaveText('Changed, not applied')
  await expect(page.getByTestId('run-verdict')).toContainText('promise broken')

  await page.getByTestId('ed-apply').click()
  await expect(page).toHaveURL(/#s=1\.[zj][A-Za-z0-9_-]+&panel=edit$/)
  await expect(page.getByTestId('run-verdict')).toHaveText('✓ every promise to the guest kept')
  await expect(paneSub(page)).toContainText('37 events')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('FUA through loop with AIO (edited)')
  await expect(page.getByTestId('ed-status')).toHaveText('As on screen')
  await shot('editor-form-applied')
  // The narration kept from before the edit says that its prose was written for the unedited run.
  await page.getByTestId('tab-narration').click()
  await expect(page.getByTestId('narration-edited')).toBeVisible()
  await page.getByTestId('tab-edit').click()

  // Back: the scenario as it was, and the editor follows it.
  await page.goBack()
  await expect(page).toHaveURL(/#scenario=fua-aio&variant=proposal-2012&panel=edit$/)
  await expect(page.getByTestId('run-verdict')).toContainText('promise broken')
  await expect(page.getByTestId('ed-text')).toHaveValue(/loop proposal-2012/)
})

test('inserting a wait before the flush in the op list gives the run of "wait, then flush"', async ({ page }) => {
  await openScenario(page, '#scenario=flush-no-drain&variant=wait-then-flush')
  const hashOf = async () => ((await paneSub(page).textContent()) ?? '').replace(/.*hash /, '')
  const waited = await hashOf()

  await page.getByTestId('variant').selectOption('no-wait')
  await expect(paneSub(page)).toContainText('52 events')
  await page.getByTestId('tab-edit').click()
  await page.getByTestId('ed-op-0-1-insert').click()
  await page.getByTestId('ed-op-0-2-kind').selectOption('wait')
  await expect(page.getByTestId('ed-text')).toHaveValue(/thread guest: w 10 @a, w 20 @b, wait, flush wait @f/)
  await page.keyboard.press('Control+Enter')

  await expect(page).toHaveURL(/#s=/)
  await expect(paneSub(page)).toContainText('56 events')
  expect(await hashOf()).toBe(waited)
  // The narration of the variant on screen came along.
  await page.getByTestId('tab-narration').click()
  await expect(page.locator('#panel-narration')).toContainText('The flush completed.')
})

test('a mistake in the compact text is shown at its line and column; fixing it applies', async ({ page, shot }) => {
  await openEditor(page, '#scenario=fua-aio&variant=mainline')
  const text = page.getByTestId('ed-text')
  await text.fill('device 64\nloop dio lbs=4096\nthread guest: w 7 fua wait @w, flush, sleep 5')
  await text.blur()
  const errors = page.getByTestId('ed-text-errors')
  await expect(errors).toContainText('Line 3, column 45')
  await expect(errors).toContainText('expected a time with a unit (ns, us, ms or s), like 5us, found "5"')
  await expect(errors.locator('mark')).toHaveText('5')
  await expect(page.getByTestId('ed-status')).toHaveText('The text has a mistake')
  // The form keeps the last draft that read.
  await expect(page.getByTestId('ed-op-0-1-kind')).toHaveCount(0)
  await shot('editor-text-error')

  // The error marks the spot in the text.
  await page.getByTestId('ed-text-error').click()
  expect(await text.evaluate((el: HTMLTextAreaElement) => [el.selectionStart, el.selectionEnd])).toEqual([72, 73])

  // Nothing to apply until the text reads; the page stays usable.
  await expect(page.getByTestId('ed-apply')).toBeDisabled()
  await text.press('Control+Enter')
  await expect(page).toHaveURL(/#scenario=fua-aio/)
  await page.getByTestId('tab-metrics').click()
  await page.getByTestId('tab-edit').click()
  await expect(page.getByTestId('ed-text-errors')).toBeVisible()

  await text.fill('device 64\nloop dio lbs=4096\nthread guest: w 7 fua wait @w, flush, sleep 5ms')
  await expect(page.getByTestId('ed-text-errors')).toHaveCount(0)
  await expect(page.getByTestId('ed-op-0-2-kind')).toHaveValue('sleep')
  await page.getByTestId('ed-apply').click()
  await expect(page).toHaveURL(/#s=/)
  await expect(page.getByTestId('ed-text')).toHaveValue('device 64\nloop dio lbs=4096\nthread guest: w 7 fua wait @w, flush, sleep 5ms')
})

test('a value out of range is named beside its field, and Apply waits for a fix', async ({ page }) => {
  await openEditor(page, '#scenario=fua-aio&variant=mainline')
  await page.getByTestId('ed-loop-queueDepth').fill('0')
  await expect(page.getByTestId('edit-panel')).toContainText('must be an integer between 1 and 4096, got 0')
  await expect(page.getByTestId('ed-text')).toHaveValue(/loop dio lbs=4096 qd=0/)
  await page.getByTestId('ed-apply').click()
  await expect(page).toHaveURL(/#scenario=fua-aio/)
  await page.getByTestId('ed-loop-queueDepth').fill('4')
  await expect(page.getByTestId('ed-problems')).toHaveCount(0)
  await page.getByTestId('ed-apply').click()
  await expect(page).toHaveURL(/#s=/)
})

test('the text of every built-in shown in the editor is what formatCompact prints', async ({ page }) => {
  // double-cache runs 60,000 requests: on a busy machine that takes a while.
  test.setTimeout(300_000)
  for (const { scenario, variant, text } of FIXTURE) {
    await openEditor(page, `#scenario=${scenario}&variant=${variant}`, 60_000)
    await expect(page.getByTestId('ed-text'), `${scenario}/${variant}`).toHaveValue(text)
  }
})

test('typing in the editor does not trigger playback shortcuts', async ({ page }) => {
  await openEditor(page, '#scenario=fua-aio&variant=mainline&at=3')
  const before = await playhead(page)
  const text = page.getByTestId('ed-text')
  await text.click()
  await page.keyboard.press('End')
  await page.keyboard.type(' fps[] ')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('Home')
  expect(await playhead(page)).toBe(before)
  expect(await page.evaluate(() => document.documentElement.classList.contains('presenter'))).toBe(false)
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await page.getByTestId('ed-loop-queueDepth').press('End')
  expect(await playhead(page)).toBe(before)
})

test('the embed view has no Edit tab', async ({ page }) => {
  await openScenario(page, '#scenario=fua-aio&panel=edit&embed=1')
  await expect(page.getByTestId('tab-edit')).toHaveCount(0)
  await expect(page.getByTestId('edit-panel')).toHaveCount(0)
  await expect(page.getByTestId('tab-narration')).toHaveAttribute('aria-selected', 'true')
})

test('the edit tab in light and dark themes and in presenter mode', async ({ page, shot }) => {
  test.setTimeout(90_000)
  // Tall enough that the side panel shows the whole editor in one picture.
  await page.setViewportSize({ width: 1440, height: 2200 })
  await openEditor(page, '#scenario=flush-no-drain&variant=no-wait')
  await shot('editor-threads-light')
  await partShot(page, 'edit-panel', 'editor-panel-light')
  await page.getByText('How to write it').click()
  await expect(page.locator('.ed-syntax dl')).toContainText('w 16+4 fua wait @a')
  await partShot(page, 'edit-panel', 'editor-syntax-light')
  await page.getByText('How to write it').click()
  await page.getByRole('button', { name: /dark theme/ }).click()
  await shot('editor-threads-dark')
  await page.getByTestId('ed-text').fill('seed 3\ndevice 64\nloop dio lbs=4096\nthread guest: w 10 @a, w 20 @b, flush wait @f, sleep 5\nexpect f: a b')
  await page.getByTestId('ed-text').blur()
  await expect(page.getByTestId('ed-text-errors')).toBeVisible()
  await shot('editor-error-dark')
  await page.getByTestId('ed-reset').click()
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.ed-text') as Element).fontSize))
  const before = await size()
  await page.getByRole('button', { name: 'Presenter' }).click()
  expect(await size()).toBeGreaterThan(before * 1.3)
  await shot('editor-threads-presenter-dark')
  await partShot(page, 'edit-panel', 'editor-panel-presenter-dark')
  await page.getByRole('button', { name: /light theme/ }).click()
  await shot('editor-threads-presenter-light')
  await page.getByRole('button', { name: 'Presenter' }).click()
  await openEditor(page, '#scenario=unlink-snapshot&variant=barrier-assumed')
  await shot('editor-fs-light')
  await partShot(page, 'ed-workload', 'editor-fs-workload')
  await openEditor(page, '#scenario=aio-order&variant=cgroup-workers')
  await shot('editor-jobs-light')
  await partShot(page, 'ed-workload', 'editor-jobs-workload')
})
