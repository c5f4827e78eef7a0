/** `share <id|file> [--variant V]`: the fragment of a link that opens the scenario in the app. */
import { encodeScenario } from '../share/link'
import { stringOption, UsageError, type Args } from './args'
import type { Out } from './commands'
import { compactOption } from './compact'
import { loadScenario, loadScenarioFile } from './load'

export const SHARE_USAGE = `  share <id|file> [--variant V] | share --compact TEXT
                                                  the link fragment (#s=…) that opens it in the app`

export function shareCommand(args: Args, out: Out): void {
  const target = args.positional[0]
  const compact = compactOption(args)
  if (target === undefined && compact === undefined) throw new UsageError('share needs a scenario id, a scenario file or --compact "<text>"')
  const variant = stringOption(args, 'variant')
  // Resolving checks the variant exists; the link carries the whole file and names the variant.
  loadScenario(compact ?? (target as string), variant)
  const file = compact ?? loadScenarioFile(target as string)
  out(`#s=${encodeScenario(file)}${variant === undefined ? '' : `&variant=${encodeURIComponent(variant)}`}`)
}
