import { alphaBalance, taoBalance } from '@dtao/fixed'
import { describe, expect, test } from 'vitest'
import { AmountTooLowError, ExactOutUnreachableError } from './errors.js'
import { balancerPool } from './pool.js'
import { quoteBuy, quoteBuyExactOut, quoteSell, quoteSellExactOut } from './quote.js'

const two64 = 1n << 64n
const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 4n * 10n ** 9n })

describe('quoteBuy', () => {
  test('fields (y = 10⁹, x = 4·10⁹, w = ½, buy 2000: fee 1, 1999 in, 7995 out — amm.md §4.1)', () => {
    const q = quoteBuy(pool, taoBalance(2_000n))
    expect(q.side).toBe('buy')
    expect(q.amountIn).toBe(2_000n)
    expect(q.grossIn).toBe(2_000n)
    expect(q.fee).toBe(1n)
    expect(q.netIn).toBe(1_999n)
    expect(q.amountOut).toBe(7_995n)
    expect(q.unspent).toBe(0n)
    expect(q.limited).toBe(false)
    expect(q.spotBefore).toBe(two64 / 4n)
    // after: y = 1000001999, x = 3999992005; w = ½ → ⌊2⁶⁴·y/x⌋ (⌊1/1⌋ weight ratio)
    expect(q.poolAfter.taoReserve).toBe(1_000_001_999n)
    expect(q.poolAfter.alphaReserve).toBe(3_999_992_005n)
    expect(q.spotAfter).toBe((1_000_001_999n << 64n) / 3_999_992_005n)
    // effective price 2000/7995 TAO per alpha, floored
    expect(q.effectivePrice).toBe((2_000n << 64n) / 7_995n)
    // impact excluding fee: 1999/(7995·0.25) − 1 = 0.000125…, floored to U64F64
    expect(q.priceImpact).toBe((1_999n << 128n) / (7_995n * (two64 / 4n)) - two64)
  })
  test('zero amount is a typed error', () => {
    expect(() => quoteBuy(pool, taoBalance(0n))).toThrow(AmountTooLowError)
  })
  test('a partial fill reports the limit and the unspent input', () => {
    const big = balancerPool({ netuid: 1, taoReserve: 10n ** 12n, alphaReserve: 10n ** 12n })
    const q = quoteBuy(big, taoBalance(10n ** 12n), { limitPriceRao: 1_020_100_000n })
    expect(q.limited).toBe(true)
    expect(q.unspent).toBe(q.amountIn - q.grossIn)
    // the final spot price stays at or below the limit (fee excluded)
    expect(q.spotAfter <= (1_020_100_000n << 64n) / 1_000_000_000n).toBe(true)
  })
})

describe('quoteSell', () => {
  test('sell 2000: fee 1 α, 1999 in, 499 out', () => {
    const q = quoteSell(pool, alphaBalance(2_000n))
    expect([q.fee, q.netIn, q.amountOut]).toEqual([1n, 1_999n, 499n])
    expect(q.effectivePrice).toBe((499n << 64n) / 2_000n)
    expect(q.spotAfter < q.spotBefore).toBe(true)
    expect(q.poolAfter.alphaReserve).toBe(4n * 10n ** 9n + 1_999n)
  })
})

describe('exact out', () => {
  test('buy: the least TAO for 7995 α is 2000 (1999 → fee 1, 1998 in, ⌊4·10⁹·1998/1000001998⌋ = 7991)', () => {
    const q = quoteBuyExactOut(pool, alphaBalance(7_995n))
    expect(q.amountIn).toBe(2_000n)
    expect(q.amountOut).toBe(7_995n)
  })
  test('sell: the least alpha for 499 TAO is 1999 + fee', () => {
    const q = quoteSellExactOut(pool, taoBalance(499n))
    expect(q.amountOut >= 499n).toBe(true)
    expect(quoteSell(pool, alphaBalance(q.amountIn - 1n)).amountOut < 499n).toBe(true)
  })
  test('unreachable output is a typed error', () => {
    // more alpha than the reserve can ever pay
    expect(() => quoteBuyExactOut(pool, alphaBalance(4n * 10n ** 9n))).toThrow(
      ExactOutUnreachableError,
    )
  })
})
