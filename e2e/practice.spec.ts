/**
 * Practice problems as a student meets them: open #practice=<seed>, read the problem (the same as
 * `problem --seed N` prints), answer wrongly and learn which choice is wrong and why, answer right,
 * move on to the next seed, pick a kind, and open the scenario in the explorer. The expected
 * answers come from the command line, run here in Node; the page gets its problem from the engine
 * worker.
 */
import type { Page } from '@playwright/test'
import { main } from '../src/cli/main'
import type { Problem } from '../src/practice/types'
import { expect, test } from './fixtures'

/** The problem as `problem --seed N [--kind K] --json` prints it. */
function cliProblem(seed: number, kind?: string): Problem {
  const out: string[] = []
  const code = main(
    ['problem', '--seed', String(seed), ...(kind ? ['--kind', kind] : []), '--json'],
    (t) => out.push(t),
    () => {},
  )
  expect(code).toBe(0)
  return JSON.parse(out.join('\n')) as Problem
}

async function openPractice(page: Page, hash: string): Promise<void> {
  await page.goto(`/${hash}`)
  await expect(page.getByTestId('practice-question')).toBeVisible({ timeout: 20_000 })
}

const correct = (p: Problem): string[] => p.answers.filter((a) => a.correct).map((a) => a.id)
const wrong = (p: Problem): string[] => p.answers.filter((a) => !a.correct).map((a) => a.id)

test('a which-images problem: the statement is the command line’s; a wrong answer is explained, a right one accepted', async ({
  page,
  shot,
}) => {
  const p = cliProblem(0)
  expect(p.kind).toBe('which-images')
  await openPractice(page, '#practice=0')
  await expect(page.getByTestId('practice-question')).toHaveText(p.question)
  for (const step of p.history)
    await expect(page.locator('.pr-step').nth(step.step - 1)).toContainText(step.items.join('; '))
  for (const c of p.candidates) {
    if (c.kind !== 'image') throw new Error('which-images candidates are images')
    const img = page.getByRole('img', { name: new RegExp(`^Image ${c.id}: `) })
    await expect(img).toHaveAccessibleName(
      `Image ${c.id}: ${c.cells.map((x) => `block ${x.block}: ${x.label === 'old' ? 'old contents' : x.label}`).join(', ')}`,
    )
  }
  await shot('practice-which-images')

  // Wrong: only an impossible image. The feedback names it and gives the engine's reason.
  const bad = wrong(p)[0] as string
  await page.getByTestId(`practice-choice-${bad}`).check()
  await page.getByTestId('practice-check').click()
  await expect(page.getByTestId('practice-feedback')).toContainText(`${bad} is not possible`)
  const reason = p.answers.find((a) => a.id === bad)?.reason as string
  // The mark says the verdict once; the engine's reason follows without its own "impossible: ".
  await expect(page.getByTestId(`practice-mark-${bad}`)).toHaveText(`✗ not possible ${reason.replace(/^impossible: /, '')}`)
  await shot('practice-which-images-wrong')

  // Right: exactly the possible images, chosen with the keyboard.
  await page.getByTestId(`practice-choice-${bad}`).focus()
  await page.keyboard.press('Space')
  for (const id of correct(p)) {
    await page.getByTestId(`practice-choice-${id}`).focus()
    await page.keyboard.press('Space')
  }
  await page.getByTestId('practice-check').focus()
  await page.keyboard.press('Enter')
  const ids = correct(p)
  const said = ids.length === 1 ? ids[0] : `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`
  await expect(page.getByTestId('practice-feedback')).toContainText(`Right: ${said}.`)

  await page.getByTestId('practice-show').click()
  for (const a of p.answers) {
    const verdict = a.correct ? '✓ possible' : '✗ not possible'
    await expect(page.getByTestId(`practice-mark-${a.id}`)).toHaveText(`${verdict} ${a.reason.replace(/^(?:im)?possible: /, '')}`)
  }
})

