/** `share <id|file> [--variant V]`: the fragment of a link that opens the scenario in the app. */
import { encodeScenario } from '../share/link'
import { stringOption, UsageError, type Args } from './args'
import type { Out } from './commands'
import { loadScenario, loadScenarioFile } from './load'

export const SHARE_USAGE = `  share <id|file> [--variant V]                   the link fragment (#s=…) that opens it in the app`

export function shareCommand(args: Args, out: Out): void {
  const target = args.positional[0]
  if (target === undefined) throw new UsageError('share needs a scenario id or a scenario file')
  const variant = stringOption(args, 'variant')
  // Resolving checks the variant exists; the link carries the whole file and names the variant.
  loadScenario(target, variant)
  const file = loadScenarioFile(target)
  out(`#s=${encodeScenario(file)}${variant === undefined ? '' : `&variant=${encodeURIComponent(variant)}`}`)
}
