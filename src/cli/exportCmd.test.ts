/**
 * `export` as a user runs it: the scenario document runs again to the same hash as the built-in,
 * the blkparse text imports back, the Chrome trace is valid JSON against the format, to stdout or
 * to a file, and bad options get a message.
 */
import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { validateChromeTrace } from '../formats/chromeTraceCheck'
import { importTrace } from '../formats'
import { catalogue } from '../scenarios/catalogue'
import { main } from './main'

const dir = mkdtempSync(join(tmpdir(), 'loopscope-export-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function call(...argv: string[]): { code: number; out: string; err: string } {
  const out: string[] = []
  const err: string[] = []
  const code = main(argv, (t) => out.push(t), (t) => err.push(t))
  return { code, out: out.join('\n'), err: err.join('\n') }
}

const hashOf = (...argv: string[]): string => {
  const r = call('run', ...argv, '--json')
  expect(r.code).toBe(0)
  return (JSON.parse(r.out) as { hash: string }).hash
}

describe('loopscope export --format json', () => {
  it.each(catalogue().map((e) => [e.meta.id, e.meta.variants.map((v) => v.id)] as const))(
    '%s: the exported file runs to the same hash as the built-in, every variant',
    (id, variants) => {
      const r = call('export', id, '--format', 'json')
      expect(r.code).toBe(0)
      const file = join(dir, `${id}.json`)
      writeFileSync(file, r.out)
      for (const v of variants) expect(hashOf(file, '--variant', v)).toBe(hashOf(id, '--variant', v))
      expect(hashOf(file)).toBe(hashOf(id))
    },
    60_000,
  )

  it('puts the variant asked for first, so run FILE runs it; --out writes the file', () => {
    const file = join(dir, 'fua.json')
    const r = call('export', 'fua-aio', '--variant', 'proposal-2012', '--format', 'json', '--out', file)
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^wrote scenario fua-aio \(\d+ bytes\) to /)
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { variants: Array<{ id: string }> }
    expect(doc.variants.map((v) => v.id)).toEqual(['proposal-2012', 'mainline'])
    expect(hashOf(file)).toBe(hashOf('fua-aio', '--variant', 'proposal-2012'))
  })

  it('refuses a seed (a scenario file carries its own)', () => {
    const r = call('export', 'fua-aio', '--format', 'json', '--seed', '3')
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/--seed applies to chrome and blkparse exports/)
  })
})

describe('loopscope export --format blkparse', () => {
  it('prints text that import reads back as the same devices and requests', () => {
    const r = call('export', 'unlink-snapshot', '--variant', 'jbd2', '--format', 'blkparse')
    expect(r.code).toBe(0)
    const back = importTrace(`${r.out}\n`)
    if (!back.ok) throw new Error(JSON.stringify(back.errors))
    expect(back.trace.format).toBe('blkparse')
    // 12 guest bios and 4 block-layer flushes on loop0, 10 host bios and 4 flushes on the disk.
    expect(back.trace.devices.map((d) => [d.dev, d.requests.filter((x) => !x.proxy).length, d.requests.filter((x) => x.proxy).length])).toEqual([
      ['7,0', 12, 4],
      ['8,0', 10, 4],
    ])
    const file = join(dir, 'unlink.blkparse')
    const w = call('export', 'unlink-snapshot', '--variant', 'jbd2', '--format', 'blkparse', '--out', file)
    expect(w.out).toMatch(/^wrote blkparse text of unlink-snapshot \/ jbd2 seed 1 \(79 lines, \d+ bytes\) to /)
    expect(readFileSync(file, 'utf8')).toBe(`${r.out}\n`)
    const imported = call('import', file, '--json')
    expect(imported.code).toBe(0)
  })
})

describe('loopscope export --format chrome', () => {
  it('prints a valid Chrome trace by default, and writes the same bytes with --out', () => {
    const r = call('export', 'fua-aio', '--variant', 'mainline')
    expect(r.code).toBe(0)
    const trace = JSON.parse(r.out) as { traceEvents: unknown[]; metadata: Record<string, unknown> }
    expect(validateChromeTrace(trace)).toEqual([])
    expect(trace.metadata).toMatchObject({ scenario: 'fua-aio', variant: 'mainline' })
    const file = join(dir, 'fua.trace.json')
    const w = call('export', 'fua-aio', '--variant', 'mainline', '--format', 'chrome', '--out', file)
    expect(w.out).toMatch(/^wrote the Chrome trace of fua-aio \/ mainline seed \d+ \(7 requests, \d+ bytes\) to .*ui\.perfetto\.dev/)
    expect(readFileSync(file, 'utf8')).toBe(`${r.out}\n`)
  })

  it('honours --seed, and says what is wrong with bad options', () => {
    const a = JSON.parse(call('export', 'aio-order', '--seed', '5').out) as { metadata: { seed: number } }
    expect(a.metadata.seed).toBe(5)
    expect(call('export').err).toMatch(/export needs a scenario id or a scenario file/)
    expect(call('export', 'fua-aio', '--format', 'svg').err).toMatch(/--format must be one of chrome, blkparse, json, got "svg"/)
    expect(call('export', 'nope').err).toMatch(/no scenario or file named "nope"/)
    expect(call('export', 'fua-aio', '--variant', 'nope').err).toMatch(/unknown variant/)
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, '{"loopscope": 1}')
    expect(call('export', bad).err).toMatch(/is not a valid scenario/)
    expect(call('export', 'fua-aio', '--out', join(dir, 'no/such/dir/x.json')).err).toMatch(/cannot write .*no\/such\/dir\/x\.json: ENOENT/)
  })

  it('is listed in the usage', () => {
    expect(call('help').out).toMatch(/export <id\|file> \[--variant V\] \[--seed N\] \[--format chrome\|blkparse\|json\] \[--out FILE\]/)
  })
})
