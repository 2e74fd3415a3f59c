import { isDtaoError } from '@dtao/errors'
import { describe, expect, test } from 'vitest'
import { runEpoch } from './epoch.js'
import { runEpochDense } from './epochDense.js'
import type { EpochInput } from './epochTypes.js'
import type { SparseRowU16 } from './types.js'

/** A subnet with chain-test defaults (mock runtime: TaoWeight 0, κ 32767, BMA 900 000, β 1). */
function subnet(over: Partial<EpochInput> & { n: number }): EpochInput {
  const n = over.n
  return {
    currentBlock: 1000n,
    tempo: 360,
    activityCutoffFactorMilli: 13889,
    lastUpdate: new Array<bigint>(n).fill(10n),
    blockAtRegistration: new Array<bigint>(n).fill(0n),
    alphaStake: new Array<bigint>(n).fill(0n),
    taoStake: new Array<bigint>(n).fill(0n),
    taoWeight: 0n,
    stakeThreshold: 0n,
    ownerUid: null,
    validatorPermit: new Array<boolean>(n).fill(false),
    maxAllowedValidators: 64,
    weights: new Array<SparseRowU16>(n).fill([]),
    bonds: new Array<SparseRowU16>(n).fill([]),
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
    ...over,
  }
}

describe('runEpoch: spec worked example W1 (original model, one epoch)', () => {
  // yuma.md §5.5 W1, computed by an independent exact re-implementation written for the spec.
  const input = subnet({
    n: 5,
    alphaStake: [600_000_000_000n, 300_000_000_000n, 100_000_000_000n, 0n, 0n],
    validatorPermit: [true, true, true, false, false],
    maxAllowedValidators: 3,
    weights: [
      [
        [3, 45875],
        [4, 19660],
      ],
      [
        [3, 39321],
        [4, 26214],
      ],
      [[4, 65535]],
      [],
      [],
    ],
  })
  const out = runEpoch(input, { trace: true })

  test('stake, consensus, incentive, dividends', () => {
    expect(out.trace?.normalisedStake[0]).toBe(2576980377n)
    expect(out.consensus.slice(3)).toEqual([45874, 19659])
    expect(out.incentive).toEqual([0, 0, 0, 43690, 21844])
    expect(out.dividend).toEqual([43690, 19660, 2184, 0, 0])
    expect(out.validatorTrust).toEqual([65534, 58980, 19659, 0, 0])
    expect(out.stakeWeight).toEqual([39320, 19660, 6553, 0, 0])
  })

  test('emission amounts in rao', () => {
    expect(out.serverEmission).toEqual([0n, 0n, 0n, 333337006n, 166662992n])
    expect(out.validatorEmission).toEqual([333334464n, 149999236n, 16666298n, 0n, 0n])
  })

  test('stored bonds are column max-upscaled', () => {
    expect(out.bond).toEqual([
      [
        [3, 65535],
        [4, 65535],
      ],
      [
        [3, 28086],
        [4, 32767],
      ],
      [[4, 10922]],
      [],
      [],
    ])
  })
})

