/**
 * Collects text, written a batch at a time, into one Blob, optionally gzipped on the way (fflate's
 * streaming Gzip). Text waiting for the Blob is folded into a part Blob every few megabytes, so
 * a 150 MB trace never sits in the worker's heap as strings all at once: a Blob made of Blobs
 * references them, it does not copy them again.
 */
import { Gzip } from 'fflate'

/** Fold waiting text into a part Blob past this many bytes (characters, for plain text). */
const FOLD_BYTES = 8 * 2 ** 20

export interface FileSink {
  /** Appends text exactly as given (add the newlines you want). */
  write(text: string): void
  /** Bytes written so far, before compression. */
  readonly raw: number
  /** The file. The sink takes no more writes after this. */
  finish(): Blob
}

export function fileSink(type: string, gzip: boolean): FileSink {
  const parts: Blob[] = []
  let waiting: BlobPart[] = []
  let waitingBytes = 0
  let raw = 0
  let done = false
  const fold = (): void => {
    if (waiting.length === 0) return
    parts.push(new Blob(waiting))
    waiting = []
    waitingBytes = 0
  }
  const keep = (part: BlobPart, bytes: number): void => {
    waiting.push(part)
    waitingBytes += bytes
    if (waitingBytes >= FOLD_BYTES) fold()
  }
  const encoder = new TextEncoder()
  const gz = gzip
    ? new Gzip({ level: 6 }, (chunk) => keep(chunk as Uint8Array<ArrayBuffer>, chunk.length))
    : null
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
        keep(text, text.length)
      }
    },
    get raw() {
      return raw
    },
    finish() {
      if (!done) {
        done = true
        gz?.push(new Uint8Array(0), true)
        fold()
      }
      return new Blob(parts, { type: gzip ? 'application/gzip' : type })
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
