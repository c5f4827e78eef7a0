/**
 * The pure parts of capture: arguments, refusals on a made-up machine, the mapping of scenario ops
 * to real steps, the cleanup stack, the layout decision, trace-line filtering, and the whole
 * orchestration against a fake system that records every command, including what is undone when
 * a phase fails.
 */
import { describe, expect, it } from 'vitest'
import { loadScenario } from '../cli/load'
import { captureCommand, captureRequest, parseCaptureArgs } from '../cli/capture'
import { UsageError } from '../cli/args'
import type { RunConfig, WorkOp } from '../engine/config'
import { CleanupStack } from './cleanup'
import { kernelDev, parseFilefrag, type Backing } from './devices'
import { debianPackages, refusals, tracefsMounts, type EnvFacts } from './env'
import { blockScript, blockSteps, planCapture, shellQuote, type CapturePlan } from './plan'
import { chooseLayout, jobFootprintBytes, runCapture, type CaptureOptions } from './run'
import { splitUserDev, type RunResult, type Sys } from './sys'
import { RefusalError, traceLineFilter } from './tracefs'

function plan(id: string, variant?: string): CapturePlan {
  const s = loadScenario(id, variant)
  return planCapture(id, s.variant, s.config)
}

describe('capture arguments', () => {
  it('takes --layout, --dir and --fail-at with a space or an equals sign', () => {
    const r = captureRequest(parseCaptureArgs(['fua-aio', '--layout', 'nested', '--dir=/var/tmp', '--variant', 'mainline', '--out', 'x.trace']))
    expect(r).toMatchObject({ target: 'fua-aio', layout: 'nested', dir: '/var/tmp', variant: 'mainline', out: 'x.trace', failAt: null, json: false })
    expect(captureRequest(parseCaptureArgs(['fua-aio', '--fail-at', 'setup', '--json'])).failAt).toBe('setup')
  })

  it('says what is wrong with bad arguments', () => {
    expect(() => captureRequest(parseCaptureArgs([]))).toThrow(/capture needs a scenario id/)
    expect(() => captureRequest(parseCaptureArgs(['fua-aio', '--layout', 'sideways']))).toThrow(/--layout must be one of auto, direct, nested/)
    expect(() => captureRequest(parseCaptureArgs(['fua-aio', '--fail-at=never']))).toThrow(UsageError)
    expect(() => captureRequest(parseCaptureArgs(['fua-aio', 'flush-no-drain']))).toThrow(/one scenario/)
  })

  it('prints the plan without touching the machine with --dry-run', () => {
    const out: string[] = []
    const sys = fakeSys({ uid: 1000 })
    expect(captureCommand(['flush-no-drain', '--dry-run'], (t) => out.push(t), () => {}, sys)).toBe(0)
    expect(JSON.parse(out.join('\n')).steps).toHaveLength(3)
    expect(sys.calls).toEqual([])
  })
})

describe('refusals', () => {
  const ok: EnvFacts = {
    platform: 'linux',
    uid: 0,
    loopControl: true,
    tools: { losetup: '/usr/sbin/losetup', 'mkfs.ext4': '/usr/sbin/mkfs.ext4' },
    tracefs: { mountable: true, mounted: [] },
  }

  it('lets a root Linux machine with everything through', () => {
    expect(refusals(ok, ['losetup', 'mkfs.ext4'])).toEqual([])
    expect(refusals({ ...ok, tracefs: { mountable: false, mounted: ['/sys/kernel/debug/tracing'] } }, ['losetup'])).toEqual([])
  })

  it('names each problem', () => {
    expect(refusals({ ...ok, uid: 1000 }, [])).toEqual([expect.stringMatching(/^capture needs root.*try sudo/)])
    expect(refusals({ ...ok, loopControl: false }, [])).toEqual([expect.stringMatching(/no \/dev\/loop-control.*modprobe loop/)])
    expect(refusals({ ...ok, tools: { losetup: null } }, ['losetup', 'mkfs.ext4'])).toEqual([
      'missing programs: losetup, mkfs.ext4 (Debian: mount, e2fsprogs)',
    ])
    expect(refusals({ ...ok, tracefs: { mountable: false, mounted: [] } }, [])).toEqual([expect.stringMatching(/^no tracefs/)])
    expect(refusals({ ...ok, platform: 'darwin' }, [])).toEqual(['capture needs Linux (loop devices, tracefs); this is darwin'])
    expect(refusals({ ...ok, uid: 1000, loopControl: false }, [])).toHaveLength(2)
  })

  it('finds tracefs mounts, the canonical one first', () => {
    const mounts = 'debugfs /sys/kernel/debug debugfs rw 0 0\nnodev /sys/kernel/tracing tracefs rw 0 0\n'
    expect(tracefsMounts(mounts)).toEqual(['/sys/kernel/tracing', '/sys/kernel/debug/tracing'])
    expect(debianPackages(['fincore', 'blkdiscard', 'dd'])).toEqual(['util-linux', 'coreutils'])
  })

  it('refuses with exit code 2 and touches nothing when not root', () => {
    const err: string[] = []
    const sys = fakeSys({ uid: 1000 })
    expect(captureCommand(['fua-aio'], () => {}, (t) => err.push(t), sys)).toBe(2)
    expect(err.join('\n')).toMatch(/cannot capture here:\n {2}- capture needs root/)
    expect(sys.calls).toEqual([])
  })
})

