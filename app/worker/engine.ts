import { EngineClient } from './client'

let client: EngineClient | null = null

/** The page's one engine worker, started on first use (the gallery never starts it). */
export function engine(): EngineClient {
  return (client ??= new EngineClient())
}
