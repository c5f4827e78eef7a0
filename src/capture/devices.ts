/** Block devices as sysfs sees them: numbers, roles, queue flags, and what lies under a directory. */
import type { Sys } from './sys'

export type DeviceRole =
  /** The loop device the scenario's workload runs on. */
  | 'loop'
  /** The device holding the file system the image lives on. */
  | 'backing'
  /** The whole disk of a backing partition, or a device under a backing dm device. */
  | 'backing-disk'
  /** Nested layout: the loop device posing as the host disk. */
  | 'host-loop'
  /** Nested layout: the device under the host disk's image file. */
  | 'host-backing'

export interface DeviceInfo {
  role: DeviceRole
  name: string
  /** "MAJ:MIN" as in /sys/dev/block and findmnt. */
  majMin: string
  /** The kernel's dev_t (MAJ << 20 | MIN): the value the block tracepoints' dev field holds. */
  kdev: number
  /** "MAJ,MIN" as block tracepoints print it. */
  traceDev: string
  /** /sys/block/X/queue/write_cache: "write back" or "write through". */
  writeCache: string | null
  /** /sys/block/X/queue/fua: true when the device takes REQ_FUA itself. */
  fua: boolean | null
  logicalBlockSize: number | null
  physicalBlockSize: number | null
  rotational: boolean | null
  /** For a partition, the whole disk; null otherwise. */
  partitionOf: string | null
  /** First sector of a partition on its disk (0 for a whole disk). */
  startSector: number
}

export const MINOR_BITS = 20

export function kernelDev(major: number, minor: number): number {
  return major * 2 ** MINOR_BITS + minor
}

export function parseMajMin(text: string): { major: number; minor: number } | null {
  const m = /^\s*(\d+):(\d+)\s*$/.exec(text)
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : null
}

/** Reads a block device's facts from sysfs. The queue flags of a partition are its disk's. */
export function readDevice(sys: Sys, majMin: string, role: DeviceRole): DeviceInfo {
  const mm = parseMajMin(majMin)
  if (!mm) throw new Error(`not a MAJ:MIN: ${majMin}`)
  const dir = sys.realpath(`/sys/dev/block/${majMin}`)
  const name = dir.slice(dir.lastIndexOf('/') + 1)
  const isPartition = sys.exists(`${dir}/partition`)
  const parent = dir.slice(0, dir.lastIndexOf('/'))
  const diskDir = isPartition ? parent : dir
  const q = (f: string): string | null => sys.tryReadText(`${diskDir}/queue/${f}`)?.trim() ?? null
  const num = (v: string | null): number | null => (v === null || !/^\d+$/.test(v) ? null : Number(v))
  const flag = (v: string | null): boolean | null => (v === null ? null : v === '1')
  return {
    role,
    name,
    majMin: `${mm.major}:${mm.minor}`,
    kdev: kernelDev(mm.major, mm.minor),
    traceDev: `${mm.major},${mm.minor}`,
    writeCache: q('write_cache'),
    fua: flag(q('fua')),
    logicalBlockSize: num(q('logical_block_size')),
    physicalBlockSize: num(q('physical_block_size')),
    rotational: flag(q('rotational')),
    partitionOf: isPartition ? parent.slice(parent.lastIndexOf('/') + 1) : null,
    startSector: isPartition ? (num(sys.tryReadText(`${dir}/start`)?.trim() ?? null) ?? 0) : 0,
  }
}

/** The devices a bio for `dev` reaches: itself, its whole disk if a partition, the slaves of a dm device. */
export function lowerDevices(sys: Sys, dev: DeviceInfo, role: DeviceRole): DeviceInfo[] {
  const out: DeviceInfo[] = []
  if (dev.partitionOf !== null) {
    const mm = sys.tryReadText(`/sys/block/${dev.partitionOf}/dev`)?.trim()
    if (mm) out.push(readDevice(sys, mm, role))
  }
  const slaves = `/sys/block/${dev.name}/slaves`
  if (sys.exists(slaves)) {
    for (const s of sys.readdir(slaves)) {
      const mm = sys.tryReadText(`/sys/class/block/${s}/dev`)?.trim()
      if (mm) {
        const lower = readDevice(sys, mm, role)
        out.push(lower, ...lowerDevices(sys, lower, role))
      }
    }
  }
  return out
}

export interface Backing {
  /** findmnt SOURCE, e.g. /dev/vda1, overlay, tmpfs. */
  source: string
  fsType: string
  /** The block device holding the file system, or null (tmpfs, overlay, network...). */
  majMin: string | null
}

/** What holds directory `dir`: the mount's source and, if it is a block device, its numbers. */
export function backingOf(sys: Sys, dir: string): Backing {
  const r = sys.run('findmnt', ['-n', '-o', 'SOURCE,FSTYPE,MAJ:MIN', '-T', dir])
  const [source = '?', fsType = '?', majMin = ''] = r.stdout.trim().split(/\s+/)
  const candidates = [majMin]
  try {
    const d = sys.statDev(dir)
    candidates.push(`${d.major}:${d.minor}`)
  } catch {
    // statDev is a second opinion only.
  }
  // btrfs and others report an anonymous st_dev; the mount source may still be a block device.
  if (source.startsWith('/dev/')) {
    const r2 = sys.run('stat', ['-L', '-c', '%t:%T', source])
    const m = /^([0-9a-f]+):([0-9a-f]+)$/.exec(r2.stdout.trim())
    if (m) candidates.push(`${parseInt(m[1] as string, 16)}:${parseInt(m[2] as string, 16)}`)
  }
  for (const c of candidates) {
    const mm = parseMajMin(c)
    if (mm && mm.major !== 0 && sys.exists(`/sys/dev/block/${mm.major}:${mm.minor}`)) {
      return { source, fsType, majMin: `${mm.major}:${mm.minor}` }
    }
  }
  return { source, fsType, majMin: null }
}

export function loopName(devPath: string): string {
  return devPath.slice(devPath.lastIndexOf('/') + 1)
}

/** /sys/block/loopN/loop/dio as a number (1 on, 0 off), or null. */
export function loopDio(sys: Sys, devPath: string): number | null {
  const v = sys.tryReadText(`/sys/block/${loopName(devPath)}/loop/dio`)?.trim()
  return v === '1' ? 1 : v === '0' ? 0 : null
}

/**
 * The image's extents on the device under it, in 512-byte sectors, from `filefrag -v -b512`:
 * [file sector, device sector, sectors]. Device sectors are of the backing device as named
 * (for a partition, add its startSector for the whole disk).
 */
export function parseFilefrag(text: string): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = []
  for (const line of text.split('\n')) {
    const m = /^\s*\d+:\s+(\d+)\.\.\s*\d+:\s+(\d+)\.\.\s*\d+:\s+(\d+):/.exec(line)
    if (m) out.push([Number(m[1]), Number(m[2]), Number(m[3])])
  }
  return out
}
