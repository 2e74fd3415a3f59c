import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { AlphaBalance, Perquintill, TaoBalance } from '@dtao/fixed'
import { bench, describe } from 'vitest'
import type { BalancerPool } from './pool.js'
import { quoteBuy, quoteBuyExactOut, quoteSell, quoteSellExactOut } from './quote.js'
import { swapAlphaForTao, swapTaoForAlpha } from './swap.js'

type Case = {
  readonly direction: string
  readonly tao_reserve: string
  readonly alpha_reserve: string
  readonly quote_parts: string
  readonly fee_rate: number
  readonly amount: string
  readonly path: 'exact' | 'approx'
  readonly r: { readonly amount_paid_out: string }
}

// /work/shared/bench/inputs/swap-quotes.json: 2,000 realistic sim_swap quotes (ANCHORS.md).
const file =
  process.env.DTAO_BENCH_INPUTS ??
  fileURLToPath(new URL('../../../../shared/bench/inputs/swap-quotes.json', import.meta.url))
const doc = JSON.parse(readFileSync(file, 'utf8')) as { groups: [{ cases: Case[] }] }

type Prepared = {
  readonly buy: boolean
  readonly pool: BalancerPool
  readonly amount: bigint
  readonly path: string
  readonly out: bigint
}
const cases: Prepared[] = doc.groups[0].cases.map((c) => ({
  buy: c.direction === 'buy_alpha_with_tao',
  pool: {
    era: 'balancer',
    netuid: 1,
    mechanism: 1,
    taoReserve: BigInt(c.tao_reserve) as TaoBalance,
    alphaReserve: BigInt(c.alpha_reserve) as AlphaBalance,
    quoteWeight: BigInt(c.quote_parts) as Perquintill,
    initialized: true,
    feeRate: c.fee_rate,
  },
  amount: BigInt(c.amount),
  path: c.path,
  out: BigInt(c.r.amount_paid_out),
}))
const approx = cases.filter((c) => c.path === 'approx')
const exact = cases.filter((c) => c.path === 'exact')

function swapAll(list: readonly Prepared[]): void {
  for (const c of list) {
    const r = c.buy
      ? swapTaoForAlpha(c.pool, c.amount as TaoBalance)
      : swapAlphaForTao(c.pool, c.amount as AlphaBalance)
    if (r.amountPaidOut !== c.out) throw new Error('bench result differs from the chain')
  }
}

function quoteAll(list: readonly Prepared[]): void {
  for (const c of list) {
    const q = c.buy
      ? quoteBuy(c.pool, c.amount as TaoBalance)
      : quoteSell(c.pool, c.amount as AlphaBalance)
    if (q.amountOut !== c.out) throw new Error('bench result differs from the chain')
  }
}

const exactOutCases = approx.slice(0, 40)
function exactOutAll(): void {
  for (const c of exactOutCases) {
    const q = c.buy
      ? quoteBuyExactOut(c.pool, c.out as AlphaBalance)
      : quoteSellExactOut(c.pool, c.out as TaoBalance)
    if (q.amountOut < c.out) throw new Error('exact-out below the wanted amount')
  }
}

describe('swap-quotes.json (divide by the case count for ns per swap)', () => {
  bench('swap, all 2000', () => swapAll(cases), { iterations: 5, warmupIterations: 1 })
  bench('swap, approximate path (1900)', () => swapAll(approx), {
    iterations: 5,
    warmupIterations: 1,
  })
  bench('swap, exact path w = ½ (100)', () => swapAll(exact), {
    iterations: 20,
    warmupIterations: 2,
  })
  bench('quote (full SwapQuote), all 2000', () => quoteAll(cases), {
    iterations: 5,
    warmupIterations: 1,
  })
  bench('exact-out search, 40 approximate-path quotes', exactOutAll, {
    iterations: 3,
    warmupIterations: 1,
  })
})
