// Per-quote timings on /work/shared/bench/inputs/swap-quotes.json, in the anchors' method (ANCHORS.md):
// a checking pass as warm-up, then 21 timed passes; each swap timed alone; the figure is the median
// over passes of each pass's mean, plus the median single quote. Prints calibration-unit ratios when
// CALIB_NS (from `node /work/shared/bench/calibrate.mjs`, same shell) is given.
// Usage: CALIB_NS=629 npx tsx packages/amm/scripts/quote-times.ts
import { readFileSync } from 'node:fs'
import type { AlphaBalance, Perquintill, TaoBalance } from '@dtao/fixed'
import {
  type BalancerPool,
  quoteBuy,
  quoteSell,
  swapAlphaForTao,
  swapTaoForAlpha,
} from '../src/index.js'

const file = process.env.DTAO_BENCH_INPUTS ?? '/work/shared/bench/inputs/swap-quotes.json'
type Case = Record<string, string | number | Record<string, string>>
const doc = JSON.parse(readFileSync(file, 'utf8')) as { groups: [{ cases: Case[] }] }
const cases = doc.groups[0].cases.map((c) => ({
  buy: c.direction === 'buy_alpha_with_tao',
  path: c.path as string,
  amount: BigInt(c.amount as string),
  out: BigInt((c.r as Record<string, string>).amount_paid_out as string),
  pool: {
    era: 'balancer',
    netuid: 1,
    mechanism: 1,
    taoReserve: BigInt(c.tao_reserve as string) as TaoBalance,
    alphaReserve: BigInt(c.alpha_reserve as string) as AlphaBalance,
    quoteWeight: BigInt(c.quote_parts as string) as Perquintill,
    initialized: true,
    feeRate: c.fee_rate as number,
  } as BalancerPool,
}))

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] as number
}

function run(kind: 'swap' | 'quote') {
  const one = (c: (typeof cases)[number]) =>
    kind === 'swap'
      ? (c.buy
          ? swapTaoForAlpha(c.pool, c.amount as TaoBalance)
          : swapAlphaForTao(c.pool, c.amount as AlphaBalance)
        ).amountPaidOut
      : (c.buy
          ? quoteBuy(c.pool, c.amount as TaoBalance)
          : quoteSell(c.pool, c.amount as AlphaBalance)
        ).amountOut
  for (const c of cases) if (one(c) !== c.out) throw new Error('result differs from the chain')
  const passMeans: Record<string, number[]> = { all: [], approx: [], exact: [] }
  const singles: number[] = []
  for (let pass = 0; pass < 21; pass++) {
    const sums = { all: 0, approx: 0, exact: 0 }
    const counts = { all: 0, approx: 0, exact: 0 }
    for (const c of cases) {
      const t0 = process.hrtime.bigint()
      one(c)
      const dt = Number(process.hrtime.bigint() - t0)
      sums.all += dt
      counts.all++
      const k = c.path === 'exact' ? 'exact' : 'approx'
      sums[k] += dt
      counts[k]++
      singles.push(dt)
    }
    for (const k of ['all', 'approx', 'exact'] as const) passMeans[k]?.push(sums[k] / counts[k])
  }
  const calib = Number(process.env.CALIB_NS ?? Number.NaN)
  const rust = { all: 1282.2, approx: 1347.1, exact: 47.7 }
  for (const k of ['all', 'approx', 'exact'] as const) {
    const ns = median(passMeans[k] as number[])
    const units = ns / calib
    process.stdout.write(
      `${kind} ${k.padEnd(6)} ${ns.toFixed(0).padStart(8)} ns/swap` +
        (Number.isNaN(calib)
          ? '\n'
          : `  ${units.toFixed(1)} units  (Rust ${rust[k]}: ${(units / rust[k]).toFixed(3)}×)\n`),
    )
  }
  const m = median(singles)
  process.stdout.write(
    `${kind} median single quote ${m.toFixed(0)} ns` +
      (Number.isNaN(calib) ? '\n' : `  ${(m / calib).toFixed(1)} units\n`),
  )
}
const order = (process.env.ORDER ?? 'swap,quote').split(',') as ('swap' | 'quote')[]
for (const k of order) run(k)
