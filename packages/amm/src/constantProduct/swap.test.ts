import { describe, expect, test } from 'vitest'
import { getMaxAmountAddCp, getMaxAmountMoveCp, getMaxAmountRemoveCp } from './maxAmount.js'
import type { ConstantProductPool } from './pool.js'
import {
  DEFAULT_MINIMUM_POOL_LIQUIDITY,
  getAlphaPriceCp,
  quoteSwapCp,
  simSwapAlphaForTaoCp,
  simSwapTaoForAlphaCp,
} from './swap.js'

function pool(
  tao: bigint,
  alpha: bigint,
  extra: Partial<ConstantProductPool> = {},
): ConstantProductPool {
  return {
    era: 'constantProduct',
    netuid: 1,
    mechanism: 1,
    taoReserve: tao,
    alphaReserve: alpha,
    alphaOutstanding: 0n,
    ...extra,
  }
}

// amm.md §4.7 cross-design example: y = 1000 TAO, x = 4000 α.
const a = pool(1_000_000_000_000n, 4_000_000_000_000n)

describe('simSwapTaoForAlphaCp', () => {
  test('buy 10 TAO after the 50 000 rao fee (amm.md §4.7: 39 603 764 336 α)', () => {
    // x·Δ/(y+Δ) = 4·10¹²·9 999 950 000 / 1 009 999 950 000 = 39 603 764 336.6… → 39 603 764 336
    expect(simSwapTaoForAlphaCp(a, 9_999_950_000n)).toBe(39_603_764_336n)
  })

  test('I110F18 (spec 233) and U110F18 (spec 274) agree on positive reserves', () => {
    expect(simSwapTaoForAlphaCp(a, 9_999_950_000n, { specVersion: 233 })).toBe(39_603_764_336n)
  })

  test('refuses to leave less than 10⁷ rao (None)', () => {
    // x' = 10⁷·10⁷/(10⁷ + 1) < 10⁷
    expect(simSwapTaoForAlphaCp(pool(10_000_000n, 10_000_000n), 1n)).toBeUndefined()
  })

  test('stable subnets are 1:1', () => {
    expect(simSwapTaoForAlphaCp(pool(1n, 1n, { mechanism: 0 }), 123n)).toBe(123n)
  })

  test('rejects amounts outside u64 and specs outside the era', () => {
    expect(() => simSwapTaoForAlphaCp(a, -1n)).toThrowError(
      expect.objectContaining({ name: 'Amm.InvalidAmountError' }),
    )
    expect(() => simSwapTaoForAlphaCp(a, 1n, { specVersion: 300 })).toThrowError(
      expect.objectContaining({ name: 'Amm.EraMismatchError' }),
    )
  })
})

describe('simSwapAlphaForTaoCp', () => {
  test('sell 40 α (amm.md §4.7: τ 9 900 990 099)', () => {
    // y·α/(x+α) = 10¹²·4·10¹⁰/4.04·10¹² = 9 900 990 099.0099… → 9 900 990 099
    expect(simSwapAlphaForTaoCp(a, 40_000_000_000n)).toBe(9_900_990_099n)
  })
})

describe('chain quirks', () => {
  test('saturating k (spec 233, I110F18): far above the supply cap a round trip profits', () => {
    // Minimised from swap.prop.test.ts. x·y ≈ 6.4904·10³² > I110F18::MAX ≈ 2^109 ≈ 6.4903·10³²,
    // so k saturates low, x' = k/(y + 1) is too small and 1 rao buys ~2× the fair 477 α rao.
    const p = pool(1_166_462_396_612_281n, 556_414_942_480_641_882n)
    expect(p.taoReserve * p.alphaReserve > 2n ** 109n).toBe(true)
    const bought = quoteSwapCp(p, { side: 'buy', amount: 1n, fee: 0n }, { specVersion: 233 })
    expect(bought.amountOut > 477n * 2n - 10n).toBe(true)
    const sold = quoteSwapCp(
      bought.poolAfter,
      { side: 'sell', amount: bought.amountOut, fee: 0n },
      { specVersion: 233 },
    )
    expect(sold.amountOut > 1n).toBe(true)
  })
})

