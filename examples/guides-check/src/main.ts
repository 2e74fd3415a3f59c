// Extracts every ```ts block of docs/*.md into .generated/, type-checks them together with the
// strict base config, then runs each one; exits non-zero on any failure.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const pkg = join(here, '..')
const root = join(pkg, '../..')
const out = join(pkg, '.generated')
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })

const blocks: { file: string; guide: string; line: number }[] = []
for (const guide of readdirSync(join(root, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .sort()) {
  const text = readFileSync(join(root, 'docs', guide), 'utf8').split('\n')
  let start = -1
  text.forEach((line, i) => {
    if (start < 0 && /^```ts\s*$/.test(line)) start = i
    else if (start >= 0 && /^```\s*$/.test(line)) {
      const name = `${guide.replace(/\.md$/, '')}-${blocks.length + 1}.ts`
      writeFileSync(join(out, name), `${text.slice(start + 1, i).join('\n')}\nexport {}\n`)
      blocks.push({ file: name, guide, line: start + 1 })
      start = -1
    }
  })
}
writeFileSync(
  join(out, 'tsconfig.json'),
  JSON.stringify({
    extends: '../../../tsconfig.base.json',
    compilerOptions: { types: ['node'], customConditions: ['source'], isolatedDeclarations: false },
    include: ['*.ts'],
  }),
)
const bin = (name: string): string => join(root, 'node_modules', '.bin', name)
const tsc = spawnSync(bin('tsc'), ['-p', join(out, 'tsconfig.json')], { stdio: 'inherit' })
let failed = tsc.status === 0 ? 0 : 1
if (failed) console.log('guides: type errors in the code blocks above')
for (const b of blocks) {
  const r = spawnSync(bin('tsx'), ['--conditions=source', join(out, b.file)], {
    stdio: 'inherit',
    cwd: out,
  })
  const ok = r.status === 0
  if (!ok) failed++
  console.log(`${ok ? '✔' : '✘'} docs/${b.guide}:${b.line}`)
}
console.log(
  `guides: ${blocks.length} code blocks, ${failed === 0 ? 'all type-check and run' : `${failed} failed`}`,
)
process.exit(failed === 0 ? 0 : 1)