describe('scenario ops to real steps', () => {
  it('fua-aio: one O_DIRECT|O_DSYNC write, and it says that userspace adds a flush', () => {
    const p = plan('fua-aio', 'mainline')
    expect(p.workload).toBe('block')
    expect(p.steps).toHaveLength(1)
    const [w] = p.steps
    expect(w?.argv).toEqual(['dd', 'if=$PAT', 'of=$DEV', 'bs=4096', 'seek=7', 'count=1', 'oflag=direct,dsync', 'conv=notrunc', 'status=none'])
    expect(w?.approximate).toMatch(/REQ_FUA.*generic_write_sync/)
    expect(p.loop).toMatchObject({ directIo: true, logicalBlockSize: 4096 })
    expect(plan('fua-aio', 'proposal-2012').notes).toContainEqual(expect.stringMatching(/loop mode proposal-2012 is not reproducible/))
  })

  it('flush-no-drain: writes in the background, a flush that does not wait for them; or a wait first', () => {
    const noWait = plan('flush-no-drain', 'no-wait').steps
    expect(noWait.map((s) => [s.op, s.label, s.background, s.argv?.[0]])).toEqual([
      ['write', 'a', true, 'dd'],
      ['write', 'b', true, 'dd'],
      ['flush', 'f', false, 'sync'],
    ])
    const waited = plan('flush-no-drain', 'wait-then-flush').steps
    expect(waited.map((s) => s.op)).toEqual(['write', 'write', 'wait', 'flush'])
  })

  it('unlink-snapshot: file-system ops on ext4 with a journal, the device enlarged for mkfs', () => {
    const p = plan('unlink-snapshot', 'jbd2')
    expect(p.workload).toBe('fs')
    expect(p.steps.map((s) => [s.phase, s.op, s.label])).toEqual([
      ['fs', 'unlink', 'rm'],
      ['fs', 'sleep', null],
      ['fs', 'sync', 'sync'],
    ])
    expect(p.steps[1]?.sleepS).toBe(6)
    expect(p.guestFs).toMatchObject({ mountOptions: ['commit=5'], files: [{ name: 'a', blocks: 2 }, { name: 'b', blocks: 2 }] })
    expect(p.imageBytes).toBe(32 * 1024 * 1024)
    expect(p.sizeNote).toMatch(/no journal/)
    expect(p.tools).toContain('mkfs.ext4')
    expect(plan('unlink-snapshot', 'jbd2-dio').loop).toMatchObject({ directIo: true, logicalBlockSize: 4096 })
    expect(plan('unlink-snapshot', 'barrier-assumed').notes).toContainEqual(expect.stringMatching(/barrier-assumed is not reproducible/))
    expect(plan('unlink-snapshot', 'fuzzy-copy').notes).toContainEqual(expect.stringMatching(/outside event fuzzy-copy/))
  })

  it('dio-alignment: LOOP_SET_DIRECT_IO is losetup --direct-io on the device', () => {
    const p = plan('dio-alignment', 'bs512')
    expect(p.figures).toBe('dio-alignment')
    expect(p.steps.find((s) => s.op === 'set_direct_io')?.argv).toEqual(['losetup', '--direct-io=on', '$DEV'])
    expect(p.loop.logicalBlockSize).toBe(512)
  })

  it('double-cache: buffered jobs as processes through the device page cache, and the page-cache figures', () => {
    const p = plan('double-cache', 'buffered')
    expect(p.workload).toBe('jobs')
    expect(p.figures).toBe('page-cache')
    expect(p.steps.map((s) => [s.thread, s.argv?.[0], s.background])).toEqual([
      ['read1', 'node-job', true],
      ['read2', 'node-job', true],
      ['read3', 'node-job', true],
      ['read4', 'node-job', true],
      ['randwrite', 'node-job', true],
    ])
    expect(p.steps[4]?.argv?.slice(1)).toEqual(['$DEV', 'randwrite', '4096', String(200 * 1024 * 1024), String(200 * 1024 * 1024), '20000', '1000', '50', '5'])
    expect(p.optionalTools).toContain('fincore')
  })

  it('skips what userspace cannot do and approximates a preflush', () => {
    const outside: WorkOp = { op: 'outside', event: { kind: 'power-loss', order: 'ascending', nsPerBlock: 0 } }
    expect(blockSteps(0, 't', outside)[0]?.skipped).toMatch(/userspace cannot reproduce/)
    const pre: WorkOp = { op: 'write', block: 3, count: 2, fua: false, preflush: true, wait: true, unmap: false, label: 'c' }
    const steps = blockSteps(4, 't', pre)
    expect(steps.map((s) => [s.index, s.op, s.argv?.[0]])).toEqual([
      [4, 'preflush', 'sync'],
      [5, 'write', 'dd'],
    ])
    expect(steps[0]?.approximate).toMatch(/REQ_PREFLUSH cannot be set from userspace/)
    const zero: WorkOp = { op: 'write_zeroes', block: 1, count: 1, fua: false, preflush: false, wait: true, unmap: false, label: null }
    expect(blockSteps(0, 't', zero)[0]?.argv).toEqual(['blkdiscard', '-z', '-o', '4096', '-l', '4096', '$DEV'])
  })

  it('aio-order: direct random libaio jobs are skipped with the reason', () => {
    const p = plan('aio-order')
    expect(p.steps.length).toBeGreaterThan(0)
    for (const s of p.steps) expect(s.skipped).toMatch(/aligned O_DIRECT buffers/)
  })

  it('writes a script with one subshell per thread and the scenario waits', () => {
    const script = blockScript(plan('flush-no-drain', 'wait-then-flush').steps, {
      marker: '/t/trace_marker',
      status: '/x/status',
      errDir: '/x/err',
      dioFile: '/sys/block/loop3/loop/dio',
      vars: { DEV: '/dev/loop3', PAT: '/x/pattern' },
      nodeJob: ['node', '-e', 'x'],
    })
    const body = script.split('\n')
    expect(body).toContain(`  step 0 'write a' dd "if=$PAT" "of=$DEV" bs=4096 seek=10 count=1 oflag=direct conv=notrunc status=none 2>/x/err/step-0.err &`)
    expect(body).toContain(`  step 3 'flush f' sync "$DEV" 2>/x/err/step-3.err`)
    expect(body.indexOf('  wait')).toBeGreaterThan(body.findIndex((l) => l.includes('step 1 ')))
    expect(body.indexOf('  wait')).toBeLessThan(body.findIndex((l) => l.includes('step 3 ')))
    expect(body.slice(-3)).toEqual([') &', 'wait', ''])
    expect(script).toMatch(/^DEV=\/dev\/loop3$/m)
  })

  it('quotes shell words', () => {
    expect(shellQuote('bs=4096')).toBe('bs=4096')
    expect(shellQuote('if=$PAT')).toBe('"if=$PAT"')
    expect(shellQuote("it's")).toBe(`'it'\\''s'`)
    expect(shellQuote('a b')).toBe(`'a b'`)
  })

  it('counts the distinct bytes a job touches', () => {
    const s = loadScenario('double-cache', 'buffered')
    const [read1, , , , randwrite] = s.config.workload.jobs
    expect(jobFootprintBytes(read1 as never, s.config.stack.deviceBlocks)).toBe(10000 * 4096)
    const rw = jobFootprintBytes(randwrite as never, s.config.stack.deviceBlocks)
    // 20,000 random 4 KiB writes over 51,200 slots: 51200 (1 - (1 - 1/51200)^20000) ≈ 16,557.
    expect(rw / 4096).toBeGreaterThan(16500)
    expect(rw / 4096).toBeLessThan(16600)
  })
})

