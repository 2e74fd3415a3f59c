import { isDtaoError } from '@dtao/errors'
import { describe, expect, test } from 'vitest'
import { SafeFloat, safeFloat } from './safeFloat.js'

// Expected values: REPO-TEST (subtensor primitives/share-pool/src/lib.rs @ 14bc6f9f9 tests) and
// [MODEL] values of ../shared/spec/fixed-point.md §10.4, or a hand derivation in the comment.
const sf = (m: bigint, e: bigint): SafeFloat => {
  const v = safeFloat(m, e)
  if (v === undefined) throw new Error(`test setup: safeFloat(${m}, ${e}) is None`)
  return v
}
const pair = (v: SafeFloat | undefined): [bigint, bigint] | undefined =>
  v === undefined ? undefined : [v.mantissa, v.exponent]
const M = 10n ** 21n

describe('safeFloat (SafeFloat::new) — test_safefloat_normalize', () => {
  test.each([
    [1n, 0n, M, -21n],
    [0n, 0n, 0n, 0n],
    [10n, 0n, M, -20n],
    [1000n, 0n, M, -18n],
    [10n ** 20n, 0n, M, -1n],
    [M, 0n, M, 0n],
  ])('new(%s, %s) = (%s, %s)', (m, e, em, ee) => {
    expect(pair(safeFloat(m, e))).toEqual([em, ee])
  })
  test('mantissa above 10^21 is None', () => {
    expect(safeFloat(M + 1n, 0n)).toBeUndefined()
  })
  test('exponent underflow while normalising is None', () => {
    // 1·10^(i64::MIN) needs 21 decimal shifts down: the exponent leaves i64.
    expect(safeFloat(1n, -(1n << 63n))).toBeUndefined()
    // 10^21 needs none, so it stays valid at the bottom of the range.
    expect(pair(safeFloat(M, -(1n << 63n)))).toEqual([M, -(1n << 63n)])
  })
  test('bad arguments are typed errors', () => {
    let name = ''
    try {
      safeFloat(1 as unknown as bigint, 0n)
    } catch (e) {
      name = isDtaoError(e) ? e.name : 'other'
    }
    expect(name).toBe('Fixed.InvalidArgumentError')
  })
})

describe('SafeFloat.add — test_safefloat_add (both orders)', () => {
  test.each([
    [1n, 0n, 1n, 0n, 2n * 10n ** 20n, -20n],
    [0n, 0n, 1n, 0n, M, -21n],
    [0n, 0n, 1n, -1n, M, -22n],
    [1n, -1000n, 1n, -1n, M, -22n],
    [M, 0n, M, 0n, (M * 2n) / 10n, 1n],
    [1n, 0n, M, 1n, M, 1n],
    [1n, 0n, 1n, 22n, M, 1n],
    [1n, 0n, 1n, 23n, M, 2n],
    [123n, 0n, 1n, 23n, M, 2n],
    [123n, 1n, 1n, 23n, 100_000_000_000_000_000_001n, 3n],
    [42n, 0n, 1n, 22n, M, 1n],
    [M - 1n, 0n, 1n, 22n, 109_999_999_999_999_999_999n, 2n],
    [42n, 0n, 1n, 23n, M, 2n],
    [4200n, 0n, 1n, 23n, 100_000_000_000_000_000_004n, 3n],
    [M - 1n, 0n, 1n, 23n, 100_999_999_999_999_999_999n, 3n],
    [999_999n, 1n, 1n, 23n, 100_000_000_000_000_009_999n, 3n],
    [1n, 24n, 1n, 0n, M, 3n],
    [1n, 24n, 123_456_789_012_345_678_901n, 0n, 100_012_345_678_901_234_567n, 4n],
    [1n, 22n, 1n, 23n, 110_000_000_000_000_000_000n, 3n],
    [M - 1n, 22n, 1n, 22n, M, 22n],
  ])('(%s, %s) + (%s, %s) = (%s, %s)', (ma, ea, mb, eb, em, ee) => {
    const a = sf(ma, ea)
    const b = sf(mb, eb)
    expect(pair(SafeFloat.add(a, b))).toEqual([em, ee])
    expect(pair(SafeFloat.add(b, a))).toEqual([em, ee])
  })
})

describe('SafeFloat.sub', () => {
  test('[MODEL] 1 − 2 = 0; 0 − 1 = None; 0 − 0 = 0', () => {
    expect(pair(SafeFloat.sub(SafeFloat.fromU64(1n), SafeFloat.fromU64(2n)))).toEqual([0n, 0n])
    expect(SafeFloat.sub(SafeFloat.zero, SafeFloat.fromU64(1n))).toBeUndefined()
    expect(pair(SafeFloat.sub(SafeFloat.zero, SafeFloat.zero))).toEqual([0n, 0n])
  })
  test('by hand: 1000 − 990 = 10', () => {
    // (10^21, −18) − (9.9·10^20, −18) = (10^19, −18) → normalised (10^21, −20)
    expect(pair(SafeFloat.sub(SafeFloat.fromU64(1000n), SafeFloat.fromU64(990n)))).toEqual([
      M,
      -20n,
    ])
    // 7 = (7·10^20, −20); subtracting 0 returns it unchanged
    expect(pair(SafeFloat.sub(SafeFloat.fromU64(7n), SafeFloat.zero))).toEqual([
      7n * 10n ** 20n,
      -20n,
    ])
  })
})

