import { chromium } from '@playwright/test'
const [,, hash, out, w='1280', h='720', dark='', keys=''] = process.argv
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] })
const p = await b.newPage({ viewport: { width: +w, height: +h } })
if (dark) await p.addInitScript(() => localStorage.setItem('loopscope.theme', 'dark'))
p.on('console', m => { if (m.type()==='error') console.log('console', m.text()) })
p.on('pageerror', e => console.log('pageerror', e.message))
await p.goto('http://127.0.0.1:5311/' + hash)
await p.waitForTimeout(2500)
for (const k of keys.split(',').filter(Boolean)) { await p.keyboard.press(k); await p.waitForTimeout(300) }
await p.waitForTimeout(500)
console.log(await p.evaluate(() => location.hash), await p.evaluate(() => document.documentElement.scrollHeight))
await p.screenshot({ path: out, fullPage: !!process.env.FULL })
await b.close()
