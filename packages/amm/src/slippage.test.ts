import { describe, expect, test } from 'vitest'
import { InvalidArgumentError } from './errors.js'
import { balancerPool } from './pool.js'
import { priceLimitFromRao, spotPrice } from './price.js'
import {
  limitPriceForBuy,
  limitPriceForMove,
  limitPriceForSell,
  maximumIn,
  minimumOut,
} from './slippage.js'

const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 4n * 10n ** 9n })

describe('minimumOut / maximumIn', () => {
  test('0.5 %: ⌊x·0.995⌋ and ⌈x·1.005⌉', () => {
    expect(minimumOut(1_000_000n, 50)).toBe(995_000n)
    expect(minimumOut(999n, 50)).toBe(994n) // 994.005
    expect(maximumIn(1_000_001n, 50)).toBe(1_005_002n) // 1005001.005
    expect(maximumIn(2n ** 64n - 1n, 50)).toBe(2n ** 64n - 1n)
  })
  test('bad tolerances are typed errors', () => {
    for (const t of [-1, 10_001, 0.5, Number.NaN]) {
      expect(() => minimumOut(1n, t)).toThrow(InvalidArgumentError)
    }
  })
})

describe('limit prices (rao per alpha)', () => {
  test('buy: spot 0.25 TAO → 0.25·1.005·10⁹ = 251 250 000 rao', () => {
    expect(limitPriceForBuy(pool, 50)).toBe(251_250_000n)
  })
  test('sell: 0.25·0.995·10⁹ = 248 750 000 rao', () => {
    expect(limitPriceForSell(pool, 50)).toBe(248_750_000n)
  })
  test('tolerance 0 still gives a limit strictly on the right side of the price', () => {
    const p = spotPrice(pool)
    expect(priceLimitFromRao(limitPriceForBuy(pool, 0)) > p).toBe(true)
    expect(priceLimitFromRao(limitPriceForSell(pool, 0)) < p).toBe(true)
    // a price that is not a whole number of rao
    const odd = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 3n * 10n ** 9n })
    const q = spotPrice(odd)
    expect(priceLimitFromRao(limitPriceForBuy(odd, 0)) > q).toBe(true)
    expect(priceLimitFromRao(limitPriceForBuy(odd, 0) - 1n) <= q).toBe(true)
    expect(priceLimitFromRao(limitPriceForSell(odd, 0)) < q).toBe(true)
  })
  test('move: ratio P₁/P₂ · 10⁹ · (1 − tol)', () => {
    const b = balancerPool({ netuid: 2, taoReserve: 10n ** 9n, alphaReserve: 10n ** 9n })
    expect(limitPriceForMove(pool, b, 100)).toBe(247_500_000n)
  })
})