describe('cleanup stack', () => {
  it('undoes newest first, goes on after a failure, runs each action once', () => {
    const log: string[] = []
    const c = new CleanupStack()
    c.push('rm tmp', () => log.push('rm tmp'))
    c.push('umount', () => {
      log.push('umount')
      throw new Error('busy')
    })
    c.push('losetup -d', () => log.push('losetup -d'))
    expect(c.pending()).toEqual(['losetup -d', 'umount', 'rm tmp'])
    const done = c.runAll()
    expect(log).toEqual(['losetup -d', 'umount', 'rm tmp'])
    expect(done.map((d) => [d.name, d.ok, d.error])).toEqual([
      ['losetup -d', true, null],
      ['umount', false, 'busy'],
      ['rm tmp', true, null],
    ])
    expect(c.runAll()).toEqual([])
    expect(log).toHaveLength(3)
  })

  it('runs one action early, after everything pushed after it', () => {
    const log: string[] = []
    const c = new CleanupStack()
    c.push('a', () => log.push('a'))
    const b = c.push('b', () => log.push('b'))
    c.push('c', () => log.push('c'))
    c.runNow(b)
    expect(log).toEqual(['c', 'b'])
    c.runAll()
    expect(log).toEqual(['c', 'b', 'a'])
    expect(c.runNow(b)).toEqual([])
  })
})

