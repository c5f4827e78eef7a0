/**
 * Opening a trace file (the file input or a drop): refuse what is too large at once, let the
 * worker read and parse it, then put it on the trace screen; a file that fails leaves whatever
 * was on screen as it was and says why, line and column first.
 */
import type { StoreApi } from 'zustand'
import { create } from 'zustand'
import { formatIssue } from '../../src/formats/events'
import { PlayView } from '../data/runView'
import { navigate } from '../route/useAddressSync'
import type { AppStore } from '../store/types'
import { formatBytes } from '../ui/format'
import { engine } from '../worker/engine'
import { MAX_TRACE_BYTES } from './types'

export type ImportStatus =
  | { state: 'idle' }
  | { state: 'reading'; name: string; bytes: number }
  | {
      state: 'failed'
      name: string
      bytes: number
      /** One sentence per problem, "file:line:col: message" when it has a place. */
      lines: string[]
      /** Problems not shown; `atLeast` when the parser stopped counting. */
      more: number
      atLeast: boolean
    }

interface ImportState {
  status: ImportStatus
  setStatus(status: ImportStatus): void
}

/** The page's one import in progress or failed; shared by the buttons, the drop zone and the notice. */
export const useImportStatus = create<ImportState>()((set) => ({
  status: { state: 'idle' },
  setStatus: (status) => set({ status }),
}))

/** Each open supersedes the one before: a late answer for an older file is dropped. */
let generation = 0

export function openTrace(store: StoreApi<AppStore>, file: File): void {
  const mine = ++generation
  const { setStatus } = useImportStatus.getState()
  const name = file.name || 'the dropped file'
  if (file.size > MAX_TRACE_BYTES) {
    setStatus({
      state: 'failed',
      name,
      bytes: file.size,
      lines: [
        `${name} is ${formatBytes(file.size)}; loopscope opens traces up to ${formatBytes(MAX_TRACE_BYTES)}. Cut it to the part you want to look at (for example with head, or blkparse's -w to stop at a time) and open that.`,
      ],
      more: 0,
      atLeast: false,
    })
    return
  }
  setStatus({ state: 'reading', name, bytes: file.size })
  const job = engine().importTrace(file, name)
  job.result.then(
    (r) => {
      if (mine !== generation || r === 'cancelled') return
      if (!r.ok) {
        setStatus({
          state: 'failed',
          name,
          bytes: r.bytes,
          lines: r.errors.map((i) => formatIssue(name, i)),
          more: r.errorCount - r.errors.length,
          atLeast: r.capped,
        })
        return
      }
      const { ok: _ok, payload, ...facts } = r
      store
        .getState()
        .setTrace({
          loaded: { ...facts, key: job.id, view: new PlayView(payload) },
          device: r.device,
          granularity: 'write',
          answer: { status: 'idle' },
        })
      setStatus({ state: 'idle' })
      // A fresh screen: the playhead at the start, the whole trace in view, no old answer.
      if (store.getState().route.screen === 'trace') store.getState().setRoute({ screen: 'trace' })
      else navigate({ screen: 'trace' })
    },
    (err: unknown) => {
      if (mine !== generation) return
      setStatus({
        state: 'failed',
        name,
        bytes: file.size,
        lines: [`${name}: ${err instanceof Error ? err.message : String(err)}`],
        more: 0,
        atLeast: false,
      })
    },
  )
}
