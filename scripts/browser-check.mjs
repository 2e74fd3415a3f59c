#!/usr/bin/env node
// Browser proof: serves the *built* math packages (dist/*.js, ESM) on 127.0.0.1 with an import
// map, loads them into headless Debian Chromium through playwright-core, runs the same
// computations as in Node (scripts/browser-workload.mjs), and requires identical results.
// Needs `turbo run build` first (scripts/package-check.mjs does it) and /usr/bin/chromium.
import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { aptInstall } from './apt-install.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!existsSync(executablePath) && process.env.CHROMIUM_PATH === undefined) {
  // A fresh machine: install Debian's chromium (never a downloaded browser build).
  console.log('browser check: installing Debian chromium (apt-get install chromium)')
  if (!aptInstall(['chromium'])) {
    console.error(
      'browser check: could not install chromium; set CHROMIUM_PATH to a Chromium binary',
    )
  }
}
if (!existsSync(executablePath)) {
  console.error(`browser check: no Chromium at ${executablePath} (apt-get install chromium)`)
  process.exit(1)
}
const packages = ['errors', 'fixed', 'amm', 'yuma', 'emission'].filter((p) =>
  existsSync(join(root, 'packages', p, 'dist', 'index.js')),
)
const importMap = {
  imports: Object.fromEntries(packages.map((p) => [`@dtao/${p}`, `/packages/${p}/dist/index.js`])),
}
const workload = readFileSync(join(root, 'scripts', 'browser-workload.mjs'), 'utf8')
const page = `<!doctype html><meta charset="utf-8"><script type="importmap">${JSON.stringify(importMap)}</script>
<script type="module">
${workload}
window.__result = run().then((r) => JSON.stringify(r), (e) => JSON.stringify({ error: String(e && e.stack || e) }))
</script>`

const types = { '.js': 'text/javascript', '.map': 'application/json', '.html': 'text/html' }
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  if (url.pathname === '/') {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end(page)
    return
  }
  const path = normalize(join(root, url.pathname))
  if (
    !path.startsWith(join(root, 'packages')) ||
    !path.includes(`${'/'}dist${'/'}`) ||
    !existsSync(path)
  ) {
    res.writeHead(404)
    res.end()
    return
  }
  res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' })
  res.end(readFileSync(path))
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const { port } = server.address()

let status = 1
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})
try {
  const tab = await browser.newPage()
  tab.on('pageerror', (e) => console.error('page error:', e.message))
  await tab.goto(`http://127.0.0.1:${port}/`)
  const inBrowser = JSON.parse(await tab.evaluate(() => window.__result))
  // the same workload in Node, against the same built files
  const nodeModule = await import(
    `data:text/javascript,${encodeURIComponent(
      workload.replace(
        /from '@dtao\/(\w+)'/g,
        (_m, p) => `from '${new URL(`../packages/${p}/dist/index.js`, import.meta.url).href}'`,
      ),
    )}`
  )
  const inNode = JSON.parse(JSON.stringify(await nodeModule.run()))
  if (inBrowser.error) throw new Error(`browser workload failed: ${inBrowser.error}`)
  const a = JSON.stringify(inBrowser)
  const b = JSON.stringify(inNode)
  console.log(`browser (${await browser.version()}): ${Object.keys(inBrowser).join(', ')}`)
  for (const [k, v] of Object.entries(inBrowser))
    console.log(`  ${k}: ${JSON.stringify(v).slice(0, 160)}`)
  if (a !== b) {
    console.error(`browser and Node results differ:\n  browser ${a}\n  node    ${b}`)
  } else {
    console.log('browser results are identical to Node results')
    status = 0
  }
} finally {
  await browser.close()
  server.close()
}
process.exit(status)
