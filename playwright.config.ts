import { existsSync } from 'node:fs'
import { defineConfig, devices } from '@playwright/test'

// Playwright cannot download its own browsers on this network, so prefer Debian's
// Chromium (installed by scripts/setup.sh) and fall back to Playwright's own build.
const SYSTEM_CHROMIUM = '/usr/bin/chromium'
const useSystemChromium = existsSync(SYSTEM_CHROMIUM)

// Several checkouts can test side by side, each on its own port.
const PORT = Number(process.env.LOOPSCOPE_E2E_PORT ?? 4173)
const BASE_URL = `http://127.0.0.1:${PORT}`

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1, // 2-core machine: one browser at a time
  reporter: process.env.CI ? 'line' : 'list',
  timeout: 30_000,
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        ...(useSystemChromium
          ? {
              launchOptions: {
                executablePath: SYSTEM_CHROMIUM,
                args: [
                  '--no-sandbox',
                  '--disable-gpu',
                  '--disable-background-networking',
                  '--disable-component-update',
                  '--disable-sync',
                ],
              },
            }
          : {}),
      },
    },
  ],
  webServer: {
    // Test the production build, as it will be deployed (static files, base './').
    command: `npx vite build && npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: BASE_URL,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
