import { isDtaoError } from '@dtao/errors'
import { describe, expect, test } from 'vitest'
import { runEpoch } from './epoch.js'
import type { EpochInput } from './epochTypes.js'
import { runEpochWithMechanisms, splitEmissions } from './mechanisms.js'
import type { SparseRowU16 } from './types.js'

describe('splitEmissions (tests/mechanism.rs)', () => {
  test('even split, remainder to mechanism 0', () => {
    expect(splitEmissions(25n, 5)).toEqual([5n, 5n, 5n, 5n, 5n])
    expect(splitEmissions(10n, 4)).toEqual([4n, 2n, 2n, 2n])
  })
  test('explicit split of 19', () => {
    expect(splitEmissions(19n, 5, { split: [3450, 6899, 10348, 17247, 27594] })).toEqual([
      1n,
      2n,
      3n,
      5n,
      8n,
    ])
  })
  test('yuma.md §1.5: 10⁹ with (16384, 49151)', () => {
    // ⌊10⁹·16384/65535⌋ = 250003814, ⌊10⁹·49151/65535⌋ = 749996185; remainder 1 to mechanism 0.
    expect(splitEmissions(1_000_000_000n, 2, { split: [16384, 49151] })).toEqual([
      250_003_815n,
      749_996_185n,
    ])
  })
  test('a split shorter than the count is padded; longer is trimmed', () => {
    expect(splitEmissions(100n, 3, { split: [65535] })).toEqual([100n, 0n, 0n])
    expect(splitEmissions(100n, 1, { split: [32768, 32767] })).toEqual([100n])
  })
  test('bad counts and parts are typed errors', () => {
    expect(
      isDtaoError(
        catchIt(() => splitEmissions(1n, 256)),
        'Yuma.InvalidValueError',
      ),
    ).toBe(true)
    expect(
      isDtaoError(
        catchIt(() => splitEmissions(1n, 1, { split: [70000] })),
        'Yuma.InvalidValueError',
      ),
    ).toBe(true)
  })
})

function catchIt(f: () => unknown): unknown {
  try {
    f()
  } catch (e) {
    return e
  }
  return undefined
}

describe('runEpochWithMechanisms', () => {
  const n = 5
  const shared = {
    n,
    currentBlock: 1000n,
    tempo: 360,
    activityCutoffFactorMilli: 13889,
    blockAtRegistration: new Array<bigint>(n).fill(0n),
    alphaStake: [600_000_000_000n, 300_000_000_000n, 100_000_000_000n, 0n, 0n],
    taoStake: new Array<bigint>(n).fill(0n),
    taoWeight: 0n,
    stakeThreshold: 0n,
    ownerUid: null,
    validatorPermit: [true, true, true, false, false],
    maxAllowedValidators: 3,
    kappa: 32767,
    bondsPenalty: 65535,
    bondsMovingAverage: 900_000n,
    yuma3Enabled: false,
    liquidAlphaEnabled: false,
    alphaLow: 45875,
    alphaHigh: 58982,
    alphaSigmoidSteepness: 1000,
    lastMechanismStepBlock: 0n,
    raoEmission: 1_000_000_000n,
  } satisfies Partial<EpochInput>
  const lastUpdate = new Array<bigint>(n).fill(10n)
  const bonds: SparseRowU16[] = new Array<SparseRowU16>(n).fill([])
  const m0 = {
    lastUpdate,
    bonds,
    weights: [[[3, 65535]], [[3, 65535]], [[4, 65535]], [], []] as SparseRowU16[],
  }
  const m1 = {
    lastUpdate,
    bonds,
    weights: [[[4, 65535]], [[4, 65535]], [[3, 65535]], [], []] as SparseRowU16[],
  }

  test('each mechanism runs on its share; emissions add up; u16 terms are weighted', () => {
    const { perMechanism, aggregated } = runEpochWithMechanisms({
      ...shared,
      mechanisms: [m0, m1],
      emissionSplit: [16384, 49151],
    })
    const e0 = runEpoch({ ...shared, ...m0, raoEmission: 250_003_815n })
    const e1 = runEpoch({ ...shared, ...m1, raoEmission: 749_996_185n })
    expect(perMechanism).toEqual([e0, e1])
    expect(aggregated.serverEmission).toEqual(
      e0.serverEmission.map((x, i) => x + (e1.serverEmission[i] as bigint)),
    )
    // acc ← ⌊acc + x·wₘ⌋ with wₘ = ⌊Eₘ·2^64/E⌋ / 2^64 (U64F64), floored at every step.
    const w0 = (250_003_815n << 64n) / 1_000_000_000n
    const w1 = (749_996_185n << 64n) / 1_000_000_000n
    const acc = (a: number, b: number): number =>
      Number((((BigInt(a) * w0) >> 64n) * (1n << 64n) + BigInt(b) * w1) >> 64n)
    expect(aggregated.dividend).toEqual(e0.dividend.map((d, i) => acc(d, e1.dividend[i] as number)))
    expect(aggregated.incentive).toEqual(e0.incentive.map((x) => Number((BigInt(x) * w0) >> 64n)))
    expect(aggregated.active).toEqual([true, true, true, true, true])
  })

  test('§1.5 example: dividends 40 000 and 20 000 aggregate to 24 999', () => {
    const w0 = (250_003_815n << 64n) / 1_000_000_000n
    const w1 = (749_996_185n << 64n) / 1_000_000_000n
    const first = (40_000n * w0) >> 64n // ⌊10 000.15⌋ = 10 000
    expect(first).toBe(10_000n)
    expect(((first << 64n) + 20_000n * w1) >> 64n).toBe(24_999n)
  })
})
