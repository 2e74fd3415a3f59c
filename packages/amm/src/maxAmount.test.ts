import { MAX_U64, taoBalance } from '@dtao/fixed'
import { describe, expect, test } from 'vitest'
import { PriceLimitExceededError, ReservesTooLowError } from './errors.js'
import {
  getMaxAmountAdd,
  getMaxAmountMove,
  getMaxAmountRemove,
  maxAmountForLimit,
} from './maxAmount.js'
import { balancerPool } from './pool.js'
import { rulesForSpec } from './rules.js'

/** The subtensor test mock: SwapMinimumReserve = 100, FeeRate 33 (amm.md §4). */
const rules = { ...rulesForSpec(425), minimumReserve: 100n }
const pool = (tao: bigint, alpha: bigint) =>
  balancerPool({ netuid: 1, taoReserve: tao, alphaReserve: alpha })

/** The chain test's tolerance, but exact where amm.md §0 says the port is exact. */
function near(actual: bigint, expected: bigint, divisor: bigint, exact: boolean): void {
  if (exact) expect(actual).toBe(expected)
  else {
    const diff = actual > expected ? actual - expected : expected - actual
    expect(diff <= expected / divisor).toBe(true)
  }
}

// pallets/subtensor/src/tests/staking.rs @ 14bc6f9f9 · test_max_amount_add_dynamic (epsilon v/10000)
describe('getMaxAmountAdd', () => {
  test.each([
    [100n, 100n, 1_100_000_000n, 4n, true],
    [1_000n, 1_000n, 1_100_000_000n, 48n, true],
    [10_000n, 10_000n, 1_100_000_000n, 488n, true],
    [1_000_000n, 1_000_000n, 4_000_000_000n, 1_000_500n, false],
    [1_000_000n, 1_000_000n, 9_000_000_000n, 2_001_000n, false],
    [1_000_000n, 1_000_000n, 16_000_000_000n, 3_001_500n, false],
    [10n ** 12n, 10n ** 12n, 16_000_000_000n, 3_001_500_000_000n, false],
    [150_000_000_000n, 100_000_000_000n, 1_500_000_001n, 49n, true],
    [150_000_000_000n, 100_000_000_000n, 6_000_000_000n, 150_075_000_000n, false],
    [MAX_U64 / 2n, MAX_U64, MAX_U64, MAX_U64, false],
  ])('y %s, x %s, limit %s → %s', (y, x, limit, expected, exact) => {
    near(getMaxAmountAdd(pool(y, x), taoBalance(limit), { rules }), expected, 10_000n, exact)
  })
  test.each([
    [1_000_000_000n, 1_000_000_000n, 0n],
    [150_000_000_000n, 100_000_000_000n, 0n],
    [150_000_000_000n, 100_000_000_000n, 100_000_000n],
    [150_000_000_000n, 100_000_000_000n, 1_499_999_999n],
    [150_000_000_000n, 100_000_000_000n, 1_500_000_000n],
  ])('y %s, x %s, limit %s → PriceLimitExceeded', (y, x, limit) => {
    expect(() => getMaxAmountAdd(pool(y, x), taoBalance(limit), { rules })).toThrow(
      PriceLimitExceededError,
    )
  })
  test('root/stable: u64::MAX at a limit ≥ 10⁹, else 0', () => {
    const root = balancerPool({ netuid: 0, mechanism: 0, taoReserve: 0n, alphaReserve: 0n })
    expect(getMaxAmountAdd(root, taoBalance(1_000_000_000n))).toBe(MAX_U64)
    expect(getMaxAmountAdd(root, taoBalance(999_999_999n))).toBe(0n)
  })
})