describe('runEpoch: chain tests (pallets/subtensor/src/tests/epoch.rs)', () => {
  test('test_bonds epoch 1: bonds column 4 and emissions', () => {
    // n = 8, stakes [1, 2, 3, 4, 0×4], K = 8; validators 0–3 weight uids 4–7 with
    // [16383, 32767, 49149, 65535]. Expected values are the test's assertions (yuma.md §5.2).
    const w: SparseRowU16 = [
      [4, 16383],
      [5, 32767],
      [6, 49149],
      [7, 65535],
    ]
    const input = subnet({
      n: 8,
      currentBlock: 2n,
      tempo: 1,
      lastUpdate: new Array<bigint>(8).fill(2n),
      blockAtRegistration: new Array<bigint>(8).fill(1n),
      lastMechanismStepBlock: 1n,
      alphaStake: [1n, 2n, 3n, 4n, 0n, 0n, 0n, 0n],
      validatorPermit: [true, true, true, true, false, false, false, false],
      maxAllowedValidators: 8,
      weights: [w, w, w, w, [], [], [], []],
    })
    const out = runEpoch(input)
    expect(out.bond.slice(0, 4).map((r) => r.find(([j]) => j === 4)?.[1])).toEqual([
      16383, 32767, 49151, 65535,
    ])
    const emission = out.serverEmission.map((s, i) => s + (out.validatorEmission[i] as bigint))
    expect(emission).toEqual([
      49999998n,
      99999999n,
      150000000n,
      200000001n,
      49998779n,
      100000610n,
      149996337n,
      200004272n,
    ])
  })

  test('test_10_graph: self-weights only ⇒ 99 999 999 each (emergency path on stake)', () => {
    const n = 10
    const input = subnet({
      n,
      currentBlock: 2n,
      tempo: 1,
      lastUpdate: new Array<bigint>(n).fill(2n),
      alphaStake: new Array<bigint>(n).fill(1n),
      weights: Array.from({ length: n }, (_, i) => [[i, 65535]] as SparseRowU16),
    })
    const out = runEpoch(input)
    expect(out.emission).toEqual(new Array(n).fill(99_999_999n))
    expect(out.consensus).toEqual(new Array(n).fill(0))
    expect(out.incentive).toEqual(new Array(n).fill(0))
    expect(out.dividend).toEqual(new Array(n).fill(0))
  })

  test('test_512_graph: 64 validators, 448 servers, uniform weights', () => {
    const n = 512
    const v = 64
    const row: SparseRowU16 = Array.from({ length: n - v }, (_, k) => [v + k, 65535] as const)
    const input = subnet({
      n,
      currentBlock: 2n,
      tempo: 1,
      lastUpdate: new Array<bigint>(n).fill(2n),
      blockAtRegistration: new Array<bigint>(n).fill(1n),
      alphaStake: Array.from({ length: n }, (_, i) => (i < v ? 328_125_000_000_000n : 0n)),
      validatorPermit: Array.from({ length: n }, (_, i) => i < v),
      maxAllowedValidators: v,
      weights: Array.from({ length: n }, (_, i) => (i < v ? row : [])),
    })
    const out = runEpoch(input)
    expect(new Set(out.dividend.slice(0, v))).toEqual(new Set([1023]))
    expect(new Set(out.emission.slice(0, v))).toEqual(new Set([7_812_500n]))
    expect(new Set(out.consensus.slice(v))).toEqual(new Set([146]))
    expect(new Set(out.incentive.slice(v))).toEqual(new Set([146]))
    expect(new Set(out.emission.slice(v))).toEqual(new Set([1_116_071n]))
    expect(new Set(out.bond.slice(0, v).flatMap((r) => r.map(([, b]) => b)))).toEqual(
      new Set([65535]),
    )
  })

  test('epoch_logs: three equal validators, V0 and V2 → s3, V1 → s4 (explicit zeros)', () => {
    // C = [0, 0, 0, 1, 0], VT = [1, 0, 1, 0, 0], D = [.5, 0, .5, 0, 0], combined [.25, 0, .25, .5, 0].
    const input = subnet({
      n: 5,
      alphaStake: [1_000_000_000n, 1_000_000_000n, 1_000_000_000n, 0n, 0n],
      validatorPermit: [true, true, true, false, false],
      weights: [
        [
          [3, 65535],
          [4, 0],
        ],
        [
          [3, 0],
          [4, 65535],
        ],
        [
          [3, 65535],
          [4, 0],
        ],
        [],
        [],
      ],
    })
    const out = runEpoch(input)
    expect(out.consensus).toEqual([0, 0, 0, 65535, 0])
    expect(out.validatorTrust).toEqual([65535, 0, 65535, 0, 0])
    expect(out.dividend).toEqual([32767, 0, 32767, 0, 0])
    // combined = ⌊CE·10⁹⌋ with CE = [¼, 0, ¼, ½, 0] (all exact in I32F32)
    expect(out.emission).toEqual([250_000_000n, 0n, 250_000_000n, 500_000_000n, 0n])
  })
})

