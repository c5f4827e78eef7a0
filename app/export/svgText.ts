/**
 * Safe pieces of SVG text. Everything that came from outside (a shared link's scenario title,
 * variant names, lane names) goes through `esc` before it is put between tags or in an
 * attribute; characters XML 1.0 forbids are dropped, so a hostile title cannot break the file.
 */

// Control characters other than tab, newline and return; U+FFFE, U+FFFF; lone surrogates.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** Text escaped for element content and for double- or single-quoted attributes. */
export function esc(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** A coordinate with at most one decimal ("12", "12.5"): short files, no float noise. */
export function num(n: number): string {
  const r = Math.round(n * 10) / 10
  return Object.is(r, -0) ? '0' : String(r)
}

/** Shortens text to about `max` characters with an ellipsis (widths are estimated, not measured). */
export function clip(text: string, max: number): string {
  const chars = [...text]
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`
}

/** A <text> element at (x, y) with escaped content and extra attributes (written by the caller). */
export const textEl = (x: number, y: number, body: string, attrs = ''): string =>
  `<text x="${num(x)}" y="${num(y)}"${attrs}>${esc(body)}</text>`
