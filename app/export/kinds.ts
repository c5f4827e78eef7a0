/**
 * The files the Export menu offers: what each is called in the menu, its file name
 * (`<scenario>-<variant>.<suffix>`), and how big it is likely to be before it is built.
 */
import { formatBytes } from '../ui/format'

export type ExportKind = 'chrome' | 'chrome-gz' | 'blkparse' | 'scenario' | 'png' | 'svg'

export interface KindInfo {
  label: string
  /** The extension shown in the menu. */
  ext: string
  suffix: string
}

export const KINDS: Record<ExportKind, KindInfo> = {
  chrome: { label: 'Chrome trace (Perfetto)', ext: '.json', suffix: 'trace.json' },
  'chrome-gz': { label: 'Chrome trace, gzipped', ext: '.json.gz', suffix: 'trace.json.gz' },
  blkparse: { label: 'blkparse text', ext: '.txt', suffix: 'blkparse.txt' },
  scenario: { label: 'Scenario', ext: '.json', suffix: 'scenario.json' },
  png: { label: 'Timeline as PNG', ext: '', suffix: 'timeline.png' },
  svg: { label: 'Timeline as SVG', ext: '', suffix: 'timeline.svg' },
}

/** A name part safe in every file system: letters, digits, dot, dash, underscore; at most 60. */
export function namePart(s: string): string {
  const safe = s
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 60)
  return safe === '' ? 'scenario' : safe
}

/**
 * `fua-aio-mainline.trace.json`; a picture of a comparison names both variants
 * (`fua-aio-mainline-vs-proposal-2012.timeline.png`).
 */
export function fileName(
  scenario: string,
  variant: string,
  kind: ExportKind,
  compared: string | null = null,
): string {
  const vs = compared === null ? '' : `-vs-${namePart(compared)}`
  return `${namePart(scenario)}-${namePart(variant)}${vs}.${KINDS[kind].suffix}`
}

/**
 * Bytes per log record, measured on the built-in scenarios (chrome: 60 to 170, double-cache 135,
 * gzipped about 13 times smaller; blkparse: 10 to 24): enough to say "about 140 MiB" before a
 * file is built, not more.
 */
const BYTES_PER_EVENT: Partial<Record<ExportKind, number>> = {
  chrome: 125,
  'chrome-gz': 10,
  blkparse: 20,
}

export function estimateBytes(kind: ExportKind, events: number): number | null {
  const k = BYTES_PER_EVENT[kind]
  return k === undefined ? null : Math.round(k * events)
}

/** Offer a gzipped Chrome trace from this size on (gzip shrinks it about 13 times). */
export const GZIP_FROM_BYTES = 16 * 2 ** 20

/** "4.8 KiB", or "about 140 MiB" for an estimate. */
export function sizeLabel(bytes: number, exact: boolean): string {
  return exact ? formatBytes(bytes) : `about ${formatBytes(bytes)}`
}
