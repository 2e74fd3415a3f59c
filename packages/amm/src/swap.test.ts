import { isDtaoError } from '@dtao/errors'
import { alphaBalance, Perquintill, taoBalance } from '@dtao/fixed'
import { describe, expect, test } from 'vitest'
import {
  InsufficientLiquidityError,
  PriceLimitExceededError,
  ReservesTooLowError,
  SwapInputTooLargeError,
} from './errors.js'
import { balancerPool } from './pool.js'
import { currentAlphaPrice, spotPrice } from './price.js'
import { rulesForSpec } from './rules.js'
import { swapAlphaForTao, swapTaoForAlpha } from './swap.js'

const two64 = 1n << 64n
const rules = rulesForSpec(425)
/** The swap-pallet mock's MinimumReserve is 1 (amm.md §4). */
const mockRules = { ...rules, minimumReserve: 1n }

// pallets/swap tests.rs test_swap_basic: y = 10⁹, x = 4·10⁹, w = ½, fee 33. The exact triples
// (delta_in, out, fee) are the independent Python port's, amm.md §4.1.
const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 4n * 10n ** 9n })
const buyLimit = 1000n * two64 // limit 1000.0
const sellLimit = two64 / 10_000n // limit 0.0001

describe('swapTaoForAlpha', () => {
  test.each([
    [1_000n, 1_000n, 3_999n, 0n],
    [2_000n, 1_999n, 7_995n, 1n],
    [123_456n, 123_394n, 493_515n, 62n],
    [10n ** 9n, 999_496_453n, 1_999_496_326n, 503_547n],
    [10n ** 10n, 9_994_964_523n, 3_636_197_098n, 5_035_477n],
  ])('buy %s → (delta_in, out, fee)', (amount, deltaIn, out, fee) => {
    const r = swapTaoForAlpha(pool, taoBalance(amount), { limitPrice: buyLimit })
    expect(r).toEqual({
      amountPaidIn: deltaIn,
      amountPaidOut: out,
      feePaid: fee,
      feeToBlockAuthor: fee,
    })
  })

  test('a zero amount returns zeros (the chain allows it)', () => {
    expect(swapTaoForAlpha(pool, taoBalance(0n))).toEqual({
      amountPaidIn: 0n,
      amountPaidOut: 0n,
      feePaid: 0n,
      feeToBlockAuthor: 0n,
    })
  })

  test('dropFees takes no fee', () => {
    const r = swapTaoForAlpha(pool, taoBalance(2_000n), { dropFees: true })
    // ⌊4·10⁹·2000/(10⁹+2000)⌋ = 7999.98… → 7999
    expect(r).toEqual({
      amountPaidIn: 2_000n,
      amountPaidOut: 7_999n,
      feePaid: 0n,
      feeToBlockAuthor: 0n,
    })
  })

  test('limit strictly above the price: a limit equal to the price fails', () => {
    const p = spotPrice(pool)
    expect(() => swapTaoForAlpha(pool, taoBalance(1_000n), { limitPrice: p })).toThrow(
      PriceLimitExceededError,
    )
    // and the rao limit equal to current_alpha_price (0.25 TAO) also fails
    expect(() =>
      swapTaoForAlpha(pool, taoBalance(1_000n), { limitPriceRao: currentAlphaPrice(pool) }),
    ).toThrow(PriceLimitExceededError)
  })

  test('partial fill at the limit: fee grossed up by r/(65535 − r), not clamped to the input', () => {
    // w = ½, y = x = 10¹²: limit 1.0201·P is reached at Δ = y·(1.0201^½ − 1) = 0.01·y
    const p2 = balancerPool({ netuid: 1, taoReserve: 10n ** 12n, alphaReserve: 10n ** 12n })
    const limit = (two64 * 10_201n) / 10_000n
    const r = swapTaoForAlpha(p2, taoBalance(10n ** 12n), { limitPrice: limit })
    // Δ_L = ⌊10¹²·(⌊10¹⁸·√(limit bits/2⁶⁴)⌋ …)⌋ ≈ 10¹⁰ (within a rao of 10¹⁰ − 1)
    expect(r.amountPaidIn > 9_999_999_990n && r.amountPaidIn <= 10_000_000_000n).toBe(true)
    // fee = ⌊Δ_L · ⌊33/65502⌋₆₄⌋
    const rate = (33n * two64) / 65_502n
    expect(r.feePaid).toBe((r.amountPaidIn * rate) >> 64n)
    expect(r.feeToBlockAuthor).toBe(r.feePaid)
  })

  test('SwapInputTooLarge above 1000 × the input reserve (test_swap_rejects_input_over_1000x_input_reserve)', () => {
    const tiny = balancerPool({ netuid: 1, taoReserve: 1_000n, alphaReserve: 1_000n })
    const o = { dropFees: true, rules: mockRules }
    expect(() => swapTaoForAlpha(tiny, taoBalance(1_000_001n), o)).toThrow(SwapInputTooLargeError)
    expect(() => swapAlphaForTao(tiny, alphaBalance(1_000_001n), o)).toThrow(SwapInputTooLargeError)
    expect(() => swapTaoForAlpha(tiny, taoBalance(1_000_000n), o)).not.toThrow()
    // with the fee: 1 001 000 − 504 = 1 000 496 > 1 000 000
    expect(() => swapTaoForAlpha(tiny, taoBalance(1_001_000n), { rules: mockRules })).toThrow(
      SwapInputTooLargeError,
    )
    try {
      swapTaoForAlpha(tiny, taoBalance(1_001_000n), { rules: mockRules })
    } catch (e) {
      expect(isDtaoError(e, 'Amm.SwapInputTooLargeError')).toBe(true)
      expect((e as SwapInputTooLargeError).netAmount).toBe(1_000_496n)
      expect((e as SwapInputTooLargeError).maxAmount).toBe(1_000_000n)
    }
  })

  test('spec 423: no input cap', () => {
    const tiny = balancerPool({ netuid: 1, taoReserve: 1_000n, alphaReserve: 1_000n })
    const o = { dropFees: true, rules: { ...rulesForSpec(423), minimumReserve: 1n } }
    expect(() => swapTaoForAlpha(tiny, taoBalance(1_000_001n), o)).not.toThrow()
  })

  test('ReservesTooLow: output reserve below 10⁶ rao, or a zero output', () => {
    const thin = balancerPool({ netuid: 1, taoReserve: 10n ** 12n, alphaReserve: 999_999n })
    expect(() => swapTaoForAlpha(thin, taoBalance(10n ** 9n))).toThrow(ReservesTooLowError)
    const empty = balancerPool({ netuid: 1, taoReserve: 10n ** 12n, alphaReserve: 0n })
    expect(() => swapTaoForAlpha(empty, taoBalance(10n ** 9n))).toThrow(ReservesTooLowError)
    // 1 rao of TAO into a pool of price 1000: out ⌊10⁶·(1 − 10⁹/(10⁹+1))⌋ = 0
    const dear = balancerPool({ netuid: 1, taoReserve: 10n ** 15n, alphaReserve: 10n ** 12n })
    try {
      swapTaoForAlpha(dear, taoBalance(1n))
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(ReservesTooLowError)
      expect((e as ReservesTooLowError).reason).toBe('zeroOutput')
    }
  })

  test('empty TAO reserve: buys fail with SwapInputTooLarge, never a free alpha reserve', () => {
    const noTao = balancerPool({ netuid: 1, taoReserve: 0n, alphaReserve: 10n ** 12n })
    expect(() => swapTaoForAlpha(noTao, taoBalance(10n ** 9n))).toThrow(SwapInputTooLargeError)
  })

  test('mechanism 0 (stable): 1:1, no fee, not an error', () => {
    const stable = balancerPool({ netuid: 3, mechanism: 0, taoReserve: 5n, alphaReserve: 7n })
    expect(swapTaoForAlpha(stable, taoBalance(10n ** 12n))).toEqual({
      amountPaidIn: 10n ** 12n,
      amountPaidOut: 10n ** 12n,
      feePaid: 0n,
      feeToBlockAuthor: 0n,
    })
    expect(spotPrice(stable)).toBe(two64)
  })

  test('uninitialised pools swap at w = ½', () => {
    const q = Perquintill.fromRational(3n, 10n)
    const stale = balancerPool({
      netuid: 1,
      taoReserve: 10n ** 9n,
      alphaReserve: 4n * 10n ** 9n,
      quoteWeight: q,
      initialized: false,
    })
    expect(swapTaoForAlpha(stale, taoBalance(2_000n))).toEqual(
      swapTaoForAlpha(pool, taoBalance(2_000n)),
    )
  })

  test('amounts outside u64 are typed errors', () => {
    expect(() => swapTaoForAlpha(pool, -1n as never)).toThrow(/Fixed|amount/)
    try {
      swapTaoForAlpha(pool, (1n << 64n) as never)
    } catch (e) {
      expect(isDtaoError(e, 'Fixed.AmountOutOfRangeError')).toBe(true)
    }
  })

  test('InsufficientLiquidityError carries its context', () => {
    const e = new InsufficientLiquidityError({ netuid: 12, requested: 5n, available: 4n })
    expect(e.name).toBe('Amm.InsufficientLiquidityError')
    expect(e.shortMessage).toBe('Pool 12 cannot handle 5 rao: only 4 rao available.')
  })
})