test('"Check" stays disabled, saying why, until something is marked: an empty answer reveals nothing', async ({
  page,
  shot,
}) => {
  const p = cliProblem(0)
  await openPractice(page, '#practice=0')
  const check = page.getByTestId('practice-check')
  const hint = page.getByTestId('practice-check-hint')
  await expect(check).toBeDisabled()
  await expect(hint).toBeVisible()
  await expect(hint).toHaveText('Mark at least one image to check your answer.')
  await expect(check).toHaveAccessibleDescription('Mark at least one image to check your answer.')
  await shot('practice-check-disabled')
  // Nothing was judged: no candidate shows a verdict or a reason.
  await expect(page.locator('[data-testid^="practice-mark-"]')).toHaveCount(0)
  await expect(page.getByTestId('practice-feedback')).toHaveText('')

  const one = p.candidates[0]?.id as string
  await page.getByTestId(`practice-choice-${one}`).check()
  await expect(check).toBeEnabled()
  await expect(hint).toBeHidden()
  await page.getByTestId(`practice-choice-${one}`).uncheck()
  await expect(check).toBeDisabled()

  // A verdict problem: "No" alone is not an answer yet; "No" with what fsck finds is.
  const v = cliProblem(7, 'consistent')
  await openPractice(page, '#practice=7&kind=consistent')
  await expect(check).toBeDisabled()
  await expect(hint).toHaveText('Choose yes, or no and what fsck finds, to check your answer.')
  await page.getByTestId('practice-no').check()
  await expect(check).toBeDisabled()
  await expect(page.locator('[data-testid^="practice-mark-"]')).toHaveCount(0)
  await page.getByTestId(`practice-choice-${v.candidates[1]?.id}`).check()
  await expect(check).toBeEnabled()
  await page.getByTestId('practice-yes').check()
  await expect(check).toBeEnabled()
})

test('the worker in the page makes the same Problem document as the command line', async ({
  page,
}) => {
  await page.goto('/')
  for (const [seed, kind] of [
    [17, null],
    [7, 'consistent'],
    [2024, 'reverse'],
  ] as const) {
    const fromPage = await page.evaluate(
      async ([s, k]) => {
        const hooks = window.__loopscope
        if (!hooks) throw new Error('test hooks missing')
        return hooks.engine().problem(s, k).result
      },
      [seed, kind] as const,
    )
    expect(fromPage).toEqual(cliProblem(seed, kind ?? undefined))
  }
})

