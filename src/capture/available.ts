import { existsSync, readFileSync } from 'node:fs'

/** Why this machine cannot capture real loop traces, or null when it can (tests skip on a reason). */
export function whyNoCapture(): string | null {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'not root'
  if (!existsSync('/dev/loop-control')) return 'no /dev/loop-control'
  if (!['/usr/sbin/losetup', '/sbin/losetup', '/usr/bin/losetup'].some((p) => existsSync(p))) return 'no losetup'
  const fs = existsSync('/proc/filesystems') ? readFileSync('/proc/filesystems', 'utf8') : ''
  if (!/\ttracefs$/m.test(fs)) return 'no tracefs in /proc/filesystems'
  return null
}
