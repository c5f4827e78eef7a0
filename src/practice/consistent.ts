/**
 * "Is this crash state consistent, and why not?" The state is one the explorer finds at an instant
 * of a guest file-system run under power loss; the answer is the guest checker's (journal replay,
 * then fsck's rules and the durability rules), with its own sentences as the reasons.
 */
import {
  Data,
  Exploration,
  inspectImage,
  instantsOf,
  Layer,
  Op,
  reusedInodeNotes,
  RunStates,
  type BlockContent,
  type Finding,
  type FsResult,
  type Recovery,
  type RunResult,
} from '../engine'
import { letter } from './blockProblem'
import { contentOf, describeContent, fsRole } from './fsDescribe'
import { drawFsScenario, fsSettingsText, type DrawnFsScenario } from './fsScenario'
import type { PracticeRng } from './prng'
import { runScenario } from './study'
import type {
  Answer,
  Candidate,
  HistoryStep,
  ImageCell,
  ProblemBody,
  ProblemInstant,
} from './types'

/** What each fsck finding means, in the words a choice offers. */
export const CATEGORY_TEXT: Record<string, string> = {
  'deleted-inode-referenced':
    'a directory entry points at a freed inode (deleted inode referenced)',
  'leaked-inode': 'an inode is in use but no directory entry names it (leaked inode)',
  'bitmap-mismatch': 'a bitmap disagrees with what the inodes use (bitmap mismatch)',
  'link-count': 'an inode’s link count differs from the entries that name it (link count)',
  'block-owned-twice': 'one data block belongs to two files (block owned twice)',
  'fsync-lost': 'something a returned fsync or sync promised is missing (fsync lost)',
  'stale-data': 'a file shows data it never wrote (stale data)',
  'metadata-unreadable': 'a metadata block holds something else entirely (unreadable metadata)',
}

const REASON_CHOICES = 3
/** Instants looked at per scenario before drawing another. */
const INSTANTS_TRIED = 8

interface Judged {
  img: number[]
  findings: Finding[]
  recovery: Recovery
}

/**
 * The blocks a person needs: the metadata that matters, and every block mkfs wrote or a write
 * submitted before the instant covers. The rest hold zeros or mkfs's empty inode tables.
 */
function shownBlocks(run: RunResult, fs: FsResult, event: number): number[] {
  const l = fs.layout
  const out = new Set<number>([l.journalSuper, l.blockBitmap, l.inodeBitmap, l.rootDir])
  for (const [b, c] of fs.initial)
    if (
      c.kind === 'data' ||
      (c.kind === 'inode-table' && c.inodes.some((i) => i !== null && i.ino >= l.firstIno))
    )
      out.add(b)
  const r = run.requests
  for (let id = 1; id < r.length; id++) {
    if (
      r.layer[id] !== Layer.GUEST_BLK ||
      r.op[id] !== Op.WRITE ||
      (r.submitEv[id] as number) >= event
    )
      continue
    for (let i = 0; i < (r.count[id] as number); i++) out.add((r.block[id] as number) + i)
  }
  return [...out].sort((a, b) => a - b)
}

/** States judged per instant at most (a bound on the work; the small scenarios stay below it). */
const JUDGED_MAX = 1024

/** The first states (in the walk's order) a power loss at the instant can leave, judged by the guest checker. */
function judgedAt(states: RunStates, event: number, blocks: number[], fs: FsResult): Judged[] {
  const out = new Map<string, Judged>()
  const e = new Exploration(states.input('power-loss', event), {
    granularity: 'write',
    budget: 2 ** 14,
    samples: 256,
    seed: 1,
    examplesPerVerdict: 0,
    blockwise: [],
    checks: [
      (image) => {
        const img = blocks.map((b) => image.version(b))
        const key = img.join(',')
        if (!out.has(key) && out.size < JUDGED_MAX)
          out.set(key, { img, ...inspectImage((b) => image.version(b), fs, { atEvent: event }) })
        return []
      },
    ],
  })
  if (!e.exhaustive) return []
  while (!e.advance(65_536));
  return [...out.values()]
}

/** The notes for the state judged: blocks not shown hold what they held before the run. */
function notesOf(j: Judged, blocks: number[], fs: FsResult): string[] {
  const at = new Map(blocks.map((b, k) => [b, j.img[k] as number]))
  return reusedInodeNotes((b) => at.get(b) ?? Data.INITIAL, fs)
}

function historyOf(drawn: DrawnFsScenario, fs: FsResult): HistoryStep[] {
  const out: HistoryStep[] = []
  const texts = drawn.threads[0]?.ops ?? []
  for (const done of fs.opsDone) {
    const item = `“${texts[done.index]?.text ?? done.op}” returns`
    const last = out.at(-1)
    if (last !== undefined && last.event === done.event) last.items.push(item)
    else out.push({ step: out.length + 1, event: done.event, t: done.t, items: [item] })
  }
  return out
}

