/**
 * The walkthrough as a lecturer uses it: opened from a link or with W, stepped with the keyboard
 * (arrows, Space, a clicker's PageDown/PageUp), held at a question until the answer is revealed,
 * the room's prediction picked with a number key and marked by the engine's answer, and left with
 * Esc at the same instant. Every step moves the playhead, so the address's `at=` must follow.
 */
import type { Page } from '@playwright/test'
import { flushNoDrain } from '../src/scenarios/builtin/flushNoDrain'
import { expect, playhead, test } from './fixtures'

async function openWalk(page: Page, hash: string): Promise<void> {
  await page.goto(`/${hash}`)
  await expect(page.getByTestId('walkthrough')).toBeVisible({ timeout: 20_000 })
}

/** The playhead the address names (`at=`), 0 when it names none. */
function addressAt(page: Page): number {
  const at = new URLSearchParams(new URL(page.url()).hash.slice(1)).get('at')
  return at === null ? 0 : Number(at)
}

/** The event the current step is keyed to, as the stage shows it ("event 10 · 2 µs"). */
async function stepEvent(page: Page): Promise<number> {
  const text = (await page.locator('.walk-at').textContent()) ?? ''
  const m = /event ([\d,]+)/.exec(text)
  expect(m, `the step names its event: “${text}”`).not.toBeNull()
  return Number((m?.[1] ?? '').replace(/,/g, ''))
}

async function expectStep(page: Page, n: number, of: number, text: RegExp): Promise<number> {
  await expect(page.getByTestId('walk-counter')).toHaveText(`Step ${n} of ${of}`)
  await expect(page.getByTestId('walk-text')).toHaveText(text)
  const event = await stepEvent(page)
  await expect.poll(() => addressAt(page)).toBe(event)
  await expect(page.getByTestId('live-region')).toContainText(`Step ${n} of ${of}`)
  return event
}

test('step through by keyboard, hold at a question, predict, reveal, leave and come back', async ({
  page,
  shot,
}) => {
  await openWalk(page, '#scenario=flush-no-drain&walk=1')
  await expect(page.getByTestId('walk-counter')).toHaveText('4 steps')
  await expect(page.locator('html')).toHaveClass(/presenter/)
  await expect(page.getByTestId('live-region')).toContainText(
    'Walkthrough of A flush does not wait',
  )

  // Forward with the arrow, then a clicker's PageDown; each step puts the playhead on its event.
  await page.keyboard.press('ArrowRight')
  const first = await expectStep(page, 1, 4, /submits write a, then write b/)
  expect(first).toBeGreaterThan(0)
  await page.keyboard.press('PageDown')
  const second = await expectStep(page, 2, 4, /flush goes out while a and b may still be in flight/)
  expect(second).toBeGreaterThan(first)
  await shot('walk-step-light-1280')

  // Back with the clicker's PageUp, forward again with Space (which must not start playback).
  await page.keyboard.press('PageUp')
  await expectStep(page, 1, 4, /submits write a/)
  await page.keyboard.press('Space')
  await expectStep(page, 2, 4, /flush goes out/)
  await expect(page.getByTestId('scenario-screen')).not.toHaveAttribute('data-playing')

  // The question step holds "next" until the answer is revealed.
  await page.keyboard.press('Enter')
  const question = await expectStep(page, 3, 4, /The flush completed/)
  await expect(page.getByTestId('walk-question')).toContainText(
    'Which of these images can a power loss right now leave?',
  )
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('End')
  await expect(page.getByTestId('walk-counter')).toHaveText('Step 3 of 4')
  expect(addressAt(page)).toBe(question)
  await expect(page.getByTestId('live-region')).toContainText('Reveal the answer first')

  // The room votes for choice A (key 1); R reveals the engine's answer and marks the prediction.
  await page.keyboard.press('Digit1')
  await expect(page.getByTestId('walk-choice-0')).toHaveAttribute('aria-pressed', 'true')
  await shot('walk-question-before-reveal-1280')
  await page.keyboard.press('KeyR')
  await expect(page.getByTestId('walk-answer')).toBeVisible()
  await expect(page.getByTestId('walk-explanation')).not.toBeEmpty()
  const correct: number[] = []
  const choices = await page.locator('.wq-choice').count()
  for (let i = 0; i < choices; i++)
    if (
      await page
        .locator('.wq-choice')
        .nth(i)
        .evaluate((el) => el.classList.contains('correct'))
    )
      correct.push(i)
  expect(correct.length).toBeGreaterThan(0)
  const right = correct.length === 1 && correct[0] === 0
  await expect(page.getByTestId('walk-verdict')).toHaveAttribute(
    'data-verdict',
    right ? 'right' : 'wrong',
  )
  await expect(page.getByTestId('walk-choice-0')).toBeDisabled()
  await shot('walk-question-after-reveal-1280')

  // Revealed: next moves on.
  await page.keyboard.press('ArrowRight')
  const last = await expectStep(page, 4, 4, /Is the belief true\?/)

  // Esc leaves for the full screen at the same instant; the side panel shares the revealed answer.
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('walkthrough')).toHaveCount(0)
  await expect(page.getByTestId('readout')).toBeVisible()
  expect(await playhead(page)).toBe(last)
  expect(page.url()).not.toContain('walk=1')
  expect(addressAt(page)).toBe(last)
  await expect(page.getByTestId('question-2').getByRole('region', { name: 'Answer' })).toBeVisible()
  await expect(page.getByTestId('question-2').locator('input').first()).toBeChecked()

  // W comes back, at the step the playhead stands for.
  await page.keyboard.press('KeyW')
  await expect(page.getByTestId('walkthrough')).toBeVisible()
  await expect(page.getByTestId('walk-counter')).toHaveText('Step 4 of 4')
  expect(page.url()).toContain('walk=1')
  expect(addressAt(page)).toBe(last)
})

