/**
 * Small guest file-system scenarios drawn from a seed: two one-block files, one or two short
 * changes (remove, create and write, rename, append) made durable by sync or fsync, under the jbd2
 * discipline or the pre-2010 belief that a flush orders writes, over a loop device in direct or
 * buffered mode.
 */
import type { FsDiscipline } from '../engine'
import type { FsOpInput, ScenarioFile } from '../scenarios'
import type { PracticeRng } from './prng'
import type { ProblemThread } from './types'

export interface FsSettings {
  discipline: FsDiscipline
  directIo: boolean
  diskWriteCache: boolean
}

export interface DrawnFsScenario {
  file: ScenarioFile
  settings: FsSettings
  threads: ProblemThread[]
}

type Op = [op: FsOpInput, text: string]

const rm = (name: string): Op => [{ op: 'unlink', name }, `rm ${name}`]
const touch = (name: string): Op => [{ op: 'create', name }, `touch ${name} (create it)`]
const write = (name: string, offset: number): Op => [
  { op: 'write', name, offset, count: 1 },
  `write block ${offset} of ${name}`,
]
const mv = (from: string, to: string): Op => [{ op: 'rename', from, to }, `mv ${from} ${to}`]
const sync: Op = [{ op: 'sync' }, 'sync']
const fsync = (name: string): Op => [{ op: 'fsync', name }, `fsync ${name}`]

/** Short sequences of changes, each ending in the op that makes them durable. */
const TEMPLATES: ReadonlyArray<Op[]> = [
  [rm('b'), sync],
  [touch('c'), write('c', 0), fsync('c')],
  [mv('a', 'c'), sync],
  [mv('a', 'b'), sync],
  [write('a', 1), fsync('a')],
  [rm('b'), touch('c'), sync],
  [touch('c'), sync, rm('a'), sync],
  [write('b', 0), fsync('b'), rm('b'), sync],
]

/**
 * `broken`: the problem wants a state fsck rejects. Under power loss only the barrier-assumed
 * guest leaves one (jbd2 never does, which is the lesson), so it is the only discipline drawn.
 */
export function drawFsScenario(rng: PracticeRng, id: string, broken: boolean): DrawnFsScenario {
  const settings: FsSettings = {
    discipline: !broken && rng.percent(50) ? 'jbd2' : 'barrier-assumed',
    directIo: rng.percent(50),
    diskWriteCache: rng.percent(70),
  }
  const ops = rng.pick(TEMPLATES)
  const file: ScenarioFile = {
    loopscope: 1,
    id,
    title: `Practice problem ${id.replace(/^practice-/, '')}`,
    summary: 'A practice scenario: a guest journaling file system changes two small files.',
    seed: rng.range(1, 999),
    stack: {
      deviceBlocks: 64,
      loop: { directIo: settings.directIo, logicalBlockSize: 4096 },
      disk: { writeCache: settings.diskWriteCache },
    },
    workload: {
      fs: {
        discipline: settings.discipline,
        files: [
          { name: 'a', blocks: 1 },
          { name: 'b', blocks: 1 },
        ],
        ops: ops.map(([op]) => op),
      },
    },
  }
  return {
    file,
    settings,
    threads: [{ name: 'guest file system', ops: ops.map(([, text]) => ({ label: null, text })) }],
  }
}

export function fsSettingsText(s: FsSettings): string[] {
  const journal =
    s.discipline === 'jbd2'
      ? 'the guest journal follows jbd2: it writes the journal blocks and waits for them, then the commit block with PREFLUSH|FUA, and writes the home blocks (checkpoint) only after the commit completed'
      : 'the guest journal assumes a flush orders writes (the belief before 2010): it sends the commit block and the home blocks right behind the journal blocks, without waiting for any of them'
  return [
    'a small ext4-like guest file system on /dev/loop0, starting with files a and b of one block each',
    journal,
    s.directIo
      ? 'loop does direct I/O to the backing file'
      : 'loop is buffered: writes go into the host page cache; a flush becomes fsync of the backing file',
    s.diskWriteCache
      ? 'the host disk has a volatile write cache'
      : 'the host disk has no write cache',
    'crash model: a host power loss; any write not yet made durable may or may not have landed, whole',
    'mount replays the journal from the tail its superblock names: a transaction counts only with its descriptor, every copy and its commit block; then fsck checks the result',
  ]
}
