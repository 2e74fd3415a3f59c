/* biome-ignore-all lint/suspicious/noConsole: an example prints its result */
/**
 * 100 epochs of the chain-exact epoch on the real subnet-15 metagraph (block 4,769,998): one
 * validator copies the previous epoch's consensus as its weights, another keeps submitting its own
 * weights shifted by one uid each epoch; everyone else re-submits their archived weights. The
 * dividends of both are written as a hand-made SVG line chart.
 *
 * Run: `npx tsx examples/simulate-epoch/src/main.ts [out.svg]`
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  convertWeightsAndUidsForEmit,
  metagraphToEpochInput,
  parseMetagraphSnapshot,
  type SimulationStep,
  type SparseRowU16,
  simulate,
} from '@dtao/yuma'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const dataDir = process.env.DTAO_DATA ?? resolve(repoRoot, '../shared/data')
const file = join(dataDir, 'metagraphs/subnet15-block4769998.json')
const out = resolve(process.argv[2] ?? join(tmpdir(), 'dtao-simulate-epoch', 'dividends.svg'))

const snapshot = parseMetagraphSnapshot(JSON.parse(readFileSync(file, 'utf8')))
const initial = metagraphToEpochInput(snapshot)
const n = initial.n

// Validators that hold a permit and set weights, by stake (largest first).
const validators = initial.alphaStake
  .map((s, uid) => ({ uid, s }))
  .filter(
    ({ uid }) => initial.validatorPermit[uid] === true && (initial.weights[uid]?.length ?? 0) > 0,
  )
  .sort((a, b) => (b.s > a.s ? 1 : b.s < a.s ? -1 : a.uid - b.uid))
const copier = validators[1]?.uid ?? 0
const contrarian = validators[2]?.uid ?? 1

const epochs = 100
let lastConsensus: readonly number[] = []
const scenario = function* (): Generator<SimulationStep> {
  for (let e = 0; e < epochs; e++) {
    const setWeights: Record<number, SparseRowU16> = {}
    for (const { uid } of validators) setWeights[uid] = initial.weights[uid] as SparseRowU16
    // the copier submits last epoch's consensus (as its SDK would emit it)
    if (lastConsensus.some((c) => c > 0)) {
      const [uids, values] = convertWeightsAndUidsForEmit(
        lastConsensus.map((_, j) => j).filter((j) => j !== copier),
        lastConsensus.filter((_, j) => j !== copier),
      )
      setWeights[copier] = uids.map((u, k) => [u, values[k] as number] as const)
    }
    // the contrarian keeps its own values but moves them one uid along per epoch
    setWeights[contrarian] = (initial.weights[contrarian] as SparseRowU16)
      .map(([j, v]) => [(j + e + 1) % n, v] as const)
      .filter(([j]) => j !== contrarian)
    yield { setWeights }
  }
}

const run = simulate(initial, scenario(), {
  epochs,
  onProgress: (e, total, rec) => {
    lastConsensus = rec.output.consensus
    if ((e + 1) % 20 === 0) console.log(`epoch ${e + 1}/${total}`)
  },
})

const series = [
  { uid: copier, label: `uid ${copier} copies consensus`, color: '#1f77b4' },
  { uid: contrarian, label: `uid ${contrarian} shifts its weights`, color: '#d62728' },
].map((s) => ({
  ...s,
  // dividends (validator emission) per 1,000 alpha of the validator's own stake
  values: run.map(
    (r) =>
      Number(r.output.validatorEmission[s.uid] ?? 0n) /
      1e9 /
      (Number(r.input.alphaStake[s.uid] ?? 1n) / 1e12),
  ),
}))

writeSvg(out, series, 'Dividends per epoch per 1,000 α staked — subnet 15 @ block 4,769,998')
const last = run.at(-1)?.output
console.log(
  `copier uid ${copier}: ${series[0]?.values.at(-1)?.toFixed(4)} α per 1,000 α staked per epoch, dividend u16 ${last?.dividend[copier]}`,
)
console.log(
  `contrarian uid ${contrarian}: ${series[1]?.values.at(-1)?.toFixed(4)} α per 1,000 α staked per epoch, dividend u16 ${last?.dividend[contrarian]}`,
)
console.log(`wrote ${out}`)

function writeSvg(
  path: string,
  lines: readonly { label: string; color: string; values: readonly number[] }[],
  title: string,
): void {
  const W = 800
  const H = 450
  const m = { l: 70, r: 20, t: 40, b: 50 }
  const count = Math.max(...lines.map((l) => l.values.length))
  const yMax = niceCeil(Math.max(1e-9, ...lines.flatMap((l) => l.values)))
  const x = (i: number) => m.l + (i / Math.max(1, count - 1)) * (W - m.l - m.r)
  const y = (v: number) => H - m.b - (v / yMax) * (H - m.t - m.b)
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">${escapeXml(title)}</text>`,
  ]
  for (let k = 0; k <= 5; k++) {
    const v = (yMax * k) / 5
    parts.push(
      `<line x1="${m.l}" x2="${W - m.r}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`,
      `<text x="${m.l - 6}" y="${y(v) + 4}" text-anchor="end">${v.toPrecision(3)}</text>`,
    )
  }
  for (let e = 0; e < count; e += 10)
    parts.push(`<text x="${x(e)}" y="${H - m.b + 18}" text-anchor="middle">${e}</text>`)
  parts.push(
    `<line x1="${m.l}" x2="${W - m.r}" y1="${H - m.b}" y2="${H - m.b}" stroke="black"/>`,
    `<line x1="${m.l}" x2="${m.l}" y1="${m.t}" y2="${H - m.b}" stroke="black"/>`,
    `<text x="${W / 2}" y="${H - 12}" text-anchor="middle">epoch</text>`,
    `<text x="18" y="${H / 2}" text-anchor="middle" transform="rotate(-90 18 ${H / 2})">α per epoch per 1,000 α staked</text>`,
  )
  lines.forEach((l, k) => {
    const pts = l.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')
    parts.push(
      `<polyline fill="none" stroke="${l.color}" stroke-width="2" points="${pts}"/>`,
      `<rect x="${m.l + 12}" y="${m.t + 8 + k * 18}" width="14" height="4" fill="${l.color}"/>`,
      `<text x="${m.l + 32}" y="${m.t + 14 + k * 18}">${escapeXml(l.label)}</text>`,
    )
  })
  parts.push('</svg>')
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, `${parts.join('\n')}\n`)
}

function niceCeil(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v))
  for (const f of [1, 2, 2.5, 5, 10]) if (f * p >= v) return f * p
  return 10 * p
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
