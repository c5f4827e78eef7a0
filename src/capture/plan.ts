/**
 * Pure: turns a resolved scenario into what `capture` does on a real machine. Each scenario op
 * becomes a step that says what is run, or why it is skipped, and how it differs from the
 * simulated op where userspace cannot reproduce it exactly.
 */
import { BLOCK_BYTES, S, type FioJob, type FsOp, type RunConfig, type WorkOp } from '../engine/config'

/** Placeholders in step commands, replaced by the real paths when the capture runs. */
export const DEV = '$DEV'
export const PAT = '$PAT'
export const MNT = '$MNT'

export type StepPhase = 'block' | 'fs' | 'job'

export interface PlannedStep {
  index: number
  phase: StepPhase
  /** Thread or job name; null for the guest file system's single op stream. */
  thread: string | null
  /** The scenario op (write, flush, unlink, ...) or the fio-like job pattern. */
  op: string
  label: string | null
  /** Command words (block and job steps) or a description of the Node fs call (fs steps). */
  argv: string[] | null
  /** Submitted without waiting for completion: runs in the background of its thread. */
  background: boolean
  /** Why the op is not run, or null. */
  skipped: string | null
  /** How the real step differs from the simulated op, or null. */
  approximate: string | null
  /** The FsOp itself, for fs steps (run in-process with Node fs calls). */
  fs?: FsOp
  /** Seconds to sleep, for sleep ops. */
  sleepS?: number
}

export type Figures = 'page-cache' | 'dio-alignment' | null

export interface GuestFsPlan {
  mkfs: string[]
  mountOptions: string[]
  files: Array<{ name: string; blocks: number }>
  discipline: string
}

export interface CapturePlan {
  scenario: string
  variant: string
  /** Size of the image file (and so of the loop device plus its offset). */
  imageBytes: number
  /** Why the image is larger than the scenario's device, or null. */
  sizeNote: string | null
  loop: {
    directIo: boolean
    logicalBlockSize: number
    offsetBytes: number
    writeCache: boolean
    readOnly: boolean
  }
  backing: { allocated: RunConfig['stack']['backing']['allocated']; minDioSize: number }
  /** Whether the outcome depends on the backing file's minimum DIO alignment (see chooseLayout). */
  dioMatters: boolean
  workload: 'block' | 'fs' | 'jobs'
  guestFs: GuestFsPlan | null
  steps: PlannedStep[]
  figures: Figures
  /** Per-CPU trace buffer size. */
  bufferKb: number
  /** Programs the capture needs on PATH. */
  tools: string[]
  /** Programs it uses when present (a figure or an op is skipped without them). */
  optionalTools: string[]
  /** Stack settings of the scenario that the real machine does not reproduce. */
  notes: string[]
}

/** mkfs.ext4 makes no journal on very small devices; a guest file system needs one to be jbd2. */
export const MIN_FS_IMAGE_BYTES = 32 * 1024 * 1024
/** The file written through the guest file system for the double-cache page-cache figures. */
export const PAGE_CACHE_FILE_BYTES = 64 * 1024 * 1024

const BASE_TOOLS = ['bash', 'losetup', 'mount', 'umount', 'dd', 'sync', 'sleep', 'uname', 'findmnt']

