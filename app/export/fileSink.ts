/**
 * Collects text, written a batch at a time, into one Blob, optionally gzipped on the way: by the
 * browser's own CompressionStream where there is one (native zlib: a 150 MB trace in seconds),
 * else by fflate's streaming Gzip (several times slower). Plain text waiting for the Blob is
 * folded into a part Blob every few megabytes, so a 150 MB trace never sits in the worker's heap
 * as strings all at once: a Blob made of Blobs references them, it does not copy them again.
 */
import { Gzip } from 'fflate'

/** Chunks the native compressor may have queued before the writer waits for it. */
const QUEUED_CHUNKS = 32

/** Fold waiting parts into one Blob past this many bytes. */
const FOLD_BYTES = 8 * 2 ** 20

export interface FileSink {
  /** Appends text exactly as given (add the newlines you want). */
  write(text: string): void
  /** Resolves when the compressor has room for more (at once for plain text). */
  drained(): Promise<void>
  /** Bytes written so far, before compression. */
  readonly raw: number
  /** The file. The sink takes no more writes after this. */
  finish(): Promise<Blob>
}

export type Gzipper = 'native' | 'fflate'

/** Parts gathered into Blobs of about FOLD_BYTES. */
function parts(): { keep(part: BlobPart, bytes: number): void; all(): Blob[] } {
  const folded: Blob[] = []
  let waiting: BlobPart[] = []
  let bytes = 0
  const fold = (): void => {
    if (waiting.length === 0) return
    folded.push(new Blob(waiting))
    waiting = []
    bytes = 0
  }
  return {
    keep(part, n) {
      waiting.push(part)
      bytes += n
      if (bytes >= FOLD_BYTES) fold()
    },
    all() {
      fold()
      return folded
    },
  }
}

export function fileSink(
  type: string,
  gzip: boolean,
  gzipper: Gzipper = typeof CompressionStream === 'function' ? 'native' : 'fflate',
): FileSink {
  if (gzip && gzipper === 'native') return nativeGzipSink()
  const kept = parts()
  const encoder = new TextEncoder()
  const gz = gzip
    ? new Gzip({ level: 6 }, (chunk) => kept.keep(chunk as Uint8Array<ArrayBuffer>, chunk.length))
    : null
  let raw = 0
  let done = false
  return {
    write(text) {
      if (done) throw new Error('write after finish')
      if (gz) {
        const bytes = encoder.encode(text)
        raw += bytes.length
        gz.push(bytes, false)
      } else {
        // Blob stores strings as UTF-8; count the same way so `raw` is the file's size.
        raw += utf8Length(text)
        kept.keep(text, text.length)
      }
    },
    drained: () => Promise.resolve(),
    get raw() {
      return raw
    },
    finish() {
      if (!done) {
        done = true
        gz?.push(new Uint8Array(0), true)
      }
      return Promise.resolve(new Blob(kept.all(), { type: gzip ? 'application/gzip' : type }))
    },
  }
}

function nativeGzipSink(): FileSink {
  const cs = new CompressionStream('gzip')
  const writer = cs.writable.getWriter()
  // Reading the compressed side as it comes keeps the stream flowing; the Blob is the whole file.
  const out = new Response(cs.readable).blob()
  const encoder = new TextEncoder()
  let raw = 0
  let failed: unknown = null
  return {
    write(text) {
      const bytes = encoder.encode(text)
      raw += bytes.length
      writer.write(bytes).catch((e: unknown) => (failed ??= e))
    },
    // The stream's own queue holds one chunk: waiting for it to empty after every slice would
    // take turns with the compressor instead of running beside it. Let a few dozen batches
    // (some megabytes) queue up, then wait for the compressor to catch up.
    drained: () => ((writer.desiredSize ?? 0) < -QUEUED_CHUNKS ? writer.ready : Promise.resolve()),
    get raw() {
      return raw
    },
    async finish() {
      await writer.close()
      if (failed) throw failed
      return new Blob([await out], { type: 'application/gzip' })
    },
  }
}

/** UTF-8 length of a string without encoding it (exports are mostly ASCII: one pass, no copy). */
export function utf8Length(s: string): number {
  // eslint-disable-next-line no-control-regex
  if (!/[^\u0000-\u007f]/.test(s)) return s.length
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (
      c >= 0xd800 &&
      c < 0xdc00 &&
      i + 1 < s.length &&
      (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00
    ) {
      // A surrogate pair: 4 bytes for 2 UTF-16 units.
      n += 4
      i++
    } else n += 3 // the rest of the BMP, and a lone surrogate (written as U+FFFD)
  }
  return n
}
