import { isDtaoError } from '@dtao/errors'
import { I64F64, U64F64 } from '@dtao/fixed'
import { describe, expect, test } from 'vitest'
import { calculateFeeAmountV3 } from './fee.js'
import { maybeInitializeV3 } from './initialize.js'
import { migrateSwapV3ToBalancer } from './migrate.js'
import type { V3Pool } from './pool.js'
import {
  currentPriceV3,
  getAlphaAmountForTaoV3,
  limitSqrtPriceV3,
  simSwapV3,
  swapV3,
  V3_MAX_PRICE_RAO,
  V3_MIN_PRICE_RAO,
} from './swap.js'

/** A fresh V3 pool (never swapped): the first swap initialises it from the reserves. */
function fresh(tao: bigint, alpha: bigint, extra: Partial<V3Pool> = {}): V3Pool {
  return {
    era: 'v3',
    netuid: 1,
    mechanism: 1,
    feeRate: 33,
    taoReserve: tao,
    alphaReserve: alpha,
    initialized: false,
    sqrtPrice: U64F64.ZERO,
    currentTick: 0,
    currentLiquidity: 0n,
    ticks: [],
    protocolPosition: undefined,
    ...extra,
  }
}

// The spec's cross-design example (amm.md §4.7, computed with an independent exact port):
// y = 1000 TAO, x = 4000 α, L = 2·10¹², √P = 0.5000000000004547, FeeRate 33.
const poolA = fresh(1_000_000_000_000n, 4_000_000_000_000n)

describe('maybeInitializeV3', () => {
  test('L = ⌊√(x·y)⌋ and √P by bisection', () => {
    const p = maybeInitializeV3(poolA)
    // √(10¹² · 4·10¹²) = 2·10¹² exactly.
    expect(p.currentLiquidity).toBe(2_000_000_000_000n)
    expect(p.protocolPosition?.liquidity).toBe(2_000_000_000_000n)
    // amm.md §3.1: checked_sqrt(0.25, 10⁻¹²) = 0.5000000000004547…, not 0.5.
    expect(U64F64.toDecimalString(p.sqrtPrice).slice(0, 18)).toBe('0.5000000000004547')
    expect(p.ticks.map((t) => [t.index, t.liquidityNet])).toEqual([
      [-443636, 2_000_000_000_000n],
      [443636, -2_000_000_000_000n],
    ])
  })

  test('an initialised pool is returned unchanged', () => {
    const p = maybeInitializeV3(poolA)
    expect(maybeInitializeV3(p)).toBe(p)
  })
})

