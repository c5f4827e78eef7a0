import { expect, openScenario, playhead, test } from './fixtures'

test('play moves the playhead and pause stops it', async ({ page, shot }) => {
  await openScenario(page, '#scenario=unlink-snapshot&variant=jbd2')
  expect(await playhead(page)).toBe(0)
  await page.getByTestId('speed').selectOption('16')
  await page.getByTestId('play').click()
  await expect.poll(() => playhead(page)).toBeGreaterThan(5)
  await page.getByTestId('play').click()
  const paused = await playhead(page)
  await page.waitForTimeout(400)
  expect(await playhead(page)).toBe(paused)
  await shot('playback-paused')
})

test('step forward and back, by button and by key', async ({ page }) => {
  await openScenario(page, '#scenario=unlink-snapshot&variant=jbd2&at=10')
  await page.getByTestId('step-back').click()
  expect(await playhead(page)).toBe(9)
  await page.getByTestId('step-forward').click()
  expect(await playhead(page)).toBe(10)
  await page.locator('body').press('ArrowLeft')
  expect(await playhead(page)).toBe(9)
  await page.locator('body').press('Shift+ArrowRight')
  expect(await playhead(page)).toBe(19)
  await expect(page.getByTestId('live-region')).toContainText('Event 19 of')
})

test('jump to the next flush, by button and by key', async ({ page, shot }) => {
  await openScenario(page, '#scenario=fua-aio&variant=mainline')
  await page.getByTestId('next-flush').click()
  const first = await playhead(page)
  expect(first).toBeGreaterThan(0)
  await expect(page.getByTestId('live-region')).toContainText('FLUSH')
  // The guest's flush goes on down the stack: loop's flush, then the host disk's.
  await page.locator('body').press('KeyF')
  expect(await playhead(page)).toBeGreaterThan(first)
  await page.locator('body').press('Shift+KeyF')
  expect(await playhead(page)).toBe(first)
  await shot('jump-next-flush')
})

test('the scrubber moves the playhead anywhere', async ({ page }) => {
  await openScenario(page, '#scenario=aio-order&variant=libaio')
  await page.getByTestId('scrubber').fill('1500')
  await expect(page.getByTestId('readout')).toContainText('1,500 /')
  await page.locator('body').press('End')
  expect(await playhead(page)).toBeGreaterThan(3000)
  await page.locator('body').press('Home')
  expect(await playhead(page)).toBe(0)
})

test('reload keeps the scenario, variant, instant and panel', async ({ page }) => {
  await openScenario(page, '#scenario=unlink-snapshot&variant=jbd2-dio')
  await page.getByTestId('scrubber').fill('42')
  await page.getByTestId('tab-crash').click()
  await expect(page).toHaveURL(/at=42/)
  await page.reload()
  await expect(page.getByTestId('readout')).toContainText('42 /')
  await expect(page.getByTestId('variant')).toHaveValue('jbd2-dio')
  await expect(page.getByTestId('crash-panel')).toBeVisible()
})

test('the help overlay lists the shortcuts and closes with Escape', async ({ page, shot }) => {
  await openScenario(page, '#scenario=fua-aio')
  await page.locator('body').press('Shift+Slash')
  await expect(page.getByTestId('help')).toBeVisible()
  await expect(page.getByTestId('help')).toContainText('Next flush')
  await shot('help-overlay')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('help')).toBeHidden()
})

test('narration follows the playhead and a question reveals its answer on demand', async ({ page, shot }) => {
  await openScenario(page, '#scenario=fua-aio&variant=mainline')
  await page.locator('body').press('End')
  const q = page.locator('[data-testid^="question-"]').first()
  await expect(q).toContainText('Is w guaranteed to survive a power loss now?')
  // One answer is right, so the choices are radio buttons; each goes by its letter too.
  await q.getByRole('radio', { name: 'A yes' }).check()
  await q.getByRole('button', { name: /Reveal the answer/ }).click()
  await expect(q.getByRole('region', { name: 'Answer' })).toBeVisible()
  await expect(q).toContainText('Your prediction was right')
  await shot('narration-revealed')
})
