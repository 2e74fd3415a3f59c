#!/usr/bin/env node
// Packaging gates: build every publishable package, then publint --strict, attw, and a smoke
// install of the `pnpm pack` tarballs into an empty scratch project imported through both
// `import` and `require`. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = (name) => join(root, 'node_modules', '.bin', name)
const run = (cmd, args, cwd = root) => {
  const r = spawnSync(cmd, args, {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: '0' },
  })
  return r.status === 0
}

const packages = readdirSync(join(root, 'packages'))
  .map((dir) => ({
    dir: join(root, 'packages', dir),
    pkg: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')),
  }))
  .filter(({ pkg, dir }) => !pkg.private && readdirSync(dir).includes('src'))

const failures = []
const check = (label, ok) => {
  console.log(`${ok ? '✔' : '✘'} ${label}`)
  if (!ok) failures.push(label)
}

// build in dependency order (tsup per package, as `turbo run build` does, without needing pnpm on PATH)
const order = ['errors', 'fixed', 'amm', 'yuma', 'emission', 'client']
const rank = (dir) => order.indexOf(dir.split('/').filter(Boolean).pop())
packages.sort((a, b) => rank(a.dir) - rank(b.dir))
for (const { dir, pkg } of packages)
  check(`build ${pkg.name} (tsup)`, run(bin('tsup'), ['--silent'], dir))

for (const { dir, pkg } of packages) {
  check(`publint --strict ${pkg.name}`, run(bin('publint'), ['--strict'], dir))
  const esmOnly = !pkg.exports?.['.']?.require
  const ignore = esmOnly ? ['cjs-resolves-to-esm', 'no-resolution'] : ['cjs-resolves-to-esm']
  check(
    `attw ${pkg.name}`,
    run(
      bin('attw'),
      ['--pack', '.', '--ignore-rules', ...ignore, '--format', 'table-flipped'],
      dir,
    ),
  )
}

// pack every package and install the tarballs into an empty project
// `--out DIR` keeps the tarballs there (the release script publishes from them)
const outIndex = process.argv.indexOf('--out')
const scratch = mkdtempSync(join(tmpdir(), 'dtao-pack-'))
const tarballs = outIndex > 0 ? join(root, process.argv[outIndex + 1]) : join(scratch, 'tarballs')
rmSync(tarballs, { recursive: true, force: true })
mkdirSync(tarballs, { recursive: true })
for (const { dir, pkg } of packages) {
  check(
    `pack ${pkg.name}`,
    run('npx', ['-y', 'pnpm@10.34.9', 'pack', '--pack-destination', tarballs], dir),
  )
}
const app = join(scratch, 'app')
mkdirSync(app)
const files = readdirSync(tarballs)
const deps = Object.fromEntries(
  packages.map(({ pkg }) => {
    const file = files.find((f) => f.startsWith(`${pkg.name.replace('@', '').replace('/', '-')}-`))
    return [pkg.name, `file:${join(tarballs, file)}`]
  }),
)
writeFileSync(
  join(app, 'package.json'),
  JSON.stringify({ name: 'scratch', private: true, dependencies: deps, overrides: deps }, null, 2),
)
check(
  'npm install of the tarballs',
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], app),
)
const smoke = packages.map(({ pkg }) => pkg.name)
writeFileSync(
  join(app, 'esm.mjs'),
  `${smoke.map((n, i) => `import * as m${i} from '${n}'`).join('\n')}\nconst counts = [${smoke.map((_, i) => `Object.keys(m${i}).length`).join(', ')}]\nif (counts.some((c) => c === 0)) throw new Error('empty module')\nconst { parseTao, formatTao } = m${smoke.indexOf('@dtao/fixed')}\nif (formatTao(parseTao('1.5')) !== '1.5') throw new Error('round trip')\nconsole.log('esm ok', counts.join(' '))\n`,
)
writeFileSync(
  join(app, 'cjs.cjs'),
  `const names = ${JSON.stringify(smoke)}\nconst mods = names.map((n) => require(n))\nif (mods.some((m) => Object.keys(m).length === 0)) throw new Error('empty module')\nconst { parseTao, formatTao } = require('@dtao/fixed')\nif (formatTao(parseTao('1.5')) !== '1.5') throw new Error('round trip')\nconsole.log('cjs ok', mods.map((m) => Object.keys(m).length).join(' '))\n`,
)
check('import (ESM) from the installed tarballs', run('node', ['esm.mjs'], app))
check('require (CJS) from the installed tarballs', run('node', ['cjs.cjs'], app))
rmSync(scratch, { recursive: true, force: true })

console.log(
  failures.length === 0
    ? '\nPackaging gates passed.'
    : `\nPackaging gates failed: ${failures.join('; ')}`,
)
process.exit(failures.length === 0 ? 0 : 1)
