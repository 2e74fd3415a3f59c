import { isDtaoError } from '@dtao/errors'
import { describe, expect, it } from 'vitest'
import {
  blockEmissionForIssuance,
  estimateHalvingBlock,
  halvingIndex,
  halvingThreshold,
  nextHalving,
} from './blockEmission.js'

describe('blockEmissionForIssuance', () => {
  // Spec §6.2 W1 (exact bit-level model of the I96F32 pipeline, hand-checked against ⌊10⁹/2^k⌋).
  it.each([
    [0n, 1_000_000_000n],
    [10_499_999_999_999_999n, 1_000_000_000n],
    [10_500_000_000_000_000n, 500_000_000n],
    [11_200_000_000_000_000n, 500_000_000n],
    [15_749_999_999_999_999n, 500_000_000n],
    [15_750_000_000_000_000n, 250_000_000n],
    [18_375_000_000_000_000n, 125_000_000n],
    [20_999_999_000_000_000n, 59n], // k = 24: ⌊10⁹ / 2²⁴⌋ = 59
    [21_000_000_000_000_000n, 0n],
  ])('W1: issuance %s → %s', (issuance, emission) => {
    expect(blockEmissionForIssuance(issuance)).toBe(emission)
  })

  it('is 0 (not an error) at and above the 21 M supply, up to u64::MAX', () => {
    expect(blockEmissionForIssuance(21_000_000_000_000_001n)).toBe(0n)
    expect(blockEmissionForIssuance((1n << 64n) - 1n)).toBe(0n)
  })

  it('gives 0 from the 30th threshold on (⌊10⁹/2³⁰⌋ = 0) and 1 just before it', () => {
    expect(blockEmissionForIssuance(20_999_999_980_442_226n)).toBe(0n)
    expect(blockEmissionForIssuance(20_999_999_980_442_225n)).toBe(1n)
  })

  it('alpha emission: 4 M α issued emits 1 α, 12 M α emits 0.5 α (spec W1)', () => {
    expect(blockEmissionForIssuance(4_000_000n * 10n ** 9n)).toBe(10n ** 9n)
    expect(blockEmissionForIssuance(12_000_000n * 10n ** 9n)).toBe(5n * 10n ** 8n)
  })

  it('rejects negative, fractional, number and above-u64 issuance with a typed error', () => {
    for (const bad of [-1n, 1n << 64n, 1.5, 5, '5', undefined]) {
      try {
        blockEmissionForIssuance(bad as bigint)
        expect.unreachable()
      } catch (e) {
        expect(isDtaoError(e, 'Emission.InvalidAmountError')).toBe(true)
      }
    }
  })
})

describe('halvings', () => {
  // Spec §1.1 halving table: thresholds TS·(1 − 2⁻ⁿ).
  it.each([
    [0, 0n],
    [1, 10_500_000_000_000_000n],
    [2, 15_750_000_000_000_000n],
    [3, 18_375_000_000_000_000n],
    [4, 19_687_500_000_000_000n],
    [5, 20_343_750_000_000_000n],
    [10, 20_979_492_187_500_000n],
    [29, 20_999_999_960_884_452n],
    [30, 20_999_999_980_442_226n],
  ])('threshold %i = %s', (n, t) => {
    expect(halvingThreshold(n)).toBe(t)
  })

  it('each threshold switches the emission exactly there (k ≤ 29)', () => {
    for (let n = 1; n <= 29; n++) {
      const t = halvingThreshold(n)
      expect(halvingIndex(t - 1n)).toBe(n - 1)
      expect(halvingIndex(t)).toBe(n)
      expect(blockEmissionForIssuance(t - 1n)).toBe((10n ** 9n) >> BigInt(n - 1))
      expect(blockEmissionForIssuance(t)).toBe((10n ** 9n) >> BigInt(n))
    }
  })

  it('nextHalving at today’s issuance (spec §1.2)', () => {
    expect(nextHalving(11_200_000_000_000_000n)).toEqual({
      index: 2,
      threshold: 15_750_000_000_000_000n,
      remaining: 4_550_000_000_000_000n,
      emissionBefore: 500_000_000n,
      emissionAfter: 250_000_000n,
    })
    expect(nextHalving(20_999_999_980_442_226n)).toBeUndefined()
    expect(halvingIndex(21_000_000_000_000_000n)).toBeUndefined()
  })

  it('estimateHalvingBlock: remaining / (emission − recycle), rounded up', () => {
    // 4.55e15 rao at 5e8 per block = 9 100 000 blocks
    expect(estimateHalvingBlock(11_200_000_000_000_000n, 100n)).toBe(9_100_100n)
    // with 1e8 recycled per block: ⌈4.55e15 / 4e8⌉ = 11 375 000
    expect(
      estimateHalvingBlock(11_200_000_000_000_000n, 0n, { netRecyclePerBlock: 10n ** 8n }),
    ).toBe(11_375_000n)
    expect(
      estimateHalvingBlock(11_200_000_000_000_000n, 0n, { netRecyclePerBlock: 5n * 10n ** 8n }),
    ).toBe(undefined)
  })

  it('halvingThreshold rejects a bad index', () => {
    expect(() => halvingThreshold(-1)).toThrowError(/Halving index/)
    expect(() => halvingThreshold(1.5)).toThrowError(/Halving index/)
  })
})
