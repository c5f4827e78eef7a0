import { describe, expect, it } from 'vitest'
import { findScenario } from '../scenarios/catalogue'
import { decodeScenario } from '../share/link'
import { main } from './main'

function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = main(argv, (t) => out.push(t), (t) => err.push(t))
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('share', () => {
  it('prints a fragment that decodes to the scenario, with the variant', () => {
    const r = cli('share', 'unlink-snapshot', '--variant', 'jbd2-dio')
    expect(r.code).toBe(0)
    const m = /^#s=([^&]+)&variant=jbd2-dio$/.exec(r.out)
    expect(m).not.toBeNull()
    const back = decodeScenario(m?.[1] ?? '')
    expect(back.ok && back.file).toEqual(findScenario('unlink-snapshot')?.file)
  })

  it('refuses an unknown variant', () => {
    const r = cli('share', 'fua-aio', '--variant', 'nope')
    expect(r.code).toBe(2)
    expect(r.err).toContain('unknown variant')
  })
})
