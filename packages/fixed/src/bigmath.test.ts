import { isDtaoError } from '@dtao/errors'
import { fc, test as propTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { bitLength, floorDiv, gcd, nthRootFloor, truncDiv } from './bigmath.js'

const throwsAs = (name: string, f: () => unknown): boolean => {
  try {
    f()
    return false
  } catch (e) {
    return isDtaoError(e, name)
  }
}

describe('floorDiv / truncDiv', () => {
  test('signs', () => {
    // −7/2 = −3.5: floor −4, trunc −3; 7/−2 likewise; −7/−2 = 3.5: both 3
    expect(floorDiv(-7n, 2n)).toBe(-4n)
    expect(truncDiv(-7n, 2n)).toBe(-3n)
    expect(floorDiv(7n, -2n)).toBe(-4n)
    expect(truncDiv(7n, -2n)).toBe(-3n)
    expect(floorDiv(-7n, -2n)).toBe(3n)
    expect(floorDiv(7n, 2n)).toBe(3n)
    expect(floorDiv(-8n, 2n)).toBe(-4n)
    expect(floorDiv(0n, -5n)).toBe(0n)
  })
  test('division by zero and non-bigints are typed errors', () => {
    expect(throwsAs('Fixed.DivisionByZeroError', () => floorDiv(1n, 0n))).toBe(true)
    expect(throwsAs('Fixed.DivisionByZeroError', () => truncDiv(1n, 0n))).toBe(true)
    expect(throwsAs('Fixed.InvalidArgumentError', () => floorDiv(1 as unknown as bigint, 2n))).toBe(
      true,
    )
  })
  propTest.prop([fc.bigInt(), fc.bigInt().filter((b) => b !== 0n)])(
    'floorDiv: q·b + r = a with 0 ≤ r/b < 1',
    (a, b) => {
      const q = floorDiv(a, b)
      const r = a - q * b
      expect(b > 0n ? r >= 0n && r < b : r <= 0n && r > b).toBe(true)
    },
  )
})

describe('bitLength', () => {
  test('values', () => {
    expect(bitLength(0n)).toBe(0)
    expect(bitLength(1n)).toBe(1)
    expect(bitLength(255n)).toBe(8)
    expect(bitLength(256n)).toBe(9)
    expect(bitLength(10n ** 18n)).toBe(60) // 2^59 ≈ 5.76·10^17 ≤ 10^18 < 2^60
    expect(bitLength(2n ** 53n - 1n)).toBe(53)
    expect(bitLength(2n ** 53n)).toBe(54)
    expect(bitLength(2n ** 32n)).toBe(33)
    expect(bitLength(2n ** 1000n)).toBe(1001)
    expect(bitLength(-5n)).toBe(3)
  })
  propTest.prop([fc.bigInt({ min: 1n, max: 2n ** 300n })])('2^(n−1) ≤ x < 2^n', (x) => {
    const n = BigInt(bitLength(x))
    expect(x >= 1n << (n - 1n) && x < 1n << n).toBe(true)
  })
})

describe('gcd', () => {
  test('values', () => {
    expect(gcd(6n * 10n ** 17n, 4n * 10n ** 17n)).toBe(2n * 10n ** 17n)
    expect(gcd(0n, 0n)).toBe(0n)
    expect(gcd(0n, 7n)).toBe(7n)
    expect(gcd(-12n, 18n)).toBe(6n)
    // 499 999 999 999 500 000 = 500 000·999 999 999 999 and 500 000 000 000 500 000 =
    // 500 000·1 000 000 000 001; those cofactors are coprime (they differ by 2 and are odd).
    expect(gcd(499_999_999_999_500_000n, 500_000_000_000_500_000n)).toBe(500_000n)
  })
})

describe('nthRootFloor', () => {
  test('values', () => {
    expect(nthRootFloor(0n, 3)).toBe(0n)
    expect(nthRootFloor(1n, 1024)).toBe(1n)
    expect(nthRootFloor(26n, 3)).toBe(2n)
    expect(nthRootFloor(27n, 3)).toBe(3n)
    expect(nthRootFloor(2n * 10n ** 18n, 2)).toBe(1_414_213_562n)
    expect(nthRootFloor(12345n, 1)).toBe(12345n)
    expect(nthRootFloor(2n ** 1024n, 1024)).toBe(2n)
    expect(nthRootFloor(2n ** 1024n - 1n, 1024)).toBe(1n)
    expect(nthRootFloor(10n ** 300n, 3)).toBe(10n ** 100n)
    expect(nthRootFloor(10n ** 300n - 1n, 3)).toBe(10n ** 100n - 1n)
  })
  test('bad arguments', () => {
    expect(throwsAs('Fixed.InvalidArgumentError', () => nthRootFloor(-1n, 2))).toBe(true)
    expect(throwsAs('Fixed.InvalidArgumentError', () => nthRootFloor(4n, 0))).toBe(true)
    expect(throwsAs('Fixed.InvalidArgumentError', () => nthRootFloor(4n, 1.5))).toBe(true)
  })
  propTest.prop([fc.bigInt({ min: 0n, max: 2n ** 2000n }), fc.integer({ min: 1, max: 300 })])(
    'r^n ≤ x < (r+1)^n',
    (x, n) => {
      const r = nthRootFloor(x, n)
      const q = BigInt(n)
      expect(r ** q <= x && (r + 1n) ** q > x).toBe(true)
    },
  )
})
