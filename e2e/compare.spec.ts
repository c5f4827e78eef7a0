import { expect, openScenario, test } from './fixtures'

test('compare shows two variants side by side with one playhead', async ({ page, shot }) => {
  await openScenario(page, '#scenario=unlink-snapshot&variant=jbd2&at=120')
  await page.getByTestId('compare').selectOption('jbd2-dio')
  await expect(page).toHaveURL(/compare=jbd2-dio/)
  await expect(page.getByTestId('pane-compare')).toBeVisible({ timeout: 20_000 })
  await expect(page.getByTestId('timeline-compare')).toBeVisible()
  await shot('compare-jbd2-vs-dio')
  // Stepping moves both panes: the compared pane follows by simulated time.
  await page.getByTestId('step-forward').click()
  await expect(page.getByTestId('readout')).toContainText('121 /')
  await page.reload()
  await expect(page.getByTestId('pane-compare')).toBeVisible({ timeout: 20_000 })
})

test('double-cache compares the memory of the two variants', async ({ page, shot }) => {
  await openScenario(page, '#scenario=double-cache&variant=buffered&compare=dio&panel=metrics')
  await expect(page.getByTestId('metrics')).toBeVisible()
  await expect(page.getByTestId('pane-compare')).toBeVisible({ timeout: 30_000 })
  await expect(page.getByTestId('metrics-table')).toContainText('DIO')
  await shot('compare-double-cache-metrics')
})
