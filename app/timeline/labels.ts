/**
 * Keeping the axis labels apart: each label wants to sit just right of its mark (or left of it
 * near the right edge); one that would overlap a label already placed falls back to its short
 * form, and is dropped if even that overlaps. Widths are estimated from the character count.
 */
export interface LabelWish {
  key: string | number
  x: number
  text: string
  short: string
}

export interface PlacedLabel {
  key: string | number
  x: number
  text: string
  anchor: 'start' | 'end' | 'middle'
  /** The full text, when the short form is shown. */
  full: string
}

export function placeLabels(
  wishes: LabelWish[],
  width: number,
  charPx: number,
  taken: Array<[number, number]> = [],
): PlacedLabel[] {
  const boxes: Array<[number, number]> = [...taken]
  const out: PlacedLabel[] = []
  const free = (a: number, b: number) =>
    a >= -2 && b <= width + 2 && boxes.every(([c, d]) => b <= c - 4 || a >= d + 4)
  for (const w of [...wishes].sort((a, b) => a.x - b.x)) {
    for (const text of [w.text, w.short]) {
      const len = text.length * charPx
      const right: [number, number] = [w.x + 3, w.x + 3 + len]
      const left: [number, number] = [w.x - 3 - len, w.x - 3]
      const pick = free(...right) ? right : free(...left) ? left : null
      if (pick) {
        boxes.push(pick)
        out.push({
          key: w.key,
          x: pick === right ? w.x + 3 : w.x - 3,
          text,
          anchor: pick === right ? 'start' : 'end',
          full: w.text,
        })
        break
      }
    }
  }
  return out
}

/** Drops items whose centred label of `chars` characters would overlap one of `boxes`. */
export function clearOf<T extends { x: number; label: string }>(
  items: T[],
  boxes: Array<[number, number]>,
  charPx: number,
): T[] {
  return items.filter((t) => {
    const half = (t.label.length * charPx) / 2
    return boxes.every(([a, b]) => t.x + half <= a - 6 || t.x - half >= b + 6)
  })
}
