import { describe, expect, test } from 'vitest'
import { checkedFloor, checkedLn, checkedPow, checkedSqrt } from './fixedExt.js'
import { I32F32, I64F64, U64F64, U110F18 } from './types.js'

// Expected bits: RUST-RUN / REPO-TEST values of ../shared/spec/fixed-point.md §6.
describe('checkedPow', () => {
  test('primitives/safe-math test_checked_pow_fixed and RUST-RUN values', () => {
    expect(checkedPow(U64F64, U64F64.fromNum(2.5), 3)).toBe(288230376151711744000n) // 15.625
    expect(checkedPow(I32F32, I32F32.fromNum(1.5), -2)).toBe(1908874353n)
    expect(checkedPow(I32F32, I32F32.fromNum(2n), 40)).toBe(I32F32.MAX)
    expect(checkedPow(I32F32, I32F32.fromNum(0.1), 3)).toBe(4294967n)
    expect(checkedPow(I32F32, 0n, -1)).toBeUndefined()
    expect(checkedPow(I32F32, 0n, 0)).toBe(I32F32.ONE)
  })
})

describe('checkedSqrt', () => {
  const eps = U64F64.safeDiv(U64F64.ONE, U64F64.fromNum(1000n))
  test('U64F64 with eps = 1 ⊘ 1000', () => {
    expect(eps).toBe(18446744073709551n)
    expect(checkedSqrt(U64F64, U64F64.fromNum(4n), eps)).toBe(36893488147419103232n)
    expect(checkedSqrt(U64F64, U64F64.fromNum(2n), eps)).toBe(26084849041729912832n)
    expect(checkedSqrt(U64F64, U64F64.fromNum(0.25), eps)).toBe(9232379236109516800n)
    expect(checkedSqrt(U64F64, 0n, eps)).toBe(18014398509481984n) // not 0
    expect(checkedSqrt(U64F64, U64F64.ONE, eps)).toBe(2n ** 64n)
    expect(checkedSqrt(U64F64, U64F64.fromNum(1000000n), eps)).toBe(18446747097366528000000n)
  })
  test('other epsilons and formats', () => {
    expect(checkedSqrt(U64F64, U64F64.fromNum(3n), 0n)).toBe(31950697969885030203n)
    const e4 = U110F18.fromNum(0.0001)
    expect(checkedSqrt(U110F18, U110F18.fromNum(2n), e4)).toBe(370720n)
    expect(checkedSqrt(U110F18, U110F18.fromNum(4n), e4)).toBe(524288n)
    expect(checkedSqrt(I32F32, I32F32.fromNum(-1n), I32F32.fromNum(0.001))).toBeUndefined()
  })
})

describe('checkedLn and checkedFloor', () => {
  test('checkedLn', () => {
    expect(checkedLn(I64F64, I64F64.fromNum(10n))).toBe(42475191533508765847n)
    expect(checkedLn(I64F64, 0n)).toBeUndefined()
  })
  test('checkedFloor keeps the FixedExt bug for negative non-integers', () => {
    // FixedExt::checked_floor(−1.5) = int(−1.5) − 1 = −3 (spec §6)
    expect(checkedFloor(I64F64, I64F64.fromNum(-1.5))).toBe(I64F64.fromNum(-3n))
    expect(checkedFloor(I64F64, I64F64.fromNum(-2n))).toBe(I64F64.fromNum(-2n))
    expect(checkedFloor(I64F64, I64F64.fromNum(1.5))).toBe(I64F64.fromNum(1n))
    expect(I64F64.floor(I64F64.fromNum(-1.5))).toBe(I64F64.fromNum(-2n))
    expect(checkedFloor(I32F32, I32F32.MIN + 1n)).toBeUndefined()
  })
})
