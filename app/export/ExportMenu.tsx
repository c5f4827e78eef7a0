/**
 * The Export menu in the scenario header: a menu button (WAI-ARIA menu button pattern: arrows,
 * Home/End, Esc, Tab) with the run as a Chrome trace for Perfetto (and gzipped, for big runs), as
 * blkparse text, the scenario document, and the timeline as PNG or SVG. Each item downloads
 * `<scenario>-<variant>.<suffix>`. Files the worker builds show their progress beside the button
 * and can be cancelled; the page stays usable meanwhile.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { RunView } from '../data/runView'
import { useApp } from '../store/context'
import { formatBytes } from '../ui/format'
import { estimateBytes, GZIP_FROM_BYTES, KINDS, sizeLabel, type ExportKind } from './kinds'
import { buttonKey, menuKey, type MenuAction } from './menuKeys'
import { useExporter, type ExportStatus } from './useExporter'
import './ExportMenu.css'

/** A made file's object URL lives this long after its download starts. */
const URL_LIFE_MS = 60_000

export function ExportMenu() {
  const primary = useApp((s) => s.primary)
  if (primary.status !== 'ready')
    return (
      <div className="export-menu">
        <button type="button" disabled aria-haspopup="menu">
          Export
        </button>
      </div>
    )
  return <Menu run={primary.value} />
}

function itemsFor(run: RunView): ExportKind[] {
  const big = (estimateBytes('chrome', run.p.events) ?? 0) >= GZIP_FROM_BYTES
  return big
    ? ['chrome', 'chrome-gz', 'blkparse', 'scenario', 'png', 'svg']
    : ['chrome', 'blkparse', 'scenario', 'png', 'svg']
}

function sizeOf(
  kind: ExportKind,
  run: RunView,
  sizes: Partial<Record<ExportKind, number>>,
): string | null {
  const exact = sizes[kind]
  if (exact !== undefined) return sizeLabel(exact, true)
  const guess = estimateBytes(kind, run.p.events)
  return guess === null ? null : sizeLabel(guess, false)
}

/** Downloads go through one <a download> that React renders; an effect clicks it. */
function useDownload(): [
  (blob: Blob, name: string) => void,
  { url: string; name: string } | null,
  React.RefObject<HTMLAnchorElement | null>,
] {
  const anchor = useRef<HTMLAnchorElement>(null)
  const [file, setFile] = useState<{ url: string; name: string } | null>(null)
  useEffect(() => {
    if (!file) return
    anchor.current?.click()
    const url = file.url
    const timer = setTimeout(() => URL.revokeObjectURL(url), URL_LIFE_MS)
    return () => clearTimeout(timer)
  }, [file])
  const save = useCallback(
    (blob: Blob, name: string) => setFile({ url: URL.createObjectURL(blob), name }),
    [],
  )
  return [save, file, anchor]
}

