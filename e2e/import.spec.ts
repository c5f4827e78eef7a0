/**
 * Opening real block traces in the app: through the file input and by dropping a file. What the
 * page shows is checked against the importer itself (src/formats, the code `loopscope import` and
 * `loopscope explore <trace>` run), on real kernel output.
 */
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import {
  importTrace,
  summarize,
  toTraceRequests,
  traceExploration,
  type BlockTrace,
} from '../src/formats'
import { expect, playhead, test } from './fixtures'

const BLKPARSE = 'src/formats/fixtures/blk-classic-loop0.txt'
const TRACEFS = 'src/formats/fixtures/tracefs-loop0-ext4.txt'
const FIO = 'src/formats/fixtures/fio-iolog-v3.txt'

function imported(path: string): BlockTrace {
  const r = importTrace(readFileSync(path, 'utf8'))
  if (!r.ok) throw new Error(`${path} does not import: ${JSON.stringify(r.errors.slice(0, 2))}`)
  return r.trace
}

/** The header's count: requests and block-layer flushes apart, as `loopscope import` counts them. */
function headerCount(t: BlockTrace): string {
  const s = t.devices.map(summarize)
  const requests = s.reduce((n, d) => n + d.requests, 0)
  const proxies = s.reduce((n, d) => n + d.flush_proxies, 0)
  return `${requests} requests${proxies > 0 ? ` and ${proxies} block-layer flushes` : ''}`
}

/** Every traced request, the block layer's own flushes included: what the timeline draws. */
const allRequests = (t: BlockTrace): number => t.devices.reduce((n, d) => n + d.requests.length, 0)

async function openFile(page: Page, path: string): Promise<void> {
  await page.getByTestId('open-trace-input').setInputFiles(path)
  await expect(page.getByTestId('trace-screen')).toBeVisible({ timeout: 20_000 })
}

/** The explorer's count for a power loss at `t` ns on `dev`, as `loopscope explore` computes it. */
function explorerCount(
  trace: BlockTrace,
  dev: string,
  t: number,
  granularity: 'write' | 'sector' = 'write',
): number {
  const d = trace.devices.find((x) => x.dev === dev)
  if (!d) throw new Error(`no device ${dev}`)
  const e = traceExploration(toTraceRequests(trace, d), t, { granularity })
  while (!e.advance(65_536));
  return e.result().states_total
}

