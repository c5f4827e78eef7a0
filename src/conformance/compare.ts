/** Engine and kernel side by side: which relations hold in both, and which in one only. */
import type { Picture } from './model'
import { checkAll, type Verdict } from './relations'

export interface Comparison {
  id: string
  sentence: string
  kernel: string
  engine: Verdict
  real: Verdict
  /** Both hold, both break, or one side has no instance; false when exactly one side holds. */
  agree: boolean
}

export function compare(engine: Picture, real: Picture): Comparison[] {
  const e = checkAll(engine)
  const k = checkAll(real)
  return e.map((row, i) => {
    const other = k[i]
    if (!other) throw new Error(`relation ${row.id} missing from the kernel side`)
    const a = row.verdict.holds
    const b = other.verdict.holds
    return { id: row.id, sentence: row.sentence, kernel: row.kernel, engine: row.verdict, real: other.verdict, agree: a === 'n/a' || b === 'n/a' || a === b }
  })
}

export function describeVerdict(v: Verdict): string {
  if (v.holds === 'n/a') return `n/a${v.example ? ` (${v.example})` : ''}`
  return v.holds ? `holds (${v.checked})` : `broken ${v.broken} of ${v.checked}: ${v.example ?? ''}`
}
