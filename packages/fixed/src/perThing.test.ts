import { isDtaoError } from '@dtao/errors'
import { describe, expect, test } from 'vitest'
import { Perbill, Percent, Permill, Perquintill } from './perThing.js'

// Expected values: sp-arithmetic doc examples and the [HAND]/[MODEL] values of
// ../shared/spec/fixed-point.md §9, or a hand derivation in the comment.
const throwsAs = (name: string, f: () => unknown): boolean => {
  try {
    f()
    return false
  } catch (e) {
    return isDtaoError(e, name)
  }
}

describe('ACCURACY, one, zero', () => {
  test('constants', () => {
    expect(Percent.ACCURACY).toBe(100n)
    expect(Permill.ACCURACY).toBe(1_000_000n)
    expect(Perbill.ACCURACY).toBe(1_000_000_000n)
    expect(Perquintill.ACCURACY).toBe(10n ** 18n)
    expect(Perquintill.one()).toBe(10n ** 18n)
    expect(Perquintill.zero()).toBe(0n)
    expect(Perquintill.deconstruct(Perquintill.fromParts(42n))).toBe(42n)
  })
})

describe('fromParts / fromPercent', () => {
  test('fromParts clamps to ACCURACY', () => {
    expect(Percent.fromParts(101n)).toBe(100n)
    expect(Percent.fromParts(255n)).toBe(100n)
    expect(Perquintill.fromParts(10n ** 16n)).toBe(10n ** 16n) // balancer MIN_WEIGHT
    expect(Perquintill.fromParts(2n ** 64n - 1n)).toBe(10n ** 18n)
  })
  test('fromParts rejects values outside the inner type', () => {
    expect(throwsAs('Fixed.InvalidArgumentError', () => Percent.fromParts(256n))).toBe(true)
    expect(throwsAs('Fixed.InvalidArgumentError', () => Perquintill.fromParts(-1n))).toBe(true)
    expect(throwsAs('Fixed.InvalidArgumentError', () => Perbill.fromParts(2n ** 32n))).toBe(true)
    expect(
      throwsAs('Fixed.InvalidArgumentError', () => Perbill.fromParts(1 as unknown as bigint)),
    ).toBe(true)
  })
  test('fromPercent = min(x, 100)·A/100', () => {
    expect(Percent.fromPercent(34n)).toBe(34n)
    expect(Percent.fromPercent(150n)).toBe(100n)
    expect(Perbill.fromPercent(7n)).toBe(70_000_000n)
    expect(Perquintill.fromPercent(50n)).toBe(5n * 10n ** 17n)
  })
})

describe('fromRational', () => {
  test('sp-arithmetic doc example', () => {
    expect(Percent.fromRational(989n, 1000n)).toBe(98n)
  })
  test('Perquintill [MODEL] values (spec §9)', () => {
    expect(Perquintill.fromRational(1n, 2n)).toBe(500_000_000_000_000_000n)
    expect(Perquintill.fromRational(1n, 3n)).toBe(333_333_333_333_333_333n)
    expect(Perquintill.fromRational(2n, 3n)).toBe(666_666_666_666_666_666n)
    expect(Perquintill.fromRational(500_000_000_001n, 10n ** 12n)).toBe(500_000_000_001_000_000n)
  })
  test('one when q = 0 or p > q', () => {
    expect(Perquintill.fromRational(1n, 0n)).toBe(10n ** 18n)
    expect(Perquintill.fromRational(0n, 0n)).toBe(10n ** 18n)
    expect(Percent.fromRational(1001n, 1000n)).toBe(100n)
  })
  test('u128-sized arguments are exact (256-bit product)', () => {
    // ⌊10^18·(2^127 − 1) / 2^128 − 1⌋: (2^127 − 1)/(2^128 − 1) is just below ½, and
    // 10^18·(2^127 − 1) = 5·10^17·(2^128 − 1) − 5·10^17, so the floor is 5·10^17 − 1.
    expect(Perquintill.fromRational(2n ** 127n - 1n, 2n ** 128n - 1n)).toBe(5n * 10n ** 17n - 1n)
  })
})

describe('fromRationalWithRounding', () => {
  test('sp-arithmetic doc examples', () => {
    expect(Percent.fromRationalWithRounding(984n, 1000n, 'nearestPrefUp')).toBe(98n)
    expect(Percent.fromRationalWithRounding(985n, 1000n, 'nearestPrefDown')).toBe(98n)
    expect(Percent.fromRationalWithRounding(985n, 1000n, 'nearestPrefUp')).toBe(99n)
    expect(Percent.fromRationalWithRounding(986n, 1000n, 'nearestPrefDown')).toBe(99n)
    expect(Percent.fromRationalWithRounding(981n, 1000n, 'up')).toBe(99n)
    expect(Percent.fromRationalWithRounding(1001n, 1000n, 'up')).toBeUndefined()
  })
  test('q = 0 is undefined; an exact quotient never rounds', () => {
    expect(Perbill.fromRationalWithRounding(1n, 0n, 'down')).toBeUndefined()
    expect(Percent.fromRationalWithRounding(98n, 100n, 'up')).toBe(98n)
  })
  test('an unknown rounding is a typed error', () => {
    expect(
      throwsAs('Fixed.InvalidArgumentError', () =>
        Percent.fromRationalWithRounding(1n, 2n, 'half' as 'up'),
      ),
    ).toBe(true)
  })
})

