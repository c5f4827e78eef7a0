import { formatCount } from '../ui/format'

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹'

/**
 * A count of states as people read it: exact up to a thousand trillion, then "≈ 1.77 × 10²¹⁸"
 * (a real trace easily has hundreds of writes no flush covers; the formula gives the exact form).
 */
export function formatStates(n: number): string {
  if (n < 1e15) return formatCount(n)
  if (!Number.isFinite(n)) return 'more than 10³⁰⁸'
  let e = Math.floor(Math.log10(n))
  let m = (n / 10 ** e).toFixed(2)
  if (m === '10.00') [m, e] = ['1.00', e + 1]
  return `≈ ${m} × 10${[...String(e)].map((d) => SUPERSCRIPT[Number(d)]).join('')}`
}
