import { describe, expect, it } from 'vitest'
import {
  type ApproxEpochInput,
  type ApproxSparseRow,
  approxEpoch,
  toFloatCsr,
} from './approxEpoch.js'

/** Spec yuma.md §5.5 W1 (original model, one epoch). */
const w1: ApproxEpochInput = {
  n: 5,
  currentBlock: 1000,
  tempo: 1000,
  activityCutoffFactorMilli: 5000, // cutoff 5000 blocks
  lastUpdate: [10, 10, 10, 10, 10],
  blockAtRegistration: [0, 0, 0, 0, 0],
  stake: [6e11, 3e11, 1e11, 0, 0],
  stakeThreshold: 0,
  ownerUid: null,
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
  bonds: [[], [], [], [], []],
  kappa: 32767,
  bondsPenalty: 65535,
  bondsMovingAverage: 900_000,
  yuma3Enabled: false,
  liquidAlphaEnabled: false,
  alphaLow: 45875,
  alphaHigh: 58982,
  alphaSigmoidSteepness: 1000,
  lastMechanismStepBlock: 0,
  raoEmission: 1e9,
}

const close = (got: ArrayLike<number>, want: readonly number[], tol: number) => {
  expect(got.length).toBe(want.length)
  want.forEach((w, i) => {
    expect(Math.abs((got[i] as number) - w)).toBeLessThanOrEqual(tol)
  })
}

describe('approxEpoch on worked example W1', () => {
  const out = approxEpoch(w1)
  it('consensus is the 45875/65535 and 19660/65535 levels', () => {
    // column 3: V0 (.6 stake) votes .700008 ≥ V1's .6 → support .6 ≥ κ; column 4: every vote ≥ .299992
    close(out.consensus, [0, 0, 0, 45875 / 65535, 19660 / 65535], 1e-12)
  })
  it('incentive, dividends and trust match the spec within 1e-6', () => {
    // R3 = .6·.700008 + .3·.6, R4 = (.6 + .3 + .1)·.299992; I = R/ΣR
    close(out.incentive, [0, 0, 0, 0.6666740137, 0.3333259861], 1e-6)
    close(out.dividends, [0.6666689294, 0.2999984724, 0.0333325979, 0, 0], 1e-6)
    close(out.validatorTrust, [0.9999999998, 0.8999923703, 0.2999923704, 0, 0], 1e-6)
  })
  it('emission amounts are within a few rao of the chain', () => {
    close(out.serverEmission, [0, 0, 0, 333337006, 166662992], 4)
    close(out.validatorEmission, [333334464, 149999236, 16666298, 0, 0], 4)
  })
  it('stored bonds are the column max-upscaled u16 rows (±1)', () => {
    const want = [
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
    ]
    out.bonds.forEach((row, i) => {
      const w = want[i] as number[][]
      expect(row.map(([j]) => j)).toEqual(w.map(([j]) => j))
      row.forEach(([, v], k) => {
        expect(Math.abs(v - ((w[k] as number[])[1] as number))).toBeLessThanOrEqual(1)
      })
    })
  })
  it('new permits go to the top 3 stakes', () => {
    expect(out.newValidatorPermit).toEqual([true, true, true, false, false])
  })
  it('new permits come from the stake weights as the call returned them', () => {
    const later = approxEpoch({ ...w1, maxAllowedValidators: 2 })
    // stakes 6:3:1 → the top 2 are uids 0 and 1, whatever is written to the outputs afterwards
    later.stakeWeight.set([0, 0, 0, 0.5, 0.5])
    expect(later.newValidatorPermit).toEqual([true, true, false, false, false])
    expect(later.bonds[2]).toEqual([])
  })
})

describe('approxEpoch edge cases', () => {
  it('zero total stake distributes nothing', () => {
    const out = approxEpoch({ ...w1, stake: [0, 0, 0, 0, 0] })
    expect(Array.from(out.emission)).toEqual([0, 0, 0, 0, 0])
  })
  it('no weights: the emergency path pays validators by active stake', () => {
    const out = approxEpoch({ ...w1, weights: [[], [], [], [], []] })
    close(out.validatorEmission, [6e8, 3e8, 1e8, 0, 0], 1)
    expect(Array.from(out.serverEmission)).toEqual([0, 0, 0, 0, 0])
  })
  it('rejects short per-uid arrays', () => {
    expect(() => approxEpoch({ ...w1, stake: [1] })).toThrow(/Invalid float-mode input/)
  })
})

describe('approxEpoch stored bonds', () => {
  it('are the same when read after later calls reused the scratch buffers', () => {
    const first = approxEpoch(w1)
    const fresh = approxEpoch(w1).bonds
    approxEpoch({ ...w1, stake: [1e11, 3e11, 6e11, 0, 0] })
    expect(first.bonds).toEqual(fresh)
  })
})

describe('approxEpoch on packed rows', () => {
  it('gives the same result for FloatCsr weights and bonds as for tuple rows', () => {
    const tuples = approxEpoch({ ...w1, bonds: [[[3, 100]], [[4, 200]], [], [], []] })
    const packedIn = approxEpoch({
      ...w1,
      weights: toFloatCsr(w1.weights as ApproxSparseRow[]),
      bonds: toFloatCsr([[[3, 100]], [[4, 200]], [], [], []]),
    })
    expect(Array.from(packedIn.dividends)).toEqual(Array.from(tuples.dividends))
    expect(packedIn.bonds).toEqual(tuples.bonds)
    expect(packedIn.bondsCsr).toEqual(toFloatCsr(tuples.bonds))
  })
})

describe('approxEpoch u16 outputs', () => {
  it('are ⌊x·65535⌋ of the outputs as the call returned them', () => {
    const out = approxEpoch(w1)
    const floors = (x: Float64Array) => Array.from(x, (v) => Math.floor(v * 65535))
    const want = {
      stakeWeight: floors(out.stakeWeight),
      consensus: floors(out.consensus),
      incentive: floors(out.incentive),
      dividend: floors(out.dividends),
      validatorTrust: floors(out.validatorTrust),
    }
    // writing to the float outputs afterwards changes nothing
    for (const x of [out.stakeWeight, out.consensus, out.incentive, out.dividends]) x.fill(0.5)
    out.validatorTrust.fill(0.5)
    expect(out.u16).toEqual(want)
    // spec W1: incentive .6666740137 and .3333259861 → 43691 and 21844 (±1 against exact mode)
    close(out.u16.incentive, [0, 0, 0, 43691, 21844], 1)
  })
  it('are NaN where the output is NaN', () => {
    // infinite and NaN stored bonds and weights reach the Yuma 3 outputs as NaN
    const I = Number.POSITIVE_INFINITY
    let nans = 0
    for (const inp of [
      { ...w1, bonds: [[[3, I]], [[3, Number.NaN]], [], [], []], yuma3Enabled: true },
      {
        ...w1,
        weights: [
          [
            [3, I],
            [4, -I],
          ],
          [[3, 1]],
          [],
          [],
          [],
        ],
        yuma3Enabled: true,
      },
    ] as ApproxEpochInput[]) {
      const out = approxEpoch(inp)
      for (const [x, u] of [
        [out.incentive, out.u16.incentive],
        [out.dividends, out.u16.dividend],
        [out.validatorTrust, out.u16.validatorTrust],
      ] as const)
        x.forEach((v, k) => {
          if (Number.isNaN(v)) nans++
          expect(u[k]).toBe(
            Number.isNaN(v) ? Number.NaN : Math.min(65535, Math.max(0, Math.floor(v * 65535))),
          )
        })
    }
    expect(nans).toBeGreaterThan(0)
  })
})
