/**
 * Export -> import gives back the same requests: on the real captures (tracepoints, blk tracer,
 * blk_classic) and on seeded random traces of whole request lifecycles (queue, merge, insert,
 * issue, requeue, data completion, block-layer flushes, the zero-length completion, errors,
 * requests still in flight at the end).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { Rng } from '../engine/kernel/rng'
import type { BlockRequest, BlockTrace } from './blockTrace'
import { writeBlkparse } from './blkparseWrite'
import { importTrace } from './index'
import { JBD2_NO_CACHE, PREFLUSH_FUA, SYNC, FIO_EXT4 } from './samples.testkit'

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')

function load(text: string): BlockTrace {
  const r = importTrace(text)
  if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 3)))
  return r.trace
}

/** Requests without their source line; a block-layer flush reads FF in the tracepoints and FN in blkparse. */
function comparable(t: BlockTrace): Array<Omit<BlockRequest, 'line'>> {
  return t.devices.flatMap((d) => d.requests.map(({ line: _line, ...r }) => (r.proxy ? { ...r, rwbs: 'FN' } : r)))
}

function roundTrip(t: BlockTrace): BlockTrace {
  const w = writeBlkparse(t)
  expect(w.skipped).toEqual([])
  return load(w.text)
}

describe('export then import', () => {
  it.each(['tracefs-loop0-ext4.txt', 'tracefs-loop1-partition.txt', 'blk-tracer-loop0.txt', 'blk-classic-loop0.txt', 'blk-classic-loop1-partition.txt'])('gives the same requests for %s', (name) => {
    const t = load(fixture(name))
    expect(comparable(roundTrip(t))).toEqual(comparable(t))
  })

  it.each([
    ['PREFLUSH+FUA', PREFLUSH_FUA],
    ['jbd2 without a cache', JBD2_NO_CACHE],
    ['sync', SYNC],
    ['fio on ext4', FIO_EXT4],
  ])('gives the same requests for the reference lines: %s', (_name, text) => {
    const t = load(text)
    expect(comparable(roundTrip(t))).toEqual(comparable(t))
  })

  it('prints the blkparse header and the RWBS letters of each step', () => {
    const text = writeBlkparse(load(PREFLUSH_FUA)).text
    expect(text.split('\n').slice(0, 9)).toEqual([
      '  8,0    0        1     0.000001967   594  Q FWFSM 43781957 + 17 [(null)]',
      '  8,0    0        2     0.000031145   195  D  FN [kworker/3:1H]',
      '  8,0    0        3     0.001628764     0  C  FN 0 [0]',
      '  8,0    0        4     0.001671798   594  D WSM 43781957 + 17 [(null)]',
      '  8,0    0        5     0.001843458     0  C WSM 43781957 + 17 [0]',
      '  8,0    0        6     0.001863050   323  D  FN [kworker/2:1H]',
      '  8,0    0        7     0.002735974     0  C  FN 0 [0]',
      '  8,0    0        8     0.002742812     0  C WSM 43781957 [0]',
      '',
    ])
  })

  it('skips devices that are not major,minor (fio files)', () => {
    const t = load(fixture('fio-iolog-v3.txt'))
    expect(writeBlkparse(t)).toEqual({ text: '', skipped: ['/tmp/ls-cap/mnt/fio.dat'] })
  })
})

/** A random trace of whole lifecycles on disjoint sectors at distinct times, as blkparse text. */
function randomTrace(seed: number): string {
  const rng = new Rng(seed)
  const lines: Array<[number, string]> = []
  let clock = 1000
  const at = (): number => (clock += 1 + rng.int(50))
  let req = 0
  const emit = (tick: number, act: string, rwbs: string, tail: string): void => {
    // Distinct times across requests: two empty flushes' zero-length completions say nothing about
    // which bio they end, so only the order of the lines can tell, and export keeps time order.
    const t = tick * 32 + req
    const sec = Math.floor(t / 1e9)
    lines.push([t, `  8,0    0        0 ${String(sec).padStart(5)}.${String(t - sec * 1e9).padStart(9, '0')}   ${String(100 + rng.int(5)).padStart(3)} ${act.padStart(2)} ${rwbs.padStart(3)} ${tail}`])
  }
  const cache = rng.chance(0.7)
  const n = 1 + rng.int(30)
  for (let i = 0; i < n; i++) {
    req = i
    const sector = i * 64 + rng.int(8)
    const sectors = 1 + rng.int(40)
    const kind = rng.int(6)
    const flags = kind === 4 ? 'FWFS' : kind === 5 ? 'FWS' : ''
    const rwbs = kind === 0 ? 'R' : kind === 1 ? 'DS' : kind === 2 || kind === 3 ? ['W', 'WS', 'WSM'][rng.int(3)] as string : flags
    const down = kind === 4 ? 'WS' : kind === 5 ? 'WS' : rwbs
    const range = kind === 5 ? '' : `${sector} + ${sectors} `
    const err = rng.chance(0.1) ? -5 : 0
    const end = rng.chance(0.15) ? rng.int(4) : 4 // stop after this many steps (4: complete)
    const t = at()
    if (i === 0 || rng.chance(0.9)) emit(t, 'Q', rwbs, `${range}[p${i}]`)
    if (kind === 5) {
      // An empty flush: a block-layer flush if the disk has a cache, then the zero-length C.
      if (cache && end > 1) {
        emit(at(), 'D', 'FN', '[kworker]')
        if (end > 2) emit(at(), 'C', 'FN', `0 [${err}]`)
      }
      if (end > 3) emit(at(), 'C', 'WS', `0 [${err}]`)
      continue
    }
    if (rng.chance(0.3)) emit(at(), 'I', down, `${range}[p${i}]`)
    if (kind === 4 && cache && end > 0) {
      emit(at(), 'D', 'FN', '[kworker]')
      emit(at(), 'C', 'FN', '0 [0]')
    }
    if (end > 0) emit(at(), 'D', down, `${range}[p${i}]`)
    if (end > 1 && rng.chance(0.1)) {
      emit(at(), 'R', down, `${range}[0]`)
      emit(at(), 'D', down, `${range}[p${i}]`)
    }
    if (end > 2) emit(at(), 'C', down, `${range}[${err}]`)
    if (kind === 4 && end > 3) {
      if (cache) {
        emit(at(), 'D', 'FN', '[kworker]')
        emit(at(), 'C', 'FN', '0 [0]')
      }
      emit(at(), 'C', down, `${sector} [${err}]`)
    }
    clock = Math.max(1000, clock - rng.int(200)) // lifecycles overlap
  }
  lines.sort((a, b) => a[0] - b[0])
  return `${lines.map((l) => l[1]).join('\n')}\n`
}

describe('seeded random lifecycles', () => {
  it('come back the same after export and import', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = importTrace(randomTrace(seed))
      if (!r.ok) throw new Error(`seed ${seed}: ${JSON.stringify(r.errors[0])}`)
      const again = roundTrip(r.trace)
      expect(comparable(again), `seed ${seed}`).toEqual(comparable(r.trace))
      // And once more: export is a fixed point of import.
      expect(writeBlkparse(again).text, `seed ${seed}`).toBe(writeBlkparse(r.trace).text)
    }
  }, 30_000)
})
