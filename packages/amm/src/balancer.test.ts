import { Perquintill } from '@dtao/fixed'
import { describe, expect, test } from 'vitest'
import {
  calculateBaseDeltaIn,
  calculatePrice,
  calculateQuoteDeltaIn,
  checkConstraints,
  expScaled,
  getBaseNeededForQuote,
  initQuoteWeightFromPrice,
  mulPerquintillRound,
  updateWeightsForAddedLiquidity,
} from './balancer.js'

const E18 = 10n ** 18n
const half = Perquintill.fromParts(E18 / 2n)
const two64 = 1n << 64n

/** U64F64 bits → a float, for the chain tests' own ±1e-9 comparisons. */
function f(bits: bigint): number {
  return Number(bits) / 2 ** 64
}

describe('checkConstraints', () => {
  test('both weights must be ≥ 0.01 (10¹⁶ parts); the header comment "[0.1, 0.9]" is wrong', () => {
    expect(checkConstraints(Perquintill.fromParts(10n ** 16n))).toBe(true)
    expect(checkConstraints(Perquintill.fromParts(10n ** 16n - 1n))).toBe(false)
    expect(checkConstraints(Perquintill.fromParts(E18 - 10n ** 16n))).toBe(true)
    expect(checkConstraints(Perquintill.fromParts(E18 - 10n ** 16n + 1n))).toBe(false)
  })
})

describe('mulPerquintillRound', () => {
  // balancer.rs test_mul_round_half_behaviour / test_mul_round_third_behaviour
  test('½: round half up', () => {
    const got = [0n, 1n, 2n, 3n, 4n, 5n, 1023n, 1025n].map((v) => mulPerquintillRound(half, v))
    expect(got).toEqual([0n, 1n, 1n, 2n, 2n, 3n, 512n, 513n])
  })
  test('⅓', () => {
    const third = Perquintill.fromRational(1n, 3n)
    expect([3n, 4n, 5n, 6n].map((v) => mulPerquintillRound(third, v))).toEqual([1n, 1n, 2n, 2n])
  })
})

describe('expScaled', () => {
  // balancer.rs test_exp_scaled: (w_quote, reserve, delta, base→quote?) → value ± 1e-9
  const cases: [bigint, bigint, bigint, bigint, boolean, number][] = [
    [5n, 10n, 100_000n, 100n, true, 0.999000999000999],
    [1n, 4n, 500_000n, 5_000n, true, 0.970590147927644],
    [3n, 4n, 200_000n, 2_000n, false, 0.970590147927644],
    [9n, 10n, 13_513_642n, 1_673n, false, 0.998886481979889],
    [773n, 1000n, 7_000_000_000n, 10_000n, true, 0.999999580484586],
  ]
  test.each(cases)('w = %s/%s, reserve %s, Δ %s', (n, d, reserve, delta, baseQuote, want) => {
    const q = Perquintill.fromRational(n, d)
    expect(Math.abs(f(expScaled(q, reserve, delta, { baseQuote })) - want)).toBeLessThan(1e-9)
  })
  test('w = ½ takes the exact path: ⌊⌊10¹⁸·x/(x+Δ)⌋·2⁶⁴/10¹⁸⌋', () => {
    const r = (10n ** 18n * 100_000n) / 100_100n
    expect(expScaled(half, 100_000n, 100n, { baseQuote: true })).toBe((r << 64n) / E18)
  })
  test('x + Δ = 0 gives 0; a positive Δ never exceeds 1 from spec 424', () => {
    expect(expScaled(half, 0n, 0n)).toBe(0n)
    expect(expScaled(half, 5n, -5n)).toBe(0n)
    // negative delta (get_base_needed_for_quote) is not clamped: 10/5 = 2
    expect(expScaled(half, 10n, -5n)).toBe(2n * two64)
  })
})

describe('calculatePrice', () => {
  test('w = ½: y/x', () => {
    expect(calculatePrice(half, 4_000_000_000n, 1_000_000_000n)).toBe(two64 / 4n)
  })
  test('w_quote = 0.25: 3·y/x, each quotient truncated', () => {
    const q = Perquintill.fromRational(1n, 4n)
    // ⌊0.75/0.25⌋₆₄ = 3·2⁶⁴ exactly; y/x = 1 → 3
    expect(calculatePrice(q, 10n, 10n)).toBe(3n * two64)
  })
  test('x = 0 gives 0 (safe_div)', () => {
    expect(calculatePrice(half, 0n, 10n)).toBe(0n)
  })
})

