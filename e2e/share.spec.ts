import { expect, openScenario, test } from './fixtures'

test('copy a link and open it in a new page: the same scenario, variant, instant and panel', async ({ page, context, shot }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await openScenario(page, '#scenario=unlink-snapshot&variant=jbd2-dio')
  await page.getByTestId('scrubber').fill('42')
  await page.getByTestId('tab-crash').click()
  await page.getByTestId('copy-link').click()
  await expect(page.getByTestId('copy-link')).toContainText('copied')
  const link = await page.evaluate(() => navigator.clipboard.readText())
  expect(link).toMatch(/#s=1\.[zj][A-Za-z0-9_-]+&variant=jbd2-dio&at=42&panel=crash$/)
  expect(link.length).toBeLessThan(2100)
  await shot('copy-link')

  const other = await context.newPage()
  await other.goto(link)
  await expect(other.getByTestId('readout')).toContainText('42 /', { timeout: 20_000 })
  await expect(other.getByTestId('variant')).toHaveValue('jbd2-dio')
  await expect(other.getByTestId('crash-panel')).toBeVisible()
  await expect(other.getByRole('heading', { level: 1 })).toContainText('rm /b')
  await other.close()
})

test('a broken share link says what is wrong and the gallery stays reachable', async ({ page, shot }) => {
  await page.goto('/#s=1.zQUJD')
  await expect(page.getByTestId('bad-address')).toContainText('shared scenario')
  await shot('broken-share-link')
  await page.getByRole('link', { name: 'Back to all scenarios' }).click()
  await expect(page.getByTestId('gallery')).toBeVisible()
})
