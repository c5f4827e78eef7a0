import { expect, it } from 'vitest'
import { parseCompact } from '../../src/scenarios/compact'
import { STATEMENTS } from '../../src/scenarios/compact/vocab'
import { SYNTAX } from './syntax'

it('every example of the cheat sheet reads (ops outside a statement go into a thread)', () => {
  const pieces = SYNTAX.flatMap(([code]) => code.split(' · '))
  const statements = pieces.filter((p) => (STATEMENTS as readonly string[]).includes(p.split(' ')[0] ?? ''))
  const ops = pieces.filter((p) => !statements.includes(p))
  expect(ops.length).toBeGreaterThan(3)
  const r = parseCompact([...statements, `thread more: ${ops.join(', ')}`].join('\n'))
  expect(r.ok ? [] : r.errors).toEqual([])
})