function Menu({ run }: { run: RunView }) {
  const comparing = useApp(
    (s) =>
      s.route.screen === 'scenario' && s.route.compare !== null && s.compare.status === 'ready',
  )
  const [save, file, anchor] = useDownload()
  const ex = useExporter(run, save)
  const [open, setOpen] = useState(false)
  const [focus, setFocus] = useState(0)
  const button = useRef<HTMLButtonElement>(null)
  const root = useRef<HTMLDivElement>(null)
  const items = useRef<Array<HTMLButtonElement | null>>([])
  const kinds = itemsFor(run)
  const working = ex.status.kind === 'working'

  useEffect(() => {
    if (open) items.current[focus]?.focus()
  }, [open, focus])
  useEffect(() => {
    if (!open) return
    const away = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', away)
    return () => document.removeEventListener('pointerdown', away)
  }, [open])

  const act = (a: MenuAction, e: KeyboardEvent) => {
    if (!a) return
    if (a.do === 'close') {
      setOpen(false)
      if (!a.refocus) return // Tab: let the focus move on
      button.current?.focus()
    } else {
      setFocus(a.index)
      setOpen(true)
    }
    // The page's shortcuts (arrows, Home, End, Escape) must not see the menu's keys.
    e.preventDefault()
    e.stopPropagation()
  }
  const onMenuKey = (e: KeyboardEvent) => {
    const a = menuKey(e.key, focus, kinds.length)
    if (a) return act(a, e)
    // Letters are the page's shortcuts (F, U, C, S, X …): not while a menu has the focus.
    if (e.key !== 'Enter' && e.key !== ' ') e.stopPropagation()
  }
  const choose = (kind: ExportKind) => {
    if (working) return
    setOpen(false)
    button.current?.focus()
    ex.start(kind)
  }

  return (
    <div className="export-menu">
      <div className="export-anchor" ref={root}>
        <button
          ref={button}
          type="button"
          id="export-button"
          aria-haspopup="menu"
          aria-expanded={open}
          aria-controls={open ? 'export-list' : undefined}
          onClick={() => {
            setFocus(0)
            setOpen(!open)
          }}
          onKeyDown={(e) =>
            e.key === 'Enter' || e.key === ' ' ? undefined : act(buttonKey(e.key, kinds.length), e)
          }
          data-testid="export-button"
        >
          Export <span aria-hidden="true">▾</span>
        </button>
        {open && (
          <div className="export-pop">
            <ul
              role="menu"
              id="export-list"
              aria-labelledby="export-button"
              onKeyDown={onMenuKey}
              data-testid="export-list"
            >
              {kinds.map((kind, i) => {
                const size = sizeOf(kind, run, ex.sizes)
                const both = comparing && (kind === 'png' || kind === 'svg')
                return (
                  <li role="none" key={kind}>
                    <button
                      ref={(el) => {
                        items.current[i] = el
                      }}
                      type="button"
                      role="menuitem"
                      tabIndex={i === focus ? 0 : -1}
                      aria-disabled={working || undefined}
                      onClick={() => choose(kind)}
                      onFocus={() => setFocus(i)}
                      data-testid={`export-${kind}`}
                    >
                      <span className="export-label">
                        {KINDS[kind].label}
                        {KINDS[kind].ext && <span className="export-ext"> {KINDS[kind].ext}</span>}
                        {both && <span className="export-ext"> (both runs)</span>}
                      </span>
                      {size && <span className="export-size">{size}</span>}
                    </button>
                  </li>
                )
              })}
            </ul>
            <p className="export-note">
              Chrome traces open in Perfetto: <span className="export-url">ui.perfetto.dev</span>,
              then “Open trace file”. blkparse text reads back with <code>loopscope import</code>.
              Pictures show the timeline as it is now: window, playhead
              {comparing ? ', both runs' : ''}.
            </p>
          </div>
        )}
      </div>
      <ExportStatusLine status={ex.status} onCancel={ex.cancel} />
      <a
        ref={anchor}
        hidden
        href={file?.url}
        download={file?.name}
        tabIndex={-1}
        aria-hidden="true"
      />
    </div>
  )
}

function ExportStatusLine({ status, onCancel }: { status: ExportStatus; onCancel: () => void }) {
  return (
    <div className="export-status">
      <span role="status" data-testid="export-status">
        {status.kind === 'working' && (
          <>
            Preparing {status.what}
            {status.progress === null ? '…' : ` ${Math.round(status.progress * 100)}%`}
          </>
        )}
        {status.kind === 'done' && (
          <>
            Saved {status.name} ({formatBytes(status.bytes)}
            {status.raw !== status.bytes ? `, ${formatBytes(status.raw)} unzipped` : ''},{' '}
            {(status.ms / 1000).toFixed(1)} s)
          </>
        )}
        {status.kind === 'cancelled' && <>{status.what}: cancelled</>}
      </span>
      {status.kind === 'working' && (
        <>
          <progress
            max={1}
            value={status.progress ?? undefined}
            aria-label={`Preparing ${status.what}`}
          />
          <button type="button" className="ghost" onClick={onCancel} data-testid="export-cancel">
            Cancel
          </button>
        </>
      )}
      {status.kind === 'error' && (
        <span role="alert" className="export-error">
          Could not export {status.what}: {status.message}
        </span>
      )}
    </div>
  )
}
