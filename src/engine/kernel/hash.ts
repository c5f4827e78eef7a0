/**
 * A 64-bit stable hash over 32-bit words, kept as two independent murmur3-style lanes. It is
 * order-sensitive and platform-independent (only 32-bit integer arithmetic), so the same event log
 * hashes the same in Node, in a browser and in a Web Worker.
 */
export class WordHash {
  private h1 = 0x6c6f6f70 // "loop"
  private h2 = 0x73636f70 // "scop"
  private words = 0

  word(w: number): void {
    let k = Math.imul(w | 0, 0xcc9e2d51)
    k = (k << 15) | (k >>> 17)
    k = Math.imul(k, 0x1b873593)
    let h = this.h1 ^ k
    h = (h << 13) | (h >>> 19)
    this.h1 = (Math.imul(h, 5) + 0xe6546b64) | 0

    let j = Math.imul(w ^ 0x5bd1e995, 0x85ebca6b)
    j = (j << 17) | (j >>> 15)
    j = Math.imul(j, 0xc2b2ae35)
    let g = this.h2 ^ j
    g = (g << 11) | (g >>> 21)
    this.h2 = (Math.imul(g, 9) + 0x38b34ae5) | 0
    this.words++
  }

  /** A non-negative integer below 2^53, split into two words. */
  uint(x: number): void {
    this.word(x >>> 0)
    this.word(Math.floor(x / 0x100000000) | 0)
  }

  string(s: string): void {
    this.word(s.length)
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i))
  }

  hex(): string {
    const a = fmix(this.h1 ^ this.words)
    const b = fmix(this.h2 ^ Math.imul(this.words, 0x27d4eb2d))
    return toHex(a) + toHex(b)
  }
}

function fmix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

function toHex(x: number): string {
  return (x >>> 0).toString(16).padStart(8, '0')
}

export function hashString(s: string): string {
  const h = new WordHash()
  h.string(s)
  return h.hex()
}
