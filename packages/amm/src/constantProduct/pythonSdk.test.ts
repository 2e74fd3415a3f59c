import { describe, expect, test } from 'vitest'
import {
  pySdkBalance,
  pySdkBalanceFromRao,
  pySdkBalanceFromTao,
  pySdkBalanceOp,
  pySdkBalanceTao,
  pySdkDynamicInfo,
  pySdkFixedToFloat,
  pySdkFormatBalance,
  pySdkGetUnit,
  pySdkRichBalance,
  pySdkTaoToAlphaWithSlippage,
} from './pythonSdk.js'

// Expected values: PY-FORMAT.md's "Notable behaviours" (recorded from bittensor 10.2.0) and
// Python's documented semantics, derived by hand in the comments.

describe('Balance.from_tao float mistakes', () => {
  test.each([
    [8.2, 8_199_999_999n], // 8.2·1e9 = 8199999999.999999 in float64, int() truncates
    [1.005, 1_004_999_999n],
    [-66.606355, -66_606_354_999n],
    [0.3, 300_000_000n], // 0.3·1e9 rounds up to exactly 3e8
  ])('from_tao(%d) → %d rao', (tao, rao) => {
    expect(pySdkBalanceFromTao(tao).rao).toBe(rao)
  })

  test('an int amount is exact', () => {
    expect(pySdkBalanceFromTao(7n, 128).rao).toBe(7_000_000_000n)
  })

  test('Balance(x): int is rao, float is tao, anything else is a TypeError', () => {
    expect(pySdkBalance(5n).rao).toBe(5n)
    expect(pySdkBalance(1.5).rao).toBe(1_500_000_000n)
    expect(() => pySdkBalance('1.5')).toThrowError(
      expect.objectContaining({ pythonError: 'TypeError' }),
    )
  })
})

describe('formatting', () => {
  test('thousands separators and float-rounded digits above 2⁵³ rao', () => {
    expect(pySdkFormatBalance(pySdkBalanceFromRao(2n ** 63n - 1n))).toBe('τ9,223,372,036.854776382')
  })

  test('alpha units are wrapped in U+200E', () => {
    expect(pySdkFormatBalance(pySdkBalanceFromRao(10n ** 9n, 1))).toBe('\u200e1.000000000α\u200e')
  })

  test('ties round half to even like Python', () => {
    // rao = 4 398 046 511 104 000 976 563: tao rounds to the double 2⁴² + 2⁻¹⁰ (the ulp at 2⁴²),
    // whose exact expansion …104.0009765625 ties at 9 decimals. Python rounds half to even
    // (…562); JS toFixed would round up (…563).
    expect(pySdkFormatBalance(pySdkBalanceFromRao(4_398_046_511_104_000_976_563n))).toBe(
      'τ4,398,046,511,104.000976562',
    )
    expect(pySdkRichBalance(pySdkBalanceFromRao(1n, 3)).strRao).toBe('γ1')
  })

  test('get_unit beyond the 439 symbols concatenates base-439 digits', () => {
    expect(pySdkGetUnit(439)).toBe('ατ') // 439 = 1·439 + 0 → UNITS[1] UNITS[0]
  })
})

describe('int / int is correctly rounded', () => {
  test('(2⁵³ + 1)·10⁹ rao is 2⁵³ TAO (tie to even), not a double-rounded value', () => {
    expect(pySdkBalanceTao(pySdkBalanceFromRao((2n ** 53n + 1n) * 10n ** 9n))).toBe(2 ** 53)
  })
})

describe('Balance arithmetic', () => {
  const a = pySdkBalanceFromTao(10n, 14)

  test('a raw operand is rao', () => {
    expect((pySdkBalanceOp('add', a, 5000n) as { rao: bigint }).rao).toBe(10_000_005_000n)
  })

  test('Balance // Balance returns int(tao // tao) rao', () => {
    // 10 TAO // 3 TAO = 3.0 → 3 rao
    expect(
      (pySdkBalanceOp('floordiv', a, pySdkBalanceFromTao(3n, 14)) as { rao: bigint }).rao,
    ).toBe(3n)
  })

  test('every Balance is truthy (__nonzero__ is Python 2)', () => {
    expect(pySdkBalanceOp('bool', pySdkBalanceFromRao(0n))).toBe(true)
  })

  test('mixing netuids raises BalanceUnitMismatchError', () => {
    expect(() => pySdkBalanceOp('add', a, pySdkBalanceFromRao(1n, 2))).toThrowError(
      expect.objectContaining({ pythonError: 'BalanceUnitMismatchError' }),
    )
  })
})

describe('fixed_to_float', () => {
  test('I96F32 read with (32, 128) drops the integer part: 1.5 → 0.5', () => {
    expect(pySdkFixedToFloat(6_442_450_944n, { fracBits: 32 })).toBe(0.5)
  })
})

describe('DynamicInfo', () => {
  test('constant product on the raw reserves, no fee', () => {
    // y = x = 1 TAO: k = 10¹⁸; 1 TAO in → new alpha = int(10¹⁸ / 2·10⁹) = 5·10⁸ → 5·10⁸ out,
    // ideal = 1 / 1.0 = 1 α → slippage 0.5 α.
    const d = pySdkDynamicInfo({
      netuid: 1,
      taoIn: 10n ** 9n,
      alphaIn: 10n ** 9n,
      movingPriceBits: 0n,
    })
    const r = pySdkTaoToAlphaWithSlippage(d, 1.0)
    expect(r.amount?.rao).toBe(500_000_000n)
    expect(r.slippage?.rao).toBe(500_000_000n)
  })

  test('alpha_in = 0 raises ZeroDivisionError at construction', () => {
    expect(() =>
      pySdkDynamicInfo({ netuid: 3, taoIn: 10n ** 9n, alphaIn: 0n, movingPriceBits: 0n }),
    ).toThrowError(expect.objectContaining({ pythonError: 'ZeroDivisionError' }))
  })

  test('percentage with zero slippage on a subnet raises BalanceUnitMismatchError', () => {
    const d = pySdkDynamicInfo({
      netuid: 1,
      taoIn: 10n ** 9n,
      alphaIn: 10n ** 9n,
      movingPriceBits: 0n,
    })
    expect(() => pySdkTaoToAlphaWithSlippage(d, 0n, { percentage: true })).toThrowError(
      expect.objectContaining({ pythonError: 'BalanceUnitMismatchError' }),
    )
  })
})
