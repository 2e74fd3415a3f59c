import { isDtaoError } from '@dtao/errors'
import { describe, expect, test } from 'vitest'
import { InvalidPoolError } from './errors.js'
import { balancerPool, effectiveQuoteWeight } from './pool.js'
import { currentAlphaPrice, getAlphaAmountForTao, priceLimitFromRao, spotPrice } from './price.js'
import { rulesForSpec } from './rules.js'

const two64 = 1n << 64n

describe('balancerPool', () => {
  test('defaults: mechanism 1, w = ½, initialised, FeeRate 33; frozen', () => {
    const p = balancerPool({ netuid: 1, taoReserve: 10n, alphaReserve: 20n })
    expect(p).toEqual({
      era: 'balancer',
      netuid: 1,
      mechanism: 1,
      taoReserve: 10n,
      alphaReserve: 20n,
      quoteWeight: 5n * 10n ** 17n,
      initialized: true,
      feeRate: 33,
    })
    expect(Object.isFrozen(p)).toBe(true)
  })
  test('weights outside [0.01, 0.99] are refused', () => {
    for (const w of [0n, 10n ** 16n - 1n, 99n * 10n ** 16n + 1n, 10n ** 18n, 2n * 10n ** 18n]) {
      expect(() =>
        balancerPool({ netuid: 1, taoReserve: 1n, alphaReserve: 1n, quoteWeight: w }),
      ).toThrow(InvalidPoolError)
    }
    expect(() =>
      balancerPool({ netuid: 1, taoReserve: 1n, alphaReserve: 1n, quoteWeight: 10n ** 16n }),
    ).not.toThrow()
  })
  test('u16 fields and u64 reserves are checked', () => {
    expect(() => balancerPool({ netuid: 70_000, taoReserve: 1n, alphaReserve: 1n })).toThrow(
      InvalidPoolError,
    )
    expect(() =>
      balancerPool({ netuid: 1, taoReserve: 1n, alphaReserve: 1n, feeRate: 65_536 }),
    ).toThrow(InvalidPoolError)
    expect(() =>
      balancerPool({ netuid: 1, taoReserve: 1n, alphaReserve: 1n, mechanism: 1.5 }),
    ).toThrow(InvalidPoolError)
    try {
      balancerPool({ netuid: 1, taoReserve: 1n << 64n, alphaReserve: 1n })
      expect.unreachable()
    } catch (e) {
      expect(isDtaoError(e, 'Fixed.AmountOutOfRangeError')).toBe(true)
    }
    expect(() => balancerPool({ netuid: 1, taoReserve: -1n, alphaReserve: 1n })).toThrow()
  })
  test('fee default follows the rules', () => {
    // a V3-era default (196 until spec 297) when asked
    expect(
      balancerPool({ netuid: 1, taoReserve: 1n, alphaReserve: 1n }, { rules: rulesForSpec(283) })
        .feeRate,
    ).toBe(196)
  })
  test('an uninitialised pool quotes at ½ but reports its stored price', () => {
    const p = balancerPool({
      netuid: 1,
      taoReserve: 10n,
      alphaReserve: 10n,
      quoteWeight: 25n * 10n ** 16n,
      initialized: false,
    })
    expect(effectiveQuoteWeight(p)).toBe(5n * 10n ** 17n)
    expect(spotPrice(p)).toBe(3n * two64) // stored weights: 0.75/0.25 · 1
  })
})

describe('prices', () => {
  const p = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 3n * 10n ** 9n })
  test('current_alpha_price = ⟦⌊P·10⁹⌋⟧: ⌊2⁶⁴/3⌋·10⁹/2⁶⁴ = 333333333.33… → 333333333', () => {
    expect(currentAlphaPrice(p)).toBe(333_333_333n)
  })
  test('priceLimitFromRao: ⌊rao·2⁶⁴/10⁹⌋', () => {
    expect(priceLimitFromRao(1_000n)).toBe(18_446_744_073_709n)
    expect(priceLimitFromRao(1_000_000_000n)).toBe(two64)
  })
  test('getAlphaAmountForTao: ⌊τ/P⌋; 1:1 on stable subnets; 0 at price 0', () => {
    // P = ⌊2⁶⁴/3⌋ = (2⁶⁴ − 1)/3 bits, so τ/P = 3000·2⁶⁴/(2⁶⁴ − 1) = 3000 + ε → 3000
    expect(getAlphaAmountForTao(p, 1_000n as never)).toBe(3_000n)
    const stable = balancerPool({ netuid: 0, mechanism: 0, taoReserve: 0n, alphaReserve: 0n })
    expect(getAlphaAmountForTao(stable, 1_000n as never)).toBe(1_000n)
    const empty = balancerPool({ netuid: 1, taoReserve: 10n, alphaReserve: 0n })
    expect(getAlphaAmountForTao(empty, 1_000n as never)).toBe(0n)
  })
})
