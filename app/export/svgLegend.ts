/** The legend line of the exported timeline picture: each mark drawn small, with its words. */
import type { Palette } from '../timeline/draw'
import type { Ctx } from './runSvg'
import { num, textEl as text } from './svgText'

/** One legend entry: a small drawing and its words, laid out left to right, wrapping. */
interface Entry {
  draw: (x: number, y: number) => string
  label: string
}

function legendEntries(p: Palette): Entry[] {
  const sw =
    (fill: string, opacity = 1) =>
    (x: number, y: number) =>
      `<rect x="${num(x)}" y="${num(y + 3)}" width="22" height="9" fill="${fill}"${opacity < 1 ? ` fill-opacity="${opacity}"` : ''}/>`
  return [
    { draw: sw(p.write), label: 'write' },
    { draw: sw(p.read), label: 'read' },
    { draw: sw(p.flush), label: 'FLUSH / fsync' },
    { draw: sw(p.writeback), label: 'background writeback' },
    { draw: sw(p.other), label: 'discard, zeroes, fallocate' },
    {
      draw: (x, y) =>
        `${sw(p.write, 0.32)(x, y)}<rect x="${num(x + 9)}" y="${num(y + 3)}" width="13" height="9" fill="${p.write}"/>`,
      label: 'queued, then serviced',
    },
    {
      draw: (x, y) =>
        `${sw(p.write)(x, y)}<rect x="${num(x + 19)}" y="${num(y + 1)}" width="4" height="13" fill="${p.fua}"/>`,
      label: 'FUA (cap at completion)',
    },
    {
      draw: (x, y) =>
        `${sw(p.write)(x, y)}<rect x="${num(x - 1)}" y="${num(y + 1)}" width="3" height="13" fill="${p.flush}"/>`,
      label: 'PREFLUSH (tick at submission)',
    },
    {
      draw: (x, y) =>
        `<path d="M${num(x)},${num(y + 14)}V${num(y + 9)}h5v-5h5v7h6v-9h6v12z" fill="${p.write}" fill-opacity="0.9"/>`,
      label: 'too many to draw: height = requests in flight (√)',
    },
    {
      draw: (x, y) =>
        `<line x1="${num(x + 11)}" x2="${num(x + 11)}" y1="${num(y)}" y2="${num(y + 15)}" stroke="${p.fg}" stroke-width="2"/>`,
      label: 'playhead',
    },
  ]
}

export function legend(c: Ctx, x0: number, y0: number, width: number): number {
  const charPx = 11 * 0.56
  let x = x0
  let y = y0
  for (const e of legendEntries(c.pal)) {
    const w = 28 + e.label.length * charPx + 16
    if (x > x0 && x + w > x0 + width) {
      x = x0
      y += 19
    }
    c.out.push(e.draw(x, y), text(x + 28, y + 12, e.label, ` font-size="11" fill="${c.pal.fg}"`))
    x += w
  }
  return y + 19 - y0
}
