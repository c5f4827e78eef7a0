/**
 * Seeded property tests: random bytes, random token soup, and real lines mutated (cut short,
 * fields swapped, numbers made huge, characters dropped or inserted, lines duplicated, dropped
 * or swapped) go to every parser. None throws; every rejection carries a message with a line
 * and column inside the text; whatever is accepted pairs into requests, exports, and explores
 * without throwing.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { explore, powerLossFromTrace } from '../engine'
import { Rng } from '../engine/kernel/rng'
import { parseBlkparse } from './blkparse'
import { buildTrace, summarize, toTraceRequests } from './blockTrace'
import { writeBlkparse } from './blkparseWrite'
import type { ParsedEvents } from './events'
import { parseFioIolog } from './fio'
import { importTrace } from './index'
import { FIO_EXT4, FTRACE_LKML, JBD2_NO_CACHE, PREFLUSH_FUA, SYNC } from './samples.testkit'
import { parseTracefs } from './tracefs'

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')

const PARSERS: Array<[string, (text: string) => ParsedEvents]> = [
  ['blkparse', parseBlkparse],
  ['tracefs', parseTracefs],
  ['fio', (t) => parseFioIolog(t)],
]

/** Every parser and the whole import on one text; returns how many accepted it. */
function check(text: string, label: string): number {
  const lines = text.split('\n').length
  let accepted = 0
  for (const [name, parse] of PARSERS) {
    let r: ParsedEvents | undefined
    expect(() => (r = parse(text)), `${name} threw on ${label}`).not.toThrow()
    const res = r as ParsedEvents
    if (res.ok) {
      accepted++
      const t = buildTrace(res.format, res.events)
      for (const d of t.devices) {
        summarize(d)
        const x = toTraceRequests(t, d)
        for (const q of x.requests) expect(q.completeT === -1 || q.completeT >= q.submitT, `${name} on ${label}`).toBe(true)
        expect(x.requests.reduce((n, q) => n + q.count, 0)).toBeLessThanOrEqual(2 ** 20)
        if (x.requests.length <= 24 && x.requests.every((q) => q.count <= 64)) explore(powerLossFromTrace(x.requests, x.end), { budget: 4096, samples: 64 })
      }
      writeBlkparse(t)
      continue
    }
    expect(res.errors.length, `${name} on ${label}`).toBeGreaterThan(0)
    for (const e of res.errors) {
      expect(Number.isInteger(e.line) && e.line >= 1 && e.line <= lines, `${name} line ${e.line} of ${lines} on ${label}`).toBe(true)
      expect(Number.isInteger(e.col) && e.col >= 1, `${name} col ${e.col} on ${label}`).toBe(true)
      expect(e.message.length, `${name} on ${label}`).toBeGreaterThan(10)
    }
  }
  const imported = importTrace(text)
  if (!imported.ok) for (const e of imported.errors) expect(e.line >= 1 && e.col >= 1 && e.message.length > 10).toBe(true)
  return accepted
}

const ALPHABET = ' \t\n\r,.+-[]()<>/|:#0123456789WRDNFSMAUZQGICXPBTme_abcdefghijklmnopqrstuvwxyz\u0000\u00ff\u00e9\u4e2d\ud83d\ude00'

function randomText(rng: Rng): string {
  const n = rng.int(300)
  let s = ''
  for (let i = 0; i < n; i++) s += rng.chance(0.5) ? String.fromCharCode(rng.int(256)) : (ALPHABET[rng.int(ALPHABET.length)] as string)
  return s
}

const TOKENS = ['8,0', '7,0', '259,1', '0', '1', '42', '1.000000001', '10683.414226:', 'Q', 'D', 'C', 'M', 'A', 'X', 'UT', 'P', 'U', 'm', 'W', 'WS', 'FWFSM', 'FN', 'FF', 'N', 'R', 'DS', '+', '8', '[0]', '[dd]', '[', ']', '()', '(', ')', '<-', '(8,1)', '/', '|4|', 'be,0,4', 'none,0,0', '18446744073709551615', '99999999999999999999', '-5', 'block_bio_queue:', 'block_rq_issue:', 'block_rq_complete:', 'block_unplug:', 'kworker/1:1H-58', '[001]', '.....', 'fio version 3 iolog', 'fio version 2 iolog', '/dev/loop0', 'write', 'sync', 'wait', 'trim', 'open', '# tracer: nop', 'CPU:1 [LOST 3 EVENTS]']

