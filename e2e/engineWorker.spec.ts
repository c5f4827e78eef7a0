/**
 * The crash explorer runs in a Web Worker in the browser: the page asks "crash here", sees
 * progress, gets the engine's answer, and can cancel a long question without freezing.
 */
import { expect, test } from '@playwright/test'

/** 18 overlapping writes, then the power goes: a space too large to list, answered by sampling. */
const inFlight = {
  loopscope: 1,
  id: 'in-flight',
  title: 'Writes in flight at power loss',
  summary: 'Eighteen overlapping writes are in flight when the power goes.',
  stack: { deviceBlocks: 64, loop: { directIo: true, logicalBlockSize: 4096 } },
  workload: { threads: [{ name: 't', ops: [...Array.from({ length: 18 }, (_, i) => ({ op: 'write', block: i, count: 2 })), { op: 'power_loss' }] }] },
}

test('answers a crash question off the main thread, with progress', async ({ page }) => {
  await page.goto('/')
  const answer = await page.evaluate(async () => {
    const hooks = window.__loopscope
    if (!hooks) throw new Error('test hooks missing')
    const worker = hooks.engine()
    let progress = 0
    const asked = worker.ask({ scenario: 'unlink-snapshot', variant: 'barrier-assumed', model: 'power-loss', event: 'end' }, () => progress++)
    const result = await asked.result
    return { result, progress }
  })
  expect(answer.progress).toBeGreaterThan(0)
  expect(answer.result).not.toBe('cancelled')
  if (answer.result === 'cancelled') return
  expect(answer.result.states_total).toBeGreaterThan(0)
  expect(answer.result.formula).toMatch(/state/)
})

test('cancels a long question, then answers the next one', async ({ page }) => {
  await page.goto('/')
  const outcome = await page.evaluate(async (doc) => {
    const hooks = window.__loopscope
    if (!hooks) throw new Error('test hooks missing')
    const worker = hooks.engine()
    let seen = 0
    let asked: { cancel(): void } | null = null
    const slow = worker.ask({ scenario: doc, model: 'power-loss', event: 'end', slice: 4 }, () => {
      if (++seen === 2) asked?.cancel()
    })
    asked = slow
    const result = await slow.result
    // The same worker answers the next question after a cancel.
    const again = await worker.ask({ scenario: doc, model: 'power-loss', event: 'end' }).result
    return { result, seen, againStates: again === 'cancelled' ? -1 : again.states_checked }
  }, inFlight)
  expect(outcome.result).toBe('cancelled')
  expect(outcome.seen).toBeGreaterThanOrEqual(2)
  expect(outcome.againStates).toBeGreaterThan(0)
})
