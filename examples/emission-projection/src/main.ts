/**
 * Projects one year of emissions for six subnets from a mainnet-like snapshot taken at 15.3 M TAO
 * issued (so the second halving, at 15.75 M, falls inside the year) and writes an SVG chart of the
 * cumulative TAO each subnet receives (pool injection + chain buys). Run with
 * `npx tsx examples/emission-projection/src/main.ts`; it prints the path of the SVG.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  BLOCKS_PER_YEAR,
  blockEmissionForIssuance,
  nextHalving,
  type ProjectionSnapshot,
  type ProjectionSubnet,
  projectEmissions,
} from '@dtao/emission'

const rao = 10n ** 9n

// A handful of subnets: EMA price (milli-TAO per alpha) and alpha issuance (M α).
const table: [netuid: number, priceMilli: bigint, issuanceM: bigint, minerBurnedQuarter: bigint][] =
  [
    [1, 450n, 6n, 0n],
    [3, 300n, 4n, 0n],
    [8, 220n, 8n, 1n],
    [19, 150n, 3n, 0n],
    [51, 90n, 2n, 0n],
    [64, 50n, 1n, 2n],
  ]

const block = 7_000_000n
const subnets: ProjectionSubnet[] = table.map(([netuid, priceMilli, issuanceM, burnedQ]) => {
  const issuance = issuanceM * 1_000_000n * rao
  return {
    netuid,
    mechanism: 1,
    movingPrice: (priceMilli << 32n) / 1000n, // I96F32
    spotPrice: (priceMilli << 64n) / 1000n, // U64F64
    minerBurned: burnedQ << 30n, // U96F32 quarters
    firstEmissionBlock: 1_000_000n,
    subtokenEnabled: true,
    registrationAllowed: true,
    emissionEnabled: true,
    alphaIn: issuance / 4n,
    alphaOut: issuance - issuance / 4n,
    tempo: 360,
    lastEpochBlock: block - BigInt(netuid % 360),
  }
})

const snapshot: ProjectionSnapshot = {
  block,
  totalIssuance: 15_300_000n * rao,
  rootSubnetTao: 5_000_000n * rao,
  taoWeight: 3_320_413_933_267_719_290n,
  subnets,
}

const projection = projectEmissions(snapshot, { blocks: BLOCKS_PER_YEAR }, { recordEpochs: true })

/** Lossy: rao → TAO as a float, for drawing only. */
function taoToNumber(amount: bigint): number {
  return Number(amount / 1_000_000n) / 1000
}

// ---- hand-written SVG ----
const width = 900
const height = 520
const left = 80
const right = 170
const top = 50
const bottom = 60
const plotW = width - left - right
const plotH = height - top - bottom
const colors = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf']
const days = Number(BLOCKS_PER_YEAR / 7200n)

let maxTao = 0
for (const s of projection.subnets.values()) {
  const last = s.epochs.at(-1)
  if (last !== undefined) maxTao = Math.max(maxTao, taoToNumber(last.taoToDate))
}
maxTao = Math.ceil(maxTao / 10_000) * 10_000 || 1
const x = (b: bigint) => left + (Number(b - projection.fromBlock) / Number(BLOCKS_PER_YEAR)) * plotW
const y = (tao: number) => top + plotH - (tao / maxTao) * plotH

const parts: string[] = []
parts.push(
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
  `<rect width="100%" height="100%" fill="white"/>`,
  `<text x="${left}" y="24" font-size="16">Cumulative TAO emission per subnet, one year from block ${block} (constant prices)</text>`,
)
for (let i = 0; i <= 5; i++) {
  const v = (maxTao * i) / 5
  parts.push(
    `<line x1="${left}" x2="${left + plotW}" y1="${y(v)}" y2="${y(v)}" stroke="#eee"/>`,
    `<text x="${left - 8}" y="${y(v) + 4}" text-anchor="end">${Math.round(v).toLocaleString('en-US')}</text>`,
  )
}
for (let d = 0; d <= days; d += 73) {
  const bx = left + (d / days) * plotW
  parts.push(
    `<line x1="${bx}" x2="${bx}" y1="${top}" y2="${top + plotH}" stroke="#eee"/>`,
    `<text x="${bx}" y="${top + plotH + 18}" text-anchor="middle">day ${d}</text>`,
  )
}
parts.push(
  `<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}" stroke="black"/>`,
  `<line x1="${left}" x2="${left + plotW}" y1="${top + plotH}" y2="${top + plotH}" stroke="black"/>`,
  `<text x="20" y="${top + plotH / 2}" transform="rotate(-90 20 ${top + plotH / 2})" text-anchor="middle">TAO</text>`,
)
for (const h of projection.halvings) {
  const hx = x(h.block)
  parts.push(
    `<line x1="${hx}" x2="${hx}" y1="${top}" y2="${top + plotH}" stroke="#555" stroke-dasharray="6 4"/>`,
    `<text x="${hx + 4}" y="${top + 14}" fill="#555">halving at block ${h.block}: ${taoToNumber(h.emission)} TAO/block</text>`,
  )
}
let row = 0
for (const [netuid, s] of projection.subnets) {
  const color = colors[row % colors.length] as string
  const pts = [`${x(projection.fromBlock)},${y(0)}`]
  for (const e of s.epochs)
    pts.push(`${x(e.block).toFixed(1)},${y(taoToNumber(e.taoToDate)).toFixed(1)}`)
  parts.push(
    `<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.join(' ')}"/>`,
    `<rect x="${left + plotW + 20}" y="${top + row * 22}" width="14" height="14" fill="${color}"/>`,
    `<text x="${left + plotW + 40}" y="${top + row * 22 + 12}">SN${netuid}: ${Math.round(taoToNumber(s.taoIn + s.chainBuyTao)).toLocaleString('en-US')} τ</text>`,
  )
  row++
}
parts.push('</svg>')

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'emission-projection.svg')
mkdirSync(dirname(out), { recursive: true })
writeFileSync(out, `${parts.join('\n')}\n`)

const h = nextHalving(snapshot.totalIssuance)
console.log(
  `TAO per block now: ${blockEmissionForIssuance(snapshot.totalIssuance)} rao; next halving #${h?.index} at ${h?.threshold} rao issued`,
)
for (const hv of projection.halvings)
  console.log(`halving inside the year at block ${hv.block} → ${hv.emission} rao/block`)
for (const [netuid, s] of projection.subnets)
  console.log(
    `SN${netuid}: ${s.taoIn + s.chainBuyTao} rao TAO; owner ${s.accrued.owner}, miners ${s.accrued.miners}, validators ${s.accrued.validators}, root ${s.accrued.root} α-rao over ${s.epochCount} epochs`,
  )
console.log(out)
