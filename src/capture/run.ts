/**
 * capture: runs a scenario's workload on a real loop device and records the kernel's block
 * tracepoints of the loop device and of the device(s) under its backing file.
 *
 * Everything made is undone through a CleanupStack (also on failure and on an interrupt that
 * reaches a child process); after the cleanup capture checks that none of its loop devices,
 * mounts or files remain.
 */
import { BLOCK_BYTES } from '../engine/config'
import type { FioJob, FsOp } from '../engine/config'
import { CleanupStack, type CleanupRecord } from './cleanup'
import {
  backingOf,
  loopDio,
  loopName,
  lowerDevices,
  parseFilefrag,
  readDevice,
  type Backing,
  type DeviceInfo,
} from './devices'
import { probeEnv, refusals } from './env'
import {
  blockScript,
  DEV,
  JOB_PROGRAM,
  MNT,
  PAGE_CACHE_FILE_BYTES,
  PAT,
  planCapture,
  shellLine,
  type CapturePlan,
  type PlannedStep,
} from './plan'
import type { Sys, RunResult } from './sys'
import { RefusalError, TraceSession, type TraceFacts } from './tracefs'

export type LayoutChoice = 'auto' | 'direct' | 'nested'
export type FailPhase = 'setup' | 'workload' | 'save'

export interface CaptureOptions {
  /** Trace file to write; the sidecar goes to `${out}.json`. */
  out: string
  layout: LayoutChoice
  /** Where the temp dir is made (default: the OS temp dir). */
  dir: string
  /** Test hook: throw at this phase, to check that everything is undone. */
  failAt: FailPhase | null
  /** Progress lines. */
  log: (text: string) => void
  /** Install SIGINT/SIGTERM/SIGHUP listeners for the duration (real runs). */
  handleSignals: boolean
  /** Node binary for buffered fio-like jobs. */
  nodePath: string
}

export interface StepRecord {
  index: number
  phase: PlannedStep['phase']
  thread: string | null
  op: string
  label: string | null
  /** What was run, with real paths; null when skipped. */
  run: string | null
  background: boolean
  skipped: string | null
  approximate: string | null
  /** Exit status (0 ok) for commands, 0 or a negative errno for fs calls; null when not run. */
  status: number | null
  error: string | null
  /** /sys/block/loopN/loop/dio right after the step, when known. */
  dioAfter: number | null
}

export interface PageCacheFigure {
  phase: string
  /** Distinct bytes the workload put through the guest (file size, or the jobs' expected footprint). */
  dataBytes: number
  /** Guest page cache: fincore of the guest file, or the Buffers delta of /proc/meminfo for a raw device. */
  guestCachedBytes: number | null
  guestMeasure: string
  /** Host page cache: fincore of the image file. */
  hostCachedBytes: number | null
  /** (guest + host) / data. */
  ratio: number | null
}

export interface DioProbe {
  logicalBlockSize: number
  /** Logical block size of the device under the image (the backing file's minimum DIO alignment). */
  backingMinDio: number | null
  /** dio after LOOP_CONFIGURE with LO_FLAGS_DIRECT_IO (losetup --direct-io=on). */
  dioAfterConfigure: number | null
  /** LOOP_SET_DIRECT_IO(1) on a device configured without DIO (losetup --direct-io=on DEV). */
  setDirectIo: { status: number | null; message: string; dioAfter: number | null }
}

