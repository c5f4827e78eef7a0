/** Test support: seeded random damage to scenario documents and their JSON text. */
import type { Rng } from '../engine/kernel/rng'
import { isPlainObject, setOwn, type JsonObject } from './json'

type Slot = { parent: JsonObject | unknown[]; key: string | number }

/** Every place a value sits in the document (not the root). */
function slots(v: unknown, out: Slot[] = []): Slot[] {
  const keys: (string | number)[] = Array.isArray(v)
    ? v.map((_, i) => i)
    : isPlainObject(v)
      ? Object.keys(v)
      : []
  for (const key of keys) {
    const parent = v as Record<string | number, unknown>
    out.push({ parent: v as Slot['parent'], key })
    slots(parent[key], out)
  }
  return out
}

function nested(depth: number): unknown {
  let v: unknown = 'bottom'
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { a: v }
  return v
}

const JUNK: ((rng: Rng) => unknown)[] = [
  () => -1,
  () => 1e300,
  () => 2 ** 53,
  () => 0.5,
  () => -0,
  () => NaN,
  () => Infinity,
  () => undefined,
  () => true,
  () => null,
  () => '',
  () => '4k',
  () => '1.5ms',
  () => 'µs',
  () => '9999999999999999999s',
  () => [],
  () => ({}),
  () => [[1, 2]],
  (rng) => 'x'.repeat(rng.int(200_000)),
  (rng) => (rng.chance(0.1) ? 'y'.repeat(2_200_000) : 'short'),
  (rng) => nested(rng.range(1, 40)),
  () => ({ op: 'write', block: -1, junk: { deeper: [null] } }),
]

const KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'bogus',
  'commitIntervalNs',
  'Title',
  'toString',
  'k'.repeat(100),
]

function mutateOnce(rng: Rng, doc: unknown): unknown {
  const all = slots(doc)
  const junk = rng.pick(JUNK)(rng)
  if (all.length === 0 || rng.chance(0.02)) return junk
  const { parent, key } = rng.pick(all)
  const r = rng.int(4)
  if (r === 0 && Array.isArray(parent)) parent.splice(key as number, 1)
  else if (r === 0) delete (parent as JsonObject)[key]
  else if (r === 1 && Array.isArray(parent)) parent.push(structuredClone(parent[key as number]))
  else if (r === 2) {
    const target = (parent as Record<string | number, unknown>)[key]
    if (isPlainObject(target)) setOwn(target, rng.pick(KEYS), junk)
    else (parent as Record<string | number, unknown>)[key] = junk
  } else (parent as Record<string | number, unknown>)[key] = junk
  return doc
}

/** 1 to 3 random mutations of a copy of `doc`. */
export function mutateValue(rng: Rng, doc: unknown): unknown {
  let v = structuredClone(doc)
  for (let n = rng.range(1, 3); n > 0; n--) v = mutateOnce(rng, v)
  return v
}

const CHARS = '{}[],:"\\ 0123456789.-eE+truefalsnl\n\tµ\u0000'

/** Truncates, flips characters, deletes or duplicates a line of JSON text. */
export function mutateText(rng: Rng, text: string): string {
  const at = rng.int(text.length)
  switch (rng.int(4)) {
    case 0:
      return text.slice(0, at)
    case 1: {
      const chars = [...text]
      for (let n = rng.range(1, 5); n > 0; n--) chars[rng.int(chars.length)] = rng.pick([...CHARS])
      return chars.join('')
    }
    case 2:
      return text.slice(0, at) + text.slice(at + rng.range(1, 20))
    default: {
      const lines = text.split('\n')
      const i = rng.int(lines.length)
      lines.splice(i, 0, lines[i] ?? '')
      return lines.join('\n')
    }
  }
}