describe('quoteSwapCp', () => {
  test('the fee is kept in the TAO reserve', () => {
    const q = quoteSwapCp(a, { side: 'sell', amount: 40_000_000_000n })
    // amm.md §4.7: the user gets 9 900 940 099; SubnetTAO keeps the 50 000.
    expect(q.amountOut).toBe(9_900_940_099n)
    expect(q.poolAfter.taoReserve).toBe(a.taoReserve - 9_900_990_099n + 50_000n)
  })

  test('bad input', () => {
    expect(() => quoteSwapCp(a, { side: 'buy', amount: 0n })).toThrowError(
      expect.objectContaining({ name: 'Amm.AmountTooLowError' }),
    )
    expect(() => quoteSwapCp(a, { side: 'buy', amount: 50_000n })).toThrowError(
      expect.objectContaining({ name: 'Amm.AmountTooLowError' }),
    )
    expect(() => quoteSwapCp(a, { side: 'buy', amount: 2n ** 64n })).toThrowError(
      expect.objectContaining({ name: 'Amm.InvalidAmountError' }),
    )
    expect(() => quoteSwapCp(pool(0n, 0n), { side: 'buy', amount: 10n ** 9n })).toThrowError(
      expect.objectContaining({ name: 'Amm.EmptyPoolError' }),
    )
    expect(() =>
      quoteSwapCp(pool(20_000_000n, 20_000_000n), { side: 'buy', amount: 10n ** 12n }),
    ).toThrowError(expect.objectContaining({ name: 'Amm.InsufficientLiquidityError' }))
  })
})

describe('getAlphaPriceCp', () => {
  test('y/x, 1 for root and stable, 0 for no alpha', () => {
    expect(getAlphaPriceCp(a)).toBe(1n << 30n) // 0.25
    expect(getAlphaPriceCp({ ...a, netuid: 0 })).toBe(1n << 32n)
    expect(getAlphaPriceCp(pool(5n, 0n))).toBe(0n)
  })

  test('DefaultMinimumPoolLiquidity is 10⁷', () => {
    expect(DEFAULT_MINIMUM_POOL_LIQUIDITY).toBe(10_000_000n << 32n)
  })
})

describe('getMaxAmountAddCp (staking.rs @ 4c9836f8c, exact)', () => {
  test.each([
    [1n, 1n, 50_000_000_000n, 49n],
    [1_000n, 1_000n, 2_000_000_000n, 1_000n],
    [1_000n, 1_000n, 4_000_000_000n, 3_000n],
    [1_000n, 1_000n, 16_000_000_000n, 15_000n],
    [10n ** 12n, 10n ** 12n, 16_000_000_000n, 15n * 10n ** 12n],
  ])('(y %s, x %s, L %s) → %s', (y, x, limit, expected) => {
    expect(getMaxAmountAddCp(pool(y, x), limit)).toBe(expected)
  })

  test('limit below the price: ZeroMaxStakeAmount at 274, 0 at 233', () => {
    expect(() => getMaxAmountAddCp(a, 1n)).toThrowError(
      expect.objectContaining({ name: 'Amm.ZeroMaxStakeAmountError' }),
    )
    expect(getMaxAmountAddCp(a, 1n, { specVersion: 233 })).toBe(0n)
  })
})

describe('getMaxAmountRemoveCp', () => {
  test('y·10⁹/L − x', () => {
    // y = x = 1000, limit 0.5 TAO/α: 1000·10⁹/(5·10⁸) − 1000 = 1000
    expect(getMaxAmountRemoveCp(pool(1_000n, 1_000n), 500_000_000n)).toBe(1_000n)
    expect(getMaxAmountRemoveCp(pool(1_000n, 1_000n), 0n)).toBe(2n ** 64n - 1n)
  })
})

describe('getMaxAmountMoveCp', () => {
  test('root → root: unlimited up to a ratio of 1', () => {
    const root = pool(1n, 1n, { netuid: 0 })
    expect(getMaxAmountMoveCp(root, root, { limitPrice: 1_000_000_000n })).toBe(2n ** 64n - 1n)
  })

  test('dynamic → dynamic heuristic (staking.rs: (1, 1, 1, 1, L = 1) → 5·10⁸)', () => {
    // x₂·(y₁/(y₁+y₂))/L − x₁·(y₂/(y₁+y₂)) = 1·½/10⁻⁹ − ½ = 499 999 999.5 → 499 999 999 (±1 in the chain test)
    const p = pool(1n, 1n)
    expect(getMaxAmountMoveCp(p, { ...p, netuid: 2 }, { limitPrice: 1n })).toBe(499_999_999n)
  })
})
