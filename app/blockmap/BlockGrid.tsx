import { memo, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import { Data, type Finding } from '../../src/engine'
import type { RunView } from '../data/runView'
import { BlockTip, type TipPlace } from './BlockTip'
import {
  badgesOf,
  BADGE_NAMES,
  blockDetail,
  cellsOf,
  crashClass,
  versionName,
  versionShort,
  Where,
  WHERE_GLYPHS,
  WHERE_NAMES,
  type BlockCell,
  type CrashImage,
  type VersionState,
} from './classify'
import type { BlockRole } from './fsRoles'

interface Props {
  run: RunView
  index: number
  image: CrashImage | null
  base: Int32Array | null
  findings: Finding[]
  /** What each block holds in the guest file system, when there is one. */
  roles: BlockRole[] | null
}

/** Small devices: one cell per block with its newest versions as chips; hover or focus for all of them. */
export function BlockGrid({ run, index, image, base, findings, roles }: Props) {
  const n = run.p.config.stack.deviceBlocks
  const cells = useMemo(
    () => cellsOf(run.stateAt(index), run.p.requests.completeEv, index, n),
    [run, index, n],
  )
  const [tip, setTip] = useState<TipPlace | null>(null)
  const [active, setActive] = useState<number | null>(null)
  const wrap = useRef<HTMLDivElement>(null)
  const uid = useId()
  const detail = useMemo(
    () =>
      tip && tip.block < n
        ? blockDetail(run.stateAt(index), run.p.requests.completeEv, index, tip.block)
        : null,
    [run, index, tip, n],
  )

  const place = (el: HTMLElement, b: number) => {
    const w = wrap.current
    if (!w) return
    setTip({
      block: b,
      x: el.offsetLeft,
      y: el.offsetTop + el.offsetHeight + 4,
      width: w.clientWidth,
    })
  }
  const cellEl = (b: number) =>
    wrap.current?.querySelector<HTMLElement>(`[data-block="${b}"]`) ?? null

  const onOver = (e: MouseEvent<HTMLDivElement>) => {
    const el = (e.target as HTMLElement).closest<HTMLElement>('[data-block]')
    if (!el) return
    const b = Number(el.dataset.block)
    if (tip?.block !== b) place(el, b)
  }
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const grid = e.currentTarget
    const cols = getComputedStyle(grid).gridTemplateColumns.split(' ').filter(Boolean).length || 1
    const cur = active ?? 0
    const moves: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      ArrowDown: cols,
      ArrowUp: -cols,
      PageDown: cols * 4,
      PageUp: -cols * 4,
    }
    let next: number | null = null
    if (e.key in moves) next = Math.max(0, Math.min(n - 1, cur + (moves[e.key] as number)))
    else if (e.key === 'Home') next = 0
    else if (e.key === 'End') next = n - 1
    else if (e.key === 'Escape') {
      setTip(null)
      return
    }
    if (next === null) return
    e.preventDefault()
    setActive(next)
    const el = cellEl(next)
    if (el) {
      place(el, next)
      el.scrollIntoView({ block: 'nearest' })
    }
  }

  return (
    <div className="bm-gridwrap" ref={wrap} onMouseLeave={() => setTip(null)}>
      <div
        className="bm-grid"
        role="listbox"
        tabIndex={0}
        aria-label={`Blocks 0 to ${n - 1}; arrow keys move between blocks`}
        aria-activedescendant={active !== null ? `${uid}-b${active}` : undefined}
        onMouseOver={onOver}
        onKeyDown={onKey}
        onFocus={() => {
          const b = active ?? 0
          if (active === null) setActive(b)
          const el = cellEl(b)
          if (el) place(el, b)
        }}
        onBlur={() => setTip(null)}
      >
        {cells.map((c) => (
          <Cell
            key={c.block}
            id={`${uid}-b${c.block}`}
            cell={c}
            sig={image ? crashSig(image, c.block) : sigOf(c)}
            role={roles?.[c.block] ?? null}
            image={image}
            active={active === c.block}
          />
        ))}
      </div>
      {tip && detail && (
        <BlockTip
          id={`${uid}-tip`}
          place={tip}
          detail={detail}
          role={roles?.[tip.block] ?? null}
          image={image}
          base={base}
          findings={findings}
        />
      )}
    </div>
  )
}

