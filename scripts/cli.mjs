// Runs the loopscope command line from a bundle of src/cli/main.ts. The bundle is rebuilt when
// any source file is newer than it; bundling (rather than running through a TypeScript loader)
// keeps the engine's hot paths free of loader shims, so `bench` measures the code the browser runs.
import { build } from 'esbuild'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
// One bundle per checkout: git worktrees may share node_modules, and must not run each other's code.
const checkout = createHash('sha1').update(root).digest('hex').slice(0, 10)
const out = join(root, 'node_modules', '.cache', 'loopscope', `cli-${checkout}.mjs`)

function newestSource(dir) {
  let newest = 0
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, name.name)
    if (name.isDirectory()) newest = Math.max(newest, newestSource(p))
    else if (/\.(ts|json)$/.test(name.name)) newest = Math.max(newest, statSync(p).mtimeMs)
  }
  return newest
}

if (!existsSync(out) || statSync(out).mtimeMs < newestSource(join(root, 'src'))) {
  mkdirSync(dirname(out), { recursive: true })
  await build({
    entryPoints: [join(root, 'src', 'cli', 'main.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  })
}
const { main } = await import(pathToFileURL(out).href)
process.exitCode = main(process.argv.slice(2), (t) => console.log(t), (t) => console.error(t))