function instantOf(
  history: HistoryStep[],
  drawn: DrawnFsScenario,
  event: number,
  t: number,
): ProblemInstant {
  const done = history.filter((h) => h.event <= event)
  const ops = drawn.threads[0]?.ops ?? []
  const returned = done.flatMap((h) => h.items).length
  const running = ops[returned]?.text
  const text =
    running === undefined
      ? 'after every operation returned'
      : `while “${running}” is running${returned > 0 ? `, after step ${done.length}` : ''}`
  return { step: done.length, event, t, text }
}

function replayText(r: Recovery): string {
  const applied =
    r.replayed.length === 0
      ? 'journal replay applies no transaction'
      : `journal replay applies transaction${r.replayed.length > 1 ? 's' : ''} ${r.replayed.join(', ')}`
  return `${applied} (then: ${r.stop})`
}

/**
 * `notes`: what fsck cannot see but the image shows (an entry naming a reused inode), said with
 * a "consistent" verdict so that it is not read as "nothing happened".
 */
function answersOf(choices: Candidate[], j: Judged, notes: string[]): Answer[] {
  const though = notes.length === 0 ? '' : `, though ${notes.join('; and ')}`
  const found = new Map<string, string>()
  for (const f of j.findings) if (!found.has(f.category)) found.set(f.category, f.sentence)
  const first = j.findings[0]?.sentence ?? ''
  return choices.map((c) => {
    if (c.kind !== 'verdict') throw new Error('consistent problems offer verdicts only')
    if (c.consistent)
      return {
        id: c.id,
        correct: found.size === 0,
        reason:
          found.size === 0
            ? `${replayText(j.recovery)}; fsck then finds nothing wrong${though}`
            : `not consistent: ${first}`,
      }
    const hit = found.get(c.category ?? '')
    if (hit !== undefined) return { id: c.id, correct: true, reason: `fsck finds it: ${hit}` }
    return {
      id: c.id,
      correct: false,
      reason:
        found.size === 0
          ? 'fsck finds nothing wrong in this state (see A)'
          : `fsck does not find this here; it finds: ${first}`,
    }
  })
}

function choicesOf(rng: PracticeRng, j: Judged): Candidate[] {
  const found = [...new Set(j.findings.map((f) => f.category))]
    .filter((c) => c in CATEGORY_TEXT)
    .slice(0, 2)
  const others = rng.shuffle(
    Object.keys(CATEGORY_TEXT).filter((c) => !found.includes(c) && c !== 'metadata-unreadable'),
  )
  const reasons = rng.shuffle([...found, ...others].slice(0, REASON_CHOICES))
  return [
    {
      id: 'A',
      kind: 'verdict',
      consistent: true,
      category: null,
      text: 'Yes: after journal replay, fsck finds nothing wrong',
    },
    ...reasons.map((category, i): Candidate => ({
      id: letter(i + 1),
      kind: 'verdict',
      consistent: false,
      category,
      text: `No: ${CATEGORY_TEXT[category]}`,
    })),
  ]
}

export function makeConsistent(rng: PracticeRng, seed: number): ProblemBody | null {
  const wantBad = rng.percent(55)
  const drawn = drawFsScenario(rng, `practice-${seed}`, wantBad)
  const run = runScenario(drawn.file)
  const fs = run.fs
  if (fs === null || run.stop !== 'idle') return null
  const states = new RunStates(run)
  const contents = new Map<number, BlockContent>(fs.contents)
  const initial = new Map<number, BlockContent>(fs.initial)
  const instants = rng
    .shuffle(instantsOf(run, 'power-loss').filter((i) => i > 0))
    .slice(0, INSTANTS_TRIED)
  for (const event of instants) {
    const blocks = shownBlocks(run, fs, event)
    const all = judgedAt(states, event, blocks, fs)
    const pool = all.filter(
      (j) => j.findings.length > 0 === wantBad && j.img.some((v) => v !== Data.INITIAL),
    )
    if (all.length < 2 || pool.length === 0) continue
    const j = rng.pick(pool)
    const history = historyOf(drawn, fs)
    const instant = instantOf(
      history,
      drawn,
      event,
      event > 0 ? (run.log.time[event - 1] as number) : 0,
    )
    const image: ImageCell[] = blocks.map((b, k) => {
      const v = j.img[k] as number
      return {
        block: b,
        label: v === Data.INITIAL ? 'old' : 'new',
        content: describeContent(contentOf(contents, initial, b, v), fs.layout.firstIno),
        changed: v !== Data.INITIAL,
        version: v,
      }
    })
    const candidates = choicesOf(rng, j)
    return {
      title: `Is this state consistent after a power loss ${instant.text}?`,
      scenario: drawn.file,
      model: 'power-loss',
      settings: fsSettingsText(drawn.settings),
      threads: drawn.threads,
      history,
      instant,
      blocks: blocks.map((b) => ({ block: b, role: fsRole(fs.layout, b) })),
      image,
      question: `The host loses power ${instant.text}. The table shows what each block of /dev/loop0 holds afterwards ("new": written during the run; blocks not listed hold zeros, or empty inode tables). Is the file system consistent once mounted (journal replayed, then fsck)? If not, what does fsck find?`,
      select: 'one',
      candidates,
      answers: answersOf(candidates, j, notesOf(j, blocks, fs)),
    }
  }
  return null
}