export function planCapture(scenario: string, variant: string, config: RunConfig): CapturePlan {
  const { stack, workload } = config
  const notes: string[] = []
  const tools = new Set(BASE_TOOLS)
  const optionalTools = new Set(['filefrag'])
  const steps: PlannedStep[] = []

  let kind: CapturePlan['workload']
  let guestFs: GuestFsPlan | null = null
  if (workload.fs) {
    kind = 'fs'
    tools.add('mkfs.ext4')
    const fs = workload.fs
    const commitS = Math.max(1, Math.ceil(fs.commitIntervalNs / S))
    const mountOptions = [`commit=${commitS}`]
    if (fs.discipline === 'async-commit') mountOptions.push('journal_async_commit', 'data=writeback')
    if (fs.discipline === 'barrier-assumed') {
      notes.push(
        'guest discipline barrier-assumed is not reproducible: the real ext4 orders its journal the jbd2 way (waits for completion), so this capture shows jbd2 ordering',
      )
    }
    guestFs = { mkfs: mkfsArgs(), mountOptions, files: fs.files, discipline: fs.discipline }
    for (const op of fs.ops) steps.push(fsStep(steps.length, op))
  } else if (workload.jobs.length > 0) {
    kind = 'jobs'
    for (const job of workload.jobs) steps.push(jobStep(steps.length, job, config.stack.deviceBlocks))
  } else {
    kind = 'block'
  }
  for (const t of workload.threads) {
    for (const op of t.ops) steps.push(...blockSteps(steps.length, t.name, op))
  }
  if (workload.threads.some((t) => t.cgroup !== 'root') || workload.jobs.some((j) => j.cgroup !== 'root')) {
    notes.push('cgroups of threads and jobs are not reproduced: every step runs in the cgroup of capture')
  }
  for (const e of workload.events) {
    notes.push(`outside event ${e.kind} at ${e.at} ns is not reproduced (no power loss or snapshot from userspace)`)
  }
  for (const s of steps) {
    if (s.skipped !== null || s.argv === null) continue
    const tool = s.argv[0]
    if (tool === 'blkdiscard' || tool === 'fallocate') tools.add(tool)
  }

  const figures: Figures =
    scenario === 'double-cache' ? 'page-cache' : scenario === 'dio-alignment' ? 'dio-alignment' : null
  if (figures === 'page-cache') {
    tools.add('mkfs.ext4')
    optionalTools.add('fincore')
  }

  const deviceBytes = stack.deviceBlocks * BLOCK_BYTES
  let imageBytes = deviceBytes + stack.loop.offsetBytes
  let sizeNote: string | null = null
  const fsBytes = kind === 'fs' ? MIN_FS_IMAGE_BYTES : figures === 'page-cache' ? PAGE_CACHE_FILE_BYTES * 2 : 0
  if (deviceBytes < fsBytes) {
    imageBytes = fsBytes + stack.loop.offsetBytes
    sizeNote = `device enlarged from ${deviceBytes} to ${fsBytes} bytes: ${
      kind === 'fs' ? 'mkfs.ext4 makes no journal on a device this small' : 'room for the page-cache file'
    }`
  }

  const dioMatters = stack.loop.directIo || workload.threads.some((t) => t.ops.some((o) => o.op === 'set_direct_io'))
  notes.push(...stackNotes(config))

  return {
    scenario,
    variant,
    imageBytes,
    sizeNote,
    loop: {
      directIo: stack.loop.directIo,
      logicalBlockSize: stack.loop.logicalBlockSize,
      offsetBytes: stack.loop.offsetBytes,
      writeCache: stack.loop.writeCache,
      readOnly: stack.loop.readOnly,
    },
    backing: { allocated: stack.backing.allocated, minDioSize: stack.backing.minDioSize },
    dioMatters,
    workload: kind,
    guestFs,
    steps,
    figures,
    bufferKb: kind === 'jobs' || figures === 'page-cache' ? 65536 : 8192,
    tools: [...tools],
    optionalTools: [...optionalTools],
    notes,
  }
}

/** ext4 with 4 KiB blocks (the simulator's block), nothing initialized lazily in the background. */
export function mkfsArgs(): string[] {
  return ['mkfs.ext4', '-q', '-F', '-b', '4096', '-E', 'lazy_itable_init=0,lazy_journal_init=0', DEV]
}

function stackNotes(config: RunConfig): string[] {
  const { stack } = config
  const notes: string[] = []
  if (stack.loop.mode !== 'mainline') {
    notes.push(
      `loop mode ${stack.loop.mode} is not reproducible: the capture runs this kernel's own loop driver (mainline behaviour on 6.15+)`,
    )
  }
  if (stack.loop.flushDrains) notes.push('loop.flushDrains is in no kernel: the real FLUSH does not drain')
  if (stack.loop.queueDepth !== 128) notes.push(`loop.queueDepth ${stack.loop.queueDepth} not applied (module parameter hw_queue_depth is global)`)
  if (stack.crypt.enabled) notes.push('the dm-crypt-like reordering layer is not set up')
  if (stack.hostFs.legacyStaleData) notes.push('hostFs.legacyStaleData (2003-era direct I/O) is not reproducible on this kernel')
  if (!stack.backing.canDirectIo) notes.push('backing.canDirectIo=false is not reproduced: the image file supports O_DIRECT')
  if (stack.backing.openedODirect) notes.push('backing.openedODirect is not reproduced: losetup opens the image without O_DIRECT')
  if (!stack.backing.nowait) notes.push('backing.nowait=false is not reproduced')
  notes.push('host disk: the real backing device is used as it is (its write_cache and fua are recorded, not set from the scenario)')
  return notes
}