test('import of a blkparse file plays on the timeline', async ({ page, shot }) => {
  const trace = imported(BLKPARSE)
  const dev = trace.devices[0]
  if (!dev) throw new Error('no device')
  const s = summarize(dev)
  await page.goto('/')
  await openFile(page, BLKPARSE)
  await expect(page).toHaveURL(/#trace$/)
  await expect(page.getByTestId('trace-name')).toHaveText('blk-classic-loop0.txt')
  await expect(page.getByTestId('trace-facts')).toContainText(
    `blkparse text · 13.2 KiB · ${headerCount(trace)} on 1 device`,
  )

  // The per-device summary is the importer's.
  const row = page.getByTestId(`summary-${dev.dev}`)
  await expect(row.locator('[data-k=requests]')).toHaveText(String(s.requests))
  await expect(row.locator('[data-k=write]')).toHaveText(String(s.by_op.write))
  await expect(row.locator('[data-k=proxies]')).toHaveText(String(s.flush_proxies))
  await expect(row.locator('[data-k=preflush]')).toHaveText(
    `${s.preflush} (${s.preflush_with_data})`,
  )
  await expect(row.locator('[data-k=fua]')).toHaveText(String(s.fua))
  await expect(row.locator('[data-k=merged]')).toHaveText(String(s.merged))

  // The timeline draws every request: the device's, and its block-layer flushes in their own lane.
  const canvas = page.getByTestId('timeline-canvas-primary')
  await expect(canvas).toHaveAttribute(
    'aria-label',
    new RegExp(`^Timeline of ${allRequests(trace)} requests in 2 lanes \\(7,0, 7,0 · blk-flush\\)`),
  )
  await expect(page.locator('.tl-lane-label').first()).toContainText(`${s.requests} requests`)
  await shot('trace-blkparse')

  // Playing moves the playhead over the trace's own events.
  expect(await playhead(page)).toBe(0)
  await page.getByTestId('speed').selectOption('4')
  await page.getByTestId('play').click()
  await expect.poll(() => playhead(page), { timeout: 10_000 }).toBeGreaterThan(10)
  await page.getByTestId('play').click()
  const at = await playhead(page)
  await expect(page.getByTestId('live-region')).toContainText(
    /Event \d+ of \d+ at .*: (submitted|issued to the driver|completed): 7,0 /,
  )

  // Jump to the first FUA write: the commit block, and ask what a power loss there leaves.
  await page.getByTestId('next-fua').click()
  const fuaAt = await playhead(page)
  expect(fuaAt).not.toBe(at)
  await page.getByTestId('crash-here').click()
  const answer = page.getByTestId('crash-answer')
  await expect(answer).toBeVisible({ timeout: 20_000 })
  const t = Number(await answer.getAttribute('data-t'))
  const count = explorerCount(trace, dev.dev, t)
  await expect(page.getByTestId('crash-count')).toHaveText(count.toLocaleString('en'))
  await expect(page.getByTestId('crash-verdict')).toContainText(
    'every state keeps what the rules promised',
  )
  await shot('trace-crash-here')

  // At the end: every write the journal committed is durable, and the answer says which flush did it.
  await page.getByTestId('crash-end').click()
  await expect(answer).toHaveAttribute('data-t', String(toTraceRequests(trace, dev).end), {
    timeout: 20_000,
  })
  await expect(page.getByTestId('crash-count')).toHaveText(
    explorerCount(trace, dev.dev, toTraceRequests(trace, dev).end).toLocaleString('en'),
  )
  const groups = page.getByTestId('durable-groups')
  await expect(groups.locator('[data-rule=flush]').first()).toContainText('block-layer flush FN')
  await expect(groups.locator('[data-rule=fua]').first()).toContainText(
    'R2: a FUA write is durable when it completes',
  )
  // A request named in the answer is one click from the timeline.
  await groups.locator('[data-rule=fua] button').first().click()
  await expect(page.locator('.tl-selection-text')).toContainText('FWFSM')

  // Zoom works as for runs, and the gallery is one click away.
  await page.getByTestId('zoom-in').click()
  await expect(page.getByTestId('zoom-reset')).toBeEnabled()
  await page.getByRole('link', { name: /loopscope: all scenarios/ }).click()
  await expect(page.getByTestId('gallery')).toBeVisible()

  // Back to the trace: the playhead starts over, and no answer for an instant it no longer shows.
  await page.goBack()
  await expect(page.getByTestId('trace-screen')).toBeVisible()
  expect(await playhead(page)).toBe(0)
  await expect(page.getByTestId('crash-answer')).toBeHidden()
})

test('a dropped file opens too, with an overlay while it is dragged', async ({ page, shot }) => {
  const trace = imported(TRACEFS)
  await page.goto('/#scenario=fua-aio')
  await expect(page.getByTestId('readout')).toBeVisible({ timeout: 20_000 })
  const text = readFileSync(TRACEFS, 'utf8')
  const drag = await page.evaluateHandle((body) => {
    const dt = new DataTransfer()
    dt.items.add(new File([body], 'tracefs-loop0-ext4.txt', { type: 'text/plain' }))
    return dt
  }, text)
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: drag })
  await expect(page.getByTestId('drop-overlay')).toBeVisible()
  await shot('trace-drop-overlay')
  await page.dispatchEvent('main', 'drop', { dataTransfer: drag })
  await expect(page.getByTestId('drop-overlay')).toBeHidden()
  await expect(page.getByTestId('trace-screen')).toBeVisible({ timeout: 20_000 })
  await expect(page.getByTestId('trace-facts')).toContainText(
    `tracefs text (kernel block tracepoints) · 71.3 KiB · ${headerCount(trace)} on 2 devices`,
  )
  for (const d of trace.devices)
    await expect(page.getByTestId(`summary-${d.dev}`).locator('[data-k=requests]')).toHaveText(
      String(summarize(d).requests),
    )

  // Two devices: the explorer answers for the one picked, the busiest by default.
  const picker = page.getByTestId('trace-device')
  await expect(picker).toHaveValue('7,0')
  await picker.selectOption('254,0')
  await page.getByTestId('crash-end').click()
  const answer = page.getByTestId('crash-answer')
  await expect(answer).toHaveAttribute('data-device', '254,0', { timeout: 20_000 })
  const d = trace.devices.find((x) => x.dev === '254,0')
  if (!d) throw new Error('no 254,0')
  await expect(page.getByTestId('crash-count')).toHaveText(
    explorerCount(trace, '254,0', toTraceRequests(trace, d).end).toLocaleString('en'),
  )
  await page.getByRole('button', { name: /dark theme/ }).click()
  await shot('trace-tracefs-dark')
  await page.getByRole('button', { name: 'Presenter' }).click()
  await shot('trace-tracefs-presenter')
})

