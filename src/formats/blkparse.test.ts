/**
 * blkparse's default text: the real lines of the reference notes, every action code's tail, the
 * -t elapsed variant, the summary blkparse prints after the events, the kernel's blk_classic
 * lines (no sequence column), and what the errors say.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseBlkparse } from './blkparse'
import type { BlockEvent, ParsedEvents } from './events'
import { FIO_EXT4, JBD2_NO_CACHE, MAN_PAGE, PMEM, PREFLUSH_FUA, SYNC } from './samples.testkit'

function events(text: string): BlockEvent[] {
  const r = parseBlkparse(text)
  if (!r.ok) throw new Error(JSON.stringify(r.errors))
  return r.events
}

function errors(text: string): Extract<ParsedEvents, { ok: false }>['errors'] {
  const r = parseBlkparse(text)
  if (r.ok) throw new Error('expected a failure')
  return r.errors
}

const line = (tail: string, act = 'Q', rwbs = 'W'): string => `  8,0    1       42     1.000000500  1234  ${act.padStart(2)} ${rwbs.padStart(3)} ${tail}\n`

describe('the real lines of the reference notes', () => {
  it('reads the man page line field by field', () => {
    expect(events(MAN_PAGE)).toEqual([
      {
        line: 1,
        t: 0,
        dev: '8,0',
        action: 'G',
        rwbs: { op: 'W', preflush: false, fua: false, readahead: false, sync: false, meta: false, atomic: false },
        sector: 223490,
        sectors: 8,
        pid: 697,
        cpu: 3,
        comm: 'kjournald',
        error: null,
        source: 'blkparse',
      },
    ])
  })

  it('reads a sync write from queue to completion, the plug, the merge and the remap', () => {
    const ev = events(FIO_EXT4)
    expect(ev.map((e) => e.action)).toEqual(['Q', 'G', 'P', 'I', 'U', 'D', 'C', 'M', 'A'])
    expect(ev[0]).toMatchObject({ t: 33_791_608_964, sector: 7614368, sectors: 8, comm: 'fio', pid: 90790, cpu: 11 })
    expect(ev[4]).toMatchObject({ action: 'U', comm: 'fio', depth: 1 })
    expect(ev[6]).toMatchObject({ action: 'C', error: 0, comm: null })
    expect(ev[7]).toMatchObject({ sector: 3905206224, comm: 'jbd2/sde-8' })
    expect(ev[8]).toMatchObject({ action: 'A', sector: 3927579616, sectors: 8, from: { dev: '8,66', sector: 20560864 } })
  })

  it('reads the flush proxies and the zero-length completion of a PREFLUSH+FUA write', () => {
    const ev = events(PREFLUSH_FUA)
    expect(ev[0]?.rwbs).toMatchObject({ op: 'W', preflush: true, fua: true, sync: true, meta: true })
    expect(ev[0]?.comm).toBe('(null)')
    expect(ev[2]).toMatchObject({ action: 'D', sector: null, sectors: 0, comm: 'kworker/3:1H', rwbs: { op: 'N', preflush: true } })
    expect(ev[3]).toMatchObject({ action: 'C', sector: 0, sectors: 0, error: 0 })
    expect(ev[8]).toMatchObject({ action: 'C', sector: 43781957, sectors: 0, error: 0, rwbs: { op: 'W', preflush: false, fua: false } })
  })

  it('reads the jbd2 commit on a disk without a cache and the empty flush of sync(1)', () => {
    expect(events(JBD2_NO_CACHE).map((e) => [e.action, e.sector, e.sectors])).toEqual([
      ['C', 7928704, 224],
      ['A', 7928928, 8],
      ['Q', 7928928, 8],
      ['G', 7928928, 8],
      ['D', 7928928, 8],
      ['C', 7928928, 8],
      ['C', 7928928, 0],
    ])
    expect(events(SYNC).map((e) => [e.action, e.sector, e.sectors, e.comm])).toEqual([
      ['Q', null, 0, 'sync'],
      ['G', null, 0, 'sync'],
      ['D', null, 0, 'kworker/0:2H'],
      ['C', 0, 0, null],
      ['C', 0, 0, null],
    ])
    expect(events(PMEM)[0]).toMatchObject({ dev: '259,1', cpu: 1, t: 41_695_930_264, rwbs: { preflush: true, fua: true } })
  })
})

describe('every action', () => {
  it.each([
    ['Q', 'W', '100 + 8 [dd]', { sector: 100, sectors: 8, comm: 'dd' }],
    ['G', 'W', '100 + 8 [dd]', { sector: 100, sectors: 8, comm: 'dd' }],
    ['S', 'W', '100 + 8 [dd]', { sector: 100, sectors: 8, comm: 'dd' }],
    ['I', 'W', '100 + 8 [dd]', { sector: 100, sectors: 8, comm: 'dd' }],
    ['D', 'W', '100 + 8 [dd]', { sector: 100, sectors: 8, comm: 'dd' }],
    ['B', 'W', '100 + 8 [dd]', { sector: 100, sectors: 8, comm: 'dd' }],
    ['M', 'W', '100 + 8 [dd]', { sector: 100, sectors: 8 }],
    ['F', 'W', '100 + 8 [dd]', { action: 'F', sector: 100, sectors: 8 }],
    ['C', 'W', '100 + 8 [-5]', { sector: 100, sectors: 8, error: -5 }],
    ['R', 'W', '100 + 8 [0]', { action: 'R', sector: 100, error: 0 }],
    ['C', 'WS', '100 [0]', { sector: 100, sectors: 0 }],
    ['P', 'N', '[kworker/0:1 with spaces]', { comm: 'kworker/0:1 with spaces' }],
    ['U', 'N', '[fio] 3', { action: 'U', depth: 3 }],
    ['UT', 'N', '[fstrim] 1', { action: 'UT', depth: 1 }],
    ['T', 'N', '[fstrim] 1', { action: 'UT', depth: 1 }],
    ['X', 'W', '100 / 164 [dd]', { sector: 100, newSector: 164, comm: 'dd' }],
    ['A', 'W', '2148 + 8 <- (259,1) 100', { sector: 2148, sectors: 8, from: { dev: '259,1', sector: 100 } }],
    ['m', 'N', 'cfq workload slice:100', { message: 'cfq workload slice:100' }],
    ['Q', 'W', '100 + 8 (    1234) [dd]', { sector: 100, sectors: 8 }],
    ['C', 'W', '100 + 8 (  987654) [0]', { sector: 100, error: 0 }],
    ['C', 'W', '100 (     12) [0]', { sector: 100, sectors: 0 }],
    ['D', 'FN', '(     12) [kworker]', { sectors: 0, comm: 'kworker' }],
    ['D', 'W', '100 + 8 |4096| [dd]', { sector: 100, sectors: 8 }],
    ['D', 'N', '36 (12 00 00 00 24 00 ..) [sg_inq]', { passthrough: true, comm: 'sg_inq' }],
    ['C', 'N', '(12 00 00 00 24 00 ..) [0]', { passthrough: true, error: 0 }],
    ['C', 'N', '[0]', { passthrough: true, error: 0 }],
    ['Q', 'N', '[name [with] brackets]', { comm: 'name [with] brackets' }],
  ])('%s %s %s', (act, rwbs, tail, want) => {
    const [e] = events(line(tail, act, rwbs))
    expect(e).toMatchObject({ t: 1_000_000_500, pid: 1234, cpu: 1, ...want })
  })

  it('reads 18446744073709551615 (no position) as a null sector, and refuses other numbers past 2^53', () => {
    expect(events(line('18446744073709551615 [0]', 'C', 'FN'))[0]?.sector).toBeNull()
    const huge = line('99999999999999999999 + 8 [dd]')
    expect(errors(huge)[0]).toMatchObject({ line: 1, col: huge.indexOf('9999') + 1, message: expect.stringMatching(/larger than 2\^53/) })
  })
})

describe('the end of the events', () => {
  const summary = `${SYNC}
CPU0 (8,0):
 Reads Queued:           0,        0KiB\t Writes Queued:           1,        0KiB
 Read Dispatches:        0,        0KiB\t Write Dispatches:        1,        0KiB
Total (8,0):
 Reads Queued:           0,        0KiB\t Writes Queued:           1,        0KiB

Throughput (R/W): 0KiB/s / 0KiB/s
Events (8,0): 5 entries
Skips: 0 forward (0 -   0.0%)
`
  it('stops at the first line that is not an event and ignores the summary', () => {
    expect(events(summary)).toHaveLength(5)
  })

  it('says so when an event line follows a line that ended the events', () => {
    const broken = SYNC.replace('  8,0    0        3', 'garbage here\n  8,0    0        3')
    expect(errors(broken)[0]).toMatchObject({ line: 3, col: 1, message: expect.stringMatching(/line 4 is an event again/) })
  })

  it('skips leading comments and reads the kernel blk_classic lines, which have no sequence column', () => {
    const classic = readFileSync(new URL('./fixtures/blk-classic-loop0.txt', import.meta.url), 'utf8')
    const ev = events(classic)
    expect(ev).toHaveLength(231)
    expect(ev[0]).toMatchObject({ line: 5, dev: '7,0', cpu: 1, t: 10735_610_896_732, pid: 12342, action: 'Q', sector: 17470, sectors: 2, comm: 'kworker/u8:0' })
    expect(ev.filter((e) => e.action === 'UT')).toHaveLength(4)
  })
})

describe('errors name the line, the column and what was expected', () => {
  // [text, the text the column points at, message]
  const L = '  8,0    1       42     1.000000500  1234  '
  it.each([
    [`${L}Q   W 100 + [dd]`, '[dd]', /expected the sector count, found '\['/],
    [`${L}Q   W 100 8 [dd]`, '8 [dd]', /expected '\+' and a sector count/],
    [`${L}Q   W 100 + 8 dd]`, 'dd]', /expected '\[' before the process name/],
    [`${L}Q   W 100 + 8 [dd`, null, /expected '\]' closing the process name/],
    [`${L}Z   W 100 + 8 [dd]`, 'Z', /unknown action 'Z'/],
    [`${L}C   W 100 + 8 [x]`, 'x]', /expected the error number/],
    ['  8,0    1       42     1.0000005001  1234  Q   W 100 + 8 [dd]', '0000005001', /more than 9 fraction digits/],
    [`${L}Q   W 100 + 8 [dd] extra`, 'extra', /unexpected text after the event/],
    [`${L}A   W 100 + 8 <- 259,1 7`, '259,1', /expected '\(' before the device/],
    [`${L}Q  WX 100 + 8 [dd]`, 'X 100', /unknown RWBS flag letter 'X'/],
    [`${L}Q   W 100 + 8`, null, /'\[' before the process name/],
    ['hello', 'hello', /expected a blkparse event line/],
  ])('%j', (text, at, message) => {
    const col = at === null ? text.length + 1 : text.indexOf(at) + 1
    expect(errors(`${text}\n`)[0]).toEqual({ line: 1, col, message: expect.stringMatching(message) })
  })

  it('says an empty text holds no events', () => {
    expect(errors('')[0]).toMatchObject({ line: 1, col: 1, message: expect.stringMatching(/no blkparse event lines/) })
  })

  it('reports each bad event line and keeps reading the others', () => {
    const text = `${line('1 + 8 [a]')}${line('2 + [b]')}${line('3 + 8 [c]')}${line('4 + x [d]')}`
    expect(errors(text).map((e) => e.line)).toEqual([2, 4])
  })
})
