/**
 * A problem as text, in the spirit of OSTEP's homework simulators: the scenario, what happened,
 * the question with lettered candidates drawn as block rows, and `?` where the answers go, or,
 * with answers on, the answers and one reason each.
 */
import type { Candidate, ImageCell, Problem } from './types'

const MS = 1_000_000

function ms(t: number): string {
  return `${(t / MS).toFixed(3)} ms`
}

/** Block rows: a header of block numbers, then one row per image, columns as wide as needed. */
function imageTable(rows: Array<{ id: string; cells: ImageCell[] }>, indent: string): string[] {
  const blocks = rows[0]?.cells.map((c) => c.block) ?? []
  const width = blocks.map(
    (b, j) => Math.max(String(b).length, ...rows.map((r) => r.cells[j]?.label.length ?? 0)) + 2,
  )
  const cellsOf = (xs: string[]): string =>
    xs.map((x, j) => x.padStart(width[j] as number)).join('')
  const idWidth = Math.max(5, ...rows.map((r) => r.id.length))
  return [
    `${indent}${'block'.padEnd(idWidth)}${cellsOf(blocks.map(String))}`,
    ...rows.map((r) => `${indent}${r.id.padEnd(idWidth)}${cellsOf(r.cells.map((c) => c.label))}`),
  ]
}

/** A file-system image: one row per block, with its role and what it holds. */
function fsTable(p: Problem, cells: ImageCell[]): string[] {
  const roleOf = new Map(p.blocks.map((b) => [b.block, b.role]))
  const roleWidth = Math.max(...p.blocks.map((b) => b.role.length))
  return cells.map(
    (c) =>
      `  ${String(c.block).padStart(3)}  ${(roleOf.get(c.block) ?? '').padEnd(roleWidth)}  ${c.changed ? 'new' : 'old'}  ${c.content ?? c.label}`,
  )
}

function candidateLines(p: Problem): string[] {
  const images = p.candidates.filter(
    (c): c is Extract<Candidate, { kind: 'image' }> => c.kind === 'image',
  )
  if (images.length > 0) return imageTable(images, '  ')
  return p.candidates.map(
    (c) =>
      `  ${c.id}  ${c.kind === 'instant' ? c.instant.text : c.kind === 'verdict' ? c.text : ''}`,
  )
}

function historyLines(p: Problem): string[] {
  const out: string[] = []
  const marker =
    p.instant === null
      ? null
      : p.model === 'power-loss'
        ? '  ⚡ the power fails here'
        : '  📷 the snapshot is taken here'
  if (marker !== null && p.instant?.step === 0) out.push(marker)
  for (const h of p.history) {
    out.push(`  ${String(h.step).padStart(2)}  ${ms(h.t).padStart(12)}  ${h.items.join('; ')}`)
    if (marker !== null && p.instant?.step === h.step) out.push(marker)
  }
  return out
}

export function problemText(p: Problem, answers: boolean): string {
  const out: string[] = []
  out.push(
    `loopscope practice problem: seed ${p.seed}, kind ${p.kind} (generator v${p.version}, ${p.prng})`,
  )
  out.push('', 'Stack', ...p.settings.map((s) => `  - ${s}`))
  out.push(
    '',
    p.kind === 'consistent'
      ? 'File operations, one after another'
      : 'Guest threads (each op is issued once the one before it was issued; "wait" waits for completion)',
  )
  for (const t of p.threads) {
    out.push(`  ${t.name}:`)
    for (const op of t.ops) out.push(`    ${(op.label ?? '').padEnd(4)}${op.text}`)
  }
  out.push(
    '',
    p.kind === 'consistent'
      ? 'What happened, in order'
      : 'What happened, in order (guest block layer)',
    ...historyLines(p),
  )
  if (p.image !== null) {
    out.push(
      '',
      p.kind === 'consistent'
        ? `The image after the power loss (${p.instant?.text ?? ''})`
        : 'The image',
    )
    out.push(
      ...(p.kind === 'consistent'
        ? fsTable(p, p.image)
        : imageTable([{ id: '', cells: p.image }], '  ')),
    )
  }
  out.push('', 'Question', `  ${p.question}`, '', ...candidateLines(p), '')
  if (!answers) {
    out.push(`Answer: ?${p.select === 'many' ? ' (every letter that applies)' : ' (one letter)'}`)
    return out.join('\n')
  }
  out.push(
    `Answer: ${p.answers
      .filter((a) => a.correct)
      .map((a) => a.id)
      .join(', ')}`,
  )
  for (const a of p.answers) out.push(`  ${a.id}  ${a.correct ? 'yes' : 'no '}  ${a.reason}`)
  return out.join('\n')
}
