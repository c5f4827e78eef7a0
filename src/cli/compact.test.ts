import { describe, expect, it } from 'vitest'
import { decodeScenario } from '../share/link'
import { main } from './main'

function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = main(argv, (t) => out.push(t), (t) => err.push(t))
  return { code, out: out.join('\n'), err: err.join('\n') }
}

const FUA_2012 = 'device 64; loop proposal-2012 dio lbs=4096; thread guest: w 7 fua wait @w'

describe('--compact', () => {
  it('runs a run written as compact text: the same hash as the built-in it spells', () => {
    const text = JSON.parse(cli('run', '--compact', FUA_2012, '--json').out)
    const builtin = JSON.parse(cli('run', 'fua-aio', '--variant', 'proposal-2012', '--json').out)
    expect(text.hash).toBe(builtin.hash)
    expect(text.verdicts).toEqual(builtin.verdicts)
  })

  it('names the line and column of a mistake', () => {
    const r = cli('run', '--compact', 'device 64\nthread t: w 70')
    expect(r.code).toBe(2)
    expect(r.err).toContain('2:13 block must be below the device size (64 blocks), got 70')
  })

  it('gives a share link that carries the run', () => {
    const r = cli('share', '--compact', FUA_2012)
    expect(r.code).toBe(0)
    const back = decodeScenario(/^#s=(.+)$/.exec(r.out)?.[1] ?? '')
    expect(back.ok && back.file.stack).toEqual({ deviceBlocks: 64, loop: { mode: 'proposal-2012', directIo: true, logicalBlockSize: 4096 } })
  })

  it('needs something to run', () => {
    expect(cli('run').err).toContain('run needs a scenario id, a scenario file or --compact')
  })
})
