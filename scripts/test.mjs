#!/usr/bin/env node
// The whole test suite, one step after another; exits non-zero if any step fails.
// Steps: lint, typecheck, the WebAssembly kernel rebuilt from its C source (clang) and compared
// with the committed build, API docs (typedoc, warnings are errors), the guides' code blocks
// (type-checked and run), unit/property/type tests
// (vitest), the chain-parity vectors, knip, packaging gates (build, publint, attw, tarballs
// imported via ESM and CJS), the quote-path size budget, and the headless-Chromium proof.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, 'node_modules', '.bin', name)
const vectorFiles = JSON.parse(readFileSync(join(root, 'scripts', 'vector-files.json'), 'utf8'))

const steps = [
  ['lint', bin('biome'), ['check', '.']],
  ['typecheck', bin('tsc'), ['-p', 'tsconfig.json']],
  ['kernel', 'node', ['scripts/build-kernel.mjs', '--check']],
  ['docs', bin('typedoc'), []],
  ['guides', bin('tsx'), ['examples/guides-check/src/main.ts']],
  ['unit', bin('vitest'), ['run']],
  ['vectors', bin('tsx'), ['packages/test-vectors/src/cli.ts', ...vectorFiles]],
  ['knip', bin('knip'), ['--no-config-hints']],
  ['package', 'node', ['scripts/package-check.mjs']],
  ['size', 'node', ['scripts/size-budget.mjs']],
  ['browser', 'node', ['scripts/browser-check.mjs']],
]

const only = process.argv.slice(2)
const failed = []
for (const [name, cmd, args] of steps) {
  if (only.length > 0 && !only.includes(name)) continue
  console.log(`\n▶ ${name}: ${[cmd.replace(`${root}/`, ''), ...args].join(' ')}`)
  const started = Date.now()
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: '0' },
  })
  const secs = ((Date.now() - started) / 1000).toFixed(1)
  if (r.status === 0) console.log(`✔ ${name} (${secs} s)`)
  else {
    console.log(`✘ ${name} failed (exit ${r.status ?? r.signal}, ${secs} s)`)
    failed.push(name)
  }
}
console.log(
  failed.length === 0 ? '\nAll test steps passed.' : `\nFailed steps: ${failed.join(', ')}`,
)
process.exit(failed.length === 0 ? 0 : 1)