describe('runEpoch: Yuma 3 with liquid alpha (spec W2, kappa moves first, epoch 0)', () => {
  test('α = 0.1013309404 → stored 6640; D = [52428, 6553, 6553]', () => {
    // Stakes 8:1:1, servers 3 and 4, α ∈ [6553, 19660]/65535, s = 1000, BMA 975 000, β = 0,
    // K = 3, tempo 1, 10⁹ rao (yuma.md §4 and §5.5 W2).
    const w: SparseRowU16 = [[3, 65535]]
    const input = subnet({
      n: 5,
      currentBlock: 2n,
      tempo: 1,
      lastUpdate: new Array<bigint>(5).fill(2n),
      blockAtRegistration: new Array<bigint>(5).fill(1n),
      lastMechanismStepBlock: 1n,
      alphaStake: [800_000_000n, 100_000_000n, 100_000_000n, 0n, 0n],
      validatorPermit: [true, true, true, false, false],
      maxAllowedValidators: 3,
      weights: [w, w, w, [], []],
      bondsPenalty: 0,
      bondsMovingAverage: 975_000n,
      yuma3Enabled: true,
      liquidAlphaEnabled: true,
      alphaLow: 6553,
      alphaHigh: 19660,
    })
    const out = runEpoch(input)
    expect(out.bond.slice(0, 3)).toEqual([[[3, 6640]], [[3, 6640]], [[3, 6640]]])
    expect(out.dividend.slice(0, 3)).toEqual([52428, 6553, 6553])
    expect(out.validatorEmission.slice(0, 3)).toEqual([400_000_000n, 49_999_999n, 49_999_999n])
    expect(out.serverEmission[3]).toBe(500_000_000n)
  })
})

describe('runEpoch: edge cases', () => {
  test('n = 0 gives empty outputs', () => {
    const out = runEpoch(subnet({ n: 0 }))
    expect(out).toEqual({
      stake: [],
      stakeWeight: [],
      consensus: [],
      incentive: [],
      dividend: [],
      validatorTrust: [],
      active: [],
      newValidatorPermit: [],
      serverEmission: [],
      validatorEmission: [],
      emission: [],
      bond: [],
    })
    expect(runEpochDense(subnet({ n: 0 })).stored.bonds).toEqual([])
  })

  test('zero total stake ⇒ nothing is distributed', () => {
    const out = runEpoch(subnet({ n: 3, weights: [[[1, 65535]], [], []] }))
    expect(out.emission).toEqual([0n, 0n, 0n])
    expect(out.newValidatorPermit).toEqual([false, false, false])
  })

  test('a permit vector shorter than n forbids the missing uids (test_bad_permit_vector)', () => {
    const input = subnet({
      n: 2,
      alphaStake: [1n, 1n],
      validatorPermit: [true],
      weights: [[], [[0, 65535]]],
    })
    // uid 1 is forbidden: its weights are masked and its stake is not active ⇒ VE = A = [1, 0].
    expect(runEpoch(input).validatorEmission).toEqual([1_000_000_000n, 0n])
  })

  test('a LastUpdate longer than n is harmless', () => {
    const base = subnet({ n: 2, alphaStake: [1n, 1n], validatorPermit: [true, true] })
    const longer = { ...base, lastUpdate: [10n, 10n, 10n, 10n] }
    expect(runEpoch(longer).emission).toEqual(runEpoch(base).emission)
  })

  test('the owner keeps its self-weight and is exempt from the stake threshold', () => {
    const input = subnet({
      n: 2,
      alphaStake: [5n, 1_000n],
      stakeThreshold: 100n,
      ownerUid: 0,
      validatorPermit: [false, true],
      weights: [[[0, 65535]], [[0, 65535]]],
    })
    const out = runEpoch(input, { trace: true })
    expect(out.trace?.filteredStake[0]).toBe(5n << 64n)
    expect(out.trace?.validatorPermits).toEqual([true, true])
    expect(out.trace?.weightsPermitDiag[0]).toEqual([[0, 65535n << 32n]])
    expect(out.newValidatorPermit[0]).toBe(true)
  })
})