describe('layout', () => {
  const disk: Backing = { source: '/dev/vda', fsType: 'ext4', majMin: '254:0' }
  const tmpfs: Backing = { source: 'tmpfs', fsType: 'tmpfs', majMin: null }

  it('nests the image on a host-disk loop device when there is no block device under the temp dir', () => {
    const d = chooseLayout('auto', tmpfs, null, plan('fua-aio'))
    expect(d).toMatchObject({ kind: 'nested', hostSectorSize: 4096 })
    expect(d.reason).toMatch(/tmpfs.*no block device/)
    expect(() => chooseLayout('direct', tmpfs, null, plan('fua-aio'))).toThrow(RefusalError)
  })

  it('nests when the real minimum DIO size would change the scenario', () => {
    expect(chooseLayout('auto', disk, 512, plan('fua-aio')).kind).toBe('direct')
    expect(chooseLayout('auto', disk, 512, plan('dio-alignment', 'bs512')).kind).toBe('nested')
    expect(chooseLayout('auto', disk, 512, plan('dio-alignment', 'bs4096')).kind).toBe('nested')
    expect(chooseLayout('auto', disk, 4096, plan('dio-alignment', 'bs512')).kind).toBe('direct')
    expect(chooseLayout('auto', disk, 4096, plan('unlink-snapshot', 'jbd2')).kind).toBe('direct')
    expect(chooseLayout('nested', disk, 4096, plan('unlink-snapshot', 'jbd2')).kind).toBe('nested')
  })
})

