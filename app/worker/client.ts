/** The page's side of the crash-explorer worker: ask, watch progress, cancel. */
import type { ExploreResult } from '../../src/engine'
import type { AskMessage, FromWorker } from './protocol'

export interface Asked {
  result: Promise<ExploreResult | 'cancelled'>
  cancel(): void
}

export class CrashWorker {
  private readonly worker = new Worker(new URL('./crash.worker.ts', import.meta.url), { type: 'module' })
  private next = 1
  private readonly pending = new Map<number, { resolve: (r: ExploreResult | 'cancelled') => void; reject: (e: Error) => void; progress?: (checked: number, of: number) => void }>()

  constructor() {
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data)
  }

  ask(q: Omit<AskMessage, 'type' | 'id'>, progress?: (checked: number, of: number) => void): Asked {
    const id = this.next++
    const result = new Promise<ExploreResult | 'cancelled'>((resolve, reject) => {
      this.pending.set(id, progress ? { resolve, reject, progress } : { resolve, reject })
    })
    this.worker.postMessage({ type: 'ask', id, ...q } satisfies AskMessage)
    return { result, cancel: () => this.worker.postMessage({ type: 'cancel', id }) }
  }

  private receive(m: FromWorker): void {
    const p = this.pending.get(m.id)
    if (!p) return
    if (m.type === 'progress') p.progress?.(m.checked, m.of)
    else {
      this.pending.delete(m.id)
      if (m.type === 'result') p.resolve(m.result)
      else if (m.type === 'cancelled') p.resolve('cancelled')
      else p.reject(new Error(m.message))
    }
  }
}
