// Bundle-size check of the quote path: @dtao/amm + @dtao/fixed + @dtao/errors, minified and gzipped.
// Usage: node scripts/size-budget.mjs (fails above the 10 kB budget).

import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import * as esbuild from 'esbuild'

const root = fileURLToPath(new URL('../', import.meta.url))
const entry = `
import { balancerPool, currentAlphaPrice, limitPriceForBuy, minimumOut, quoteBuy, quoteSell } from '@dtao/amm'
export { balancerPool, currentAlphaPrice, limitPriceForBuy, minimumOut, quoteBuy, quoteSell }
`
const result = await esbuild.build({
  stdin: { contents: entry, resolveDir: root, loader: 'ts' },
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  write: false,
  treeShaking: true,
  alias: {
    '@dtao/amm': `${root}packages/amm/src/index.ts`,
    '@dtao/fixed': `${root}packages/fixed/src/index.ts`,
    '@dtao/errors': `${root}packages/errors/src/index.ts`,
  },
  metafile: true,
})
const code = result.outputFiles[0].contents
const gz = gzipSync(code, { level: 9 })
const inputs = Object.entries(result.metafile.outputs)[0][1].inputs
const top = Object.entries(inputs)
  .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
  .slice(0, 12)
  .map(([f, v]) => `  ${String(v.bytesInOutput).padStart(7)}  ${f.replace(root, '')}`)
process.stdout.write(
  `quote path (quoteBuy, quoteSell, balancerPool, currentAlphaPrice, minimumOut, limitPriceForBuy)\n` +
    `minified: ${code.length} B, gzip: ${gz.length} B (${(gz.length / 1024).toFixed(2)} kB)\n` +
    `largest inputs (minified bytes):\n${top.join('\n')}\n`,
)
const budget = 10 * 1024
process.stdout.write(
  `budget: ${budget} B gzip — ${gz.length <= budget ? 'within budget' : 'OVER BUDGET'}\n`,
)
if (gz.length > budget) process.exitCode = 1