function blocksArgs(block: number, count: number): { seek: string; count: string } {
  return { seek: String(block), count: String(count) }
}

/** One scenario thread op → the real step(s). A preflush write becomes an fsync then the write. */
export function blockSteps(start: number, thread: string, op: WorkOp): PlannedStep[] {
  const base = { phase: 'block' as const, thread, op: op.op, label: 'label' in op ? op.label : null, background: false, skipped: null, approximate: null }
  switch (op.op) {
    case 'write': {
      const { seek, count } = blocksArgs(op.block, op.count)
      const out: PlannedStep[] = []
      if (op.preflush) {
        out.push({
          ...base,
          index: start,
          op: 'preflush',
          argv: ['sync', DEV],
          approximate:
            'REQ_PREFLUSH cannot be set from userspace: an fsync of the loop device (a separate empty flush) is issued and waited for before the write',
        })
      }
      const oflag = op.fua ? 'direct,dsync' : 'direct'
      out.push({
        ...base,
        index: start + out.length,
        argv: ['dd', `if=${PAT}`, `of=${DEV}`, `bs=${BLOCK_BYTES}`, `seek=${seek}`, `count=${count}`, `oflag=${oflag}`, 'conv=notrunc', 'status=none'],
        background: !op.wait,
        approximate: op.fua
          ? 'FUA from userspace is an O_DSYNC|O_DIRECT write: the bio carries REQ_FUA (block/fops.c dio_bio_write_op), and generic_write_sync then adds an fsync of the device, i.e. one more FLUSH after the write'
          : null,
      })
      return out
    }
    case 'read': {
      const { seek, count } = blocksArgs(op.block, op.count)
      return [
        {
          ...base,
          index: start,
          argv: ['dd', `if=${DEV}`, 'of=/dev/null', `bs=${BLOCK_BYTES}`, `skip=${seek}`, `count=${count}`, 'iflag=direct', 'status=none'],
          background: !op.wait,
        },
      ]
    }
    case 'discard':
      return [
        {
          ...base,
          index: start,
          argv: ['blkdiscard', '-o', String(op.block * BLOCK_BYTES), '-l', String(op.count * BLOCK_BYTES), DEV],
          background: !op.wait,
        },
      ]
    case 'write_zeroes':
      return [
        {
          ...base,
          index: start,
          // BLKZEROOUT asks for BLKDEV_ZERO_NOUNMAP; fallocate PUNCH_HOLE on a block device zeroes and may unmap.
          argv: op.unmap
            ? ['fallocate', '--punch-hole', '-o', String(op.block * BLOCK_BYTES), '-l', String(op.count * BLOCK_BYTES), DEV]
            : ['blkdiscard', '-z', '-o', String(op.block * BLOCK_BYTES), '-l', String(op.count * BLOCK_BYTES), DEV],
          background: !op.wait,
        },
      ]
    case 'flush':
      return [
        {
          ...base,
          index: start,
          argv: ['sync', DEV],
          background: !op.wait,
          approximate: 'an empty REQ_PREFLUSH from userspace is fsync(2) of the block device (blkdev_fsync → blkdev_issue_flush)',
        },
      ]
    case 'wait':
      return [{ ...base, index: start, argv: ['wait'] }]
    case 'sleep':
      return [{ ...base, index: start, argv: ['sleep', seconds(op.ns)], sleepS: op.ns / S }]
    case 'set_direct_io':
      return [
        {
          ...base,
          index: start,
          argv: ['losetup', `--direct-io=${op.on ? 'on' : 'off'}`, DEV],
          approximate: null,
        },
      ]
    case 'outside':
      return [
        {
          ...base,
          index: start,
          argv: null,
          skipped: `${op.event.kind} is an event outside the machine (power loss or a copy of the image); userspace cannot reproduce it`,
        },
      ]
  }
}

function seconds(ns: number): string {
  return String(Math.round(ns / 1000) / 1e6)
}

