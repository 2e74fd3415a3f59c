import { alphaBalance, Perquintill, taoBalance } from '@dtao/fixed'
import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { balancerPool } from './pool.js'
import { spotPrice } from './price.js'
import { quoteBuy, quoteBuyExactOut, quoteSell, quoteSellExactOut } from './quote.js'
import { swapAlphaForTao, swapTaoForAlpha } from './swap.js'

// Realistic pools: reserves 10⁹–10¹⁷ rao, weights 0.05–0.95 (any Perquintill, mostly the
// approximate ln/exp path), fee 0–200/65535.
const poolArb = fc
  .record({
    tao: fc.bigInt({ min: 10n ** 9n, max: 10n ** 17n }),
    alpha: fc.bigInt({ min: 10n ** 9n, max: 10n ** 17n }),
    w: fc.bigInt({ min: 5n * 10n ** 16n, max: 95n * 10n ** 16n }),
    fee: fc.integer({ min: 0, max: 200 }),
  })
  .map(({ tao, alpha, w, fee }) =>
    balancerPool({
      netuid: 1,
      taoReserve: tao,
      alphaReserve: alpha,
      quoteWeight: Perquintill.fromParts(w),
      feeRate: fee,
    }),
  )
const amountArb = fc.bigInt({ min: 10n ** 6n, max: 10n ** 13n })

describe('swap invariants', () => {
  test.prop([poolArb, amountArb], { numRuns: 60 })(
    'buying then selling never returns more TAO than was paid',
    (pool, tao) => {
      let buy: ReturnType<typeof quoteBuy>
      try {
        buy = quoteBuy(pool, taoBalance(tao))
      } catch {
        return // the chain refuses (dust, caps): nothing to round-trip
      }
      try {
        const sell = quoteSell(buy.poolAfter, alphaBalance(buy.amountOut))
        expect(sell.amountOut <= tao).toBe(true)
      } catch {
        // refusing the sell is not a profit
      }
    },
  )

  test.prop([poolArb, amountArb, amountArb], { numRuns: 60 })(
    'output is monotone in input, both ways',
    (pool, a, b) => {
      const [lo, hi] = a < b ? [a, b] : [b, a]
      const out = (x: bigint, buy: boolean) => {
        try {
          return buy
            ? swapTaoForAlpha(pool, taoBalance(x)).amountPaidOut
            : swapAlphaForTao(pool, alphaBalance(x)).amountPaidOut
        } catch {
          return undefined
        }
      }
      for (const buy of [true, false]) {
        const l = out(lo, buy)
        const h = out(hi, buy)
        if (l !== undefined && h !== undefined) expect(l <= h).toBe(true)
      }
    },
  )

  test.prop([poolArb, amountArb], { numRuns: 60 })(
    'price moves against the trader; fee ≥ 0 goes to the author, not the reserve',
    (pool, x) => {
      const p0 = spotPrice(pool)
      try {
        const b = quoteBuy(pool, taoBalance(x))
        expect(b.spotAfter >= p0).toBe(true)
        expect(b.fee >= 0n).toBe(true)
        // the TAO reserve grows by the net input only
        expect(b.poolAfter.taoReserve - pool.taoReserve).toBe(b.netIn)
        expect(b.grossIn).toBe(b.netIn + b.fee)
      } catch {}
      try {
        const s = quoteSell(pool, alphaBalance(x))
        expect(s.spotAfter <= p0).toBe(true)
        expect(s.poolAfter.alphaReserve - pool.alphaReserve).toBe(s.netIn)
      } catch {}
    },
  )

  test.prop([poolArb, fc.bigInt({ min: 10n ** 5n, max: 10n ** 12n })], { numRuns: 15 })(
    'exact-out is minimal: one rao less gives less than wanted',
    (pool, wanted) => {
      for (const buy of [true, false]) {
        let q: { amountIn: bigint; amountOut: bigint }
        try {
          q = buy
            ? quoteBuyExactOut(pool, alphaBalance(wanted))
            : quoteSellExactOut(pool, taoBalance(wanted))
        } catch {
          continue
        }
        expect(q.amountOut >= wanted).toBe(true)
        let less = 0n
        try {
          less = buy
            ? swapTaoForAlpha(pool, taoBalance(q.amountIn - 1n)).amountPaidOut
            : swapAlphaForTao(pool, alphaBalance(q.amountIn - 1n)).amountPaidOut
        } catch {}
        expect(less < wanted).toBe(true)
      }
    },
  )
})