describe('SafeFloat.div / mulDiv', () => {
  test('[MODEL] 1/3 and 2/3', () => {
    expect(pair(SafeFloat.div(SafeFloat.fromU64(1n), SafeFloat.fromU64(3n)))).toEqual([
      333_333_333_333_333_333_333n,
      -21n,
    ])
    expect(pair(SafeFloat.div(SafeFloat.fromU64(2n), SafeFloat.fromU64(3n)))).toEqual([
      666_666_666_666_666_666_666n,
      -21n,
    ])
  })
  test('test_safefloat_div_by_zero_is_none', () => {
    expect(SafeFloat.div(SafeFloat.fromU64(1n), SafeFloat.zero)).toBeUndefined()
    expect(SafeFloat.mulDiv(SafeFloat.fromU64(1n), SafeFloat.fromU64(1n), SafeFloat.zero)).toBe(
      undefined,
    )
  })
  test('[MODEL] mul_div(100, 3, 7) = (428 571 428 571 428 571 428, −19) → u64 42', () => {
    const r = SafeFloat.mulDiv(
      SafeFloat.fromU64(100n),
      SafeFloat.fromU64(3n),
      SafeFloat.fromU64(7n),
    )
    expect(pair(r)).toEqual([428_571_428_571_428_571_428n, -19n])
    expect(SafeFloat.toU64(r as SafeFloat)).toBe(42n)
  })
  test('exponent overflow is None', () => {
    const big = sf(M, (1n << 63n) - 1n)
    expect(SafeFloat.mulDiv(big, big, SafeFloat.fromU64(1n))).toBeUndefined()
    expect(SafeFloat.div(big, sf(M, -100n))).toBeUndefined()
  })
})

describe('SafeFloat.fromU64F64', () => {
  test('[MODEL] values', () => {
    expect(pair(SafeFloat.fromU64F64(1n << 64n))).toEqual([M, -21n])
    expect(pair(SafeFloat.fromU64F64(1n))).toEqual([542_101_086_242_752_217_003n, -40n])
    expect(pair(SafeFloat.fromU64F64((1n << 128n) - 1n))).toEqual([
      184_467_440_737_095_516_159n,
      -1n,
    ])
    // U64F64 0.1 (bits 1 844 674 407 370 955 264... as §10.2 states)
    expect(pair(SafeFloat.fromU64F64(1_844_674_407_370_955_264n))).toEqual([
      100_000_000_000_000_005_551n,
      -21n,
    ])
    expect(pair(SafeFloat.fromU64F64(0n))).toEqual([0n, 0n])
  })
})

describe('SafeFloat.toU64', () => {
  test('[MODEL] saturating floor', () => {
    expect(SafeFloat.toU64(sf(M, -2n))).toBe(10n ** 19n)
    expect(SafeFloat.toU64(sf(M - 1n, -21n))).toBe(0n)
    expect(SafeFloat.toU64(sf(M, 0n))).toBe((1n << 64n) - 1n)
    expect(SafeFloat.toU64(sf(M, 30n))).toBe((1n << 64n) - 1n)
    expect(SafeFloat.toU64(SafeFloat.fromU64(12345n))).toBe(12345n)
  })
})

describe('SafeFloat.gt / isZero / toDecimalString', () => {
  test('gt by exponent and mantissa', () => {
    const one = SafeFloat.fromU64(1n)
    const two = SafeFloat.fromU64(2n)
    const ten = SafeFloat.fromU64(10n) // (10^21, −20)
    const nine = SafeFloat.fromU64(9n) // (9·10^20, −21)
    expect(SafeFloat.gt(two, one)).toBe(true)
    expect(SafeFloat.gt(one, two)).toBe(false)
    expect(SafeFloat.gt(ten, nine)).toBe(true)
    expect(SafeFloat.gt(nine, ten)).toBe(false)
    expect(SafeFloat.gt(SafeFloat.fromU64(1000n), one)).toBe(true)
    expect(SafeFloat.gt(one, SafeFloat.fromU64(1000n))).toBe(false)
    expect(SafeFloat.gt(one, one)).toBe(false)
  })
  test('gt compares exponents first, so zero (0, 0) is "greater" than 1 = (10^21, −21)', () => {
    // share-pool lib.rs · SafeFloat::gt: exponents 0 > −21 differ by more than 1 ⇒ true.
    // The chain's quirk; callers there never compare against a zero value.
    expect(SafeFloat.gt(SafeFloat.zero, SafeFloat.fromU64(1n))).toBe(true)
    expect(SafeFloat.gt(SafeFloat.fromU64(1n), SafeFloat.zero)).toBe(false)
  })
  test('isZero', () => {
    expect(SafeFloat.isZero(SafeFloat.zero)).toBe(true)
    expect(SafeFloat.isZero(SafeFloat.fromU64(1n))).toBe(false)
  })
  test('toDecimalString', () => {
    expect(
      SafeFloat.toDecimalString(
        SafeFloat.div(SafeFloat.fromU64(1n), SafeFloat.fromU64(3n)) as SafeFloat,
      ),
    ).toBe('0.333333333333333333333')
    expect(SafeFloat.toDecimalString(SafeFloat.fromU64(1000n))).toBe('1000')
    expect(SafeFloat.toDecimalString(sf(M, 2n))).toBe('100000000000000000000000')
    expect(SafeFloat.toDecimalString(sf(1n, -1000n))).toBe('1000000000000000000000e-1021')
    expect(SafeFloat.toDecimalString(SafeFloat.zero)).toBe('0')
    expect(SafeFloat.toDecimalString(sf(15n, -1n))).toBe('1.5')
  })
})
