import { U64F64 } from '@dtao/fixed'
import { describe, expect, test } from 'vitest'
import { maybeInitializeV3 } from './initialize.js'
import {
  adjustProtocolLiquidityV3,
  getProportionalAlphaTaoAndRemainders,
  toTokenAmounts,
} from './liquidity.js'
import type { V3Pool } from './pool.js'

const one = 1n << 64n

describe('getProportionalAlphaTaoAndRemainders', () => {
  test('too much TAO: the TAO remainder is scrap', () => {
    // price 1: 10 α are worth 10 TAO → (10, 10), 5 TAO left over
    expect(getProportionalAlphaTaoAndRemainders(one, { tao: 15n, alpha: 10n })).toEqual([
      10n,
      10n,
      5n,
      0n,
    ])
  })

  test('too much alpha: the alpha remainder is scrap', () => {
    // price 1: 5 TAO buy 5 α → (5, 5), 5 α left over
    expect(getProportionalAlphaTaoAndRemainders(one, { tao: 5n, alpha: 10n })).toEqual([
      5n,
      5n,
      0n,
      5n,
    ])
  })
})

describe('toTokenAmounts', () => {
  test('full range at √P = 1 holds ≈ L of each token', () => {
    // tao = ⌊L·(1 − √P_min)⌋ with √P_min ≈ 2.3·10⁻¹⁰: 10⁹ − 0.23 → 999 999 999; alpha likewise.
    expect(
      toTokenAmounts({ tickLow: -443636, tickHigh: 443636, liquidity: 10n ** 9n }, one),
    ).toEqual([999_999_999n, 999_999_999n])
  })

  test('below the range: alpha only; above: TAO only', () => {
    const pos = { tickLow: 0, tickHigh: 10, liquidity: 10n ** 12n }
    expect(toTokenAmounts(pos, one - 1n)[0]).toBe(0n)
    expect(toTokenAmounts(pos, one * 2n)[1]).toBe(0n)
  })

  test('ticks outside ±443 636: InvalidTickRange', () => {
    expect(() =>
      toTokenAmounts({ tickLow: -500000, tickHigh: 0, liquidity: 1n }, one),
    ).toThrowError(expect.objectContaining({ name: 'Amm.InvalidTickRangeError' }))
  })
})

describe('adjustProtocolLiquidityV3', () => {
  const base = maybeInitializeV3({
    era: 'v3',
    netuid: 1,
    mechanism: 1,
    feeRate: 33,
    taoReserve: 10n ** 12n,
    alphaReserve: 4n * 10n ** 12n,
    initialized: false,
    sqrtPrice: U64F64.ZERO,
    currentTick: 0,
    currentLiquidity: 0n,
    ticks: [],
    protocolPosition: undefined,
  })
  // Pin √P to exactly 0.5 so a 1 : 4 injection is exactly proportional.
  const pool: V3Pool = { ...base, sqrtPrice: U64F64.fromBits(one / 2n) }

  test('a proportional injection grows L and keeps √P', () => {
    const after = adjustProtocolLiquidityV3(pool, { tao: 10n ** 9n, alpha: 4n * 10n ** 9n })
    const grown = (after.protocolPosition?.liquidity ?? 0n) - 2_000_000_000_000n
    // L' ≈ √((10¹² + 10⁹)(4·10¹² + 4·10⁹)) = 2·10¹² · 1.001 → about +2·10⁹ (the position's own
    // token amounts are a few rao short of (10¹², 4·10¹²) because of the truncations).
    expect(grown > 1_999_990_000n && grown <= 2_000_000_000n).toBe(true)
    expect(after.currentLiquidity - pool.currentLiquidity).toBe(grown)
    expect(after.ticks.map((t) => t.liquidityNet)).toEqual([
      2_000_000_000_000n + grown,
      -(2_000_000_000_000n + grown),
    ])
    expect(after.sqrtPrice).toBe(pool.sqrtPrice)
    expect([after.scrapReservoirTao, after.scrapReservoirAlpha]).toEqual([0n, 0n])
  })

  test('a one-sided injection goes to scrap', () => {
    const after = adjustProtocolLiquidityV3(pool, { tao: 0n, alpha: 1_000n })
    expect(after.scrapReservoirAlpha).toBe(1_000n)
    expect(after.currentLiquidity).toBe(pool.currentLiquidity)
  })
})
