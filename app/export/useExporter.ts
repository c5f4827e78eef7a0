/**
 * Making an export file and handing it to `save`: Chrome traces and blkparse text from the engine
 * worker (with progress, cancellable), the scenario document and the timeline pictures on the
 * page (they take milliseconds: the document is at hand, the picture draws what is already laid
 * out for the screen, and only a page can rasterise an SVG). Remembers the exact size of each
 * file made for the run on screen, for the menu.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { RunView } from '../data/runView'
import { scenarioOf, workerRef } from '../route/scenarioOf'
import { useStoreApi } from '../store/context'
import { engine } from '../worker/engine'
import { fileName, KINDS, type ExportKind } from './kinds'

export type ExportStatus =
  | { kind: 'idle' }
  | { kind: 'working'; what: string; progress: number | null }
  | { kind: 'done'; name: string; bytes: number; raw: number; ms: number }
  | { kind: 'cancelled'; what: string }
  | { kind: 'error'; what: string; message: string }

interface Made {
  blob: Blob
  name: string
  raw: number
}

export interface Exporter {
  status: ExportStatus
  /** Exact sizes of the files made for this run so far. */
  sizes: Partial<Record<ExportKind, number>>
  start(kind: ExportKind): void
  cancel(): void
}

const now = (): number => performance.now()

export function useExporter(run: RunView, save: (blob: Blob, name: string) => void): Exporter {
  const store = useStoreApi()
  const [status, setStatus] = useState<ExportStatus>({ kind: 'idle' })
  const [known, setKnown] = useState<{ run: RunView; sizes: Partial<Record<ExportKind, number>> }>({
    run,
    sizes: {},
  })
  const cancelRef = useRef<(() => void) | null>(null)
  const sizes = known.run === run ? known.sizes : {}

  const fromWorker = useCallback(
    (kind: 'chrome' | 'chrome-gz' | 'blkparse', what: string): Promise<Made | 'cancelled'> => {
      const route = store.getState().route
      if (route.screen !== 'scenario') return Promise.reject(new Error('no scenario is open'))
      const job = engine().exportFile(
        {
          scenario: workerRef(route),
          ...(route.variant === null ? {} : { variant: route.variant }),
          format: kind === 'blkparse' ? 'blkparse' : 'chrome',
          gzip: kind === 'chrome-gz',
        },
        (checked, of) =>
          setStatus({ kind: 'working', what, progress: of > 0 ? checked / of : null }),
      )
      cancelRef.current = job.cancel
      return job.result.then((r) =>
        r === 'cancelled'
          ? r
          : { blob: r.blob, raw: r.raw, name: fileName(run.p.scenario.id, run.p.variant, kind) },
      )
    },
    [store, run],
  )

  const onPage = useCallback(
    async (kind: 'scenario' | 'png' | 'svg'): Promise<Made> => {
      const s = store.getState()
      if (kind === 'scenario') {
        if (s.route.screen !== 'scenario') throw new Error('no scenario is open')
        const opened = scenarioOf(s.route)
        if (!opened.ok) throw new Error(opened.message)
        // Export code loads on first use: it is not part of the page's first download.
        const { scenarioJson } = await import('../../src/formats/exportRun')
        const blob = new Blob([`${scenarioJson(opened.file, run.p.variant)}\n`], {
          type: 'application/json',
        })
        return { blob, raw: blob.size, name: fileName(run.p.scenario.id, run.p.variant, kind) }
      }
      const { currentPicture, pngOf } = await import('./picture')
      const pic = currentPicture(s)
      if (!pic) throw new Error('the run is not on screen yet')
      const blob =
        kind === 'svg'
          ? new Blob([pic.picture.svg], { type: 'image/svg+xml' })
          : await pngOf(pic.picture)
      return {
        blob,
        raw: blob.size,
        name: fileName(run.p.scenario.id, pic.variant, kind, pic.compared),
      }
    },
    [store, run],
  )

  const start = useCallback(
    (kind: ExportKind) => {
      const what = `${KINDS[kind].label}${KINDS[kind].ext}`
      const t0 = now()
      setStatus({ kind: 'working', what, progress: null })
      const made =
        kind === 'chrome' || kind === 'chrome-gz' || kind === 'blkparse'
          ? fromWorker(kind, what)
          : onPage(kind)
      made.then(
        (m) => {
          cancelRef.current = null
          if (m === 'cancelled') return setStatus({ kind: 'cancelled', what })
          save(m.blob, m.name)
          setKnown((k) => ({
            run,
            sizes: { ...(k.run === run ? k.sizes : {}), [kind]: m.blob.size },
          }))
          setStatus({ kind: 'done', name: m.name, bytes: m.blob.size, raw: m.raw, ms: now() - t0 })
        },
        (e: unknown) => {
          cancelRef.current = null
          setStatus({ kind: 'error', what, message: e instanceof Error ? e.message : String(e) })
        },
      )
    },
    [fromWorker, onPage, save, run],
  )

  const cancel = useCallback(() => cancelRef.current?.(), [])
  // Leaving the scenario stops a file still being made: nobody is there to save it.
  useEffect(() => () => cancelRef.current?.(), [])
  return { status, sizes, start, cancel }
}
