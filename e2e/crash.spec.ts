import { expect, openScenario, test } from './fixtures'

test('crash here counts the states at the playhead, with the formula and verdicts', async ({ page, shot }) => {
  await openScenario(page, '#scenario=unlink-snapshot&variant=jbd2&at=120&panel=crash')
  await page.getByTestId('crash-here').click()
  await expect(page.getByTestId('crash-answer')).toBeVisible({ timeout: 20_000 })
  await expect(page.getByTestId('crash-count')).toHaveText(/^\d[\d,]*$/)
  await expect(page.getByTestId('crash-formula')).toHaveText(/= [\d,]+/)
  await expect(page.getByTestId('crash-verdict')).toContainText('every state is consistent')
  await shot('crash-consistent')
})

test('a bad state opens as a disk image in the block map, with the checker findings', async ({ page, shot }) => {
  await openScenario(page, '#scenario=unlink-snapshot&variant=barrier-assumed&at=37')
  await page.locator('body').press('KeyX')
  await expect(page.getByTestId('crash-panel')).toBeVisible()
  await expect(page.getByTestId('crash-verdict')).toContainText('inconsistent', { timeout: 20_000 })
  const bad = page.locator('.examples li.bad').first()
  await expect(bad).toBeVisible()
  await bad.getByRole('button', { name: /Open state/ }).click()
  await expect(page.getByTestId('crash-image')).toBeVisible()
  await shot('crash-bad-state-open')
  await page.getByTestId('crash-image').getByRole('button', { name: /Close/ }).click()
  await expect(page.getByTestId('crash-image')).toBeHidden()
})

test('the survey marks the instants where bad states exist', async ({ page, shot }) => {
  await openScenario(page, '#scenario=unlink-snapshot&variant=barrier-assumed&panel=crash')
  await page.getByTestId('survey').click()
  await expect(page.getByTestId('survey-result')).toContainText('can leave a bad state', { timeout: 30_000 })
  await expect(page.getByTestId('overview-strip').locator('[data-bad="true"]').first()).toBeVisible()
  await shot('survey-bad-instants')
})

test('a long question shows progress and can be cancelled', async ({ page }) => {
  await openScenario(page, '#scenario=aio-order&variant=libaio&at=1200&panel=crash')
  await page.getByTestId('crash-granularity').selectOption('sector')
  await page.getByTestId('crash-here').click()
  const cancel = page.getByTestId('crash-cancel')
  // Fast machines may finish first; either way the page stays usable.
  if (await cancel.isVisible().catch(() => false)) await cancel.click().catch(() => {})
  await page.getByTestId('step-forward').click()
  await expect(page.getByTestId('readout')).toContainText('1,201 /')
})
