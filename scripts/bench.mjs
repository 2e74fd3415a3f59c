#!/usr/bin/env node
// `pnpm bench`: runs every *.bench.ts (vitest bench), measures the calibration unit
// (../shared/bench/calibrate.mjs) in the same shell before and after, and prints for each
// benchmark its median, the median in calibration units, and — for the hot paths that have one —
// the chain's own Rust figure from ../shared/bench/ANCHORS.md and our ratio to it.
// Extra arguments go to vitest (e.g. `pnpm bench --project amm`).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const calibrate = join(root, '..', 'shared', 'bench', 'calibrate.mjs')

// name pattern → [operations per benchmark iteration, Rust anchor in calibration units]
const anchors = [
  [/swap, all 2000/, 2000, 1282.2],
  [/swap, approximate path \(1900\)/, 1900, 1347.1],
  [/swap, exact path w = ½ \(100\)/, 100, 47.7],
  [/quote \(full SwapQuote\), all 2000/, 2000, 1282.2],
  [/^yuma2-sn15$/, 1, 517.7],
  [/^yuma2-random$/, 1, 4237.8],
  [/^yuma3-sn15$/, 1, 491.5],
  [/^yuma3-random$/, 1, 3217.7],
  [/^yuma3_liquid_alpha-sn15$/, 1, 93688.9],
  [/^yuma3_liquid_alpha-random$/, 1, 97067.1],
]

function calib() {
  if (!existsSync(calibrate)) return undefined
  const r = spawnSync('node', [calibrate], { encoding: 'utf8' })
  return r.status === 0 ? JSON.parse(r.stdout).calib_ns_per_iter : undefined
}

const before = calib()
const out = join(mkdtempSync(join(tmpdir(), 'dtao-bench-')), 'bench.json')
const r = spawnSync(
  join(root, 'node_modules', '.bin', 'vitest'),
  ['bench', '--run', '--outputJson', out, ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
)
const after = calib()
if (r.status !== 0 || !existsSync(out)) process.exit(r.status ?? 1)
const units = [before, after].filter((x) => x !== undefined)
const unit = units.length > 0 ? units.reduce((a, b) => a + b, 0) / units.length : undefined

const rows = []
for (const file of JSON.parse(readFileSync(out, 'utf8')).files) {
  for (const group of file.groups) {
    for (const b of group.benchmarks) {
      const anchor = anchors.find(([re]) => re.test(b.name))
      const per = anchor ? anchor[1] : 1
      const ns = (b.median * 1e6) / per
      rows.push({
        mean: (b.mean * 1e6) / per,
        path: `${group.fullName.replace(/^.*?src\//, '')} › ${b.name}${per > 1 ? ` (per op, ÷${per})` : ''}`,
        ns,
        units: unit ? ns / unit : undefined,
        anchor: anchor ? anchor[2] : undefined,
      })
    }
  }
}
const fmt = (x, d = 1) =>
  x === undefined
    ? '—'
    : x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
console.log(
  `\nCalibration unit (node ../shared/bench/calibrate.mjs, same shell): ${fmt(before)} ns before, ${fmt(after)} ns after`,
)
console.log(
  'benchmark | median ns | mean ns | median in calib units | Rust anchor (units) | ours ÷ Rust',
)
console.log('--- | ---: | ---: | ---: | ---: | ---:')
for (const row of rows) {
  const ratio = row.anchor && row.units ? `${fmt(row.units / row.anchor, 2)}×` : '—'
  console.log(
    `${row.path} | ${fmt(row.ns)} | ${fmt(row.mean)} | ${fmt(row.units, 2)} | ${fmt(row.anchor)} | ${ratio}`,
  )
}
