import { chromium } from '@playwright/test'
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] })
const p = await b.newPage({ viewport: { width: 1280, height: 720 } })
await p.goto('http://127.0.0.1:5311/#scenario=flush-no-drain&walk=1&at=2')
await p.waitForTimeout(2500)
console.log(await p.evaluate(() => [...document.querySelectorAll('.wp-seg')].map(e => { const r = e.getBoundingClientRect(); const cs = getComputedStyle(e); return [r.x, r.y, r.width, r.height, cs.display, cs.position, cs.marginTop] })))
console.log(await p.evaluate(() => { const e = document.querySelector('.wp'); const cs = getComputedStyle(e); return [cs.display, cs.flexWrap, e.getBoundingClientRect().height] }))
await b.close()
