/**
 * Seeded random workloads and stack settings, for property tests and for anyone who wants a
 * random but reproducible run: the same seed always gives the same configuration.
 */
import { LOOP_MODES, type RunConfig, type WorkOp } from './config'
import { Rng } from './kernel/rng'
import { fioJob, makeConfig, ops, thread } from './testing'

const BLOCKS = 128

function randomOps(rng: Rng, n: number): WorkOp[] {
  const out: WorkOp[] = []
  for (let i = 0; i < n; i++) {
    const block = rng.int(BLOCKS - 8)
    const count = 1 + rng.int(4)
    const wait = rng.chance(0.25)
    const k = rng.int(100)
    if (k < 45) out.push(ops.write(block, { count, wait, fua: rng.chance(0.15), preflush: rng.chance(0.15) }))
    else if (k < 55) out.push(ops.read(block, { count, wait }))
    else if (k < 60) out.push(ops.discard(block, { count, wait }))
    else if (k < 64) out.push(ops.writeZeroes(block, { count, wait, unmap: rng.chance(0.5) }))
    else if (k < 80) out.push(ops.flush({ wait: rng.chance(0.5) }))
    else if (k < 90) out.push(ops.wait())
    else if (k < 95) out.push(ops.sleep(rng.int(3_000_000)))
    else if (k < 97) out.push(ops.setDirectIo(rng.chance(0.5)))
    else out.push(ops.snapshot())
  }
  return out
}

export function randomConfig(seed: number): RunConfig {
  const rng = new Rng(seed)
  const mode = LOOP_MODES[seed % LOOP_MODES.length] as RunConfig['stack']['loop']['mode']
  const threads = [thread(randomOps(rng, 4 + rng.int(30)), 'root', 't0')]
  if (rng.chance(0.4)) threads.push(thread(randomOps(rng, 2 + rng.int(15)), rng.pick(['root', 'a', 'b']), 't1'))
  const jobs = rng.chance(0.3)
    ? [fioJob({ size: BLOCKS, requests: 10 + rng.int(60), direct: rng.chance(0.6), ioengine: rng.pick(['psync', 'libaio', 'io_uring'] as const), iodepth: 1 + rng.int(8), fsync: rng.int(6), drain: rng.chance(0.5), link: rng.chance(0.3), rw: rng.pick(['randwrite', 'randrw', 'write', 'read'] as const) })]
    : []
  for (const j of jobs) if (j.ioengine === 'psync') j.iodepth = 1
  const cfg = makeConfig(
    {
      deviceBlocks: BLOCKS,
      loop: { mode, directIo: rng.chance(0.6), logicalBlockSize: rng.pick([512, 4096] as const), writeCache: rng.chance(0.9) },
      backing: { minDioSize: rng.pick([512, 4096] as const), openedODirect: rng.chance(0.3), allocated: rng.pick(['all', 'none', [[0, 40]]] as const) as RunConfig['stack']['backing']['allocated'] },
      disk: { writeCache: rng.chance(0.85), fua: rng.chance(0.7), reorder: rng.chance(0.8), channels: 1 + rng.int(4), cacheBlocks: 8 + rng.int(200) },
      crypt: { enabled: rng.chance(0.2) },
      hostFs: { legacyStaleData: rng.chance(0.15), commitIntervalNs: rng.pick([1_000_000, 5_000_000_000]) },
      hostCache: { memoryBytes: rng.pick([64 * 4096, 1 << 30]) },
      guestBlk: { flushDeferWhileData: rng.chance(0.5) },
    },
    threads,
    jobs,
  )
  if (rng.chance(0.1)) cfg.workload.events.push({ at: rng.int(2_000_000), kind: 'power-loss', order: 'ascending', nsPerBlock: 0 })
  if (rng.chance(0.1)) cfg.workload.events.push({ at: rng.int(1_000_000), kind: 'fuzzy-copy', order: rng.pick(['ascending', 'descending', 'random'] as const), nsPerBlock: 2_000 })
  return cfg
}

