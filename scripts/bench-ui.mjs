// Measures the app in headless Chromium: initial JavaScript (gzipped), time to interactive from
// a local static server, and frame times while playing and while zooming a large run. Prints
// figures; asserts nothing (the machine is shared and noisy: read them as ratios to the budget).
//
/* global document, requestAnimationFrame -- the page.evaluate callbacks run in the browser */
//   npm run -s bench:ui [-- --scenario double-cache --variant buffered --json]
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { chromium } from '@playwright/test'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const argv = process.argv.slice(2)
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback
}
const scenario = opt('scenario', 'double-cache')
const variant = opt('variant', 'buffered')
const json = argv.includes('--json')
const PORT = Number(opt('port', '4199'))
const BASE = `http://127.0.0.1:${PORT}`

const BUDGET = { frame_median_ms: 16.7, frame_p95_ms: 33, tti_ms: 1000, initial_js_gzip_kb: 200 }

function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN
}

async function waitForServer(url, ms) {
  const end = Date.now() + ms
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`static server did not start at ${url}`)
}

execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' })
const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { cwd: root, stdio: 'ignore', detached: true })
const stop = () => {
  try {
    process.kill(-server.pid)
  } catch {
    // already gone
  }
}
process.on('exit', stop)

const system = '/usr/bin/chromium'
const browser = await chromium.launch({
  ...(existsSync(system) ? { executablePath: system } : {}),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})

try {
  await waitForServer(BASE, 30_000)
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } })

  // Initial JavaScript: every script the first page load fetches (the entry and what it
  // imports statically), gzipped. The worker's chunk loads only when a scenario opens.
  const scripts = new Set()
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.add(new URL(r.url()).pathname)
  })
  const tti = []
  for (let i = 0; i < 5; i++) {
    await page.goto(`${BASE}/?cold=${i}`, { waitUntil: 'commit' })
    await page.waitForFunction(() => performance.getEntriesByName('loopscope:interactive').length > 0)
    tti.push(await page.evaluate(() => performance.getEntriesByName('loopscope:interactive')[0].startTime))
  }
  const initialJs = [...scripts].reduce((n, path) => n + gzipSync(readFileSync(join(root, 'dist', path))).length, 0)

  // The large run: open it, wait for the engine, then measure frames.
  const t0 = Date.now()
  await page.goto(`${BASE}/#scenario=${scenario}&variant=${variant}`)
  await page.waitForSelector('[data-testid="readout"]', { timeout: 120_000 })
  const runReadyMs = Date.now() - t0
  const requests = await page.evaluate(() => document.querySelector('[data-testid="pane-primary"] .pane-sub')?.textContent ?? '')

  const frames = (ms) =>
    page.evaluate(
      (ms) =>
        new Promise((resolve) => {
          const out = []
          let last = performance.now()
          const end = last + ms
          const tick = (t) => {
            out.push(t - last)
            last = t
            if (t < end) requestAnimationFrame(tick)
            else resolve(out)
          }
          requestAnimationFrame(tick)
        }),
      ms,
    )

  await page.selectOption('[data-testid="speed"]', '16')
  await page.click('[data-testid="play"]')
  const playing = await frames(4000)
  await page.click('[data-testid="play"]')

  // The wheel must land on the lanes, not scroll the page: bring the timeline into view first.
  const canvas = page.locator('[data-testid="timeline-canvas-primary"]')
  await canvas.scrollIntoViewIfNeeded()
  const box = await canvas.boundingBox()
  let zooming = []
  if (box) {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    const measuring = frames(4000)
    const end = Date.now() + 3800
    let dir = -1
    let n = 0
    while (Date.now() < end) {
      await page.mouse.wheel(0, dir * 120)
      if (++n % 12 === 0) dir = -dir
    }
    zooming = await measuring
  }

  const result = {
    scenario: `${scenario}/${variant}`,
    run: requests.trim(),
    initial_js_gzip_kb: +(initialJs / 1024).toFixed(1),
    tti_ms_median: +quantile(tti, 0.5).toFixed(1),
    run_ready_ms: runReadyMs,
    playing: { frames: playing.length, median_ms: +quantile(playing, 0.5).toFixed(2), p95_ms: +quantile(playing, 0.95).toFixed(2) },
    zooming: { frames: zooming.length, median_ms: +quantile(zooming, 0.5).toFixed(2), p95_ms: +quantile(zooming, 0.95).toFixed(2) },
    budget: BUDGET,
  }
  if (json) console.log(JSON.stringify(result, null, 2))
  else {
    console.log(`loopscope UI bench — ${result.scenario} (${result.run})`)
    console.log(`  initial JS (gzip)      ${result.initial_js_gzip_kb} KB   budget ${BUDGET.initial_js_gzip_kb} KB  ratio ${(result.initial_js_gzip_kb / BUDGET.initial_js_gzip_kb).toFixed(2)}`)
    console.log(`  time to interactive    ${result.tti_ms_median} ms   budget ${BUDGET.tti_ms} ms  ratio ${(result.tti_ms_median / BUDGET.tti_ms).toFixed(2)}`)
    console.log(`  run ready (engine)     ${result.run_ready_ms} ms`)
    for (const k of ['playing', 'zooming']) {
      const f = result[k]
      console.log(`  ${k.padEnd(8)} frames ${String(f.frames).padStart(4)}   median ${f.median_ms} ms (budget 16.7)   p95 ${f.p95_ms} ms (budget 33)`)
    }
  }
} finally {
  await browser.close()
  stop()
}
