import { chromium } from '@playwright/test'
const [,, hash, out, dark=''] = process.argv
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] })
const p = await b.newPage({ viewport: { width: 1280, height: 900 } })
if (dark) await p.addInitScript(() => localStorage.setItem('loopscope.theme', 'dark'))
await p.goto('http://127.0.0.1:5311/' + hash)
await p.waitForTimeout(2500)
await p.getByTestId('question-2').scrollIntoViewIfNeeded()
await p.getByTestId('question-2').locator('input').first().check()
await p.screenshot({ path: out })
await b.close()