describe('swapAlphaForTao', () => {
  test.each([
    [1_000n, 1_000n, 249n, 0n],
    [2_000n, 1_999n, 499n, 1n],
    [123_456n, 123_394n, 30_847n, 62n],
  ])('sell %s → (delta_in, out, fee)', (amount, deltaIn, out, fee) => {
    const r = swapAlphaForTao(pool, alphaBalance(amount), { limitPrice: sellLimit })
    expect(r).toEqual({
      amountPaidIn: deltaIn,
      amountPaidOut: out,
      feePaid: fee,
      feeToBlockAuthor: fee,
    })
  })

  test.each([
    // test_swap_precision_edge_case (mock MinimumReserve 1), amm.md §4.1 computed triples
    [1_000n, 1_000n, 999_500n, 998_997n, 998n, 503n],
    [10n ** 6n, 10n ** 6n, 999_500_000n, 998_996_705n, 998_999n, 503_295n],
  ])('precision edge (y %s, x %s, sell %s)', (y, x, a, deltaIn, out, fee) => {
    const p = balancerPool({ netuid: 1, taoReserve: y, alphaReserve: x })
    const r = swapAlphaForTao(p, alphaBalance(a), { rules: mockRules })
    expect(r).toEqual({
      amountPaidIn: deltaIn,
      amountPaidOut: out,
      feePaid: fee,
      feeToBlockAuthor: fee,
    })
  })

  test('limit strictly below the price', () => {
    expect(() =>
      swapAlphaForTao(pool, alphaBalance(1_000n), { limitPrice: spotPrice(pool) }),
    ).toThrow(PriceLimitExceededError)
    // a price at or below min_price (10⁻⁶) fails at the default limit
    const cheap = balancerPool({ netuid: 1, taoReserve: 10n ** 6n, alphaReserve: 10n ** 12n })
    expect(() => swapAlphaForTao(cheap, alphaBalance(10n ** 6n))).toThrow(PriceLimitExceededError)
  })
})
