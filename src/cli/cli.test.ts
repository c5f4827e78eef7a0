/**
 * The command line as a teacher or a CI script uses it: list and run print the documented JSON,
 * bad input gets a message that says what is wrong, and the same scenario and seed give the same
 * hash in two separate processes (determinism does not depend on process state).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { main } from './main'

function call(...argv: string[]): { code: number; out: string; err: string } {
  const out: string[] = []
  const err: string[] = []
  const code = main(argv, (t) => out.push(t), (t) => err.push(t))
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('loopscope list', () => {
  it('gives scenario ids with their variants as JSON', () => {
    const r = call('list', '--json')
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.out) as { scenarios: Array<{ id: string; variants: string[] }> }
    const fua = doc.scenarios.find((s) => s.id === 'fua-aio')
    expect(fua?.variants).toEqual(['mainline', 'proposal-2012'])
    expect(doc.scenarios.length).toBeGreaterThanOrEqual(5)
  })
})

describe('loopscope run', () => {
  it('prints the documented fields', () => {
    const r = call('run', 'flush-no-drain', '--variant', 'wait-then-flush', '--seed', '9', '--json')
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.out)
    expect(doc).toMatchObject({ scenario: 'flush-no-drain', variant: 'wait-then-flush', seed: 9 })
    expect(doc.events).toBeGreaterThan(0)
    expect(doc.hash).toMatch(/^[0-9a-f]{16}$/)
    for (const v of doc.verdicts) expect(Object.keys(v).sort()).toEqual(['check', 'detail', 'ok'])
    for (const k of ['guest_cache_peak_bytes', 'host_cache_peak_bytes', 'worker_wakeups', 'iops', 'dio_effective']) expect(doc.metrics).toHaveProperty(k)
  })

  it('reports the broken FUA promise of the 2012 proposal as a failed verdict, not an error', () => {
    const r = call('run', 'fua-aio', '--variant', 'proposal-2012', '--json')
    expect(r.code).toBe(0)
    const fua = JSON.parse(r.out).verdicts.find((v: { check: string }) => v.check === 'guest-fua-durable')
    expect(fua.ok).toBe(false)
  })

  it('explains unknown scenarios, variants and seeds', () => {
    const a = call('run', 'no-such-thing')
    expect(a.code).toBe(2)
    expect(a.err).toMatch(/no scenario or file named "no-such-thing"; built-in scenarios: .*fua-aio/)
    const b = call('run', 'fua-aio', '--variant', 'nope')
    expect(b.code).toBe(2)
    expect(b.err).toMatch(/unknown variant.*mainline, proposal-2012/)
    expect(call('run', 'fua-aio', '--seed', 'x').err).toMatch(/--seed needs a non-negative integer/)
    expect(call('frobnicate').err).toMatch(/unknown command "frobnicate"/)
  })

  it('runs a scenario file and names the field that is wrong in a bad one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loopscope-'))
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
    const good = join(dir, 'good.json')
    writeFileSync(good, JSON.stringify({ loopscope: 1, id: 'mine', title: 'Mine', summary: 'Two writes.', workload: { threads: [{ name: 't', ops: [{ op: 'write', block: 1 }, { op: 'flush', wait: true }] }] } }))
    expect(JSON.parse(call('run', good, '--json').out).scenario).toBe('mine')
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, JSON.stringify({ loopscope: 1, id: 'mine', title: 'Mine', summary: 'x', stack: { loop: { logicalBlockSize: 1000 } } }))
    const r = call('run', bad)
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/stack\.loop\.logicalBlockSize: must be one of 512, 1024, 2048, 4096, got 1000/)
    const broken = join(dir, 'broken.json')
    writeFileSync(broken, '{ "loopscope": 1,\n  "id": ')
    expect(call('run', broken).err).toMatch(/line 2/)
  })
})

describe('determinism across processes', () => {
  it('gives the same hash for the same scenario and seed in two separate processes', () => {
    const once = (): string => {
      const p = spawnSync(process.execPath, ['scripts/cli.mjs', 'run', 'aio-order', '--variant', 'cgroup-workers', '--seed', '5', '--json'], { encoding: 'utf8' })
      expect(p.status, p.stderr).toBe(0)
      return (JSON.parse(p.stdout) as { hash: string }).hash
    }
    const first = once()
    expect(once()).toBe(first)
    const other = call('run', 'aio-order', '--variant', 'cgroup-workers', '--seed', '6', '--json')
    expect(JSON.parse(other.out).hash).not.toBe(first)
    // The in-process run agrees with the bundled CLI: one engine, not two.
    expect(JSON.parse(call('run', 'aio-order', '--variant', 'cgroup-workers', '--seed', '5', '--json').out).hash).toBe(first)
  }, 60_000)
})

describe('loopscope explore', () => {
  it('prints the documented fields for one instant', () => {
    const r = call('explore', 'fua-aio', '--variant', 'proposal-2012', '--model', 'power-loss', '--json')
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.out)
    for (const k of ['states_total', 'states_checked', 'exhaustive', 'inconsistent', 'formula', 'examples']) expect(doc).toHaveProperty(k)
    expect(doc.states_total).toBe(2)
    expect(doc.inconsistent).toBe(1)
    expect(doc.examples.some((e: { verdict: string }) => e.verdict === 'promise-broken')).toBe(true)
  })

  it('sums over every instant and lists them', () => {
    const doc = JSON.parse(call('explore', 'unlink-snapshot', '--variant', 'barrier-assumed', '--at', 'every', '--json').out)
    expect(doc.instants.length).toBeGreaterThan(10)
    expect(doc.states_total).toBe(doc.instants.reduce((s: number, i: { states_total: number }) => s + i.states_total, 0))
    expect(doc.inconsistent).toBeGreaterThan(0)
    for (const i of doc.instants) for (const k of ['t', 'event', 'states_total', 'inconsistent']) expect(i).toHaveProperty(k)
  })

  it('takes a time, an event index, a model and a granularity, and explains bad ones', () => {
    expect(JSON.parse(call('explore', 'flush-no-drain', '--at', '100us', '--json').out).t).toBeLessThanOrEqual(100_000)
    expect(JSON.parse(call('explore', 'flush-no-drain', '--at', '@5', '--json').out).event).toBe(5)
    expect(JSON.parse(call('explore', 'flush-no-drain', '--granularity', 'sector', '--json').out).granularity).toBe('sector')
    expect(call('explore', 'flush-no-drain', '--model', 'meteor').err).toMatch(/--model must be one of power-loss, block-snapshot, atomic-snapshot, fuzzy-copy/)
    expect(call('explore', 'flush-no-drain', '--at', 'soon').err).toMatch(/--at takes end, every, @<event index> or a time/)
    expect(call('explore', 'flush-no-drain', '--at', '@99999').err).toMatch(/--at: event index 99999 is outside 0\.\.\d+ \(this run has \d+ events\)/)
  })
})

describe('every built-in scenario', () => {
  it('runs through run and explore', () => {
    const ids = (JSON.parse(call('list', '--json').out) as { scenarios: Array<{ id: string }> }).scenarios.map((s) => s.id)
    expect(ids.length).toBe(7)
    for (const id of ids) {
      const run = call('run', id, '--json')
      expect(run.code, `${id}: ${run.err}`).toBe(0)
      expect(JSON.parse(run.out).narration.length, id).toBeGreaterThan(0)
      const explore = call('explore', id, '--json')
      expect(explore.code, `${id}: ${explore.err}`).toBe(0)
      expect(JSON.parse(explore.out).states_total, id).toBeGreaterThan(0)
    }
  }, 120_000)
})
