import { expect, openScenario, test } from './fixtures'

test('the gallery lists every scenario with its lesson and source, and a card opens it', async ({ page, shot }) => {
  await page.goto('/')
  await expect(page.getByTestId('gallery')).toBeVisible()
  await expect(page.getByRole('link', { name: /FUA through loop with AIO/ })).toBeVisible()
  await expect(page.getByTestId('gallery').locator('.card')).toHaveCount(7)
  await expect(page.getByTestId('card-unlink-snapshot')).toContainText('rm /b')
  await shot('gallery')
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.getByRole('button', { name: /dark theme/ }).click()
  await shot('gallery-dark')

  await page.getByTestId('card-fua-aio').click()
  await expect(page).toHaveURL(/#scenario=fua-aio/)
  await expect(page.getByRole('heading', { level: 1, name: 'FUA through loop with AIO' })).toBeVisible()
  await expect(page.getByTestId('readout')).toContainText(/event 0 \/ \d+/)
  await shot('scenario-fua-aio-dark')
})

test('a broken or unknown address says what is wrong and links back to the gallery', async ({ page, shot }) => {
  for (const [hash, message] of [
    ['#scenario=no-such-thing', 'There is no scenario “no-such-thing”'],
    ['#scenario=fua-aio&variant=nope', 'has no variant “nope”'],
    ['#scenario=fua-aio&at=abc', 'is not an event number'],
    ['#bogus=1', 'unknown part'],
  ] as const) {
    await page.goto(`/${hash}`)
    await expect(page.getByTestId('bad-address')).toContainText(message)
  }
  await shot('bad-address')
  await page.getByRole('link', { name: 'Back to all scenarios' }).click()
  await expect(page.getByTestId('gallery')).toBeVisible()
})

test('an instant past the end of the run is clamped, not an error', async ({ page }) => {
  await openScenario(page, '#scenario=fua-aio&at=999999')
  const text = (await page.getByTestId('readout').locator('.readout-event').textContent()) ?? ''
  const [at, of] = text.replace(/[^\d/]/g, '').split('/')
  expect(at).toBe(of)
})
