/**
 * Every effect `capture` has on the machine goes through this interface, so the orchestration
 * (what is set up, in which order, and what is undone when something fails) can be tested with
 * a fake that records the calls.
 */
import { spawnSync } from 'node:child_process'
import {
  closeSync,
  constants,
  fsyncSync,
  renameSync,
  unlinkSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs'

export interface RunResult {
  /** Exit status, or null when the process was killed by a signal. */
  status: number | null
  signal: string | null
  stdout: string
  stderr: string
  /** spawn error (ENOENT: no such program). */
  error: string | null
}

export interface RunOptions {
  input?: string
  timeoutMs?: number
}

export interface Sys {
  run(cmd: string, args: readonly string[], opts?: RunOptions): RunResult
  readText(path: string): string
  /** null when the file is missing or unreadable. */
  tryReadText(path: string): string | null
  writeText(path: string, text: string): void
  exists(path: string): boolean
  readdir(path: string): string[]
  mkdtemp(prefix: string): string
  mkdir(path: string): void
  rmdir(path: string): void
  rmrf(path: string): void
  realpath(path: string): string
  /** st_dev of the file system holding `path`, split into major and minor. */
  statDev(path: string): { major: number; minor: number }
  uid(): number
  platform(): string
  /**
   * Copies a (possibly huge, size-0 tracefs) text file line by line into `dst`, keeping the lines
   * `keep` accepts. Returns the numbers of lines read and written.
   */
  copyLines(src: string, dst: string, keep: (line: string) => boolean): { read: number; kept: number }
  now(): number
  // File calls of the guest workload (errors are thrown as Node errno errors).
  /** Writes `bytes` at `offset` of a file, made with O_CREAT|O_EXCL when `create`; fsyncs when asked. */
  writeAt(path: string, bytes: Uint8Array, offset: number, create: boolean, fsync: boolean): void
  createFile(path: string): void
  fsyncFile(path: string): void
  unlink(path: string): void
  rename(from: string, to: string): void
  /** Opens `path` read-only and keeps it open until the returned function is called. */
  hold(path: string): () => void
}

/** Extra directories searched for the admin tools (a sudo PATH may lack sbin). */
export const SBIN_PATH = '/usr/local/sbin:/usr/sbin:/sbin:/usr/local/bin:/usr/bin:/bin'

export function toolPath(): string {
  const p = process.env['PATH'] ?? ''
  return p === '' ? SBIN_PATH : `${p}:${SBIN_PATH}`
}

/**
 * glibc's dev_t encoding (what stat returns): major in bits 8-19 and 32-43, minor in bits 0-7
 * and 20-39. Node gives st_dev as a double, exact up to 2^53.
 */
export function splitUserDev(dev: number): { major: number; minor: number } {
  const big = BigInt(dev)
  const major = Number(((big >> 8n) & 0xfffn) | ((big >> 32n) & ~0xfffn))
  const minor = Number((big & 0xffn) | ((big >> 12n) & ~0xffn))
  return { major, minor }
}

export function nodeSys(): Sys {
  const env = { ...process.env, PATH: toolPath(), LC_ALL: 'C' }
  return {
    run(cmd, args, opts) {
      const r = spawnSync(cmd, args, {
        encoding: 'utf8',
        env,
        input: opts?.input,
        timeout: opts?.timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
        stdio: ['pipe', 'pipe', 'pipe'],
      })
      return {
        status: r.status,
        signal: r.signal,
        stdout: r.stdout ?? '',
        stderr: r.stderr ?? '',
        error: r.error ? String((r.error as NodeJS.ErrnoException).code ?? r.error.message) : null,
      }
    },
    readText: (path) => readFileSync(path, 'utf8'),
    tryReadText(path) {
      try {
        return readFileSync(path, 'utf8')
      } catch {
        return null
      }
    },
    writeText: (path, text) => writeFileSync(path, text),
    exists: (path) => existsSync(path),
    readdir: (path) => readdirSync(path),
    mkdtemp: (prefix) => mkdtempSync(prefix),
    mkdir: (path) => mkdirSync(path),
    rmdir: (path) => rmdirSync(path),
    rmrf: (path) => rmSync(path, { recursive: true, force: true }),
    realpath: (path) => realpathSync(path),
    statDev: (path) => splitUserDev(statSync(path).dev),
    uid: () => (typeof process.getuid === 'function' ? process.getuid() : -1),
    platform: () => process.platform,
    copyLines(src, dst, keep) {
      const inFd = openSync(src, 'r')
      const outFd = openSync(dst, 'w')
      let read = 0
      let kept = 0
      try {
        const buf = Buffer.alloc(1 << 20)
        let rest = ''
        const emit = (line: string): void => {
          read++
          if (!keep(line)) return
          kept++
          writeSync(outFd, `${line}\n`)
        }
        for (;;) {
          const n = readSync(inFd, buf, 0, buf.length, null)
          if (n === 0) break
          const lines = (rest + buf.toString('utf8', 0, n)).split('\n')
          rest = lines.pop() ?? ''
          for (const line of lines) emit(line)
        }
        if (rest !== '') emit(rest)
      } finally {
        closeSync(inFd)
        closeSync(outFd)
      }
      return { read, kept }
    },
    now: () => Date.now(),
    writeAt(path, bytes, offset, create, fsync) {
      const fd = openSync(path, create ? constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY : constants.O_WRONLY)
      try {
        writeSync(fd, bytes, 0, bytes.length, offset)
        if (fsync) fsyncSync(fd)
      } finally {
        closeSync(fd)
      }
    },
    createFile: (path) => closeSync(openSync(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY)),
    fsyncFile(path) {
      const fd = openSync(path, constants.O_RDONLY)
      try {
        fsyncSync(fd)
      } finally {
        closeSync(fd)
      }
    },
    unlink: (path) => unlinkSync(path),
    rename: (from, to) => renameSync(from, to),
    hold(path) {
      const fd = openSync(path, constants.O_RDONLY)
      return () => closeSync(fd)
    },
  }
}
