/**
 * `import` and `explore` on trace files, as a user runs them: a summary per device, JSON, the
 * device filter, errors as file:line:col with a non-zero exit, and crash states of a trace.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { JBD2_NO_CACHE, PREFLUSH_FUA } from '../formats/samples.testkit'
import { main } from './main'

const FIXTURES = fileURLToPath(new URL('../formats/fixtures/', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'loopscope-import-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function file(name: string, text: string): string {
  const p = join(dir, name)
  writeFileSync(p, text)
  return p
}

function call(...argv: string[]): { code: number; out: string; err: string } {
  const out: string[] = []
  const err: string[] = []
  const code = main(argv, (t) => out.push(t), (t) => err.push(t))
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('loopscope import', () => {
  it('summarizes each device of a real capture', () => {
    const r = call('import', join(FIXTURES, 'tracefs-loop0-ext4.txt'))
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/tracefs, 2 devices/)
    expect(r.out).toMatch(/7,0: 261 events, 69 requests \(59 write, 5 read, 3 flush, 2 write-zeroes\)/)
    expect(r.out).toMatch(/15 block-layer flushes \(FN\), 9 PREFLUSH \(6 with data\), 6 FUA/)
    expect(r.out).toMatch(/254,0: 343 events/)
  })

  it('prints JSON, for one device with --device', () => {
    for (const flag of [['--device=7,1'], ['--device', '7,1']]) {
      const r = call('import', join(FIXTURES, 'blk-classic-loop1-partition.txt'), ...flag, '--json')
      expect(r.code).toBe(0)
      const doc = JSON.parse(r.out)
      expect(doc.format).toBe('blkparse')
      expect(doc.devices).toHaveLength(1)
      expect(doc.devices[0]).toMatchObject({ device: '7,1', requests: 16, flush_proxies: 3, preflush_with_data: 1, fua: 1, in_flight: 0 })
      expect(doc.devices[0].by_op).toEqual({ write: 15, read: 0, flush: 1, discard: 0, 'write-zeroes': 0, other: 0 })
    }
  })

  it('lists requests with --list', () => {
    const r = call('import', file('preflush.txt', PREFLUSH_FUA), '--list', '--json')
    const doc = JSON.parse(r.out)
    expect(doc.requests.filter((q: { proxy: boolean }) => q.proxy)).toHaveLength(2)
    expect(call('import', file('preflush2.txt', PREFLUSH_FUA), '--list').out).toMatch(/8,0 #1 write FWFSM 43781957\+17 queue 1967 issue 1671798 data 1843458 done 2742812 \[\(null\)\]/)
  })

  it('says which devices there are when --device names none', () => {
    const r = call('import', join(FIXTURES, 'tracefs-loop0-ext4.txt'), '--device=8,0')
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/--device 8,0: the trace has no events on it; its devices: 7,0, 254,0/)
  })

  it('prints errors as file:line:col: message and exits 2', () => {
    const bad = '253,0    0       16     0.004446931     0  C  WS 7928928 + [0]'
    const p = file('bad.txt', `${JBD2_NO_CACHE}${bad}\nsummary\n`)
    const r = call('import', p)
    expect(r.code).toBe(2)
    expect(r.err).toBe(`${p}:8:${bad.indexOf('[0]') + 1}: expected the sector count, found '['`)
    const q = file('notrace.txt', 'hello\nworld\n')
    expect(call('import', q).err).toMatch(new RegExp(`^${q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:1: not a block trace`))
    expect(call('import', join(dir, 'missing.txt')).err).toMatch(/no file named/)
    expect(call('import').err).toMatch(/import needs a trace file/)
    expect(call('import', p, '--format', 'xml').err).toMatch(/--format must be one of blkparse, tracefs, fio-v2, fio-v3/)
  })
})

describe('loopscope explore <trace>', () => {
  it('counts the states a power loss can leave on the busiest device', () => {
    const r = call('explore', file('jbd2.txt', JBD2_NO_CACHE), '--json')
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.out)
    expect(doc).toMatchObject({ device: '253,0', format: 'blkparse', model: 'power-loss', states_total: 1, exhaustive: true })
    const early = JSON.parse(call('explore', file('jbd2b.txt', JBD2_NO_CACHE), '--at', '1ms', '--json').out)
    expect(early.states_total).toBe(4)
  })

  it('explores every instant, and prints text', () => {
    const every = JSON.parse(call('explore', file('pf.txt', PREFLUSH_FUA), '--at', 'every', '--json').out)
    // Submitted at 0: there or not, through both block-layer flushes, until its zero-length C.
    expect(every.instants.map((i: { states_total: number }) => i.states_total)).toEqual([2, 2, 2, 2, 2, 1])
    const text = call('explore', join(FIXTURES, 'blk-tracer-loop0.txt'), '--device', '7,0')
    expect(text.code).toBe(0)
    expect(text.out).toMatch(/7,0 \(tracefs\) {2}power-loss at the end/)
    expect(text.out).toMatch(/states \(/)
  })

  it('refuses models that need more than the trace shows', () => {
    const r = call('explore', file('pf2.txt', PREFLUSH_FUA), '--model', 'atomic-snapshot')
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/only be explored with --model power-loss/)
  })

  it('still explores built-in scenarios', () => {
    expect(call('explore', 'fua-aio', '--json').code).toBe(0)
  })
})