describe('swapV3', () => {
  test('buy 10 TAO (amm.md §4.7: 39 584 215 264 α)', () => {
    const r = swapV3(poolA, { side: 'buy', amount: 10_000_000_000n })
    expect(r.amountPaidOut).toBe(39_584_215_264n)
    // fee = ⌊10¹⁰ · ⌊33/65535⌋₆₄⌋ = 5 035 477 (amm.md §4.7, pool A); the rest enters the pool.
    expect(r.feePaid).toBe(5_035_477n)
    expect(r.amountPaidIn).toBe(10_000_000_000n - 5_035_477n)
    expect(r.feeToBlockAuthor).toBe(r.feePaid)
  })

  test('sell 40 α (amm.md §4.7: 9 896 053 816 rao)', () => {
    expect(swapV3(poolA, { side: 'sell', amount: 40_000_000_000n }).amountPaidOut).toBe(
      9_896_053_816n,
    )
  })

  test('never writes the SubtensorModule reserves', () => {
    const r = swapV3(poolA, { side: 'buy', amount: 10_000_000_000n })
    expect(r.pool.taoReserve).toBe(poolA.taoReserve)
    expect(r.pool.alphaReserve).toBe(poolA.alphaReserve)
    expect(r.pool.sqrtPrice > maybeInitializeV3(poolA).sqrtPrice).toBe(true)
  })

  test('a zero amount is a no-op, as on chain', () => {
    const r = swapV3(poolA, { side: 'buy', amount: 0n })
    expect([r.amountPaidIn, r.amountPaidOut, r.feePaid]).toEqual([0n, 0n, 0n])
  })

  test('rejects amounts outside u64', () => {
    for (const amount of [-1n, 2n ** 64n]) {
      expect(() => swapV3(poolA, { side: 'buy', amount })).toThrowError(
        expect.objectContaining({ name: 'Amm.InvalidAmountError' }),
      )
    }
  })

  test('specs whose V3 semantics are not modelled are refused', () => {
    // spec 300: fees still accrued to liquidity providers; spec 430: not a V3 runtime
    expect(() => swapV3(poolA, { side: 'buy', amount: 1n, specVersion: 300 })).toThrowError(
      expect.objectContaining({ name: 'Amm.SpecNotModelledError' }),
    )
    expect(() => swapV3(poolA, { side: 'buy', amount: 1n, specVersion: 425 })).toThrowError(
      expect.objectContaining({ name: 'Amm.EraMismatchError' }),
    )
  })

  test('output reserve below 10⁶ rao: ReservesTooLow', () => {
    const thin = fresh(1_000_000_000n, 999_999n)
    expect(() => swapV3(thin, { side: 'buy', amount: 1_000n })).toThrowError(
      expect.objectContaining({ name: 'Amm.ReservesTooLowError' }),
    )
  })

  test('an empty pool (both reserves 0) cannot be quoted', () => {
    const e = (() => {
      try {
        swapV3(fresh(0n, 0n), { side: 'sell', amount: 1_000n })
      } catch (err) {
        return err
      }
      return undefined
    })()
    expect(isDtaoError(e, 'Amm.ReservesTooLowError')).toBe(true)
  })

  test('dust: a positive input that pays out 0 fails with ReservesTooLow', () => {
    // √P ≈ 0.5 (price 0.25 TAO/α): selling 1 α rao pays ⌊0.25⌋ = 0 TAO rao.
    expect(() => swapV3(poolA, { side: 'sell', amount: 1n })).toThrowError(
      expect.objectContaining({ name: 'Amm.ReservesTooLowError' }),
    )
  })

  test('the limit must be strictly beyond the price', () => {
    // price 0.25 TAO/α: a buy limited at 0.2 TAO/α (2·10⁸ rao) is already exceeded.
    expect(() =>
      swapV3(poolA, { side: 'buy', amount: 10n ** 9n, limitPriceRao: 200_000_000n }),
    ).toThrowError(expect.objectContaining({ name: 'Amm.PriceLimitExceededError' }))
  })

  test('a limit stops the step and grosses the fee up', () => {
    // limit 0.26 TAO/α: well below where 1000 TAO would push the price (0.25 → ~0.36).
    const r = swapV3(poolA, { side: 'buy', amount: 10n ** 12n, limitPriceRao: 260_000_000n })
    expect(r.amountPaidIn + r.feePaid < 10n ** 12n).toBe(true)
    // gross-up: fee = ⌊Δ · ⌊33/65502⌋₆₄⌋ ≥ ⌊Δ · 33/65535⌋ (the fee on the full amount's rate)
    expect(r.feePaid).toBeGreaterThanOrEqual(calculateFeeAmountV3(r.amountPaidIn))
    expect(currentPriceV3(r.pool) <= U64F64.saturatingFromNum(0.26) >> 32n).toBe(true)
  })

  test('committed swaps beyond the real reserve: InsufficientLiquidity with the committed state', () => {
    // The V3 liquidity is virtual: shrink the real alpha reserve below what a big buy pays out.
    const p = { ...maybeInitializeV3(poolA), alphaReserve: 1_000_000n }
    let caught: unknown
    try {
      swapV3(p, { side: 'buy', amount: 10_000_000_000n })
    } catch (e) {
      caught = e
    }
    expect(isDtaoError(caught, 'Amm.InsufficientLiquidityError')).toBe(true)
    expect((caught as { poolAfter?: V3Pool }).poolAfter?.sqrtPrice).toBe(
      swapV3(p, { side: 'buy', amount: 10_000_000_000n, shouldRollback: true }).pool.sqrtPrice,
    )
  })
})

