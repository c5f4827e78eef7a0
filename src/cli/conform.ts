/**
 * `conform <id> [--variant V] (--trace FILE | --capture [--dir DIR]) [--json]`: the engine's run
 * of a scenario against a real kernel trace of it, relation by relation. With --capture it first
 * runs `capture` (root, a real loop device) into a temporary directory, then compares.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { conformance } from '../conformance/check'
import { describeVerdict } from '../conformance/compare'
import { stringOption, UsageError, type Args } from './args'
import { captureCommand } from './capture'
import type { Out } from './commands'

export const CONFORM_USAGE = `  conform <id> [--variant V] (--trace FILE | --capture) [--json]
                                                  the engine against a captured kernel trace, by
                                                  ordering relations (--capture: capture first, root)`

function traceFor(args: Args, id: string, variant: string | undefined, out: Out, err: Out): { file: string; cleanup: () => void } | number {
  const given = stringOption(args, 'trace')
  if (given !== undefined) {
    if (!existsSync(given)) throw new UsageError(`no trace file ${given}`)
    if (!existsSync(`${given}.json`)) throw new UsageError(`${given}.json (the capture's sidecar) is missing: conform needs to know which device is which`)
    return { file: given, cleanup: () => {} }
  }
  if (!args.options.has('capture')) throw new UsageError('conform needs --trace FILE (a capture) or --capture')
  const dir = mkdtempSync(join(tmpdir(), 'loopscope-conform-'))
  const file = join(dir, `${id}.trace`)
  const code = captureCommand([id, ...(variant ? ['--variant', variant] : []), '--out', file], out, err)
  if (code !== 0) {
    rmSync(dir, { recursive: true, force: true })
    return code
  }
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export function conformCommand(args: Args, out: Out, err: Out): number {
  const id = args.positional[0]
  if (id === undefined) throw new UsageError('conform needs a scenario id')
  const variant = stringOption(args, 'variant')
  const got = traceFor(args, id, variant, out, err)
  if (typeof got === 'number') return got
  try {
    const r = conformance(id, variant, readFileSync(got.file, 'utf8'), readFileSync(`${got.file}.json`, 'utf8'))
    if (!r.ok) {
      err(`loopscope: ${r.message}`)
      return 2
    }
    if (args.options.has('json')) out(JSON.stringify({ scenario: id, variant: variant ?? null, kernel: r.kernel, relations: r.rows }, null, 2))
    else {
      out(`${id}${variant ? ` / ${variant}` : ''} against kernel ${r.kernel ?? '(unknown)'}`)
      for (const row of r.rows) {
        out(`  ${row.agree ? 'agree   ' : 'DISAGREE'} ${row.id}`)
        out(`           engine: ${describeVerdict(row.engine)}`)
        out(`           kernel: ${describeVerdict(row.real)}`)
      }
    }
    return r.rows.every((row) => row.agree) ? 0 : 1
  } finally {
    got.cleanup()
  }
}
