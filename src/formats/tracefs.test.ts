/**
 * The kernel's tracefs text: the header, the task-pid/CPU/flags/timestamp prefix in its
 * variants, each block tracepoint's body as printed by 6.18 (fixtures/tracefs-print-fmt-6.18.txt)
 * and by older kernels without the ioprio field, the blk tracer's lines, and real captures.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { BlockEvent, ParsedEvents } from './events'
import { FTRACE_LKML } from './samples.testkit'
import { parseTracefs } from './tracefs'

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')

function events(text: string): BlockEvent[] {
  const r = parseTracefs(text)
  if (!r.ok) throw new Error(JSON.stringify(r.errors))
  return r.events
}

function failed(text: string): Extract<ParsedEvents, { ok: false }> {
  const r = parseTracefs(text)
  if (r.ok) throw new Error('expected a failure')
  return r
}

const P = '    kworker/u8:1-2295    [001] ..... 10683.424154: '

describe('the line prefix', () => {
  it.each([
    ['            bash-17375   [001] ..... 10683.414226: ', { pid: 17375, cpu: 1, t: 10683_414_226_000 }],
    ['    jbd2/loop0-8-17357   [001] ..... 10683.425701: ', { pid: 17357, cpu: 1 }],
    ['          <idle>-0       [001] ..s1. 10683.424441: ', { pid: 0 }],
    ['           <...>-4242    [000] d.s2. 10683.424441: ', { pid: 4242 }],
    ['  Web Content-12-34      [003] .N... 1.5: ', { pid: 34, cpu: 3, t: 1_500_000_000 }],
    ['            bash-17375   (  17375) [001] ..... 10683.414226: ', { pid: 17375 }],
    ['            bash-17375   (-------) [001] ..... 10683.414226: ', { pid: 17375 }],
    ['            bash-17375   [001] 10683.414226: ', { pid: 17375, t: 10683_414_226_000 }],
    ['            bash-17375   [001] d..1 10683.123456789: ', { t: 10683_123_456_789 }],
  ])('%j', (prefix, want) => {
    const [e] = events(`${prefix}block_bio_queue: 7,0 W 8 + 8 [bash]\n`)
    expect(e).toMatchObject({ action: 'Q', dev: '7,0', sector: 8, sectors: 8, comm: 'bash', ...want })
  })

  it('skips the header and buffer markers, and warns about lost events', () => {
    const r = parseTracefs(`# tracer: nop
#
# entries-in-buffer/entries-written: 1/1   #P:2
#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION
##### CPU 1 buffer started ####
CPU:1 [LOST 12 EVENTS]
${P}block_bio_queue: 254,0 WS 48247944 + 8 [kworker/u8:1]
`)
    expect(r.ok && r.events).toHaveLength(1)
    expect(r.warnings).toEqual([{ line: 6, col: 1, message: 'the kernel dropped 12 events on CPU 1: the trace has a gap here' }])
  })

  it('skips other subsystems and the block events the model does not need', () => {
    const r = parseTracefs(`${P}sched_switch: prev_comm=bash prev_pid=1 ==> next_comm=swapper/1
${P}block_touch_buffer: 7,0 sector=12 size=4096
${P}block_io_start: 7,0 W 4096 () 8 + 8 be,0,4 [dd]
${P}block_bio_queue: 7,0 W 8 + 8 [dd]
`)
    expect(r.ok && r.events.length).toBe(1)
    expect(r.ok && r.ignored).toBe(3)
  })

  it('skips events whose names are also names of object properties, like any other unknown event', () => {
    const r = parseTracefs(`${P}constructor: 7,0 W 8 + 8 [dd]
${P}toString: 7,0 W 8 + 8 [dd]
${P}__proto__: 7,0 W 8 + 8 [dd]
${P}block_bio_queue: 7,0 W 8 + 8 [dd]
`)
    expect(r.ok && r.events.map((e) => e.action)).toEqual(['Q'])
    expect(r.ok && r.ignored).toBe(3)
  })
})

describe('event bodies', () => {
  it.each([
    ['block_bio_queue: 7,0 FWFSM 32788 + 2 [jbd2/loop0-8]', { action: 'Q', sector: 32788, sectors: 2, rwbs: { preflush: true, fua: true } }],
    ['block_bio_queue: 7,0 FWS 0 + 0 [sync]', { action: 'Q', sector: 0, sectors: 0, rwbs: { op: 'W', preflush: true } }],
    ['block_getrq: 7,0 WS 8 + 8 [dd]', { action: 'G' }],
    ['block_bio_backmerge: 7,0 WSM 32774 + 2 [jbd2/loop0-8]', { action: 'M', sector: 32774 }],
    ['block_bio_frontmerge: 7,0 WSM 32774 + 2 [jbd2/loop0-8]', { action: 'F' }],
    ['block_rq_insert: 7,0 NS 521216 () 556 + 1018 be,0,4 [ext4lazyinit]', { action: 'I', sector: 556, sectors: 1018, rwbs: { op: 'N' } }],
    ['block_rq_issue: 7,0 FF 0 () 0 + 0 none,0,0 [kworker/1:1H]', { action: 'D', sectors: 0, rwbs: { op: 'F', preflush: true }, comm: 'kworker/1:1H' }],
    ['block_rq_complete: 7,0 FF () 18446744073709551615 + 0 none,0,0 [0]', { action: 'C', sector: null, sectors: 0, error: 0 }],
    ['block_rq_complete: 7,0 WSM () 32788 + 0 be,0,3 [0]', { action: 'C', sector: 32788, sectors: 0 }],
    ['block_rq_complete: 7,0 WS () 0 + 0 be,0,4 [-5]', { action: 'C', sector: 0, sectors: 0, error: -5 }],
    ['block_rq_issue: 8,0 WS 4096 () 16573296 + 8 rt,4 [highpool[1]]', { action: 'D', comm: 'highpool[1]' }],
    ['block_rq_issue: 8,0 W 0 () 123 + 8 [old-kernel]', { action: 'D', sector: 123, comm: 'old-kernel' }],
    ['block_rq_complete: 8,0 W () 123 + 8 [0]', { action: 'C', sector: 123, error: 0 }],
    ['block_rq_requeue: 8,0 W () 123 + 8 be,0,4 [0]', { action: 'R', sector: 123 }],
    ['block_rq_issue: 8,0 N 36 (12 00 00 00 24 00) 0 + 0 be,0,4 [sg_inq]', { action: 'D', passthrough: true }],
    ['block_bio_complete: 253,0 WS 7928928 + 8 [0]', { action: 'C', sector: 7928928, sectors: 8, error: 0, comm: null }],
    ['block_bio_remap: 7,1 WSM 34818 + 2 <- (259,0) 32770', { action: 'A', sector: 34818, from: { dev: '259,0', sector: 32770 } }],
    ['block_rq_remap: 253,0 W 100 + 8 <- (8,1) 36 1', { action: 'A', sector: 100, sectors: 8, from: { dev: '8,1', sector: 36 } }],
    ['block_rq_remap: 253,0 W 100 + 8 <- (8,1) 36', { action: 'A', from: { dev: '8,1', sector: 36 } }],
    ['block_split: 8,0 W 100 / 164 [dd]', { action: 'X', sector: 100, newSector: 164 }],
    ['block_plug: [jbd2/loop0-8]', { action: 'P', dev: null, comm: 'jbd2/loop0-8' }],
    ['block_unplug: [jbd2/loop0-8] 1', { action: 'U', dev: null, depth: 1 }],
  ])('%s', (body, want) => {
    const [e] = events(`${P}${body}\n`)
    expect(e).toMatchObject({ source: body.slice(0, body.indexOf(':')), ...want })
  })

  it('reads the LKML form of issue and complete', () => {
    expect(events(FTRACE_LKML).map((e) => [e.action, e.dev, e.sector, e.sectors, e.comm, e.error])).toEqual([
      ['D', '8,48', 1024, 32, 'xfs_io', null],
      ['C', '8,48', 1024, 32, null, 0],
    ])
  })

  it("reads the blk tracer's blkparse-like bodies", () => {
    expect(
      events(`    kworker/1:1H-58      [001] d..1. 10730.608242:   7,0    D  FN [kworker/1:1H]
     ksoftirqd/1-22      [001] d.s1. 10730.608561:   7,0    C  FN 0 [0]
     ksoftirqd/1-22      [001] d.s2. 10730.608707:   7,0    C WSM 32970 [0]
`).map((e) => [e.source, e.action, e.sector, e.sectors, e.pid]),
    ).toEqual([
      ['blk', 'D', null, 0, 58],
      ['blk', 'C', 0, 0, 22],
      ['blk', 'C', 32970, 0, 22],
    ])
  })
})

describe('errors', () => {
  it.each([
    ['this is not trace output', 'this', /expected a tracefs line/],
    [`${P}block_bio_queue: 7,0 W 8 + [dd]`, '[dd]', /expected the sector count/],
    [`${P}block_bio_queue: 7,0 WQ 8 + 8 [dd]`, 'Q 8', /unknown RWBS flag letter 'Q'/],
    [`${P}block_rq_issue: 7,0 W 4096 () 8 + 8 be,0,4 dd`, 'dd', /expected '\[' before the process name/],
    [`${P}block_rq_issue: 7,0 W 4096 () 8 + 8 be-0-4 [dd]`, 'be-0-4', /expected an I\/O priority/],
    [`${P}block_rq_complete: 7,0 W () 8 + 8 be,0,4 [ok]`, 'ok]', /expected the error number/],
    [`${P}block_rq_issue: 7,0 W 4096 8 + 8 [dd]`, '8 + 8', /expected '\(' before the command bytes/],
    ['    kworker/u8:1-2295    [001] ..... 10683.424154 block_bio_queue: 7,0 W 8 + 8 [dd]', '.....', /expected the timestamp/],
    ['    kworker/u8:1-2295    [001] ..... 99999999999.424154: block_bio_queue: 7,0 W 8 + 8 [dd]', '99999999999', /too large/],
    [`${P}block_bio_queue: 7,0 W 8 + 8 [dd] trailing`, 'trailing', /unexpected text after the event/],
  ])('%j', (text, at, message) => {
    expect(failed(`${text}\n`).errors[0]).toEqual({ line: 1, col: text.indexOf(at) + 1, message: expect.stringMatching(message) })
  })

  it('says when there are no block events at all', () => {
    expect(failed('# tracer: nop\n#\n').errors[0]?.message).toMatch(/no block events/)
  })
})

describe('real captures (kernel 6.18, see fixtures/README.md)', () => {
  it('reads every line of the block events of an ext4 on loop0 over a file on vda', () => {
    const ev = events(fixture('tracefs-loop0-ext4.txt'))
    expect(ev).toHaveLength(712)
    const by = (src: string): number => ev.filter((e) => e.source === src).length
    expect([by('block_bio_queue'), by('block_getrq'), by('block_rq_insert'), by('block_rq_issue'), by('block_rq_complete'), by('block_bio_backmerge'), by('block_plug'), by('block_unplug')]).toEqual([140, 108, 57, 120, 147, 32, 54, 54])
    // The loop device's flushes: REQ_OP_FLUSH|REQ_PREFLUSH, completed with the all-ones sector.
    expect(ev.filter((e) => e.dev === '7,0' && e.rwbs?.op === 'F').length).toBe(30)
    expect(new Set(ev.map((e) => e.dev))).toEqual(new Set(['7,0', '254,0', null]))
  })

  it('reads the partition capture with its remaps and the blk tracer capture', () => {
    const part = events(fixture('tracefs-loop1-partition.txt'))
    expect(part.filter((e) => e.action === 'A').every((e) => e.dev === '7,1' && e.from?.dev === '259,0')).toBe(true)
    expect(events(fixture('blk-tracer-loop0.txt'))).toHaveLength(194)
  })
})