export interface Sidecar {
  format: 'loopscope-capture'
  version: 1
  scenario: string
  variant: string
  createdAt: string
  kernel: string
  command: string
  trace: {
    file: string
    /** Lines kept in the file / lines in the kernel's buffer. */
    lines: number
    linesRead: number
    lost: { overrun: number; dropped: number }
    tracefs: TraceFacts
    markers: string
  }
  layout: {
    kind: 'direct' | 'nested'
    reason: string
    tempDir: { source: string; fsType: string; majMin: string | null }
    hostSectorSize: number | null
  }
  devices: DeviceInfo[]
  loop: {
    device: string
    sizeBytes: number
    scenarioDeviceBytes: number
    sizeNote: string | null
    logicalBlockSize: number
    offsetBytes: number
    dioRequested: boolean
    dioEffective: boolean | null
    writeCache: { scenario: string; actual: string | null }
    readOnly: boolean
  }
  image: {
    allocated: CapturePlan['backing']['allocated']
    /** On the device named, in 512-byte sectors: [file sector, device sector, sectors]. */
    extents: { device: string; list: Array<[number, number, number]> } | null
  }
  workload: {
    kind: CapturePlan['workload']
    guestFs: CapturePlan['guestFs']
    steps: StepRecord[]
    jobProgram: string | null
  }
  figures: { pageCache?: PageCacheFigure[]; dioAlignment?: DioProbe[] }
  notes: string[]
  cleanup: CleanupRecord[]
  leftovers: string[]
}

export interface CaptureOutcome {
  /** 0 done, 1 failed (after cleanup), 2 refused, 130 interrupted. */
  code: 0 | 1 | 2 | 130
  message: string | null
  sidecar: Sidecar | null
  cleanup: CleanupRecord[]
  leftovers: string[]
}

export class Interrupted extends Error {
  override readonly name = 'Interrupted'
}

export interface LayoutDecision {
  kind: 'direct' | 'nested'
  reason: string
  /** Sector size of the host-disk loop device in the nested layout. */
  hostSectorSize: number | null
}

/**
 * Direct: the image on the file system of the temp dir, whose block device is traced. Nested: a
 * "host disk" loop device over a file, with ext4 on it, holds the image, so both levels are block
 * devices (needed on tmpfs or overlay, or when the scenario's backing minimum DIO size differs
 * from the real device's logical block size in a way that changes loop's DIO decision).
 */
export function chooseLayout(want: LayoutChoice, backing: Backing, backingLbs: number | null, plan: CapturePlan): LayoutDecision {
  const host = plan.backing.minDioSize
  if (want === 'nested') return { kind: 'nested', reason: 'requested with --layout=nested', hostSectorSize: host }
  if (backing.majMin === null) {
    if (want === 'direct') {
      throw new RefusalError(
        `--layout=direct: the temp dir is on ${backing.fsType} (${backing.source}), which has no block device to trace; use --layout=nested or --dir on a disk`,
      )
    }
    return {
      kind: 'nested',
      reason: `the temp dir is on ${backing.fsType} (${backing.source}), which has no block device under it: a host-disk loop device with ext4 holds the image`,
      hostSectorSize: host,
    }
  }
  if (want === 'direct') return { kind: 'direct', reason: 'requested with --layout=direct', hostSectorSize: null }
  const lbs = plan.loop.logicalBlockSize
  // The dio-alignment figures probe 512- and 4096-byte loop blocks, so there the backing must
  // have exactly the scenario's minimum DIO size.
  const differs = plan.figures === 'dio-alignment' ? backingLbs !== host : lbs >= host !== lbs >= (backingLbs ?? host)
  if (plan.dioMatters && backingLbs !== null && differs) {
    return {
      kind: 'nested',
      reason: `the scenario's backing file has a minimum DIO size of ${host} bytes but ${backing.source} has ${backingLbs}-byte logical blocks, which would change loop's DIO decision${plan.figures === 'dio-alignment' ? ' in the probes' : ` for ${lbs}-byte loop blocks`}: the image sits on ext4 on a host-disk loop device with ${host}-byte sectors`,
      hostSectorSize: host,
    }
  }
  return { kind: 'direct', reason: `the image sits on ${backing.source} (${backing.fsType})`, hostSectorSize: null }
}

const MiB = 1024 * 1024

