import { expect, test } from './fixtures'

test('the embed view works inside an iframe, read-only, with a way out to the full app', async ({ page, baseURL, shot }) => {
  await page.goto('/')
  const src = `${baseURL}/#scenario=fua-aio&variant=mainline&at=20&embed=1`
  await page.setContent(`<!doctype html><link rel="icon" href="data:,"><title>Course page</title><h1>Week 5: FUA</h1><iframe title="loopscope" src="${src}" width="1200" height="760"></iframe>`)
  const frame = page.frameLocator('iframe')
  await expect(frame.getByTestId('readout')).toContainText('20 /', { timeout: 20_000 })
  await expect(frame.getByRole('link', { name: /Open in loopscope/ })).toHaveAttribute('href', /#scenario=fua-aio&variant=mainline&at=20$/)
  await expect(frame.getByTestId('variant')).toHaveCount(0)
  await expect(frame.getByRole('button', { name: 'Presenter' })).toHaveCount(0)
  await frame.getByTestId('step-forward').click()
  await expect(frame.getByTestId('readout')).toContainText('21 /')
  await shot('embed-in-iframe')
})
