import { describe, expect, test } from 'vitest'
import { SafeFloat } from './safeFloat.js'
import {
  getValue,
  resolveLegacy,
  sharesPerUpdate,
  simUpdateValueForOne,
  updateValueForAll,
  updateValueForOne,
} from './sharePool.js'
import { U64F64 } from './types.js'

// Expected values: REPO-TEST (subtensor primitives/share-pool/src/lib.rs @ 14bc6f9f9) and the
// [MODEL] table of ../shared/spec/fixed-point.md §10.4.

/** A multi-key pool like the Rust tests' MockSharePoolDataOperations. */
function pool() {
  let sharedValue = 0n
  let denominator = SafeFloat.zero
  const shares = new Map<number, SafeFloat>()
  return {
    one(key: number, update: bigint): void {
      const next = updateValueForOne(
        { sharedValue, denominator, share: shares.get(key) ?? SafeFloat.zero },
        update,
      )
      sharedValue = next.sharedValue
      denominator = next.denominator
      shares.set(key, next.share)
    },
    all(update: bigint): void {
      sharedValue = updateValueForAll(sharedValue, update)
    },
    value(key: number): bigint {
      return getValue({ sharedValue, denominator, share: shares.get(key) ?? SafeFloat.zero })
    },
    state: () => ({ sharedValue, denominator, shares }),
  }
}
const pair = (v: SafeFloat | undefined): [bigint, bigint] | undefined =>
  v === undefined ? undefined : [v.mantissa, v.exponent]

describe('getValue', () => {
  test('test_get_value: V = 100, D = 10, S = 3 and 7', () => {
    const denominator = SafeFloat.fromU64(10n)
    expect(getValue({ sharedValue: 100n, share: SafeFloat.fromU64(3n), denominator })).toBe(30n)
    expect(getValue({ sharedValue: 100n, share: SafeFloat.fromU64(7n), denominator })).toBe(70n)
  })
  test('test_division_by_zero: D = 0 gives 0', () => {
    expect(
      getValue({ sharedValue: 100n, share: SafeFloat.fromU64(3n), denominator: SafeFloat.zero }),
    ).toBe(0n)
  })
  test('[MODEL] legacy U64F64 share and denominator', () => {
    // S = from(U64F64 5 000 000 000.5), D = from(U64F64 2·10^10)
    const { share, denominator } = resolveLegacy({
      alphaV1: U64F64.fromNum(5_000_000_000.5),
      denomV1: U64F64.fromNum(20_000_000_000n),
    })
    expect(pair(share)).toEqual([500_000_000_050_000_000_000n, -11n])
    expect(pair(denominator)).toEqual([2n * 10n ** 20n, -10n])
    expect(getValue({ sharedValue: 123_456_789_012n, share, denominator })).toBe(30_864_197_256n)
  })
})

