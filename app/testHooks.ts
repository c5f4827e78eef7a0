/**
 * What Playwright reaches into: a way to start the crash-explorer worker from a test. The worker
 * is created only when a test asks for one, so the page itself starts none.
 */
import { CrashWorker } from './worker/client'

declare global {
  interface Window {
    __loopscope?: { crashWorker(): CrashWorker }
  }
}

export function installTestHooks(): void {
  window.__loopscope = { crashWorker: () => new CrashWorker() }
}
