import { join } from 'node:path'
import { expect, test } from '@playwright/test'

test('placeholder page renders without errors', async ({ page }, testInfo) => {
  const problems: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`)
  })
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`))
  page.on('requestfailed', (req) =>
    problems.push(`requestfailed: ${req.url()} (${req.failure()?.errorText ?? 'unknown'})`),
  )

  await page.goto('/')

  await expect(page).toHaveTitle('loopscope')
  await expect(page.getByRole('heading', { level: 1, name: 'loopscope' })).toBeVisible()
  await expect(page.getByTestId('app-root')).toBeVisible()
  await expect(page.getByTestId('app-root')).toContainText('loop block device')

  await page.waitForLoadState('networkidle')

  // Keep a picture of the page for people to look at (test-results/placeholder.png).
  const shot = join(testInfo.project.outputDir, 'placeholder.png')
  await page.screenshot({ path: shot, fullPage: true })
  await testInfo.attach('placeholder', { path: shot, contentType: 'image/png' })

  // The dark theme (prefers-color-scheme) must render too.
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect(page.getByRole('heading', { level: 1, name: 'loopscope' })).toBeVisible()
  const darkShot = join(testInfo.project.outputDir, 'placeholder-dark.png')
  await page.screenshot({ path: darkShot, fullPage: true })
  await testInfo.attach('placeholder-dark', { path: darkShot, contentType: 'image/png' })

  expect(problems).toEqual([])
})
