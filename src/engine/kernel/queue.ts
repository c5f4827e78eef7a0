/**
 * The event queue: a binary min-heap ordered by (time, sequence). The sequence number is the order
 * of scheduling, so two events at the same nanosecond always fire in the order they were scheduled.
 * Entries live in parallel typed arrays: no per-event objects, which keeps a run of ten million
 * events cheap.
 */
export class EventQueue {
  private time: Float64Array
  private seq: Float64Array
  private action: Int32Array
  private argA: Int32Array
  private argB: Int32Array
  private n = 0
  private nextSeq = 0

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity)
    this.seq = new Float64Array(capacity)
    this.action = new Int32Array(capacity)
    this.argA = new Int32Array(capacity)
    this.argB = new Int32Array(capacity)
  }

  get size(): number {
    return this.n
  }

  push(t: number, action: number, a: number, b: number): void {
    if (this.n === this.time.length) this.grow()
    let i = this.n++
    const s = this.nextSeq++
    // Sift up: move parents down until the slot for the new entry is found.
    while (i > 0) {
      const p = (i - 1) >> 1
      const pt = this.time[p] as number
      if (pt < t || (pt === t && (this.seq[p] as number) < s)) break
      this.move(p, i)
      i = p
    }
    this.set(i, t, s, action, a, b)
  }

  /** Time of the earliest entry; Infinity when empty. */
  peekTime(): number {
    return this.n === 0 ? Infinity : (this.time[0] as number)
  }

  /** Removes the earliest entry and writes it to `out`; returns false when empty. */
  pop(out: PoppedEvent): boolean {
    if (this.n === 0) return false
    out.t = this.time[0] as number
    out.action = this.action[0] as number
    out.a = this.argA[0] as number
    out.b = this.argB[0] as number
    const last = --this.n
    if (last > 0) this.siftDownFrom(last)
    return true
  }

  private siftDownFrom(last: number): void {
    const t = this.time[last] as number
    const s = this.seq[last] as number
    const action = this.action[last] as number
    const a = this.argA[last] as number
    const b = this.argB[last] as number
    let i = 0
    const n = this.n
    for (;;) {
      let c = 2 * i + 1
      if (c >= n) break
      const r = c + 1
      if (r < n && this.less(r, c)) c = r
      const ct = this.time[c] as number
      if (t < ct || (t === ct && s < (this.seq[c] as number))) break
      this.move(c, i)
      i = c
    }
    this.set(i, t, s, action, a, b)
  }

  private less(i: number, j: number): boolean {
    const ti = this.time[i] as number
    const tj = this.time[j] as number
    return ti < tj || (ti === tj && (this.seq[i] as number) < (this.seq[j] as number))
  }

  private move(from: number, to: number): void {
    this.time[to] = this.time[from] as number
    this.seq[to] = this.seq[from] as number
    this.action[to] = this.action[from] as number
    this.argA[to] = this.argA[from] as number
    this.argB[to] = this.argB[from] as number
  }

  private set(i: number, t: number, s: number, action: number, a: number, b: number): void {
    this.time[i] = t
    this.seq[i] = s
    this.action[i] = action
    this.argA[i] = a
    this.argB[i] = b
  }

  private grow(): void {
    const cap = this.time.length * 2
    this.time = growF64(this.time, cap)
    this.seq = growF64(this.seq, cap)
    this.action = growI32(this.action, cap)
    this.argA = growI32(this.argA, cap)
    this.argB = growI32(this.argB, cap)
  }
}

export interface PoppedEvent {
  t: number
  action: number
  a: number
  b: number
}

export function growF64(src: Float64Array, cap: number): Float64Array<ArrayBuffer> {
  const dst = new Float64Array(cap)
  dst.set(src)
  return dst
}

export function growI32(src: Int32Array, cap: number): Int32Array<ArrayBuffer> {
  const dst = new Int32Array(cap)
  dst.set(src)
  return dst
}

export function growU8(src: Uint8Array, cap: number): Uint8Array<ArrayBuffer> {
  const dst = new Uint8Array(cap)
  dst.set(src)
  return dst
}