describe('runEpoch: bad input gives typed errors', () => {
  const ok = subnet({ n: 2, alphaStake: [1n, 1n] })
  const cases: [string, Partial<EpochInput>, string][] = [
    ['alphaStake of the wrong length', { alphaStake: [1n] }, 'Yuma.LengthMismatchError'],
    ['weights of the wrong length', { weights: [[]] }, 'Yuma.LengthMismatchError'],
    ['bonds of the wrong length', { bonds: [[], [], []] }, 'Yuma.LengthMismatchError'],
    [
      'blockAtRegistration of the wrong length',
      { blockAtRegistration: [] },
      'Yuma.LengthMismatchError',
    ],
    ['a weight uid ≥ n', { weights: [[[2, 1]], []] }, 'Yuma.UidOutOfRangeError'],
    ['a bond uid ≥ n', { bonds: [[[7, 1]], []] }, 'Yuma.UidOutOfRangeError'],
    ['an owner uid ≥ n', { ownerUid: 5 }, 'Yuma.UidOutOfRangeError'],
    ['a weight above 65535', { weights: [[[1, 65536]], []] }, 'Yuma.InvalidValueError'],
    ['a negative weight', { weights: [[[1, -1]], []] }, 'Yuma.InvalidValueError'],
    ['a fractional uid', { weights: [[[0.5, 1]], []] }, 'Yuma.InvalidValueError'],
    ['negative stake', { alphaStake: [-1n, 1n] }, 'Yuma.InvalidValueError'],
    ['stake above u64', { taoStake: [1n << 64n, 0n] }, 'Yuma.InvalidValueError'],
    ['κ above u16', { kappa: 65536 }, 'Yuma.InvalidValueError'],
    ['κ negative', { kappa: -1 }, 'Yuma.InvalidValueError'],
    ['steepness outside i16', { alphaSigmoidSteepness: 40000 }, 'Yuma.InvalidValueError'],
    ['n outside u16', { n: 70000 }, 'Yuma.InvalidValueError'],
    [
      'a number where u64 is expected',
      { currentBlock: 5 as unknown as bigint },
      'Yuma.InvalidValueError',
    ],
  ]
  for (const [what, over, name] of cases) {
    test(what, () => {
      let caught: unknown
      try {
        runEpoch({ ...ok, ...over })
      } catch (e) {
        caught = e
      }
      expect(isDtaoError(caught, name)).toBe(true)
    })
  }

  test("uidRange: 'chain' drops weights towards uids ≥ n, as the chain's loader does", () => {
    const input = subnet({
      n: 2,
      alphaStake: [1n, 1n],
      validatorPermit: [true, true],
      weights: [
        [
          [1, 65535],
          [9, 65535],
        ],
        [],
      ],
    })
    const chain = runEpoch(input, { uidRange: 'chain' })
    const clean = runEpoch({ ...input, weights: [[[1, 65535]], []] })
    expect(chain).toEqual(clean)
  })

  test("uidRange: 'chain' reads missing per-uid entries as 0 / empty, like the storage getters", () => {
    const input = subnet({ n: 3, alphaStake: [1n, 1n, 0n], validatorPermit: [true, true, false] })
    const short: EpochInput = {
      ...input,
      alphaStake: [1n, 1n],
      weights: [[[2, 65535]]],
      bonds: [],
    }
    const padded = { ...input, weights: [[[2, 65535]], [], []] as SparseRowU16[] }
    expect(runEpoch(short, { uidRange: 'chain' })).toEqual(runEpoch(padded))
    expect(
      isDtaoError(
        catchIt(() => runEpoch(short)),
        'Yuma.LengthMismatchError',
      ),
    ).toBe(true)
  })

  test('error messages name the field and the value', () => {
    expect(() => runEpoch({ ...ok, alphaStake: [1n] })).toThrowErrorMatchingInlineSnapshot(`
      [Yuma.LengthMismatchError: alphaStake has length 1, expected 2 (one entry per uid).

      Every per-uid array of an epoch input must have exactly n entries.

      Version: @dtao 0.0.0]
    `)
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
