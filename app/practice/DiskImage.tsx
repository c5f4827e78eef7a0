import type { ImageCell } from '../../src/practice/types'

/**
 * A small disk image: one cell per block, the block number above and what the block holds in
 * it. Each write keeps one colour of the palette (safe for colour-vision deficiencies) and its
 * label is always written out, so colour is never the only cue; old contents are hatched grey.
 */
export function DiskImage({ cells, caption }: { cells: ImageCell[]; caption?: string }) {
  const words = cells
    .map((c) => `block ${c.block}: ${c.label === 'old' ? 'old contents' : c.label}`)
    .join(', ')
  return (
    <span className="pr-disk" role="img" aria-label={caption ? `${caption}: ${words}` : words}>
      {cells.map((c) => (
        <span key={c.block} className={`pr-cell ${toneOf(c.label)}`}>
          <span className="pr-cell-num" aria-hidden="true">
            {c.block}
          </span>
          <span className="pr-cell-label" aria-hidden="true">
            {c.label}
          </span>
        </span>
      ))}
    </span>
  )
}

/** W1, W8, … share colours in turn; anything else (old) is neutral. */
export function toneOf(label: string): string {
  const m = /^W(\d+)$/.exec(label)
  return m ? `pr-tone-${(Number(m[1]) - 1) % 6}` : 'pr-tone-old'
}