test('next problem, the seed field and the kind selector change the problem and the address', async ({
  page,
}) => {
  await openPractice(page, '#practice=0')
  await page.getByTestId('practice-next').click()
  await expect(page).toHaveURL(/#practice=1$/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('seed 1')
  await expect(page.getByTestId('practice-question')).toHaveText(cliProblem(1).question)

  await page.getByTestId('practice-kind').selectOption('reverse')
  await expect(page).toHaveURL(/#practice=1&kind=reverse$/)
  await expect(page.getByTestId('practice-question')).toHaveText(cliProblem(1, 'reverse').question)

  await page.getByTestId('practice-seed').fill('42')
  await page.getByTestId('practice-seed').press('Enter')
  await expect(page).toHaveURL(/#practice=42&kind=reverse$/)
  await expect(page.getByTestId('practice-question')).toHaveText(cliProblem(42, 'reverse').question)

  await page.getByTestId('practice-seed').fill('12x')
  await expect(page.getByText('The seed is a whole number from 0 to 2147483647.')).toBeVisible()
  await page.goBack()
  await expect(page).toHaveURL(/#practice=1&kind=reverse$/)
})

test('a consistent problem: yes or no, and what fsck finds', async ({ page, shot }) => {
  const p = cliProblem(7, 'consistent')
  await openPractice(page, '#practice=7&kind=consistent')
  await expect(page.getByTestId('practice-image').locator('tbody tr')).toHaveCount(
    p.image?.length ?? 0,
  )
  const consistent = p.answers.find((a) => a.id === 'A')?.correct === true
  // Wrong first.
  if (consistent) {
    await page.getByTestId('practice-no').check()
    await page.getByTestId(`practice-choice-${wrong(p).find((id) => id !== 'A')}`).check()
  } else await page.getByTestId('practice-yes').check()
  await page.getByTestId('practice-check').click()
  await expect(page.getByTestId('practice-feedback')).toContainText('is not the answer')
  await shot('practice-consistent-wrong')
  // Then right.
  if (consistent) await page.getByTestId('practice-yes').check()
  else {
    await page.getByTestId('practice-no').check()
    await page.getByTestId(`practice-choice-${correct(p)[0]}`).check()
  }
  await page.getByTestId('practice-check').click()
  await expect(page.getByTestId('practice-feedback')).toContainText('Right')
})

test('a reverse problem lists instants, and the explore link opens its scenario in the crash explorer', async ({
  page,
  shot,
}) => {
  const p = cliProblem(2024, 'reverse')
  await openPractice(page, '#practice=2024&kind=reverse')
  for (const c of p.candidates)
    if (c.kind === 'instant')
      await expect(page.locator('.pr-choice', { hasText: c.instant.text })).toHaveCount(1)
  await shot('practice-reverse')
  await page.getByTestId('practice-explore').click()
  await expect(page).toHaveURL(/#s=1\.[^&]+&panel=crash/)
  await expect(page.getByTestId('readout')).toBeVisible({ timeout: 20_000 })
  await expect(page.getByTestId('crash-panel')).toBeVisible()
})

test('the explore link of a which-images problem opens at the problem’s instant', async ({
  page,
}) => {
  const p = cliProblem(0)
  await openPractice(page, '#practice=0')
  await page.getByTestId('practice-explore').click()
  await expect(page).toHaveURL(new RegExp(`&at=${p.instant?.event}&panel=crash`))
  await expect(page.getByTestId('readout')).toContainText(`event ${p.instant?.event} /`, {
    timeout: 20_000,
  })
})

test('a bad practice address says what is wrong', async ({ page }) => {
  for (const [hash, message] of [
    ['#practice=abc', 'is not a whole number from 0 to 2147483647'],
    ['#practice=2147483648', 'is not a whole number from 0 to 2147483647'],
    ['#practice=3&kind=hard', 'There is no kind of problem “hard”'],
  ] as const) {
    await page.goto(`/${hash}`)
    await expect(page.getByTestId('bad-address')).toContainText(message)
  }
})

test('the gallery and the top bar link to practice', async ({ page }) => {
  await page.goto('/')
  await page.getByTestId('gallery-practice').click()
  await expect(page).toHaveURL(/#practice=1$/)
  await expect(page.getByTestId('practice-question')).toBeVisible({ timeout: 20_000 })
  await page.goto('/#scenario=fua-aio')
  await page.getByTestId('topbar-practice').click()
  await expect(page.getByTestId('practice')).toBeVisible()
})

test('practice screens in dark theme and presenter mode', async ({ page, shot }) => {
  for (const [hash, name] of [
    ['#practice=0', 'which-images'],
    ['#practice=7&kind=consistent', 'consistent'],
    ['#practice=2024&kind=reverse', 'reverse'],
  ] as const) {
    await page.emulateMedia({ colorScheme: 'dark' })
    await openPractice(page, hash)
    if ((await page.getByRole('button', { name: /dark theme/ }).count()) > 0)
      await page.getByRole('button', { name: /dark theme/ }).click()
    await page.getByTestId('practice-show').click()
    await shot(`practice-${name}-dark`)
    await page.getByRole('button', { name: 'Presenter' }).click()
    await shot(`practice-${name}-presenter`)
    await page.getByRole('button', { name: 'Presenter' }).click()
  }
})