function chipSig(v: VersionState | null): string {
  return v ? `${v.version}.${v.where}.${badgesOf(v).join('')}` : '-'
}

function sigOf(c: BlockCell): string {
  return `${chipSig(c.latest)}|${c.versions}|${c.durableVersion ?? ''}`
}

function crashSig(img: CrashImage, b: number): string {
  return `crash ${img.version[b]} ${crashClass(img, b)}`
}

function chipLabel(v: VersionState): string {
  const badges = badgesOf(v).map((x) => BADGE_NAMES[x] ?? x)
  return `${WHERE_NAMES[v.where]}${badges.length ? ` (${badges.join(', ')})` : ''}`
}

interface CellProps {
  id: string
  cell: BlockCell
  sig: string
  role: BlockRole | null
  image: CrashImage | null
  active: boolean
}

/** Block number and file-system role; screen readers hear "Block 9 (journal block 1 of 32)". */
function CellHead({ b, role }: { b: number; role: BlockRole | null }) {
  return (
    <span className="bm-cell-head">
      <span className="bm-num">
        <span className="sr-only">Block </span>
        {b}
      </span>
      {role?.short && (
        <span className="bm-role">
          <span className="sr-only"> (</span>
          {role.short}
          <span className="sr-only">: {role.long})</span>
        </span>
      )}
    </span>
  )
}

const Cell = memo(
  function Cell({ id, cell, role, image, active }: CellProps) {
    const b = cell.block
    if (image) {
      const cls = crashClass(image, b)
      const v = image.version[b] as number
      const changed = image.changed[b] === 1
      return (
        <div
          id={id}
          role="option"
          aria-selected={active}
          data-block={b}
          className={`bm-cell bm-crash-${cls}${active ? ' bm-active' : ''}${role?.meta ? ' bm-meta' : ''}`}
        >
          <CellHead b={b} role={role} />
          {v !== Data.INITIAL || cls > 0 ? (
            <span className="bm-chips">
              <span className="bm-chip bm-crash-chip">
                <span className="sr-only">: </span>
                {versionShort(v)}
                {changed && <i aria-hidden="true">Δ</i>}
                {cls === 3 && <i aria-hidden="true">!</i>}
              </span>
              <span className="sr-only">
                {changed ? ', differs from the durable base' : ''}
                {cls === 3 ? ', named by a finding' : ''}
              </span>
            </span>
          ) : (
            <span className="sr-only">: initial contents</span>
          )}
        </div>
      )
    }
    const v = cell.latest
    return (
      <div
        id={id}
        role="option"
        aria-selected={active}
        data-block={b}
        className={`bm-cell bm-w-${v ? v.where : Where.NONE}${active ? ' bm-active' : ''}${role?.meta ? ' bm-meta' : ''}`}
      >
        <CellHead b={b} role={role} />
        {v ? (
          <>
            <span className="bm-chips">
              <span className={`bm-chip bm-w-${v.where}`}>
                <span className="sr-only">: </span>v{v.version}
                {WHERE_GLYPHS[v.where] && <i aria-hidden="true">{WHERE_GLYPHS[v.where]}</i>}
              </span>
              {v.acked && (
                <span className="bm-ack" aria-hidden="true" title="acknowledged to the guest">
                  A
                </span>
              )}
              <span className="sr-only">, {chipLabel(v)}</span>
            </span>
            <span className="bm-cell-foot">
              {cell.versions > 1 && (
                <span className="bm-more">
                  <span className="sr-only">; </span>
                  {cell.versions} versions
                </span>
              )}
              {cell.durableVersion !== null && (
                <span className="bm-base" title="guaranteed to survive a power loss now">
                  <span aria-hidden="true">⚡{versionShort(cell.durableVersion)}</span>
                  <span className="sr-only">
                    ; guaranteed to survive power loss: {versionName(cell.durableVersion)}
                  </span>
                </span>
              )}
            </span>
          </>
        ) : (
          <span className="sr-only">: not written in this run</span>
        )}
      </div>
    )
  },
  (a, b) =>
    a.sig === b.sig &&
    a.active === b.active &&
    a.id === b.id &&
    a.role === b.role &&
    a.image === b.image,
)
