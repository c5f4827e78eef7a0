/**
 * Small block-level scenarios drawn from a seed: one or two guest threads issuing a handful of
 * writes, flushes and FUA writes to a few blocks of /dev/loop0, over a loop device in direct or
 * buffered mode and a host disk with or without a volatile write cache. Small enough to reason
 * about by hand: at most five blocks and seven requests.
 */
import type { OpInput, ScenarioFile, ThreadInput } from '../scenarios'
import type { PracticeRng } from './prng'
import type { ProblemThread } from './types'

export interface BlockSettings {
  directIo: boolean
  diskWriteCache: boolean
}

export interface DrawnBlockScenario {
  file: ScenarioFile
  settings: BlockSettings
  threads: ProblemThread[]
  /** Every block a write of the scenario covers, ascending. */
  blocks: number[]
}

const DEVICE_BLOCKS = 16
const MAX_REQUESTS = 7

type Item =
  | { kind: 'write'; block: number; count: 1 | 2; fua: boolean; preflush: boolean; wait: boolean }
  | { kind: 'flush'; wait: boolean }
  | { kind: 'wait' }

/** Items of one thread: writes to the pool's blocks, now and then a flush or a wait. */
function drawItems(rng: PracticeRng, pool: number[], writes: number): Item[] {
  const out: Item[] = []
  for (let w = 0; w < writes; w++) {
    const block = rng.pick(pool)
    const count = rng.percent(15) ? 2 : 1
    const fua = rng.percent(20)
    const preflush = !fua && rng.percent(12)
    out.push({ kind: 'write', block, count, fua, preflush, wait: rng.percent(30) })
    const r = rng.int(100)
    if (r < 22) out.push({ kind: 'flush', wait: rng.percent(60) })
    else if (r < 40) out.push({ kind: 'wait' })
  }
  // A flush at the end more often than not: the instants after it are the interesting ones.
  if (out.at(-1)?.kind !== 'flush' && rng.percent(70))
    out.push({ kind: 'flush', wait: rng.percent(60) })
  return out
}

/** Numbers writes W1, W2, … and flushes F1, F2, … across threads in order. */
function toThreads(items: Item[][]): { json: ThreadInput[]; shown: ProblemThread[] } {
  let w = 0
  let f = 0
  const json: ThreadInput[] = []
  const shown: ProblemThread[] = []
  items.forEach((list, t) => {
    const ops: OpInput[] = []
    const text: ProblemThread['ops'] = []
    for (const it of list) {
      if (it.kind === 'wait') {
        ops.push({ op: 'wait' })
        text.push({ label: null, text: 'wait for this thread’s requests in flight' })
      } else if (it.kind === 'flush') {
        const label = `F${++f}`
        ops.push({ op: 'flush', wait: it.wait, label })
        text.push({ label, text: `flush${it.wait ? ', then wait for it' : ''}` })
      } else {
        const label = `W${++w}`
        const op: OpInput = { op: 'write', block: it.block, count: it.count, wait: it.wait, label }
        if (it.fua) op.fua = true
        if (it.preflush) op.preflush = true
        ops.push(op)
        const where = it.count === 1 ? `block ${it.block}` : `blocks ${it.block}–${it.block + 1}`
        const flags = [it.preflush ? 'PREFLUSH' : '', it.fua ? 'FUA' : '']
          .filter((x) => x !== '')
          .join('|')
        text.push({
          label,
          text: `write ${where}${flags ? ` with ${flags}` : ''}${it.wait ? ', then wait for it' : ''}`,
        })
      }
    }
    json.push({ name: `t${t}`, ops })
    shown.push({ name: `t${t}`, ops: text })
  })
  return { json, shown }
}

function requestCount(items: Item[][]): number {
  return items.flat().filter((i) => i.kind !== 'wait').length
}

export function drawBlockScenario(rng: PracticeRng, id: string): DrawnBlockScenario {
  const settings: BlockSettings = { directIo: rng.percent(50), diskWriteCache: rng.percent(70) }
  const first = rng.range(1, 8)
  const pool = [first, first + rng.range(1, 3), first + rng.range(4, 6)].slice(0, rng.range(2, 3))
  const threads = rng.percent(40) ? 2 : 1
  let items: Item[][] =
    threads === 1
      ? [drawItems(rng, pool, rng.range(3, 4))]
      : [drawItems(rng, pool, rng.range(1, 2)), drawItems(rng, pool, rng.range(1, 2))]
  // Keep it small: drop trailing items until the request count fits.
  while (requestCount(items) > MAX_REQUESTS) {
    // Trim the last thread that can spare an item, so every thread keeps at least one.
    let i = items.length - 1
    while (i > 0 && (items[i] as Item[]).length <= 1) i--
    items = items.map((list, j) => (j === i ? list.slice(0, -1) : list))
  }
  const { json, shown } = toThreads(items)
  const blocks = new Set<number>()
  for (const list of items)
    for (const it of list)
      if (it.kind === 'write') for (let k = 0; k < it.count; k++) blocks.add(it.block + k)
  const file: ScenarioFile = {
    loopscope: 1,
    id,
    title: `Practice problem ${id.replace(/^practice-/, '')}`,
    summary: 'A practice scenario: a few writes and flushes through the loop device.',
    seed: rng.range(1, 999),
    stack: {
      deviceBlocks: DEVICE_BLOCKS,
      loop: { directIo: settings.directIo, logicalBlockSize: 4096 },
      disk: { writeCache: settings.diskWriteCache },
    },
    workload: { threads: json },
  }
  return { file, settings, threads: shown, blocks: [...blocks].sort((a, b) => a - b) }
}

/** The stack in words, with the rule each setting brings. */
export function blockSettingsText(s: BlockSettings): string[] {
  const loop = s.directIo
    ? 'loop does direct I/O: a write goes to the host disk, and completes when the disk has it'
    : 'loop is buffered: a write is copied into the host page cache and completes there; loop runs a flush as fsync of the backing file'
  const disk = s.diskWriteCache
    ? 'the host disk has a volatile write cache: a completed write is durable only after a flush (R1) or with FUA (R2)'
    : 'the host disk has no write cache: what the disk completes is on the media'
  const out = [loop, disk]
  if (s.directIo && !s.diskWriteCache)
    out.push('so here a guest write that has completed is already durable')
  return out
}