describe('calculateQuoteDeltaIn / calculateBaseDeltaIn', () => {
  const q = Perquintill.fromRational(1n, 4n)
  const p01 = two64 / 10n
  const p02 = (2n * two64) / 10n
  test('balancer.rs test_calculate_quote_delta_in: ⌊10⁹·(2^0.75 − 1)⌋ = 681792830', () => {
    expect(calculateQuoteDeltaIn(q, { currentPrice: p01, targetPrice: p02 }, 10n ** 9n)).toBe(
      681_792_830n,
    )
  })
  test('balancer.rs test_calculate_base_delta_in: ⌊10⁹·(2^0.25 − 1)⌋ = 189207115', () => {
    expect(calculateBaseDeltaIn(q, { currentPrice: p02, targetPrice: p01 }, 10n ** 9n)).toBe(
      189_207_115n,
    )
  })
  test('a limit on the wrong side gives 0 (…_impossible)', () => {
    expect(calculateQuoteDeltaIn(q, { currentPrice: p02, targetPrice: p01 }, 10n ** 9n)).toBe(0n)
    expect(calculateBaseDeltaIn(q, { currentPrice: p01, targetPrice: p02 }, 10n ** 9n)).toBe(0n)
  })
  test('cap quirk: (ratio)^w is capped at u64::MAX/10¹⁸, so Δ ≤ 17.4467… × reserve', () => {
    // w = ½ (exponent ½ for the base weight), ratio 10⁶: 1000 > 18.44… → capped
    const r = calculateQuoteDeltaIn(
      half,
      { currentPrice: two64, targetPrice: 10n ** 6n * two64 },
      10n ** 9n,
    )
    // ⌊10⁹·(⌊(2⁶⁴−1)·2⁶⁴/10¹⁸⌋/2⁶⁴ − 1)⌋ = ⌊10⁹ · 17.446744073709551615⌋
    expect(r).toBe(17_446_744_073n)
  })
})

describe('getBaseNeededForQuote', () => {
  test('w = ½: x·(y/(y−Δ) − 1)', () => {
    // ⌊10¹⁸·10⁹/(10⁹−10⁶)⌋ = 1001001001001001001; minus 1, × 10⁹, floored → 1001001
    expect(
      getBaseNeededForQuote(half, { taoReserve: 10n ** 9n, alphaReserve: 10n ** 9n }, 10n ** 6n),
    ).toBe(1_001_001n)
  })
})

describe('updateWeightsForAddedLiquidity', () => {
  test('proportional injection at ½ keeps ½', () => {
    expect(
      updateWeightsForAddedLiquidity(half, {
        taoReserve: 100n,
        alphaReserve: 400n,
        taoDelta: 10n,
        alphaDelta: 40n,
      }),
    ).toEqual({ ok: true, quoteParts: E18 / 2n })
  })
  test('alpha-only injection: Q₁ = ½·y(x+Δx), Q₂ = ½·xy → w = x/(2x+Δx)', () => {
    // y = 10, x = 10, Δx = 10: Q₁ = 100, Q₂ = 50 → ⌊10¹⁸·50/150⌋
    const r = updateWeightsForAddedLiquidity(half, {
      taoReserve: 10n,
      alphaReserve: 10n,
      taoDelta: 0n,
      alphaDelta: 10n,
    })
    expect(r).toEqual({ ok: true, quoteParts: (E18 * 50n) / 150n })
  })
  test('a weight outside [0.01, 0.99] is refused and the weight kept', () => {
    const r = updateWeightsForAddedLiquidity(half, {
      taoReserve: 1n,
      alphaReserve: 1n,
      taoDelta: 0n,
      alphaDelta: 1000n,
    })
    expect(r).toEqual({ ok: false, quoteParts: E18 / 2n })
  })
  test('empty pool: ½', () => {
    const q = Perquintill.fromRational(3n, 10n)
    const r = updateWeightsForAddedLiquidity(q, {
      taoReserve: 0n,
      alphaReserve: 0n,
      taoDelta: 0n,
      alphaDelta: 0n,
    })
    expect(r).toEqual({ ok: true, quoteParts: E18 / 2n })
  })
})

describe('initQuoteWeightFromPrice', () => {
  test('y = 10⁹, x = 4·10⁹, p = 0.25 → ½', () => {
    expect(
      initQuoteWeightFromPrice({ taoReserve: 10n ** 9n, alphaReserve: 4n * 10n ** 9n }, two64 / 4n),
    ).toEqual({ ok: true, quoteParts: E18 / 2n })
  })
  test('zero denominator and out-of-range weights are ReservesOutOfBalance', () => {
    expect(initQuoteWeightFromPrice({ taoReserve: 0n, alphaReserve: 0n }, two64)).toEqual({
      ok: false,
      error: 'ReservesOutOfBalance',
    })
    // p = 0 → w = y/y = 1 > 0.99
    expect(initQuoteWeightFromPrice({ taoReserve: 5n, alphaReserve: 5n }, 0n)).toEqual({
      ok: false,
      error: 'ReservesOutOfBalance',
    })
  })
})
