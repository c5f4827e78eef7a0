/**
 * fio iologs: a real version 3 log written by fio 3.33 (random 4 KiB writes with fsync every 4,
 * fixtures/fio-iolog-v3.txt), a version 2 log after the HOWTO's syntax, and the errors. A log
 * shows submissions only, so each I/O is taken as done when the next entry was logged.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { explore, powerLossFromTrace } from '../engine'
import { toTraceRequests } from './blockTrace'
import { parseFioIolog } from './fio'
import { importTrace } from './index'

const V3 = readFileSync(new URL('./fixtures/fio-iolog-v3.txt', import.meta.url), 'utf8')

describe('fio version 3', () => {
  it('reads the real log: 16 writes and 3 fsyncs, each done when the next entry was logged', () => {
    const r = importTrace(V3)
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    expect(r.trace.format).toBe('fio-v3')
    const [d] = r.trace.devices
    expect(d?.dev).toBe('/tmp/ls-cap/mnt/fio.dat')
    const reqs = d?.requests ?? []
    expect(reqs.filter((q) => q.op === 'write')).toHaveLength(16)
    expect(reqs.filter((q) => q.op === 'flush')).toHaveLength(3)
    expect(reqs[0]).toMatchObject({ op: 'write', sector: 0, sectors: 8, queueT: 287_000, completeT: 330_000 })
    expect(reqs[4]).toMatchObject({ op: 'flush', queueT: 394_000, completeT: 2_991_000 })
    // The last write is done by the time "close" was logged.
    expect(reqs.at(-1)).toMatchObject({ sector: 96, queueT: 7_839_000, completeT: 7_860_000 })
    expect(r.ignored).toBe(3)
  })

  it('leaves the 4 writes after the last fsync to chance (2^4 states), and none before it', () => {
    const r = importTrace(V3)
    if (!r.ok) throw new Error('bad')
    const d = r.trace.devices[0]
    if (!d) throw new Error('no device')
    const x = toTraceRequests(r.trace, d)
    expect(explore(powerLossFromTrace(x.requests, x.end)).states_total).toBe(16)
    // With nothing taken as complete, no fsync promises anything: all 16 writes are open.
    const loose = parseFioIolog(V3, { serial: false })
    expect(loose.ok && loose.events.filter((e) => e.action === 'C')).toHaveLength(0)
  })
})

describe('fio version 2', () => {
  const V2 = `fio version 2 iolog
/dev/loop0 add
/dev/loop0 open
/dev/loop0 write 0 4096
/dev/loop0 wait 500 0
/dev/loop0 write 4096 4096
/dev/loop0 sync 0 0
/dev/loop0 trim 8192 4096
/dev/loop0 read 0 512
/dev/loop0 close
`
  it('spaces entries 1 µs apart, adds waits, and reads trim as a discard', () => {
    const r = importTrace(V2)
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    expect(r.trace.format).toBe('fio-v2')
    expect(r.trace.devices[0]?.requests.map((q) => [q.op, q.sector, q.sectors, q.queueT, q.completeT])).toEqual([
      ['write', 0, 8, 3000, 504_000],
      ['write', 8, 8, 504_000, 505_000],
      ['flush', 0, 0, 505_000, 506_000],
      ['discard', 16, 8, 506_000, 507_000],
      ['read', 0, 1, 507_000, 508_000],
    ])
  })
})

describe('errors', () => {
  it.each([
    ['fio version 4 iolog\n', 1, 1, /expected "fio version 2 iolog" or "fio version 3 iolog"/],
    ['fio version 3 iolog\n10 /dev/sda fly 0 1\n', 2, 13, /unknown action 'fly'/],
    ['fio version 3 iolog\n10 /dev/sda write 0\n', 2, 18, /expected an offset and a length/],
    ['fio version 3 iolog\n10 /dev/sda wait 100 0\n', 2, 13, /'wait' is a version 2 action/],
    ['fio version 3 iolog\nx /dev/sda write 0 1\n', 2, 1, /expected the timestamp/],
    ['fio version 3 iolog\n1 /dev/sda write 99999999999999999999 1\n', 2, 18, /larger than 2\^53/],
    ['fio version 3 iolog\n1 /dev/sda write 0 1 2\n', 2, 22, /unexpected text after the length/],
    ['fio version 2 iolog\n/dev/sda open 1 2\n', 2, 15, /takes no offset or length/],
    ['fio version 2 iolog\n/dev/sda\n', 2, 1, /expected "filename action/],
  ])('%j', (text, line, col, message) => {
    const r = parseFioIolog(text)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors[0]).toEqual({ line, col, message: expect.stringMatching(message) })
  })
})