describe('devices and trace lines', () => {
  it('encodes device numbers the way the kernel and glibc do', () => {
    expect(kernelDev(7, 1)).toBe(7340033)
    expect(kernelDev(254, 0)).toBe(266338304)
    expect(splitUserDev(65024)).toEqual({ major: 254, minor: 0 })
    expect(splitUserDev((259 << 8) | 1)).toEqual({ major: 259, minor: 1 })
    expect(splitUserDev((8 << 8) | (300 & 0xff) | ((300 & ~0xff) << 12))).toEqual({ major: 8, minor: 300 })
  })

  it('keeps headers, capture markers and block lines of the chosen devices', () => {
    const keep = traceLineFilter(['7,0', '254,0'])
    expect(keep('# tracer: nop')).toBe(true)
    expect(keep('  bash-1 [000] ...1. 1.0: tracing_mark_write: loopscope: step 0 begin write w')).toBe(true)
    expect(keep('  bash-1 [000] ...1. 1.0: tracing_mark_write: something else')).toBe(false)
    expect(keep('  dd-2 [001] ..... 1.5: block_bio_queue: 7,0 WFS 56 + 8 [dd]')).toBe(true)
    expect(keep('  dd-2 [001] ..... 1.5: block_bio_queue: 8,0 WS 56 + 8 [dd]')).toBe(false)
    expect(keep('  kw-3 [001] ..... 1.6: block_bio_remap: 8,0 WS 2104 + 8 <- (254,0) 56')).toBe(true)
  })

  it('reads filefrag extents in sectors', () => {
    const text = [
      'Filesystem type is: ef53',
      ' ext:     logical_offset:        physical_offset: length:   expected: flags:',
      '   0:        0..   16383:   48250880..  48267263:  16384:             last,eof',
    ].join('\n')
    expect(parseFilefrag(text)).toEqual([[0, 48250880, 16384]])
  })
})

// --- the orchestration on a fake machine ------------------------------------------------------

interface FakeOptions {
  uid?: number
  /** A command (first word, or "cmd arg") that fails with this status. */
  fail?: Record<string, number>
}

type FakeSys = Sys & { calls: string[]; files: Map<string, string> }

function fakeSys(o: FakeOptions = {}): FakeSys {
  const calls: string[] = []
  const files = new Map<string, string>([
    ['/proc/filesystems', 'nodev\tsysfs\nnodev\ttracefs\n'],
    ['/proc/mounts', ''],
    ['/proc/meminfo', 'Buffers:          1000 kB\n'],
    ['/sys/dev/block/254:0/queue/write_cache', 'write back\n'],
  ])
  const dirs = new Set<string>()
  let loops = 8
  const ok = (stdout = ''): RunResult => ({ status: 0, signal: null, stdout, stderr: '', error: null })
  const exists = (p: string): boolean =>
    files.has(p) ||
    dirs.has(p) ||
    /^\/usr\/s?bin\/[\w.]+$/.test(p) ||
    p === '/dev/loop-control' ||
    /\/events\/block\/block_\w+\/enable$/.test(p) ||
    /^\/sys\/dev\/block\/\d+:\d+$/.test(p)
  return {
    calls,
    files,
    run(cmd, args) {
      const line = [cmd, ...args].join(' ')
      calls.push(line)
      const failing = o.fail?.[cmd] ?? o.fail?.[`${cmd} ${args[0] ?? ''}`]
      if (failing !== undefined) return { status: failing, signal: null, stdout: '', stderr: `${cmd}: simulated failure`, error: null }
      if (cmd === 'uname') return ok('6.18.0-test\n')
      if (cmd === 'findmnt') return ok('/dev/vda ext4 254:0\n')
      if (cmd === 'stat') return ok('fe:0\n')
      if (cmd === 'losetup' && args[0] === '--find') {
        loops++
        files.set(`/sys/block/loop${loops}/dev`, `7:${loops}\n`)
        files.set(`/sys/block/loop${loops}/loop/dio`, args.includes('--direct-io=on') ? '1\n' : '0\n')
        return ok(`/dev/loop${loops}\n`)
      }
      if (cmd === 'losetup' && args[0] === '-a') return ok('')
      return ok()
    },
    readText(p) {
      const v = files.get(p)
      if (v === undefined) throw new Error(`ENOENT ${p}`)
      return v
    },
    tryReadText: (p) => files.get(p) ?? null,
    writeText(p, t) {
      calls.push(`write ${p} ${JSON.stringify(t.length > 40 ? `${t.slice(0, 40)}...` : t)}`)
      files.set(p, t)
    },
    exists,
    readdir: () => [],
    mkdtemp(prefix) {
      const d = `${prefix}TEST`
      calls.push(`mkdtemp ${d}`)
      dirs.add(d)
      return d
    },
    mkdir(p) {
      calls.push(`mkdir ${p}`)
      dirs.add(p)
    },
    rmdir(p) {
      calls.push(`rmdir ${p}`)
      dirs.delete(p)
    },
    rmrf(p) {
      calls.push(`rm -rf ${p}`)
      for (const d of [...dirs]) if (d.startsWith(p)) dirs.delete(d)
    },
    realpath: (p) => `/sys/devices/virtual/block/${p.endsWith('254:0') ? 'vda' : `loop${p.split(':')[1]}`}`,
    statDev: () => ({ major: 254, minor: 0 }),
    uid: () => o.uid ?? 0,
    platform: () => 'linux',
    copyLines(src, dst) {
      calls.push(`copy ${src} ${dst}`)
      return { read: 0, kept: 0 }
    },
    now: () => 0,
    writeAt: (p, bytes, offset, create, fsync) => void calls.push(`writeAt ${p} ${bytes.length}@${offset}${create ? ' create' : ''}${fsync ? ' fsync' : ''}`),
    createFile: (p) => void calls.push(`create ${p}`),
    fsyncFile: (p) => void calls.push(`fsync ${p}`),
    unlink: (p) => void calls.push(`unlink ${p}`),
    rename: (a, b) => void calls.push(`rename ${a} ${b}`),
    hold(p) {
      calls.push(`hold ${p}`)
      return () => void calls.push(`close ${p}`)
    },
  }
}