/** One guest file-system op → the Node fs call that `capture` makes on the mounted guest. */
export function fsStep(index: number, op: FsOp): PlannedStep {
  const base = { index, phase: 'fs' as const, thread: null, op: op.op, label: 'label' in op ? op.label : null, background: false, skipped: null, approximate: null, fs: op }
  switch (op.op) {
    case 'create':
      return { ...base, argv: [`openSync(${MNT}/${op.name}, O_CREAT|O_EXCL|O_WRONLY)`, 'closeSync'] }
    case 'write':
      return {
        ...base,
        argv: [`openSync(${MNT}/${op.name}, O_WRONLY)`, `writeSync(${op.count * BLOCK_BYTES} bytes at ${op.offset * BLOCK_BYTES})`, 'closeSync'],
      }
    case 'fsync':
      return { ...base, argv: [`openSync(${MNT}/${op.name}, O_RDONLY)`, 'fsyncSync', 'closeSync'] }
    case 'unlink':
      return { ...base, argv: [`unlinkSync(${MNT}/${op.name})`] }
    case 'rename':
      return { ...base, argv: [`renameSync(${MNT}/${op.from}, ${MNT}/${op.to})`] }
    case 'sync':
      return { ...base, argv: ['sync'], approximate: 'sync(2) syncs every file system of the host too' }
    case 'sleep':
      return { ...base, argv: ['sleep', seconds(op.ns)], sleepS: op.ns / S }
    case 'outside':
      return {
        ...base,
        argv: null,
        skipped: `${op.event.kind} is an event outside the machine (power loss or a copy of the image); userspace cannot reproduce it`,
      }
  }
}

/**
 * A fio-like job → a process. Buffered jobs (through the guest page cache, i.e. the loop device's
 * own page cache here) run as a small Node program doing psync pread/pwrite; direct sequential
 * jobs without fsync run as dd with O_DIRECT. Other direct jobs need aligned buffers and async
 * submission (fio, xfs_io), which capture does not have: skipped.
 */
export function jobStep(index: number, job: FioJob, deviceBlocks: number): PlannedStep {
  const base = { index, phase: 'job' as const, thread: job.name, op: job.rw, label: null, background: true, skipped: null, approximate: null }
  const size = Math.min(job.size, Math.max(0, deviceBlocks - job.offset))
  const notes: string[] = []
  if (job.ioengine !== 'psync' || job.iodepth > 1) notes.push(`ioengine ${job.ioengine} iodepth ${job.iodepth} run as psync, iodepth 1`)
  if (job.drain || job.link) notes.push('io_uring drain/link flags are not reproduced')
  if (job.thinkNs > 0 || job.startNs > 0) notes.push('think time and start delay are not reproduced')
  if (job.direct) {
    if ((job.rw === 'read' || job.rw === 'write') && job.fsync === 0) {
      const seqCount = Math.min(job.requests, Math.floor(size / job.bs))
      const argv =
        job.rw === 'read'
          ? ['dd', `if=${DEV}`, 'of=/dev/null', `bs=${job.bs * BLOCK_BYTES}`, `skip=${job.offset / job.bs}`, `count=${seqCount}`, 'iflag=direct', 'status=none']
          : ['dd', 'if=/dev/zero', `of=${DEV}`, `bs=${job.bs * BLOCK_BYTES}`, `seek=${job.offset / job.bs}`, `count=${seqCount}`, 'oflag=direct', 'conv=notrunc', 'status=none']
      if (seqCount < job.requests) notes.push(`${seqCount} I/Os instead of ${job.requests}: dd does not wrap around the region`)
      return { ...base, argv, approximate: notes.length > 0 ? notes.join('; ') : null }
    }
    return {
      ...base,
      argv: null,
      skipped: `direct ${job.rw} job${job.fsync > 0 ? ' with fsync' : ''} needs aligned O_DIRECT buffers at random offsets (fio or xfs_io); neither is used by capture`,
    }
  }
  const argv = [
    'node-job',
    DEV,
    job.rw,
    String(job.bs * BLOCK_BYTES),
    String(job.offset * BLOCK_BYTES),
    String(size * BLOCK_BYTES),
    String(job.requests),
    String(job.fsync),
    String(job.rwmixread),
    String(index + 1),
  ]
  return { ...base, argv, approximate: notes.length > 0 ? notes.join('; ') : null }
}

/**
 * The Node program a buffered job runs as (`node -e JOB_PROGRAM dev rw bs offset size requests
 * fsync rwmixread seed`): psync I/O through the page cache of the device, a seeded LCG for random
 * offsets, fsync every `fsync` writes as fio does.
 */