test('a broken file names its line, and the app stays usable', async ({ page, shot }) => {
  await page.goto('/')
  const lines = readFileSync(BLKPARSE, 'utf8').split('\n')
  // Line 6 loses its sector count; lines 9, 12, … 30 get an action blkparse never prints.
  lines[5] = (lines[5] ?? '').replace('+ 2 [', '+ x [')
  for (let i = 8; i < 30; i += 3)
    lines[i] = (lines[i] ?? '').replace(/^(\s*\d+,\d+\s+\d+\s+[\d.]+\s+\d+\s+)\S+/, '$1Z')
  await page
    .getByTestId('open-trace-input')
    .setInputFiles({
      name: 'broken.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(lines.join('\n')),
    })
  const error = page.getByTestId('import-error')
  await expect(error).toBeVisible({ timeout: 20_000 })
  await expect(error).toContainText('broken.txt could not be opened as a block trace')
  await expect(error.locator('li')).toHaveText([
    "broken.txt:6:49: expected the sector count, found 'x'",
    /^broken\.txt:9:35: unknown action 'Z'/,
    /^broken\.txt:12:35: unknown action 'Z'/,
    /^broken\.txt:15:35: /,
    /^broken\.txt:18:35: /,
  ])
  await expect(page.getByTestId('import-more')).toHaveText('and 4 more problems')
  await shot('trace-error')
  // Nothing from the file became markup, and the gallery still works under the message.
  await page
    .getByTestId('open-trace-input')
    .setInputFiles({
      name: '<b>x</b>.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('<img src=x onerror=alert(1)>\n'),
    })
  await expect(error).toContainText('<b>x</b>.txt could not be opened')
  await expect(error).toContainText('<b>x</b>.txt:1:1: not a block trace')
  expect(await page.locator('.import-notice img, .import-notice b').count()).toBe(0)
  await page.getByTestId('card-fua-aio').click()
  await expect(page.getByTestId('readout')).toBeVisible({ timeout: 20_000 })
  await page.getByTestId('import-dismiss').click()
  await expect(error).toBeHidden()

  // A file over the limit is refused before it is read, saying its size and the limit.
  await page.evaluate(() => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="open-trace-input"]')
    if (!input) throw new Error('no input')
    const dt = new DataTransfer()
    dt.items.add(new File([new Uint8Array(65 * 2 ** 20)], 'huge.txt'))
    input.files = dt.files
    input.dispatchEvent(new Event('change', { bubbles: true }))
  })
  await expect(error).toContainText('huge.txt is 65 MiB; loopscope opens traces up to 64 MiB')
})

test('a fio iolog opens, and #trace with nothing open says so', async ({ page, shot }) => {
  const trace = imported(FIO)
  await page.goto('/#trace')
  await expect(page.getByTestId('trace-none')).toContainText('No trace is open')
  await shot('trace-none')
  await page.getByTestId('open-trace-empty-input').setInputFiles(FIO)
  await expect(page.getByTestId('trace-screen')).toBeVisible({ timeout: 20_000 })
  await expect(page.getByTestId('trace-facts')).toContainText(
    `fio iolog, version 3 · 970 B · ${headerCount(trace)} on 1 device`,
  )
  await expect(page.getByTestId('trace-screen')).toContainText('fio logs submissions only')
  await page.getByTestId('crash-end').click()
  const d = trace.devices[0]
  if (!d) throw new Error('no device')
  await expect(page.getByTestId('crash-count')).toHaveText(
    explorerCount(trace, d.dev, toTraceRequests(trace, d).end).toLocaleString('en'),
    { timeout: 20_000 },
  )
  // A capture the importer has a warning about opens, with the warning shown.
  await page
    .getByTestId('open-trace-again-input')
    .setInputFiles('src/capture/fixtures/double-cache-buffered.trace')
  await expect(page.getByTestId('trace-name')).toHaveText('double-cache-buffered.trace', {
    timeout: 20_000,
  })
  const warnings = page.getByTestId('trace-warnings')
  await expect(warnings).toContainText('1 warning from the importer')
  await warnings.locator('summary').click()
  await expect(warnings).toContainText(
    'double-cache-buffered.trace: 254,0: 3 completions matched no submitted request',
  )
  await expect(page.getByTestId('crash-answer')).toBeHidden()
  // Reloading leaves the trace behind: it was never in the address.
  await page.reload()
  await expect(page.getByTestId('trace-none')).toBeVisible()
})
