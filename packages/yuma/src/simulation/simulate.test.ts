import { isDtaoError } from '@dtao/errors'
import { describe, expect, it } from 'vitest'
import type { EpochInput } from '../epochTypes.js'
import { applyEpoch, simulate, simulateFloat } from './simulate.js'

const base: EpochInput = {
  n: 3,
  currentBlock: 1000n,
  tempo: 100,
  activityCutoffFactorMilli: 13889,
  lastUpdate: [990n, 990n, 990n],
  blockAtRegistration: [0n, 0n, 0n],
  alphaStake: [10n ** 12n, 10n ** 11n, 0n],
  taoStake: [0n, 0n, 0n],
  taoWeight: 0n,
  stakeThreshold: 0n,
  ownerUid: null,
  validatorPermit: [true, true, false],
  maxAllowedValidators: 2,
  weights: [[[2, 65535]], [[2, 65535]], []],
  bonds: [[], [], []],
  kappa: 32767,
  bondsPenalty: 65535,
  bondsMovingAverage: 900_000n,
  yuma3Enabled: true,
  liquidAlphaEnabled: false,
  alphaLow: 45875,
  alphaHigh: 58982,
  alphaSigmoidSteepness: 1000,
  lastMechanismStepBlock: 0n,
  raoEmission: 10n ** 9n,
}

describe('simulate', () => {
  it('persists permits and bonds and advances the block by tempo', () => {
    const run = simulate(base, [], { epochs: 3 })
    expect(run).toHaveLength(3)
    const [e0, e1] = run
    expect(e1?.input.currentBlock).toBe(1100n)
    expect(e1?.input.lastMechanismStepBlock).toBe(1000n)
    expect(e1?.input.bonds).toEqual(e0?.output.bond.map((r) => r.map(([j, v]) => [j, v])))
    expect(e1?.input.validatorPermit).toEqual(e0?.output.newValidatorPermit)
    // Yuma 3 bonds on the one server grow from epoch to epoch
    const bond = (k: number) => run[k]?.output.bond[0]?.[0]?.[1] as number
    expect(bond(1)).toBeGreaterThan(bond(0))
  })
  it('applyEpoch writes what the chain persists', () => {
    const after = applyEpoch(base, {
      newValidatorPermit: [true, false, false],
      bond: [[[2, 7]], [], []],
    })
    expect(after.validatorPermit).toEqual([true, false, false])
    expect(after.bonds).toEqual([[[2, 7]], [], []])
    expect(after.lastMechanismStepBlock).toBe(1000n)
  })
  it('registration clears the uid and zeroes weights towards it', () => {
    const [e0] = simulate(base, [{ register: [{ uid: 2 }] }])
    expect(e0?.input.weights[0]).toEqual([[2, 0]])
    expect(e0?.input.blockAtRegistration[2]).toBe(1000n)
  })
  it('applies stake and hyperparameter changes and reports progress', () => {
    const seen: number[] = []
    const [e0] = simulate(
      base,
      [{ stakeDelta: { 1: 10n ** 11n }, hyperparameters: { kappa: 0 } }],
      {
        onProgress: (e, total) => seen.push(e, total),
      },
    )
    expect(e0?.input.alphaStake[1]).toBe(2n * 10n ** 11n)
    expect(e0?.input.kappa).toBe(0)
    expect(seen).toEqual([0, 1])
  })
  it('rejects steps naming uids outside the subnet', () => {
    try {
      simulate(base, [{ setWeights: { 7: [] } }])
      expect.unreachable()
    } catch (e) {
      expect(isDtaoError(e, 'Yuma.InvalidScenarioError')).toBe(true)
    }
  })
  it('simulateFloat follows simulate (u16 dividends within 1)', () => {
    const exact = simulate(base, [], { epochs: 5 })
    const approx = simulateFloat(base, [], { epochs: 5 })
    exact.forEach((r, e) => {
      r.output.dividend.forEach((d, i) => {
        expect(Math.abs((approx[e]?.output.u16.dividend[i] as number) - d)).toBeLessThanOrEqual(1)
      })
    })
  })
})
