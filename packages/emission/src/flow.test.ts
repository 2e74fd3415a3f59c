import { U64F64 } from '@dtao/fixed'
import { describe, expect, it } from 'vitest'
import { inplacePowNormalize } from './flow.js'

const one = 1n << 64n
const f = (b: bigint | undefined) => Number(b) / 2 ** 64

describe('inplacePowNormalize (tests/subnet_emissions.rs)', () => {
  it('inplace_pow_normalize_regular_case_relative_proportions_preserved: p = 1 on (2, 3, 5) → (0.2, 0.3, 0.5) ± 0.001', () => {
    const r = inplacePowNormalize(
      new Map([
        [1, 2n * one],
        [2, 3n * one],
        [3, 5n * one],
      ]),
      one,
    )
    expect(Math.abs(f(r.get(1)) - 0.2)).toBeLessThan(0.001)
    expect(Math.abs(f(r.get(2)) - 0.3)).toBeLessThan(0.001)
    expect(Math.abs(f(r.get(3)) - 0.5)).toBeLessThan(0.001)
  })

  it('inplace_pow_normalize_tiny_values_no_panic: p = 2 on (1e-9, 2e-9, 3e-9) → v²·1e18/14 (± 1 %)', () => {
    const r = inplacePowNormalize(
      new Map([
        [10, U64F64.fromNum(1e-9)],
        [11, U64F64.fromNum(2e-9)],
        [12, U64F64.fromNum(3e-9)],
      ]),
      2n * one,
    )
    for (const [k, v] of [
      [10, 1e-9],
      [11, 2e-9],
      [12, 3e-9],
    ] as const) {
      const expected = (v * 1e18 * v) / 14
      expect(Math.abs(f(r.get(k)) - expected)).toBeLessThanOrEqual(expected / 100)
    }
  })

  it('inplace_pow_normalize_large_values_no_overflow_and_sum_to_one; all zeros stay zero', () => {
    const r = inplacePowNormalize(
      new Map([
        [1, 10n ** 9n * one],
        [2, 5n * 10n ** 9n * one],
        [3, 10n ** 10n * one],
      ]),
      2n * one,
    )
    expect(Math.abs([...r.values()].reduce((a, b) => a + f(b), 0) - 1)).toBeLessThanOrEqual(1e-9)
    expect([
      ...inplacePowNormalize(
        new Map([
          [1, 0n],
          [2, 0n],
        ]),
        one,
      ).values(),
    ]).toEqual([0n, 0n])
  })
})
