// The client is ESM-only (polkadot-api 2.x is); Node ≥ 20.19 loads it from CommonJS through
// require(esm). Build it as its tsup config does (ESM), with the workspace math packages bundled
// from source and polkadot-api/ws/rxjs left as the real ESM packages, then require() it from a
// CommonJS process.
import { execFile } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'tsup'
import { afterAll, expect, test } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const outDir = `${root}.require-test/`
afterAll(() => rmSync(outDir, { recursive: true, force: true }))

test('require() of the ESM build works on this Node (CommonJS consumer)', {
  timeout: 20_000,
}, async () => {
  await build({
    entry: { index: `${root}src/index.ts` },
    format: ['esm'],
    outDir,
    dts: false,
    sourcemap: false,
    silent: true,
    clean: true,
    target: 'es2022',
    platform: 'node',
    noExternal: [/^@dtao\//],
    external: ['ws', 'rxjs', /^@polkadot-api\//],
    esbuildOptions(options) {
      options.conditions = ['source']
    },
  })
  const consumer = `${outDir}consumer.cjs`
  writeFileSync(
    consumer,
    [
      "const client = require('./index.js')",
      'const pool = client.embeddedSnapshot().pools[0]',
      'process.stdout.write(JSON.stringify({ module: typeof module, quote: typeof client.quote, createClient: typeof client.createClient, tao: String(pool.taoReserve) }))',
    ].join('\n'),
  )
  // A package.json that makes index.js ESM, as the real package's "type": "module" does.
  writeFileSync(`${outDir}package.json`, '{ "type": "module" }')
  const out = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      [consumer],
      { cwd: root, timeout: 15_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    ),
  )
  expect(JSON.parse(out)).toEqual({
    module: 'object',
    quote: 'function',
    createClient: 'function',
    tao: '22079400556774',
  })
})