describe('chain quirks', () => {
  test('saturating buy formula: at extreme prices a round trip profits', () => {
    // Minimised from swap.prop.test.ts. √P ≈ 2950 (P ≈ 8.7·10⁶ TAO/α), L ≈ 2.95·10¹²:
    // (L·√P + Δ)·√P ≈ 2.6·10¹⁹ exceeds U64F64::MAX (≈ 1.8·10¹⁹), convert_deltas saturates the
    // denominator and pays out too much alpha — even a 15 % fee does not cover it.
    const p: V3Pool = {
      ...fresh(8_704_101_723_477_325n, 1_000_000_000n, { feeRate: 10_000 }),
      initialized: true,
      sqrtPrice: U64F64.fromBits(54_422_902_682_468_932_448_304n),
      currentTick: 159801,
      currentLiquidity: 2_950_271_466_065n,
      ticks: [
        {
          index: -443636,
          liquidityNet: 2_950_271_466_065n,
          liquidityGross: 2_950_271_466_065n,
          feesOutTao: I64F64.ZERO,
          feesOutAlpha: I64F64.ZERO,
        },
        {
          index: 443636,
          liquidityNet: -2_950_271_466_065n,
          liquidityGross: 2_950_271_466_065n,
          feesOutTao: I64F64.ZERO,
          feesOutAlpha: I64F64.ZERO,
        },
      ],
      protocolPosition: { tickLow: -443636, tickHigh: 443636, liquidity: 2_950_271_466_065n },
    }
    const l = U64F64.saturatingFromNum(p.currentLiquidity)
    const tao = 4_213_470_212_689n
    const lp = U64F64.saturatingAdd(
      U64F64.saturatingMul(l, p.sqrtPrice),
      U64F64.saturatingFromNum(tao),
    )
    expect(U64F64.saturatingMul(lp, p.sqrtPrice)).toBe(U64F64.MAX)
    const bought = swapV3(p, { side: 'buy', amount: tao, shouldRollback: true })
    const back = swapV3(
      { ...bought.pool, alphaReserve: p.alphaReserve - bought.amountPaidOut },
      { side: 'sell', amount: bought.amountPaidOut, shouldRollback: true },
    )
    expect(back.amountPaidOut > tao).toBe(true)
  })
})

describe('simSwapV3', () => {
  test('stable subnets convert 1:1 with no fee', () => {
    const r = simSwapV3(fresh(10n ** 9n, 10n ** 9n, { mechanism: 0 }), {
      side: 'buy',
      amount: 123n,
    })
    expect([r.amountPaidIn, r.amountPaidOut, r.feePaid]).toEqual([123n, 123n, 0n])
  })
})

describe('price helpers', () => {
  test('default limits: 0 and u64::MAX rao', () => {
    expect(V3_MIN_PRICE_RAO).toBe(0n)
    expect(V3_MAX_PRICE_RAO).toBe(2n ** 64n - 1n)
  })

  test('limitSqrtPriceV3(10⁹) ≈ 1', () => {
    // √1 by bisection with ε = 10⁻¹⁰ (bits 2^64 ± ε·2^64).
    const s = limitSqrtPriceV3(1_000_000_000n)
    const one = 1n << 64n
    expect(s - one < 1_844_674_408n && one - s < 1_844_674_408n).toBe(true)
  })

  test('uninitialised price is y/x in U96F32', () => {
    // 10⁹ / 4·10⁹ = 0.25 = 2^30 / 2^32
    expect(currentPriceV3(fresh(10n ** 9n, 4n * 10n ** 9n))).toBe(1n << 30n)
    expect(currentPriceV3(fresh(10n ** 9n, 0n))).toBe(0n)
  })

  test('getAlphaAmountForTaoV3 at price 0.25', () => {
    // ⌊10⁹ / 0.25⌋ = 4·10⁹
    expect(getAlphaAmountForTaoV3(fresh(10n ** 9n, 4n * 10n ** 9n), 10n ** 9n)).toBe(4n * 10n ** 9n)
  })

  test('calculateFeeAmountV3', () => {
    // amm.md §4.7: ⟦10¹⁰ · ⌊33/65535⌋₆₄⟧ = 5 035 477; no fee when dropped or on stable subnets.
    expect(calculateFeeAmountV3(10_000_000_000n)).toBe(5_035_477n)
    expect(calculateFeeAmountV3(10_000_000_000n, { dropFees: true })).toBe(0n)
    expect(calculateFeeAmountV3(10_000_000_000n, { mechanism: 0 })).toBe(0n)
  })
})

describe('migrateSwapV3ToBalancer', () => {
  test('√P = 1.23, y = 10⁹, x = 4·10⁹ (amm.md §4.1: w₂ = 141 811 787 415 878 919)', () => {
    const p: V3Pool = {
      ...maybeInitializeV3(fresh(10n ** 9n, 4n * 10n ** 9n)),
      sqrtPrice: U64F64.saturatingFromNum(1.23),
    }
    expect(migrateSwapV3ToBalancer(p).quoteWeightParts).toBe(141_811_787_415_878_919n)
  })

  test('falls back to ½ when the weight leaves [0.01, 0.99]', () => {
    // √P = 1, y = 1, x = 10¹²: w₂ = 1/(10¹² + 1) < 0.01 (amm.md §4.1).
    const p: V3Pool = {
      ...maybeInitializeV3(fresh(10n ** 9n, 10n ** 9n)),
      taoReserve: 1n,
      alphaReserve: 10n ** 12n,
      sqrtPrice: U64F64.ONE,
    }
    const m = migrateSwapV3ToBalancer(p)
    expect(m.quoteWeightParts).toBe(500_000_000_000_000_000n)
    expect(m.palswapInitialized).toBe(true)
  })
})
