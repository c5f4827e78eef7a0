/**
 * The worker's export job, run in node with a recording stand-in for the worker's messages: the
 * Chrome trace it hands back is byte for byte the command line's, gzipped it unzips to the same,
 * blkparse text likewise; a cancel stops it with 'cancelled' and no file.
 */
import { gunzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { runConfig } from '../../src/engine'
import { blkparseOfRun, chromeTraceBatches } from '../../src/formats/exportRun'
import { resolveScenario } from '../../src/scenarios'
import { findScenario } from '../../src/scenarios/catalogue'
import { exportJob, type ExportSource } from './exportJob'
import type { ExportMessage, FromWorker } from './protocol'

function source(id: string): ExportSource {
  const entry = findScenario(id)
  if (!entry) throw new Error(id)
  const s = resolveScenario(entry.file)
  if (!s.ok) throw new Error(id)
  return { run: runConfig(s.value.config, s.value.seed), meta: s.value.meta, variant: s.value.variant }
}

/** Runs a job to its last message. */
function job(m: Omit<ExportMessage, 'type' | 'id'>, src: ExportSource, cancel = false): Promise<FromWorker[]> {
  return new Promise((resolve) => {
    const seen: FromWorker[] = []
    exportJob({ type: 'export', id: 7, ...m }, src, {
      post: (msg) => {
        seen.push(msg)
        if (msg.type !== 'progress') resolve(seen)
      },
      cancelled: () => cancel,
    })
  })
}

const src = source('aio-order')
const cli = `${[...chromeTraceBatches(src.run, { scenario: src.meta.id, variant: src.variant })].join('\n')}\n`

describe('exportJob', () => {
  it('hands back the Chrome trace the command line writes', async () => {
    const msgs = await job({ scenario: 'aio-order', format: 'chrome' }, src)
    const last = msgs[msgs.length - 1]
    if (last?.type !== 'exported') throw new Error(JSON.stringify(last))
    expect(last.id).toBe(7)
    expect(last.file.blob.type).toBe('application/json')
    expect(await last.file.blob.text()).toBe(cli)
    expect(last.file.raw).toBe(last.file.blob.size)
    for (const p of msgs.filter((x) => x.type === 'progress')) expect(p).toMatchObject({ of: 1000 })
  })

  it('gzips it when asked, to the same text', async () => {
    const msgs = await job({ scenario: 'aio-order', format: 'chrome', gzip: true }, src)
    const last = msgs[msgs.length - 1]
    if (last?.type !== 'exported') throw new Error(JSON.stringify(last))
    expect(last.file.blob.type).toBe('application/gzip')
    expect(last.file.raw).toBe(cli.length)
    expect(new TextDecoder().decode(gunzipSync(new Uint8Array(await last.file.blob.arrayBuffer())))).toBe(cli)
  })

  it('hands back blkparse text', async () => {
    const msgs = await job({ scenario: 'aio-order', format: 'blkparse' }, src)
    const last = msgs[msgs.length - 1]
    if (last?.type !== 'exported') throw new Error(JSON.stringify(last))
    expect(await last.file.blob.text()).toBe(blkparseOfRun(src.run).text)
  })

  it('stops when cancelled, without a file', async () => {
    const msgs = await job({ scenario: 'aio-order', format: 'chrome' }, src, true)
    expect(msgs.map((x) => x.type)).toEqual(['cancelled'])
  })
})