export const JOB_PROGRAM = `
const fs = require('fs')
const [dev, rw, bsS, offS, sizeS, reqS, fsyncS, mixS, seedS] = process.argv.slice(1)
const bs = Number(bsS), off = Number(offS), size = Number(sizeS), req = Number(reqS), every = Number(fsyncS), mix = Number(mixS)
let seed = BigInt(seedS) * 6364136223846793005n + 1442695040888963407n
const rand = (n) => { seed = (seed * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn; return Number((seed >> 33n) % BigInt(n)) }
const slots = Math.max(1, Math.floor(size / bs))
const random = rw.startsWith('rand')
const fd = fs.openSync(dev, 'r+')
const buf = Buffer.alloc(bs, 0x5a)
let writes = 0
for (let i = 0; i < req; i++) {
  const slot = random ? rand(slots) : i % slots
  const pos = off + slot * bs
  const isRead = rw === 'read' || rw === 'randread' || ((rw === 'rw' || rw === 'randrw') && rand(100) < mix)
  if (isRead) fs.readSync(fd, buf, 0, bs, pos)
  else {
    fs.writeSync(fd, buf, 0, bs, pos)
    writes++
    if (every > 0 && writes % every === 0) fs.fsyncSync(fd)
  }
}
fs.closeSync(fd)
`

/** Shell words → one shell-safe line. */
export function shellLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ')
}

export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word
  // A placeholder ($DEV, $PAT, ...) inside an otherwise plain word: double quotes keep it expanding.
  if (/^[A-Za-z0-9_@%+=:,./-]*\$[A-Z]+[A-Za-z0-9_@%+=:,./-]*$/.test(word)) return `"${word}"`
  return `'${word.replace(/'/g, `'\\''`)}'`
}

export interface ScriptPaths {
  /** Trace marker file, or /dev/null. */
  marker: string
  /** File each step appends "index status dio" to. */
  status: string
  /** Directory for the stderr of each step. */
  errDir: string
  /** /sys/block/loopN/loop/dio. */
  dioFile: string
  /** Shell lines that set DEV, PAT, ... */
  vars: Record<string, string>
  /** Command that runs the Node job program (process.execPath -e JOB_PROGRAM). */
  nodeJob: string[]
}

/**
 * The bash script that runs block and job steps: one subshell per thread, background steps with
 * `&`, `wait` where the scenario waits. Each step leaves trace markers ("loopscope: step N begin
 * ..." and "... end rc=R") and a status line.
 */
export function blockScript(steps: readonly PlannedStep[], p: ScriptPaths): string {
  const lines = [
    'set -u',
    ...Object.entries(p.vars).map(([k, v]) => `${k}=${shellQuote(v)}`),
    `MARK=${shellQuote(p.marker)}`,
    `ST=${shellQuote(p.status)}`,
    `DIOF=${shellQuote(p.dioFile)}`,
    'mark() { echo "loopscope: $*" > "$MARK" 2>/dev/null || true; }',
    'step() { local n=$1 what=$2; shift 2; mark "step $n begin $what"; "$@"; local rc=$?; echo "$n $rc $(cat "$DIOF" 2>/dev/null || echo -)" >> "$ST"; mark "step $n end rc=$rc $what"; return 0; }',
  ]
  const threads = new Map<string, PlannedStep[]>()
  for (const s of steps) {
    if (s.phase === 'fs') continue
    const key = s.thread ?? ''
    threads.set(key, [...(threads.get(key) ?? []), s])
  }
  for (const [thread, list] of threads) {
    lines.push(`# thread ${thread}`, '(')
    for (const s of list) {
      if (s.skipped !== null || s.argv === null) {
        lines.push(`  mark ${shellQuote(`step ${s.index} skipped ${s.op}`)}`)
        continue
      }
      if (s.argv[0] === 'wait') {
        lines.push(
          `  mark ${shellQuote(`step ${s.index} begin wait`)}`,
          '  wait',
          `  echo "${s.index} 0 $(cat "$DIOF" 2>/dev/null || echo -)" >> "$ST"`,
          `  mark ${shellQuote(`step ${s.index} end rc=0 wait`)}`,
        )
        continue
      }
      const argv = s.argv[0] === 'node-job' ? [...p.nodeJob, ...s.argv.slice(1)] : s.argv
      const what = `${s.op}${s.label ? ` ${s.label}` : ''}`
      const err = `${p.errDir}/step-${s.index}.err`
      lines.push(`  step ${s.index} ${shellQuote(what)} ${shellLine(argv)} 2>${shellQuote(err)}${s.background ? ' &' : ''}`)
    }
    lines.push('  wait', ') &')
  }
  lines.push('wait', '')
  return lines.join('\n')
}
