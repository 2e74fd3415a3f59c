/* biome-ignore-all lint/suspicious/noConsole: this is the runner's report */
import { existsSync, readFileSync } from 'node:fs'
import { basename, relative } from 'node:path'
import { listVectorFiles, vectorsDir } from './locate.js'
import { handlers } from './registry.js'
import type { FileResult, JsonObject } from './runner.js'

function countCases(doc: JsonObject): number {
  const groups = doc.groups
  if (!Array.isArray(groups)) return 0
  return groups.reduce(
    (n: number, g: JsonObject) => n + (Array.isArray(g.cases) ? g.cases.length : 0),
    0,
  )
}

function main(argv: readonly string[]): number {
  const dir = vectorsDir()
  if (!existsSync(dir)) {
    console.log('')
    console.log('!!! ============================================================ !!!')
    console.log(`!!! VECTOR PARITY SUITE SKIPPED: no vectors folder at ${dir}`)
    console.log('!!! Set DTAO_VECTORS or place ../shared/vectors beside the repo.   !!!')
    console.log('!!! Nothing was checked against the chain.                          !!!')
    console.log('!!! ============================================================ !!!')
    return process.env.DTAO_VECTORS_REQUIRED === '1' ? 1 : 0
  }
  const wanted = argv.map((a) => a.replace(/\.json$/, ''))
  const files = listVectorFiles(dir).filter((p) => {
    const name = basename(p, '.json')
    return wanted.length === 0 || wanted.includes(name)
  })
  let passed = 0
  let failed = 0
  const missing = wanted.filter((w) => !files.some((p) => basename(p, '.json') === w))
  for (const m of missing) {
    console.log(`${m}.json: not found in ${dir}`)
    failed++
  }
  console.log(`vectors: ${dir}`)
  for (const path of files) {
    const name = basename(path)
    const doc = JSON.parse(readFileSync(path, 'utf8')) as JsonObject
    const handler = handlers[name]
    const started = performance.now()
    const r: FileResult = handler
      ? handler(doc, name)
      : {
          file: name,
          total: countCases(doc),
          run: 0,
          passed: 0,
          failures: ['no handler for this file'],
        }
    const ms = Math.round(performance.now() - started)
    const fileFailed = Math.max(
      r.total - r.passed,
      r.run - r.passed,
      r.failures.length > 0 && r.total === r.passed ? 1 : 0,
    )
    passed += r.passed
    failed += fileFailed
    console.log(
      `${relative(dir, path)}: ${r.total} cases in file, ${r.run} run, ${r.passed} passed${fileFailed > 0 ? `, ${fileFailed} FAILED` : ''} (${ms} ms)`,
    )
    for (const f of r.failures) console.log(`    ✗ ${f}`)
  }
  console.log(`${passed} passed, ${failed} failed`)
  return failed > 0 ? 1 : 0
}

process.exitCode = main(process.argv.slice(2))