describe('updateValueForOne', () => {
  test('test_update_value_for_one: +1000 gives 1000', () => {
    const p = pool()
    p.one(1, 1000n)
    expect(p.value(1)).toBe(1000n)
  })
  test('test_denom_precision: +1000, −990 on two keys leaves 10 each', () => {
    const p = pool()
    p.one(1, 1000n)
    expect(p.value(1)).toBe(1000n)
    p.one(1, -990n)
    p.one(2, 1000n)
    p.one(2, -990n)
    expect(p.value(1)).toBe(10n)
    expect(p.value(2)).toBe(10n)
  })
  test('test_denom_high_precision: both end at 501 000 000 000 000', () => {
    const p = pool()
    p.one(1, 1n)
    p.one(2, 1n)
    p.all(999_999_999_999_998n)
    p.one(1, -499_999_999_999_990n)
    p.one(2, -499_999_999_999_990n)
    p.all(999_999_999_999_980n)
    p.one(1, 1_000_000_000_000n)
    p.one(2, 1_000_000_000_000n)
    expect(p.value(1)).toBe(501_000_000_000_000n)
    expect(p.value(2)).toBe(501_000_000_000_000n)
  })
  test('[MODEL] pool: +10^9 (A), +3·10^9 (B), all +5·10^8, A −2.5·10^8', () => {
    const p = pool()
    p.one(1, 1_000_000_000n)
    p.one(2, 3_000_000_000n)
    p.all(500_000_000n)
    p.one(1, -250_000_000n)
    const s = p.state()
    expect(pair(s.denominator)).toEqual([377_777_777_777_777_777_778n, -11n])
    expect(pair(s.shares.get(1))).toEqual([777_777_777_777_777_777_778n, -12n])
    expect(pair(s.shares.get(2))).toEqual([3n * 10n ** 20n, -11n])
    expect(s.sharedValue).toBe(4_250_000_000n)
    expect(p.value(1)).toBe(874_999_999n)
    expect(p.value(2)).toBe(3_374_999_999n)
  })
  test('first stake into an empty pool takes |Δ| even when negative', () => {
    const next = updateValueForOne(
      { sharedValue: 5n, share: SafeFloat.zero, denominator: SafeFloat.zero },
      -3n,
    )
    expect(pair(next.denominator)).toEqual([3n * 10n ** 20n, -20n])
    expect(pair(next.share)).toEqual([3n * 10n ** 20n, -20n])
    expect(next.sharedValue).toBe(2n)
  })
  test('a failed sub (share 0, spu ≠ 0) keeps the old share', () => {
    // D = 10, V = 10, S = 0, Δ = −1: spu = 1, S.sub(1) with S = 0 is None → S stays 0,
    // D = 10 − 1 = 9, V = 9.
    const next = updateValueForOne(
      { sharedValue: 10n, share: SafeFloat.zero, denominator: SafeFloat.fromU64(10n) },
      -1n,
    )
    expect(pair(next.share)).toEqual([0n, 0n])
    expect(pair(next.denominator)).toEqual(pair(SafeFloat.fromU64(9n)))
    expect(next.sharedValue).toBe(9n)
  })
})

describe('sharesPerUpdate / simUpdateValueForOne / updateValueForAll', () => {
  test('spu = |Δ|·D/V', () => {
    // 990·1000/1000 = 990
    expect(
      pair(sharesPerUpdate({ sharedValue: 1000n, denominator: SafeFloat.fromU64(1000n) }, -990n)),
    ).toEqual(pair(SafeFloat.fromU64(990n)))
    // V = 0 → mul_div by zero → 0
    expect(
      pair(sharesPerUpdate({ sharedValue: 0n, denominator: SafeFloat.fromU64(1000n) }, 5n)),
    ).toEqual([0n, 0n])
  })
  test('simUpdateValueForOne', () => {
    expect(simUpdateValueForOne({ sharedValue: 0n, denominator: SafeFloat.zero }, 1n)).toBe(true)
    expect(simUpdateValueForOne({ sharedValue: 0n, denominator: SafeFloat.fromU64(5n) }, 1n)).toBe(
      false,
    )
    expect(simUpdateValueForOne({ sharedValue: 10n, denominator: SafeFloat.fromU64(5n) }, 1n)).toBe(
      true,
    )
  })
  test('updateValueForAll saturates as u64', () => {
    expect(updateValueForAll(1000n, 0n)).toBe(1000n)
    expect(updateValueForAll(5n, -7n)).toBe(0n)
    expect(updateValueForAll((1n << 64n) - 2n, 5n)).toBe((1n << 64n) - 1n)
  })
})

describe('resolveLegacy', () => {
  test('legacy entries win; absent V2 entries are zero', () => {
    const v2 = SafeFloat.fromU64(4n)
    const r = resolveLegacy({ alphaV1: 1n << 64n, alphaV2: v2, denomV2: v2 })
    expect(pair(r.share)).toEqual([10n ** 21n, -21n])
    expect(r.denominator).toBe(v2)
    const empty = resolveLegacy({})
    expect(pair(empty.share)).toEqual([0n, 0n])
    expect(pair(empty.denominator)).toEqual([0n, 0n])
  })
})