test('Home and End, Backspace, and the question step reached by End', async ({ page }) => {
  await openWalk(page, '#scenario=flush-no-drain&walk=1')
  await page.keyboard.press('End')
  await expectStep(page, 3, 4, /The flush completed/)
  await page.keyboard.press('Backspace')
  await expectStep(page, 2, 4, /flush goes out/)
  await page.keyboard.press('Home')
  await expectStep(page, 1, 4, /submits write a/)
  await page.keyboard.press('ArrowLeft')
  await expect(page.getByTestId('walk-counter')).toHaveText('4 steps')
  await expect.poll(() => addressAt(page)).toBe(0)
})

test('buttons: the header opens it, Next and Reveal click, Exit closes it', async ({
  page,
  shot,
}) => {
  await page.goto('/#scenario=flush-no-drain')
  await expect(page.getByTestId('readout')).toBeVisible({ timeout: 20_000 })
  await page.getByTestId('walk-open').click()
  await expect(page.getByTestId('walkthrough')).toBeVisible()
  await page.getByTestId('walk-next').click()
  await expect(page.getByTestId('walk-counter')).toHaveText('Step 1 of 4')
  // A click on the bar leaves the focus alone: Space then steps, it does not press the theme again.
  await page.getByRole('button', { name: /dark theme/ }).click()
  await page.keyboard.press('Space')
  await expect(page.getByTestId('walk-counter')).toHaveText('Step 2 of 4')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.getByTestId('walk-next').click()
  await expect(page.getByTestId('walk-counter')).toHaveText('Step 3 of 4')
  await page.getByTestId('walk-next').click()
  await expect(page.getByTestId('walk-counter')).toHaveText('Step 3 of 4')
  await page.getByTestId('walk-choice-1').click()
  await expect(page.getByTestId('walk-choice-1')).toHaveAttribute('aria-pressed', 'true')
  // A click leaves the focus alone, so Space still steps rather than pressing the choice again.
  await page.getByTestId('walk-reveal').click()
  await expect(page.getByTestId('walk-verdict')).toBeVisible()
  await page.keyboard.press('Space')
  await expect(page.getByTestId('walk-counter')).toHaveText('Step 4 of 4')
  await page.getByTestId('walk-picture-timeline').click()
  await expect(page.getByTestId('timeline-primary')).toBeVisible()
  await shot('walk-timeline-picture')
  await page.getByTestId('walk-exit').click()
  await expect(page.getByTestId('walkthrough')).toHaveCount(0)
  await expect(page.getByTestId('readout')).toBeVisible()
})

test('the help lists the walkthrough keys, and Esc closes the help without leaving', async ({
  page,
}) => {
  await openWalk(page, '#scenario=flush-no-drain&walk=1&at=10')
  await expect(page.getByTestId('walk-counter')).toHaveText('Step 2 of 4')
  await page.keyboard.press('Shift+Slash')
  const help = page.getByTestId('help')
  await expect(help).toBeVisible()
  await expect(help).toContainText('Next step')
  await expect(help).toContainText('PgDn')
  await expect(help).toContainText('Reveal the engine’s answer')
  await page.keyboard.press('Escape')
  await expect(help).toBeHidden()
  await expect(page.getByTestId('walkthrough')).toBeVisible()
  await expect(page.getByTestId('walk-counter')).toHaveText('Step 2 of 4')
})

test('a scenario without narration says so and shows the way out', async ({ page, shot }) => {
  const { narration: _, ...bare } = flushNoDrain
  const s = `1.j${Buffer.from(JSON.stringify({ ...bare, id: 'no-story' })).toString('base64url')}`
  await openWalk(page, `#s=${s}&walk=1`)
  await expect(page.getByTestId('walk-empty')).toContainText('no narration')
  await expect(page.getByTestId('live-region')).toContainText('no narration')
  await shot('walk-no-narration')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('readout')).toBeVisible()
})

for (const [w, h] of [
  [1280, 720],
  [1920, 1080],
] as const) {
  test(`fits a ${w}×${h} projector, light and dark, before and after a reveal`, async ({
    page,
    shot,
  }) => {
    await page.setViewportSize({ width: w, height: h })
    await openWalk(page, '#scenario=unlink-snapshot&variant=barrier-assumed&walk=1')
    await page.keyboard.press('ArrowRight')
    await expect(page.getByTestId('walk-counter')).toHaveText(/Step 1 of/)
    // The slide fills the screen and never scrolls the page.
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(h)
    await shot(`walk-${w}-light-step`)
    await page.keyboard.press('End')
    await expect(page.getByTestId('walk-question')).toBeVisible()
    await shot(`walk-${w}-light-question`)
    await page.getByRole('button', { name: /dark theme/ }).click()
    await page.keyboard.press('Digit1')
    await page.keyboard.press('Digit2')
    await page.keyboard.press('KeyR')
    await expect(page.getByTestId('walk-answer')).toBeVisible()
    await expect(page.getByTestId('walk-answer')).toBeInViewport()
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(h)
    await shot(`walk-${w}-dark-revealed`)
    await page.keyboard.press('ArrowRight')
    await expect(page.getByTestId('walk-question')).toHaveCount(0)
    await shot(`walk-${w}-dark-step`)
  })
}