function tokenSoup(rng: Rng): string {
  const lines: string[] = []
  for (let l = rng.int(12); l >= 0; l--) {
    const parts: string[] = []
    for (let k = rng.int(14); k >= 0; k--) parts.push(TOKENS[rng.int(TOKENS.length)] as string)
    lines.push(`${' '.repeat(rng.int(4))}${parts.join(' '.repeat(1 + rng.int(3)))}`)
  }
  return lines.join('\n')
}

const REAL = [
  PREFLUSH_FUA,
  JBD2_NO_CACHE,
  SYNC,
  FIO_EXT4,
  FTRACE_LKML,
  fixture('tracefs-loop0-ext4.txt').split('\n').slice(0, 80).join('\n'),
  fixture('tracefs-loop1-partition.txt').split('\n').slice(10, 90).join('\n'),
  fixture('blk-tracer-loop0.txt').split('\n').slice(0, 60).join('\n'),
  fixture('blk-classic-loop0.txt').split('\n').slice(0, 60).join('\n'),
  fixture('fio-iolog-v3.txt'),
]

function mutate(rng: Rng, text: string): string {
  const lines = text.split('\n')
  for (let m = 1 + rng.int(3); m > 0; m--) {
    const i = rng.int(Math.max(1, lines.length))
    const line = lines[i] ?? ''
    const fields = line.split(/(\s+)/)
    switch (rng.int(9)) {
      case 0: // cut short
        lines[i] = line.slice(0, rng.int(line.length + 1))
        break
      case 1: {
        // swap two fields
        const a = 2 * rng.int(Math.ceil(fields.length / 2))
        const b = 2 * rng.int(Math.ceil(fields.length / 2))
        const fa = fields[a] ?? ''
        fields[a] = fields[b] ?? ''
        fields[b] = fa
        lines[i] = fields.join('')
        break
      }
      case 2: {
        // a number made huge, negative or all ones
        const nums = fields.map((f, k) => (/\d/.test(f) ? k : -1)).filter((k) => k >= 0)
        const k = nums[rng.int(Math.max(1, nums.length))]
        if (k !== undefined) fields[k] = (fields[k] as string).replace(/\d+/, ['9'.repeat(1 + rng.int(40)), '18446744073709551615', '-1', '0', '4294967296'][rng.int(5)] as string)
        lines[i] = fields.join('')
        break
      }
      case 3: {
        const at = rng.int(line.length + 1)
        lines[i] = line.slice(0, at) + line.slice(at + 1)
        break
      }
      case 4: {
        const at = rng.int(line.length + 1)
        lines[i] = line.slice(0, at) + (ALPHABET[rng.int(ALPHABET.length)] as string) + line.slice(at)
        break
      }
      case 5:
        lines.splice(i, 0, line)
        break
      case 6:
        lines.splice(i, 1)
        break
      case 7: {
        const j = rng.int(Math.max(1, lines.length))
        lines[i] = lines[j] ?? ''
        lines[j] = line
        break
      }
      default:
        // a field emptied
        if (fields.length > 0) fields[2 * rng.int(Math.ceil(fields.length / 2))] = ''
        lines[i] = fields.join('')
    }
  }
  return lines.join('\n')
}

describe('seeded fuzzing of every parser', () => {
  it('never throws on random bytes, and says where random text goes wrong', () => {
    const rng = new Rng(20240601)
    for (let i = 0; i < 400; i++) check(randomText(rng), `random text #${i}`)
  })

  it('never throws on soups of trace tokens', () => {
    const rng = new Rng(7)
    for (let i = 0; i < 600; i++) check(tokenSoup(rng), `token soup #${i}`)
  })

  it('never throws on mutated real traces, and still accepts some of them', () => {
    const rng = new Rng(42)
    let accepted = 0
    for (let i = 0; i < 800; i++) {
      const base = REAL[rng.int(REAL.length)] as string
      accepted += check(mutate(rng, base), `mutation #${i}`)
    }
    // Mutations that leave valid lines (a duplicated or dropped line, an emptied blank) must still parse.
    expect(accepted).toBeGreaterThan(60)
  }, 30_000)

  it('accepts every unmutated real trace in exactly one format', () => {
    for (const text of REAL) expect(check(text, 'a real trace')).toBe(1)
  })
})
