import { InvariantError } from '../engine'
import { parseArgs, UsageError } from './args'
import { benchCommand } from './bench'
import { CAPTURE_USAGE, captureCommand } from './capture'
import { CONFORM_USAGE, conformCommand } from './conform'
import { SHARE_USAGE, shareCommand } from './share'
import { PROBLEM_USAGE, problemCommand } from './problem'
import { exploreCommand } from './explore'
import { EXPORT_USAGE, exportCommand } from './exportCmd'
import { importCommand } from './importCmd'
import { listCommand, runCommand, type Out } from './commands'

const USAGE = `loopscope: the I/O-stack engine from the command line

usage: npm run -s loopscope -- <command> [options]

  list [--json]                                   scenario ids with their variants
  run <id|file> [--variant V] [--seed N] [--json] event count, log hash, verdicts, metrics
  run --compact TEXT [--seed N] [--json]          the same for a run written as compact text
  explore <id|file|trace> [--variant V] [--seed N] [--at T|end|every|@N]
          [--model power-loss|block-snapshot|atomic-snapshot|fuzzy-copy]
          [--granularity write|sector] [--budget N] [--samples N] [--json]
                                                  every state a crash or snapshot can leave, checked
                                                  (a trace file: power-loss on --device MAJ,MIN)
  import <trace> [--device MAJ,MIN] [--format F] [--list] [--json]
                                                  requests per device in a blkparse, tracefs or fio trace
${EXPORT_USAGE}
  bench [--requests N] [--json]                   engine events per second and the floor, the explorer,
                                                  and blkparse import in MB/s
${CAPTURE_USAGE}
${CONFORM_USAGE}
${SHARE_USAGE}
${PROBLEM_USAGE}`

/** Runs a command; returns the process exit code (0 ok, 1 engine invariant broken, 2 bad usage). */
export function main(argv: readonly string[], out: Out, err: Out): number {
  const [command, ...rest] = argv
  const args = parseArgs(rest)
  try {
    switch (command) {
      case 'list':
        listCommand(args, out)
        return 0
      case 'run':
        runCommand(args, out)
        return 0
      case 'explore':
        exploreCommand(args, out)
        return 0
      case 'export':
        return exportCommand(args, out)
      case 'import':
        return importCommand(args, out, err)
      case 'bench':
        benchCommand(args, out)
        return 0
      case 'capture':
        return captureCommand(rest, out, err)
      case 'conform':
        return conformCommand(args, out, err)
      case 'share':
        shareCommand(args, out)
        return 0
      case 'problem':
        problemCommand(args, out)
        return 0
      case undefined:
      case 'help':
      case '--help':
        out(USAGE)
        return command === undefined ? 2 : 0
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}`)
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`loopscope: ${e.message}`)
      return 2
    }
    if (e instanceof InvariantError) {
      err(`loopscope: engine invariant broken: ${e.message}`)
      return 1
    }
    throw e
  }
}

// Run directly (tsx src/cli/main.ts); scripts/cli.mjs imports main() from a bundle instead.
const isEntry = process.argv[1] !== undefined && /src[/\\]cli[/\\]main\.ts$/.test(process.argv[1])
if (isEntry) {
  process.exitCode = main(process.argv.slice(2), (t) => console.log(t), (t) => console.error(t))
}