// staking.rs · test_max_amount_remove_dynamic (epsilon v/100)
describe('getMaxAmountRemove', () => {
  test.each([
    [10_000_000_000n, 10_000_000_000n, 0n, 10_000_000_000_000n, false],
    [1_000n, 1_000n, 0n, 1_000_000n, false],
    [1_001n, 1_001n, 0n, 1_001_000n, false],
    [1_001n, 1_001n, 1n, 1_001_000n, false],
    [1_001n, 1_001n, 2n, 1_001_000n, false],
    [1_001n, 1_001n, 1_001n, 1_001_000n, false],
    [1_001n, 1_001n, 10_000n, 17_472n, true],
    [1_001n, 1_001n, 100_000n, 17_472n, true],
    [1_001n, 1_001n, 1_000_000n, 17_472n, true],
    [1_001n, 1_001n, 10_000_000n, 9_013n, true],
    [1_001n, 1_001n, 100_000_000n, 2_165n, true],
    [1_000_000n, 1_000_000n, 250_000_000n, 1_010_000n, false],
    [1_000_000n, 1_000_000n, 62_500_000n, 3_030_000n, false],
    [10n ** 12n, 10n ** 12n, 62_500_000n, 3_030_000_000_000n, false],
    [200_000_000_000n, 100_000_000_000n, 0n, 100_000_000_000_000n, false],
    [200_000_000_000n, 100_000_000_000n, 500_000_000n, 101_000_000_000n, false],
    [200_000_000_000n, 100_000_000_000n, 125_000_000n, 303_000_000_000n, false],
    [200_000_000_000n, 100_000_000_000n, 1_999_999_999n, 24n, true],
    [200_000_000_000n, 100_000_000_000n, 1_999_999_990n, 250n, true],
    [21n * 10n ** 15n, 1_000_000n, 21n * 10n ** 15n, 17_455_533n, true],
    [21n * 10n ** 15n, 1_000_000n, MAX_U64, 67_000n, false],
    [21n * 10n ** 15n, 10n ** 18n, 20_000_000n, 24_700_000_000_000_000n, false],
    [21n * 10n ** 15n, 21n * 10n ** 15n, 999_999_999n, 10_605_000n, false],
    [21n * 10n ** 15n, 21n * 10n ** 15n, 0n, MAX_U64, false],
  ])('y %s, x %s, limit %s → %s', (y, x, limit, expected, exact) => {
    near(getMaxAmountRemove(pool(y, x), taoBalance(limit), { rules }), expected, 100n, exact)
  })
  test('errors', () => {
    expect(() => getMaxAmountRemove(pool(0n, 10n ** 9n), taoBalance(100n), { rules })).toThrow(
      ReservesTooLowError,
    )
    for (const [y, x, l] of [
      [10n ** 9n, 0n, 100n],
      [200_000_000_000n, 100_000_000_000n, 2_000_000_000n],
      [200_000_000_000n, 100_000_000_000n, 2_000_000_001n],
      [21n * 10n ** 15n, 10n ** 18n, MAX_U64],
    ] as const) {
      expect(() => getMaxAmountRemove(pool(y, x), taoBalance(l), { rules })).toThrow(
        PriceLimitExceededError,
      )
    }
  })
  test('root/stable: u64::MAX at a limit ≤ 10⁹, else 0', () => {
    const root = balancerPool({ netuid: 0, mechanism: 0, taoReserve: 0n, alphaReserve: 0n })
    expect(getMaxAmountRemove(root, taoBalance(1_000_000_000n))).toBe(MAX_U64)
    expect(getMaxAmountRemove(root, taoBalance(1_000_000_001n))).toBe(0n)
  })
})

describe('getMaxAmountMove', () => {
  test('dynamic → dynamic: the constant-product heuristic on raw reserves', () => {
    const a = pool(10n ** 12n, 10n ** 12n)
    const b = pool(10n ** 12n, 10n ** 12n)
    // x₂·½/0.5 − x₁·½ = 10¹² − 5·10¹¹
    expect(getMaxAmountMove(a, b, taoBalance(500_000_000n))).toBe(500_000_000_000n)
    // L above P₁/P₂ = 1 → 0; L = 0 → u64::MAX
    expect(getMaxAmountMove(a, b, taoBalance(1_000_000_001n))).toBe(0n)
    expect(getMaxAmountMove(a, b, taoBalance(0n))).toBe(MAX_U64)
  })
  test('stable ↔ stable', () => {
    const s = balancerPool({ netuid: 0, mechanism: 0, taoReserve: 0n, alphaReserve: 0n })
    expect(getMaxAmountMove(s, s, taoBalance(1_000_000_000n))).toBe(MAX_U64)
    expect(getMaxAmountMove(s, s, taoBalance(1_000_000_001n))).toBe(0n)
  })
  test('dynamic → stable uses get_max_amount_remove', () => {
    const a = pool(200_000_000_000n, 100_000_000_000n)
    const s = balancerPool({ netuid: 0, mechanism: 0, taoReserve: 0n, alphaReserve: 0n })
    expect(getMaxAmountMove(a, s, taoBalance(1_999_999_999n), { rules })).toBe(
      getMaxAmountRemove(a, taoBalance(1_999_999_999n), { rules }),
    )
  })
})

describe('maxAmountForLimit', () => {
  test('w = ½, fee 0: y·(√(L/P) − 1) = 10¹²·(1.1 − 1) within the U64F64 rounding of L', () => {
    const p0 = balancerPool({
      netuid: 1,
      taoReserve: 10n ** 12n,
      alphaReserve: 10n ** 12n,
      feeRate: 0,
    })
    const m = maxAmountForLimit(p0, { side: 'buy', limitPriceRao: taoBalance(1_210_000_000n) })
    // L = ⌊1.21·2⁶⁴⌋/2⁶⁴ is a hair below 1.21, so Δ is at most 1 rao below 10¹¹
    expect(m === 10n ** 11n || m === 10n ** 11n - 1n).toBe(true)
    expect(maxAmountForLimit(p0, { side: 'sell', limitPriceRao: taoBalance(810_000_000n) })).toBe(
      getMaxAmountRemove(p0, taoBalance(810_000_000n)),
    )
  })
})
