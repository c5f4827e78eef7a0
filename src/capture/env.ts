/**
 * Can this machine capture at all? The facts are gathered by `probeEnv` (through Sys) and judged
 * by the pure `refusals`, so every refusal message is testable with a made-up machine.
 */
import type { Sys } from './sys'

export interface TracefsState {
  /** The kernel lists tracefs in /proc/filesystems: capture mounts a private instance of it. */
  mountable: boolean
  /** tracefs roots already mounted (used when a private mount fails), canonical first. */
  mounted: string[]
}

export interface EnvFacts {
  platform: string
  uid: number
  loopControl: boolean
  /** Tool name → its path, or null when not found. */
  tools: Record<string, string | null>
  tracefs: TracefsState
}

const SEARCH = ['/usr/local/sbin', '/usr/sbin', '/sbin', '/usr/local/bin', '/usr/bin', '/bin']

export function findTool(sys: Sys, name: string): string | null {
  const dirs = [...(process.env['PATH'] ?? '').split(':').filter((d) => d !== ''), ...SEARCH]
  for (const d of dirs) if (sys.exists(`${d}/${name}`)) return `${d}/${name}`
  return null
}

/** tracefs mount points listed in /proc/mounts, the canonical one first. */
export function tracefsMounts(procMounts: string): string[] {
  const out: string[] = []
  for (const line of procMounts.split('\n')) {
    const [, dir, type] = line.split(' ')
    if (dir === undefined) continue
    if (type === 'tracefs') out.push(dir.replace(/\\040/g, ' '))
    if (type === 'debugfs') out.push(`${dir.replace(/\\040/g, ' ')}/tracing`)
  }
  return out.sort((a, b) => Number(b === '/sys/kernel/tracing') - Number(a === '/sys/kernel/tracing'))
}

export function probeEnv(sys: Sys, tools: readonly string[]): EnvFacts {
  const found: Record<string, string | null> = {}
  for (const t of tools) found[t] = findTool(sys, t)
  const mounts = tracefsMounts(sys.tryReadText('/proc/mounts') ?? '').filter((d) => sys.exists(`${d}/trace`))
  const filesystems = sys.tryReadText('/proc/filesystems') ?? ''
  const tracefs: TracefsState = { mountable: /\ttracefs$/m.test(filesystems), mounted: mounts }
  return {
    platform: sys.platform(),
    uid: sys.uid(),
    loopControl: sys.exists('/dev/loop-control'),
    tools: found,
    tracefs,
  }
}

/** Why capture cannot run here: one message per problem, empty when it can. */
export function refusals(facts: EnvFacts, needed: readonly string[]): string[] {
  const out: string[] = []
  if (facts.platform !== 'linux') {
    out.push(`capture needs Linux (loop devices, tracefs); this is ${facts.platform}`)
    return out
  }
  if (facts.uid !== 0) {
    out.push('capture needs root: it sets up loop devices, mounts file systems and tracefs, and enables block tracepoints (try sudo)')
  }
  if (!facts.loopControl) out.push('no /dev/loop-control: the loop driver is not loaded (modprobe loop) or /dev is not populated')
  const missing = needed.filter((t) => !facts.tools[t])
  if (missing.length > 0) {
    out.push(`missing programs: ${missing.join(', ')} (Debian: ${debianPackages(missing).join(', ')})`)
  }
  if (!facts.tracefs.mountable && facts.tracefs.mounted.length === 0) {
    out.push('no tracefs: the kernel has no tracing support (CONFIG_FTRACE / CONFIG_BLK_DEV_IO_TRACE) and none is mounted')
  }
  return out
}

const PACKAGE_OF: Record<string, string> = {
  losetup: 'mount',
  mount: 'mount',
  umount: 'mount',
  'mkfs.ext4': 'e2fsprogs',
  filefrag: 'e2fsprogs',
  fincore: 'util-linux',
  blkdiscard: 'util-linux',
  fallocate: 'util-linux',
  findmnt: 'util-linux',
  dd: 'coreutils',
  sync: 'coreutils',
  sleep: 'coreutils',
  uname: 'coreutils',
  bash: 'bash',
}

export function debianPackages(tools: readonly string[]): string[] {
  return [...new Set(tools.map((t) => PACKAGE_OF[t] ?? t))]
}
