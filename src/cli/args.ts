/** A small argument parser: positionals, `--flag`, `--key value` and `--key=value`. */
export interface Args {
  positional: string[]
  options: Map<string, string | true>
}

export function parseArgs(argv: readonly string[]): Args {
  const positional: string[] = []
  const options = new Map<string, string | true>()
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string
    if (!a.startsWith('--')) {
      positional.push(a)
      continue
    }
    const eq = a.indexOf('=')
    if (eq > 0) {
      options.set(a.slice(2, eq), a.slice(eq + 1))
      continue
    }
    const next = argv[i + 1]
    if (next !== undefined && !next.startsWith('--') && VALUED.has(a.slice(2))) {
      options.set(a.slice(2), next)
      i++
    } else options.set(a.slice(2), true)
  }
  return { positional, options }
}

const VALUED = new Set(['variant', 'seed', 'requests', 'out', 'at', 'model', 'granularity', 'format', 'budget', 'samples', 'device', 'trace', 'dir', 'kind', 'compact'])

export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export function intOption(args: Args, name: string): number | undefined {
  const v = args.options.get(name)
  if (v === undefined) return undefined
  if (v === true || !/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) {
    throw new UsageError(`--${name} needs a non-negative integer, got ${v === true ? 'nothing' : JSON.stringify(v)}`)
  }
  return Number(v)
}

export function stringOption(args: Args, name: string): string | undefined {
  const v = args.options.get(name)
  if (v === true) throw new UsageError(`--${name} needs a value`)
  return v
}