export function runCapture(
  scenario: { id: string; variant: string; config: Parameters<typeof planCapture>[2] },
  opts: CaptureOptions,
  sys: Sys,
  command: string,
): CaptureOutcome {
  const plan = planCapture(scenario.id, scenario.variant, scenario.config)
  const facts = probeEnv(sys, [...plan.tools, ...plan.optionalTools, 'truncate', 'stat'])
  const refused = refusals(facts, [...plan.tools, 'truncate', 'stat'])
  if (refused.length > 0) {
    return { code: 2, message: `cannot capture here:\n  - ${refused.join('\n  - ')}`, sidecar: null, cleanup: [], leftovers: [] }
  }
  const has = (t: string): boolean => Boolean(facts.tools[t])

  const cleanup = new CleanupStack()
  const loopUndo = new Map<string, number>()
  const made: { tmp: string | null; loops: string[]; mounts: string[]; outputs: string[] } = { tmp: null, loops: [], mounts: [], outputs: [] }
  const onSignal = (): void => {
    // The child that got the signal fails and capture unwinds; nothing else to do here.
  }
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
  if (opts.handleSignals) for (const s of signals) process.on(s, onSignal)

  let sidecar: Sidecar | null = null
  let failure: unknown = null
  try {
    sidecar = capture()
  } catch (e) {
    failure = e
  } finally {
    // Recording stops before anything is undone (tracing_on 0 is also part of the instance removal).
    cleanup.runAll()
    if (opts.handleSignals) for (const s of signals) process.off(s, onSignal)
  }
  const leftovers = findLeftovers()
  if (failure !== null || sidecar === null) {
    for (const f of made.outputs) sys.rmrf(f)
    const code = failure instanceof RefusalError ? 2 : failure instanceof Interrupted ? 130 : 1
    const message = failure instanceof Error ? failure.message : String(failure)
    return { code, message, sidecar: null, cleanup: cleanup.done, leftovers }
  }
  sidecar.cleanup = cleanup.done
  sidecar.leftovers = leftovers
  sys.writeText(`${opts.out}.json`, `${JSON.stringify(sidecar, null, 2)}\n`)
  return { code: 0, message: null, sidecar, cleanup: cleanup.done, leftovers }

  // --- the capture itself ---------------------------------------------------------------------

  function capture(): Sidecar {
    const kernel = must('uname', ['-r']).stdout.trim()
    const tmp = sys.mkdtemp(`${opts.dir.replace(/\/$/, '')}/loopscope-capture-`)
    made.tmp = tmp
    cleanup.push(`remove ${tmp}`, () => sys.rmrf(tmp))
    opts.log(`capture ${plan.scenario} / ${plan.variant}: kernel ${kernel}, temp dir ${tmp}`)

    const trace = TraceSession.open(sys, cleanup, tmp, facts.tracefs.mounted, loopName(tmp))
    trace.setOff()

    // Layout.
    const tmpBacking = backingOf(sys, tmp)
    const tmpDev = tmpBacking.majMin ? readDevice(sys, tmpBacking.majMin, 'backing') : null
    const layout = chooseLayout(opts.layout, tmpBacking, tmpDev?.logicalBlockSize ?? null, plan)
    const devices: DeviceInfo[] = []
    let imageDir = tmp
    if (layout.kind === 'nested') {
      const hostImg = `${tmp}/host.img`
      const hostBytes = Math.ceil((plan.imageBytes * 1.15 + 64 * MiB) / MiB) * MiB
      must('truncate', ['-s', String(hostBytes), hostImg])
      const hostLoop = attachLoop(hostImg, ['--direct-io=on', '--sector-size', String(layout.hostSectorSize ?? 4096)], 'host disk')
      must('mkfs.ext4', ['-q', '-F', '-b', '4096', '-E', 'lazy_itable_init=0,lazy_journal_init=0', hostLoop])
      imageDir = `${tmp}/host`
      mountAt(hostLoop, imageDir, [], 'host file system')
      devices.push(readDevice(sys, sysDev(hostLoop), 'host-loop'))
      if (tmpDev) devices.push({ ...tmpDev, role: 'host-backing' }, ...lowerDevices(sys, tmpDev, 'host-backing'))
    } else if (tmpDev) {
      devices.push(tmpDev, ...lowerDevices(sys, tmpDev, 'backing-disk'))
    }
    opts.log(`  layout ${layout.kind}: ${layout.reason}`)

    // The image and the loop device.
    const img = `${imageDir}/image`
    makeImage(img)
    const loopArgs = ['--sector-size', String(plan.loop.logicalBlockSize), `--direct-io=${plan.loop.directIo ? 'on' : 'off'}`]
    if (plan.loop.offsetBytes > 0) loopArgs.push('--offset', String(plan.loop.offsetBytes))
    if (plan.loop.readOnly) loopArgs.push('--read-only')
    const loop = attachLoop(img, loopArgs, 'scenario loop device')
    const lname = loopName(loop)
    if (!plan.loop.writeCache) sys.writeText(`/sys/block/${lname}/queue/write_cache`, 'write through')
    const dioEffective = loopDio(sys, loop)
    devices.unshift(readDevice(sys, sysDev(loop), 'loop'))
    for (const d of devices) {
      opts.log(`  ${d.role.padEnd(12)} ${d.name} (${d.majMin}) write_cache ${d.writeCache ?? '?'}, fua ${d.fua === null ? '?' : d.fua ? 1 : 0}, ${d.logicalBlockSize ?? '?'}-byte blocks`)
    }
    opts.log(`  ${lname}: DIO requested ${plan.loop.directIo ? 'on' : 'off'}, effective ${dioEffective === 1 ? 'on' : dioEffective === 0 ? 'off' : '?'}`)
    const uniqueDevs = [...new Map(devices.map((d) => [d.kdev, d])).values()]
    trace.configure(cleanup, plan.bufferKb, uniqueDevs.map((d) => d.kdev))

    // Workload setup (not recorded).
    const mnt = `${tmp}/guest`
    const pat = `${tmp}/pattern`
    const vars: Record<string, string> = { DEV: loop, PAT: pat, MNT: mnt }
    const maxBlocks = Math.max(1, ...plan.steps.map((s) => (s.argv?.find((a) => a.startsWith('count='))?.slice(6) ?? '1')).map(Number).filter((n) => n > 0))
    sys.writeText(pat, 'loopscope'.repeat(Math.ceil((maxBlocks * BLOCK_BYTES) / 9)).slice(0, maxBlocks * BLOCK_BYTES))
    if (plan.guestFs) {
      must(plan.guestFs.mkfs[0] as string, plan.guestFs.mkfs.slice(1).map((a) => (a === DEV ? loop : a)))
      mountAt(loop, mnt, plan.guestFs.mountOptions, 'guest file system')
      for (const f of plan.guestFs.files) sys.writeAt(`${mnt}/${f.name}`, Buffer.alloc(f.blocks * BLOCK_BYTES, f.name), 0, true, true)
      must('sync', [])
    }
    if (plan.figures === 'page-cache') dropCaches()
    if (opts.failAt === 'setup') throw new Error('injected failure at setup (--fail-at=setup)')

    // The recorded part. A block device's page cache is dropped at its last close
    // (bdev_release → blkdev_flush_mapping); jobs run as separate processes, so capture holds the
    // loop device open to keep the guest cache of the jobs as a guest kernel would.
    let holdUndo: number | null = null
    if (plan.workload === 'jobs') {
      holdUndo = cleanup.push(`close ${loop}`, sys.hold(loop))
    }
    const buffersBefore = meminfoBuffers()
    trace.start()
    trace.mark(`start ${plan.scenario} ${plan.variant} on ${lname}`)
    const records = runSteps(plan.steps, vars, trace, tmp, loop)
    const figures: Sidecar['figures'] = {}
    if (plan.figures === 'page-cache') figures.pageCache = pageCacheFigures(loop, img, mnt, trace, buffersBefore, () => holdUndo !== null && cleanup.runNow(holdUndo))
    else if (holdUndo !== null) cleanup.runNow(holdUndo)
    trace.mark(`end ${plan.scenario} ${plan.variant}`)
    trace.setOff()
    const lost = trace.lost()
    if (opts.failAt === 'workload') throw new Error('injected failure at workload (--fail-at=workload)')
    if (plan.figures === 'dio-alignment') figures.dioAlignment = dioProbes(imageDir, devices.find((d) => d.role === 'host-loop' || d.role === 'backing')?.logicalBlockSize ?? null)

    // Where the image is on the device under it.
    let extents: Sidecar['image']['extents'] = null
    if (has('filefrag')) {
      const ff = sys.run('filefrag', ['-v', '-b512', img])
      const under = devices.find((d) => d.role === (layout.kind === 'nested' ? 'host-loop' : 'backing'))
      if (ff.status === 0 && under) extents = { device: under.name, list: parseFilefrag(ff.stdout) }
    }

    // Save.
    made.outputs.push(opts.out)
    const saved = trace.save(opts.out, uniqueDevs.map((d) => d.traceDev))
    opts.log(`  ${records.filter((r) => r.status !== null).length} steps run, ${records.filter((r) => r.skipped !== null).length} skipped; ${saved.kept} trace lines kept of ${saved.read}; lost ${lost.overrun + lost.dropped}`)
    if (opts.failAt === 'save') throw new Error('injected failure at save (--fail-at=save)')

    const scenarioDeviceBytes = scenario.config.stack.deviceBlocks * BLOCK_BYTES
    return {
      format: 'loopscope-capture',
      version: 1,
      scenario: plan.scenario,
      variant: plan.variant,
      createdAt: new Date(sys.now()).toISOString(),
      kernel,
      command,
      trace: {
        file: opts.out.slice(opts.out.lastIndexOf('/') + 1),
        lines: saved.kept,
        linesRead: saved.read,
        lost,
        tracefs: { ...trace.facts, root: trace.facts.mount === 'private' ? '(private mount in the temp dir)' : trace.facts.root },
        markers:
          'tracing_mark_write lines "loopscope: step N begin|end rc=R <op> <label>" are written by the workload around each step (block and job steps from their shell, fs steps from capture itself); "loopscope: start|end" bracket the workload',
      },
      layout: {
        kind: layout.kind,
        reason: layout.reason,
        tempDir: { source: tmpBacking.source, fsType: tmpBacking.fsType, majMin: tmpBacking.majMin },
        hostSectorSize: layout.hostSectorSize,
      },
      devices: uniqueDevs,
      loop: {
        device: lname,
        sizeBytes: plan.imageBytes - plan.loop.offsetBytes,
        scenarioDeviceBytes,
        sizeNote: plan.sizeNote,
        logicalBlockSize: plan.loop.logicalBlockSize,
        offsetBytes: plan.loop.offsetBytes,
        dioRequested: plan.loop.directIo,
        dioEffective: dioEffective === null ? null : dioEffective === 1,
        writeCache: { scenario: plan.loop.writeCache ? 'write back' : 'write through', actual: devices[0]?.writeCache ?? null },
        readOnly: plan.loop.readOnly,
      },
      image: { allocated: plan.backing.allocated, extents },
      workload: {
        kind: plan.workload,
        guestFs: plan.guestFs,
        steps: records,
        jobProgram: plan.workload === 'jobs' ? JOB_PROGRAM.trim() : null,
      },
      figures,
      notes: plan.notes,
      cleanup: [],
      leftovers: [],
    }
  }

  // --- helpers ------------------------------------------------------------------------------

  function check(cmd: string, args: readonly string[], r: RunResult): RunResult {
    if (r.signal === 'SIGINT' || r.signal === 'SIGTERM' || r.signal === 'SIGHUP' || ((cmd === 'bash' || cmd === 'sleep') && (r.status === 130 || r.status === 143))) {
      throw new Interrupted(`interrupted (${r.signal ?? `status ${r.status}`}) while running ${cmd}`)
    }
    return r
  }

  function run(cmd: string, args: readonly string[]): RunResult {
    return check(cmd, args, sys.run(cmd, args))
  }

  function must(cmd: string, args: readonly string[]): RunResult {
    const r = run(cmd, args)
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${(r.stderr || r.error || `status ${r.status}`).trim()}`)
    return r
  }

  function sysDev(devPath: string): string {
    return sys.readText(`/sys/block/${loopName(devPath)}/dev`).trim()
  }

  function attachLoop(file: string, args: string[], what: string): string {
    const r = must('losetup', ['--find', '--show', ...args, file])
    const dev = r.stdout.trim()
    if (!/^\/dev\/loop\d+$/.test(dev)) throw new Error(`losetup printed ${JSON.stringify(dev)} for the ${what}`)
    made.loops.push(dev)
    loopUndo.set(dev, cleanup.push(`detach ${what} ${dev}`, () => {
      const d = sys.run('losetup', ['-d', dev])
      if (d.status !== 0) throw new Error(`losetup -d ${dev}: ${d.stderr.trim()}`)
    }))
    return dev
  }

  function mountAt(dev: string, dir: string, options: string[], what: string): void {
    sys.mkdir(dir)
    must('mount', [...(options.length > 0 ? ['-o', options.join(',')] : []), dev, dir])
    made.mounts.push(dir)
    cleanup.push(`unmount ${what} ${dir}`, () => unmount(dir))
  }

  function unmount(dir: string): void {
    let last = ''
    for (let attempt = 0; attempt < 5; attempt++) {
      const r = sys.run('umount', [dir])
      if (r.status === 0) return
      last = r.stderr.trim()
      sys.run('sleep', ['0.2'])
    }
    const lazy = sys.run('umount', ['-l', dir])
    throw new Error(`umount ${dir} failed (${last}); lazy unmount ${lazy.status === 0 ? 'done' : 'failed too'}`)
  }

  function makeImage(img: string): void {
    const alloc = plan.backing.allocated
    must('truncate', ['-s', String(plan.imageBytes), img])
    if (alloc === 'all') {
      must('dd', ['if=/dev/zero', `of=${img}`, 'bs=1M', `count=${Math.ceil(plan.imageBytes / MiB)}`, 'oflag=direct', 'conv=notrunc,fsync', 'status=none'])
      must('truncate', ['-s', String(plan.imageBytes), img])
    } else if (alloc !== 'none') {
      for (const [start, count] of alloc) {
        must('dd', ['if=/dev/zero', `of=${img}`, `bs=${BLOCK_BYTES}`, `seek=${start + plan.loop.offsetBytes / BLOCK_BYTES}`, `count=${count}`, 'oflag=direct', 'conv=notrunc,fsync', 'status=none'])
      }
    }
  }

  function dropCaches(): void {
    must('sync', [])
    sys.writeText('/proc/sys/vm/drop_caches', '3')
  }

  function meminfoBuffers(): number | null {
    const m = /^Buffers:\s+(\d+) kB/m.exec(sys.tryReadText('/proc/meminfo') ?? '')
    return m ? Number(m[1]) * 1024 : null
  }

  function fincore(path: string): number | null {
    if (!has('fincore')) return null
    const r = run('fincore', ['-b', '-n', '-o', 'RES', path])
    const v = r.stdout.trim()
    return r.status === 0 && /^\d+$/.test(v) ? Number(v) : null
  }

  function runSteps(steps: readonly PlannedStep[], vars: Record<string, string>, trace: TraceSession, tmp: string, loop: string): StepRecord[] {
    const records = new Map<number, StepRecord>()
    const render = (s: PlannedStep): string | null => {
      if (s.argv === null || s.skipped !== null) return null
      const words = s.argv[0] === 'node-job' ? ['node', '-e', 'JOB_PROGRAM', ...s.argv.slice(1)] : s.argv
      const real = words.map((w) => w.replace(DEV, vars['DEV'] as string).replace(PAT, vars['PAT'] as string).replace(MNT, vars['MNT'] as string))
      return s.phase === 'fs' ? real.join('; ') : shellLine(real)
    }
    for (const s of steps) {
      records.set(s.index, {
        index: s.index,
        phase: s.phase,
        thread: s.thread,
        op: s.op,
        label: s.label,
        run: render(s),
        background: s.background,
        skipped: s.skipped,
        approximate: s.approximate,
        status: null,
        error: null,
        dioAfter: null,
      })
    }
    // Guest file-system ops, in this process.
    for (const s of steps) {
      if (s.phase !== 'fs' || s.skipped !== null || !s.fs) continue
      const rec = records.get(s.index) as StepRecord
      trace.mark(`step ${s.index} begin ${s.op}${s.label ? ` ${s.label}` : ''}`)
      const r = fsOp(s.fs, vars['MNT'] as string)
      rec.status = r.status
      rec.error = r.error
      trace.mark(`step ${s.index} end rc=${r.status} ${s.op}${s.label ? ` ${s.label}` : ''}`)
    }
    // Block and job steps, from one bash script.
    if (steps.some((s) => s.phase !== 'fs')) {
      const status = `${tmp}/status`
      const errDir = `${tmp}/stderr`
      sys.mkdir(errDir)
      sys.writeText(status, '')
      const script = blockScript(steps, {
        marker: trace.markerPath,
        status,
        errDir,
        dioFile: `/sys/block/${loopName(loop)}/loop/dio`,
        vars,
        nodeJob: [opts.nodePath, '-e', JOB_PROGRAM],
      })
      sys.writeText(`${tmp}/steps.sh`, script)
      run('bash', [`${tmp}/steps.sh`])
      for (const line of (sys.tryReadText(status) ?? '').split('\n')) {
        const m = /^(\d+) (\d+) (\S+)$/.exec(line.trim())
        if (!m) continue
        const [, n, rc, dio] = m
        const rec = records.get(Number(n))
        if (!rec) continue
        rec.status = Number(rc)
        rec.dioAfter = dio === '1' ? 1 : dio === '0' ? 0 : null
        const err = sys.tryReadText(`${errDir}/step-${rec.index}.err`)?.trim()
        if (err) rec.error = err
      }
    }
    return [...records.values()]
  }

  function fsOp(op: FsOp, mnt: string): { status: number; error: string | null } {
    const errno = (e: unknown): { status: number; error: string } => {
      const code = (e as NodeJS.ErrnoException).code ?? 'EIO'
      const n = (e as NodeJS.ErrnoException).errno
      return { status: typeof n === 'number' ? (n > 0 ? -n : n) : -5, error: `${code}: ${(e as Error).message}` }
    }
    try {
      switch (op.op) {
        case 'create':
          sys.createFile(`${mnt}/${op.name}`)
          break
        case 'write':
          sys.writeAt(`${mnt}/${op.name}`, Buffer.alloc(op.count * BLOCK_BYTES, op.label ?? op.name), op.offset * BLOCK_BYTES, false, false)
          break
        case 'fsync':
          sys.fsyncFile(`${mnt}/${op.name}`)
          break
        case 'unlink':
          sys.unlink(`${mnt}/${op.name}`)
          break
        case 'rename':
          sys.rename(`${mnt}/${op.from}`, `${mnt}/${op.to}`)
          break
        case 'sync': {
          const r = run('sync', [])
          return { status: r.status ?? -1, error: r.status === 0 ? null : r.stderr.trim() }
        }
        case 'sleep': {
          const r = run('sleep', [String(op.ns / 1e9)])
          return { status: r.status ?? -1, error: r.status === 0 ? null : r.stderr.trim() }
        }
        case 'outside':
          return { status: -1, error: 'not run' }
      }
      return { status: 0, error: null }
    } catch (e) {
      if (e instanceof Interrupted) throw e
      return errno(e)
    }
  }

  /**
   * Page cache held by the guest and by the host. After the scenario's jobs (guest cache = the
   * loop device's own page cache, measured as the Buffers delta of /proc/meminfo, since fincore
   * sees no pages of a block device), then for a file written through ext4 on the loop device
   * (fincore of the guest file and of the image).
   */
  function pageCacheFigures(
    loop: string,
    img: string,
    mnt: string,
    trace: TraceSession,
    buffersBefore: number | null,
    release: () => void,
  ): PageCacheFigure[] {
    const out: PageCacheFigure[] = []
    const jobsBytes = scenario.config.workload.jobs.reduce((sum, j) => sum + jobFootprintBytes(j, scenario.config.stack.deviceBlocks), 0)
    if (jobsBytes > 0) {
      const after = meminfoBuffers()
      const guest = buffersBefore !== null && after !== null ? Math.max(0, after - buffersBefore) : null
      const host = fincore(img)
      out.push({
        phase: 'scenario jobs on the raw loop device',
        dataBytes: jobsBytes,
        guestCachedBytes: guest,
        guestMeasure: 'Buffers delta of /proc/meminfo (system-wide: the loop device page cache plus any other block-device cache that grew)',
        hostCachedBytes: host,
        ratio: guest !== null && host !== null ? round((guest + host) / jobsBytes) : null,
      })
    }
    release()
    trace.mark('phase page-cache file: mkfs.ext4, mount, write and fsync a file through the guest')
    must('mkfs.ext4', ['-q', '-F', '-b', '4096', '-E', 'lazy_itable_init=0,lazy_journal_init=0', loop])
    mountAt(loop, mnt, [], 'guest file system (page-cache file)')
    dropCaches()
    const file = `${mnt}/data`
    sys.writeAt(file, Buffer.alloc(PAGE_CACHE_FILE_BYTES, 0xa5), 0, true, true)
    const guest = fincore(file)
    const host = fincore(img)
    out.push({
      phase: `${PAGE_CACHE_FILE_BYTES / MiB} MiB file written and fsynced through ext4 on the loop device`,
      dataBytes: PAGE_CACHE_FILE_BYTES,
      guestCachedBytes: guest,
      guestMeasure: 'fincore of the guest file',
      hostCachedBytes: host,
      ratio: guest !== null && host !== null ? round((guest + host) / PAGE_CACHE_FILE_BYTES) : null,
    })
    trace.mark('phase page-cache file done')
    return out
  }

  /** loop's DIO decision for 512- and 4096-byte loop blocks over a file next to the image. */
  function dioProbes(dir: string, backingMinDio: number | null): DioProbe[] {
    const out: DioProbe[] = []
    for (const lbs of [512, 4096]) {
      const file = `${dir}/probe-${lbs}`
      must('dd', ['if=/dev/zero', `of=${file}`, 'bs=1M', 'count=1', 'oflag=direct', 'conv=fsync', 'status=none'])
      const a = attachLoop(file, ['--direct-io=on', '--sector-size', String(lbs)], `DIO probe ${lbs} (configure)`)
      const dioAfterConfigure = loopDio(sys, a)
      cleanup.runNow(loopUndo.get(a) ?? -1) // detach it now
      const b = attachLoop(file, ['--direct-io=off', '--sector-size', String(lbs)], `DIO probe ${lbs} (set)`)
      const r = run('losetup', ['--direct-io=on', b])
      const setDirectIo = { status: r.status, message: (r.stderr || 'ok').trim(), dioAfter: loopDio(sys, b) }
      cleanup.runNow(loopUndo.get(b) ?? -1)
      sys.rmrf(file)
      out.push({ logicalBlockSize: lbs, backingMinDio, dioAfterConfigure, setDirectIo })
    }
    return out
  }

  /** Loop devices, mounts and files of this capture that are still there. */
  function findLeftovers(): string[] {
    const out: string[] = []
    const list = sys.run('losetup', ['-a']).stdout
    for (const dev of made.loops) {
      if (new RegExp(`^${dev}:`, 'm').test(list)) out.push(`loop device ${dev}`)
    }
    if (made.tmp !== null) {
      const mounts = sys.tryReadText('/proc/mounts') ?? ''
      for (const line of mounts.split('\n')) {
        const dir = line.split(' ')[1]
        if (dir !== undefined && dir.startsWith(made.tmp)) out.push(`mount ${dir}`)
      }
      if (sys.exists(made.tmp)) out.push(`directory ${made.tmp}`)
    }
    return out
  }
}

/**
 * Distinct bytes a fio-like job touches: its whole region for sequential jobs (up to the I/O
 * count), the expected number of distinct slots for random ones (n (1 - (1 - 1/n)^k)).
 */
export function jobFootprintBytes(job: FioJob, deviceBlocks: number): number {
  const slots = Math.max(1, Math.floor(Math.min(job.size, Math.max(0, deviceBlocks - job.offset)) / job.bs))
  const k = job.requests
  const touched = job.rw.startsWith('rand') ? slots * (1 - (1 - 1 / slots) ** k) : Math.min(k, slots)
  return Math.round(touched) * job.bs * BLOCK_BYTES
}

function round(x: number): number {
  return Math.round(x * 100) / 100
}
