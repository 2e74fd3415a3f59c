// The issue's acceptance: the math packages stay free of Node-only APIs (only the client, which
// opens sockets and files, uses them). Scans their shipped sources, comments excluded.
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'

const packages = fileURLToPath(new URL('../../', import.meta.url))
const nodeOnly = [
  /\bfrom\s+['"]node:/,
  /\bimport\(\s*['"]node:/,
  /\brequire\(/,
  /\bprocess\./,
  /(?<![\w.])Buffer\./,
  /\b__dirname\b/,
  /\bfrom\s+['"](fs|path|os|child_process|net|http|https|crypto|worker_threads|url)['"]/,
]

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(`${dir}/${e.name}`)
      : /\.ts$/.test(e.name) && !/\.(test|bench|test-d)\.ts$|\.test-d\.ts$/.test(e.name)
        ? [`${dir}/${e.name}`]
        : [],
  )

test.each(['errors', 'fixed', 'amm', 'yuma', 'emission'])(
  '@dtao/%s uses no Node-only API',
  (pkg) => {
    const offending: string[] = []
    for (const file of sources(`${packages}${pkg}/src`))
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const code = line.replace(/\/\/.*$/, '')
          if (/^\s*(\*|\/\*)/.test(code)) return
          if (nodeOnly.some((re) => re.test(code)))
            offending.push(`${file.slice(packages.length)}:${i + 1}: ${line.trim()}`)
        })
    expect(offending).toEqual([])
  },
)
