import { WordHash } from './hash'
import { growF64, growI32, growU8 } from './queue'

/** Read-only access to a finished log's columns (an EventLog, or its arrays sent to another thread). */
export interface LogView {
  readonly length: number
  readonly kind: Uint8Array
  readonly time: Float64Array
  readonly a: Int32Array
  readonly b: Int32Array
  readonly c: Int32Array
}

/**
 * The append-only event log of a run, stored column-wise. Every state change of every layer is
 * one record (kind, time, a, b, c); the meaning of a, b and c depends on the kind (see events.ts).
 * The hash is folded in as records are appended, so it costs nothing extra to report.
 */
export class EventLog {
  kind: Uint8Array
  time: Float64Array
  a: Int32Array
  b: Int32Array
  c: Int32Array
  private n = 0
  private readonly hasher = new WordHash()
  private lastTime = 0

  constructor(capacity = 4096) {
    this.kind = new Uint8Array(capacity)
    this.time = new Float64Array(capacity)
    this.a = new Int32Array(capacity)
    this.b = new Int32Array(capacity)
    this.c = new Int32Array(capacity)
  }

  get length(): number {
    return this.n
  }

  append(kind: number, t: number, a: number, b: number, c: number): number {
    if (t < this.lastTime) throw new RangeError(`log time went backwards: ${t} < ${this.lastTime}`)
    if (this.n === this.kind.length) this.grow()
    const i = this.n++
    this.kind[i] = kind
    this.time[i] = t
    this.a[i] = a
    this.b[i] = b
    this.c[i] = c
    this.lastTime = t
    const h = this.hasher
    h.word(kind)
    h.uint(t)
    h.word(a)
    h.word(b)
    h.word(c)
    return i
  }

  hash(): string {
    return this.hasher.hex()
  }

  /** Recomputes the hash from the stored columns; equals hash() unless the log was tampered with. */
  rehash(): string {
    const h = new WordHash()
    for (let i = 0; i < this.n; i++) {
      h.word(this.kind[i] as number)
      h.uint(this.time[i] as number)
      h.word(this.a[i] as number)
      h.word(this.b[i] as number)
      h.word(this.c[i] as number)
    }
    return h.hex()
  }

  /** Trims the columns to the used length, so a finished log holds no spare capacity. */
  seal(): void {
    this.kind = this.kind.slice(0, this.n)
    this.time = this.time.slice(0, this.n)
    this.a = this.a.slice(0, this.n)
    this.b = this.b.slice(0, this.n)
    this.c = this.c.slice(0, this.n)
  }

  private grow(): void {
    const cap = this.kind.length * 2
    this.kind = growU8(this.kind, cap)
    this.time = growF64(this.time, cap)
    this.a = growI32(this.a, cap)
    this.b = growI32(this.b, cap)
    this.c = growI32(this.c, cap)
  }
}