describe('multiplication', () => {
  test('P * n rounds half down (sp-arithmetic doc examples)', () => {
    expect(Percent.mulInt(Percent.fromPercent(34n), 10n)).toBe(3n) // 3.4 → 3
    expect(Percent.mulInt(Percent.fromPercent(36n), 10n)).toBe(4n) // 3.6 → 4
    expect(Percent.mulInt(Percent.fromPercent(35n), 10n)).toBe(3n) // 3.5 → 3 (tie down)
    expect(Percent.mulInt(Percent.fromPercent(50n), 3n)).toBe(1n) // 1.5 → 1
  })
  test('mulFloor / mulCeil', () => {
    // [HAND] 500 000 parts per 10^9 × 1 000 000 001 = 500 000.0005
    expect(Perbill.mulFloor(Perbill.fromParts(500_000n), 1_000_000_001n)).toBe(500_000n)
    expect(Perbill.mulCeil(Perbill.fromParts(500_000n), 1_000_000_001n)).toBe(500_001n)
    expect(Perbill.mulCeil(Perbill.fromParts(500_000n), 1_000_000_000n)).toBe(500_000n)
    // no overflow for u128 operands: ⌊(2^128 − 1)·½⌋
    expect(Perquintill.mulFloor(Perquintill.fromRational(1n, 2n), 2n ** 128n - 1n)).toBe(
      2n ** 127n - 1n,
    )
    expect(Perquintill.mulCeil(Perquintill.fromRational(1n, 2n), 2n ** 128n - 1n)).toBe(2n ** 127n)
  })
  test('P₁ * P₂ floors', () => {
    // ⅓·⅓: 333 333 333 333 333 333² / 10^18 = 111 111 111 111 111 110.88… → …110
    expect(
      Perquintill.mul(Perquintill.fromRational(1n, 3n), Perquintill.fromRational(1n, 3n)),
    ).toBe(111_111_111_111_111_110n)
    expect(Percent.mul(Percent.fromPercent(50n), Percent.fromPercent(50n))).toBe(25n)
  })
  test('negative integer operands are rejected', () => {
    expect(throwsAs('Fixed.InvalidArgumentError', () => Percent.mulFloor(Percent.one(), -1n))).toBe(
      true,
    )
  })
})

describe('saturating ops and division', () => {
  test('saturatingAdd / saturatingSub clamp to [0, ACCURACY]', () => {
    expect(Percent.saturatingAdd(Percent.fromPercent(60n), Percent.fromPercent(70n))).toBe(100n)
    expect(Percent.saturatingAdd(Percent.fromPercent(20n), Percent.fromPercent(30n))).toBe(50n)
    expect(Percent.saturatingSub(Percent.fromPercent(20n), Percent.fromPercent(30n))).toBe(0n)
    // balancer: base weight = ONE.saturating_sub(quote)
    expect(
      Perquintill.saturatingSub(Perquintill.one(), Perquintill.fromParts(3n * 10n ** 17n)),
    ).toBe(7n * 10n ** 17n)
  })
  test('div = fromRational (one on a zero divisor)', () => {
    expect(Percent.div(Percent.fromPercent(1n), Percent.fromPercent(3n))).toBe(33n)
    expect(Percent.div(Percent.fromPercent(1n), Percent.zero())).toBe(100n)
    expect(Percent.div(Percent.fromPercent(50n), Percent.fromPercent(20n))).toBe(100n)
  })
  test('saturatingDiv (sp-arithmetic doc examples)', () => {
    const pc = (x: bigint) => Percent.fromPercent(x)
    expect(Percent.saturatingDiv(pc(2n), pc(3n), 'down')).toBe(66n)
    expect(Percent.saturatingDiv(pc(1n), pc(3n), 'nearestPrefUp')).toBe(33n)
    expect(Percent.saturatingDiv(pc(2n), pc(3n), 'nearestPrefDown')).toBe(67n)
    expect(Percent.saturatingDiv(pc(1n), pc(3n), 'up')).toBe(34n)
  })
})

describe('decode / isPerThing', () => {
  test('parts above ACCURACY are a typed error', () => {
    expect(Percent.decode(100n)).toBe(100n)
    expect(throwsAs('Fixed.PerThingDecodeError', () => Percent.decode(101n))).toBe(true)
    expect(throwsAs('Fixed.PerThingDecodeError', () => Perquintill.decode(10n ** 18n + 1n))).toBe(
      true,
    )
    expect(throwsAs('Fixed.InvalidArgumentError', () => Percent.decode(256n))).toBe(true)
  })
  test('isPerThing', () => {
    expect(Perbill.isPerThing(10n ** 9n)).toBe(true)
    expect(Perbill.isPerThing(10n ** 9n + 1n)).toBe(false)
    expect(Perbill.isPerThing(5)).toBe(false)
  })
})
