import { describe, expect, test } from 'vitest'
import { inheritedStake } from './inheritedStake.js'

const tao = 10n ** 9n

describe('inheritedStake', () => {
  test('no child keys: the own stake', () => {
    expect(inheritedStake({ own: 123_456_789n, children: [], parents: [] })).toBe(123_456_789n)
  })

  test('half to a child, a quarter of a parent (hand derivation)', () => {
    // normalized(2⁶³) = ⌊2⁶³·2³² / (2⁶⁴ − 1)⌋ bits = 2³¹ bits = 0.5 exactly; own·0.5 = 500 TAO.
    // normalized(2⁶²) = 2³⁰ bits = 0.25; 300 TAO · 0.25 = 75 TAO. 1000 − 500 + 75 = 575 TAO.
    expect(
      inheritedStake({
        own: 1000n * tao,
        children: [2n ** 63n],
        parents: [{ proportion: 2n ** 62n, stake: 300n * tao }],
      }),
    ).toBe(575n * tao)
  })

  test('proportion u64::MAX gives everything away; root keeps its own stake', () => {
    // normalized(u64::MAX) = (2⁶⁴−1)·2³² / (2⁶⁴−1) = 2³² bits = 1.0 → 0 left.
    expect(inheritedStake({ own: 7n * tao, children: [2n ** 64n - 1n], parents: [] })).toBe(0n)
    expect(
      inheritedStake({ own: 7n * tao, children: [2n ** 64n - 1n], parents: [] }, { root: true }),
    ).toBe(7n * tao)
  })

  test('truncation: 3 rao with a third to a child', () => {
    // p = ⌊(2⁶⁴−1)/3⌋ = 6148914691236517205; normalized = ⌊p·2³²/(2⁶⁴−1)⌋ = 1431655765 bits
    // (just under 1/3). To child: ⌊3·2³²·1431655765 / 2³²⌋ bits = 4294967295 bits (0.99999999977 rao).
    // 3·2³² − 4294967295 = 8589934593 bits = 2.00000000023 rao → truncated to 2.
    expect(inheritedStake({ own: 3n, children: [6_148_914_691_236_517_205n], parents: [] })).toBe(
      2n,
    )
  })
})
