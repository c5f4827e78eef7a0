import { describe, expect, it } from 'vitest'
import { validateScenario } from '../../src/scenarios'
import { STACK_GROUPS, stackPath, type StackField } from './stackFields'

/** A document whose stack sets one field. */
function withField(f: StackField, value: unknown) {
  const field = f.field.endsWith('Ns') ? f.field.slice(0, -2) : f.field
  return { loopscope: 1, id: 'x', title: 'X', summary: 'X.', stack: { [f.section]: { [field]: value } } }
}

const fields = STACK_GROUPS.flatMap((g) => g.fields)

describe('the form of stack settings', () => {
  it.each(fields.map((f) => [stackPath(f), f] as const))('%s: shows the range the validator takes', (path, f) => {
    const k = f.kind
    const ok = (v: unknown) => validateScenario(withField(f, v)).ok
    const errorPath = (v: unknown) => {
      const r = validateScenario(withField(f, v))
      return r.ok ? null : r.errors[0]?.path
    }
    if (k.t === 'int' || k.t === 'quantity') {
      expect(ok(k.min)).toBe(true)
      expect(ok(k.max)).toBe(true)
      expect(errorPath(k.max + 1)).toBe(path)
      if (k.min > 0) expect(errorPath(k.min - 1)).toBe(path)
    } else if (k.t === 'select') {
      for (const [v] of k.options) expect(ok(v)).toBe(true)
    } else {
      expect(ok(true) && ok(false)).toBe(true)
    }
  })

  it('names each field by the path the validator reports', () => {
    expect(stackPath({ section: 'hostFs', field: 'commitIntervalNs' })).toBe('stack.hostFs.commitInterval')
    expect(new Set(fields.map(stackPath)).size).toBe(fields.length)
  })
})
