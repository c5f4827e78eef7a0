/**
 * What Playwright reaches into: a way to start an engine worker from a test, and the page's own
 * store for reading what is on screen. Nothing here runs unless a test calls it.
 */
import { EngineClient } from './worker/client'

declare global {
  interface Window {
    __loopscope?: { engine(): EngineClient }
  }
}

export function installTestHooks(): void {
  window.__loopscope = { engine: () => new EngineClient() }
}
