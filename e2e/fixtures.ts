/**
 * Shared by every browser spec: the page fails the test on any console error or uncaught
 * exception, and `shot(name)` keeps a full-page picture in test-results/screens/ for people to
 * look at.
 */
import { join } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'

interface Fixtures {
  shot: (name: string) => Promise<void>
}

export const test = base.extend<Fixtures>({
  page: async ({ page }, use) => {
    const problems: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console.error: ${m.text()}`)
    })
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
    await use(page)
    expect(problems, 'the browser console stays free of errors').toEqual([])
  },
  shot: async ({ page }, use, info) => {
    await use(async (name) => {
      const path = join(info.project.outputDir, 'screens', `${name}.png`)
      await page.screenshot({ path, fullPage: true })
      await info.attach(name, { path, contentType: 'image/png' })
    })
  },
})

export { expect }

/** Opens a scenario view and waits until the engine's run is on screen. */
export async function openScenario(page: Page, hash: string): Promise<void> {
  await page.goto(`/${hash}`)
  await expect(page.getByTestId('readout')).toBeVisible({ timeout: 20_000 })
}

/** The playhead's event index as the readout shows it. */
export async function playhead(page: Page): Promise<number> {
  const text = (await page.getByTestId('readout').locator('strong').textContent()) ?? ''
  return Number(text.replace(/,/g, ''))
}