function options(over: Partial<CaptureOptions> = {}): CaptureOptions {
  return { out: '/out/x.trace', layout: 'auto', dir: '/tmp', failAt: null, log: () => {}, handleSignals: false, nodePath: 'node', ...over }
}

function scenario(id: string, variant?: string): { id: string; variant: string; config: RunConfig } {
  const s = loadScenario(id, variant)
  return { id, variant: s.variant, config: s.config }
}

/** The commands that undo things, in the order they ran. */
function undoCalls(calls: readonly string[]): string[] {
  return calls.filter((c) => /^(losetup -d|umount|rmdir|rm -rf)|\/enable "0"|filter "0"/.test(c))
}

describe('capture on a fake machine', () => {
  it('sets up, records and undoes everything in reverse order', () => {
    const sys = fakeSys()
    const r = runCapture(scenario('fua-aio'), options(), sys, 'test')
    expect(r.message).toBeNull()
    expect(r.code).toBe(0)
    const calls = sys.calls
    const at = (re: RegExp): number => calls.findIndex((c) => re.test(c))
    // Setup order: temp dir, private tracefs, image, loop device, events, then the workload.
    expect(at(/^mkdtemp/)).toBeLessThan(at(/^mount -t tracefs/))
    expect(at(/^mount -t tracefs/)).toBeLessThan(at(/^losetup --find --show --sector-size 4096 --direct-io=on/))
    expect(at(/^losetup --find/)).toBeLessThan(at(/block_rq_issue\/enable "1"/))
    expect(at(/block_rq_issue\/enable "1"/)).toBeLessThan(at(/^bash /))
    expect(at(/events\/block\/filter "dev == 7340041 \|\| dev == 266338304"/)).toBeGreaterThan(0)
    // Undo order: events off, filter cleared, loop detached, instance removed, tracefs unmounted, temp dir removed.
    const undo = undoCalls(calls)
    expect(undo.slice(-4)).toEqual([
      'losetup -d /dev/loop9',
      'rmdir /tmp/loopscope-capture-TEST/tracefs/instances/loopscope-capture-TEST',
      'umount /tmp/loopscope-capture-TEST/tracefs',
      'rm -rf /tmp/loopscope-capture-TEST',
    ])
    expect(undo.filter((c) => c.endsWith('/enable "0"'))).toHaveLength(9)
    expect(r.sidecar?.loop).toMatchObject({ device: 'loop9', dioRequested: true, dioEffective: true, logicalBlockSize: 4096 })
    expect(r.sidecar?.layout.kind).toBe('direct')
    expect(r.sidecar?.devices.map((d) => [d.role, d.name, d.traceDev])).toEqual([
      ['loop', 'loop9', '7,9'],
      ['backing', 'vda', '254,0'],
    ])
    expect(r.leftovers).toEqual([])
    expect(sys.files.has('/out/x.trace.json')).toBe(true)
  })

  for (const failAt of ['setup', 'workload', 'save'] as const) {
    it(`undoes everything when it fails at ${failAt}, and writes no output`, () => {
      const sys = fakeSys()
      const r = runCapture(scenario('unlink-snapshot', 'jbd2'), options({ failAt }), sys, 'test')
      expect(r.code).toBe(1)
      expect(r.message).toMatch(new RegExp(`injected failure at ${failAt}`))
      expect(r.cleanup.every((c) => c.ok)).toBe(true)
      const undo = undoCalls(sys.calls).filter((c) => !c.startsWith('rm -rf /out/'))
      // The guest is unmounted first (it was mounted last), the loop device detached after it.
      expect(undo[0]).toBe('umount /tmp/loopscope-capture-TEST/guest')
      expect(undo.slice(-4)).toEqual([
        'losetup -d /dev/loop9',
        'rmdir /tmp/loopscope-capture-TEST/tracefs/instances/loopscope-capture-TEST',
        'umount /tmp/loopscope-capture-TEST/tracefs',
        'rm -rf /tmp/loopscope-capture-TEST',
      ])
      expect(sys.files.has('/out/x.trace.json')).toBe(false)
      if (failAt === 'save') expect(sys.calls).toContain('rm -rf /out/x.trace')
    })
  }

  it('undoes what exists when a command fails halfway (mkfs of the guest)', () => {
    const sys = fakeSys({ fail: { 'mkfs.ext4': 1 } })
    const r = runCapture(scenario('unlink-snapshot', 'jbd2'), options(), sys, 'test')
    expect(r.code).toBe(1)
    expect(r.message).toMatch(/mkfs.ext4 .* failed: mkfs.ext4: simulated failure/)
    const undo = undoCalls(sys.calls)
    expect(undo).not.toContain('umount /tmp/loopscope-capture-TEST/guest')
    expect(undo.slice(-4)[0]).toBe('losetup -d /dev/loop9')
  })

  it('nests the image on a host disk and undoes both levels in order', () => {
    const sys = fakeSys()
    const r = runCapture(scenario('flush-no-drain'), options({ layout: 'nested' }), sys, 'test')
    expect(r.code).toBe(0)
    expect(sys.calls).toContain('losetup --find --show --direct-io=on --sector-size 4096 /tmp/loopscope-capture-TEST/host.img')
    expect(sys.calls).toContain('mount /dev/loop9 /tmp/loopscope-capture-TEST/host')
    expect(sys.calls.some((c) => c.startsWith('losetup --find --show --sector-size 4096 --direct-io=on /tmp/loopscope-capture-TEST/host/image'))).toBe(true)
    const undo = undoCalls(sys.calls)
    expect(undo.slice(-6)).toEqual([
      'losetup -d /dev/loop10',
      'umount /tmp/loopscope-capture-TEST/host',
      'losetup -d /dev/loop9',
      'rmdir /tmp/loopscope-capture-TEST/tracefs/instances/loopscope-capture-TEST',
      'umount /tmp/loopscope-capture-TEST/tracefs',
      'rm -rf /tmp/loopscope-capture-TEST',
    ])
    expect(r.sidecar?.devices.map((d) => d.role)).toEqual(['loop', 'host-loop', 'host-backing'])
  })

  it('refuses (exit 2) when tracefs cannot be mounted nor found, after undoing the temp dir', () => {
    const sys = fakeSys({ fail: { 'mount -t': 32 } })
    const r = runCapture(scenario('fua-aio'), options(), sys, 'test')
    expect(r.code).toBe(2)
    expect(r.message).toMatch(/cannot mount tracefs/)
    expect(undoCalls(sys.calls)).toEqual(['rm -rf /tmp/loopscope-capture-TEST'])
  })

  it('reports an interrupt of the workload as 130 and still undoes everything', () => {
    const sys = fakeSys()
    const run = sys.run.bind(sys)
    sys.run = (cmd, args, opts) => (cmd === 'bash' ? { status: 130, signal: null, stdout: '', stderr: '', error: null } : run(cmd, args, opts))
    const r = runCapture(scenario('fua-aio'), options(), sys, 'test')
    expect(r.code).toBe(130)
    expect(undoCalls(sys.calls).slice(-1)).toEqual(['rm -rf /tmp/loopscope-capture-TEST'])
    expect(undoCalls(sys.calls)).toContain('losetup -d /dev/loop9')
  })
})
