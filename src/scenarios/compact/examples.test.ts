/**
 * The examples of docs/compact.md, and the fixture the browser test compares the editor's text
 * with (e2e/compact-builtins.json), are what formatRun prints for those built-in variants.
 * Regenerate the fixture with UPDATE_COMPACT_FIXTURE=1 after a deliberate change of the form.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { catalogue } from '../catalogue'
import { resolveScenario } from '../resolve'
import { formatRun, parseCompact } from './index'

const ROOT = join(__dirname, '..', '..', '..')

function textOf(id: string, variant: string): string {
  const entry = catalogue().find((e) => e.meta.id === id)
  const r = entry && resolveScenario(entry.file, variant)
  if (!r?.ok) throw new Error(`${id}/${variant} does not resolve`)
  return formatRun(r.value.seed, r.value.config)
}

describe('docs/compact.md', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'compact.md'), 'utf8')
  const examples = [
    ...doc.matchAll(/<!-- example: ([\w-]+)\/([\w-]+) -->\n```text\n([\s\S]*?)\n```/g),
  ]

  it('has examples, each the text of its built-in variant', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5)
    for (const [, id, variant, text] of examples)
      expect(text, `${id}/${variant}`).toBe(textOf(id as string, variant as string))
  })

  it('shows error lines the reader really gives', () => {
    const shown = /## Errors[\s\S]*?```text\n([\s\S]*?)\n```/.exec(doc)?.[1]?.split('\n') ?? []
    const real = [
      parseCompact('thread guest: wr 10'),
      parseCompact('device 64\nthread t: w 70'),
      parseCompact('thread t: sleep 5'),
    ]
    const firsts = real.map((r) =>
      r.ok ? '' : `${r.errors[0]?.line}:${r.errors[0]?.column} ${r.errors[0]?.message}`,
    )
    expect(shown).toHaveLength(3)
    shown.forEach((line, i) => expect(firsts[i]?.startsWith(line.replace(/…$/, ''))).toBe(true))
  })
})

describe('e2e/compact-builtins.json', () => {
  const want = catalogue().flatMap((e) =>
    e.meta.variants.map((v) => ({
      scenario: e.meta.id,
      variant: v.id,
      text: textOf(e.meta.id, v.id),
    })),
  )
  const path = join(ROOT, 'e2e', 'compact-builtins.json')

  it('holds the text of every built-in variant', () => {
    if (process.env.UPDATE_COMPACT_FIXTURE === '1')
      writeFileSync(path, `${JSON.stringify(want, null, 2)}\n`)
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(want)
  })
})
