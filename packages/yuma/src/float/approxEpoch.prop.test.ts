import { fc, test } from '@fast-check/vitest'
import { expect } from 'vitest'
import { runEpoch } from '../epoch.js'
import type { EpochInput } from '../epochTypes.js'
import { approxEpoch, toApproxEpochInput } from './approxEpoch.js'

/**
 * Float vs exact on random subnets. Documented tolerance (see approxEpoch): u16 outputs within 1
 * (here 2, as two floors can stack) and emissions within 1e-6 of the emission, except that a
 * consensus exactly at a κ boundary may flip, which random stakes make vanishingly unlikely.
 */
const subnet = fc
  .record({
    n: fc.integer({ min: 2, max: 10 }),
    yuma3: fc.boolean(),
    liquid: fc.boolean(),
    penalty: fc.constantFrom(0, 32767, 65535),
    seed: fc.array(fc.integer({ min: 0, max: 65535 }), { minLength: 300, maxLength: 300 }),
  })
  .map(({ n, yuma3, liquid, penalty, seed }): EpochInput => {
    let k = 0
    const next = () => seed[k++ % seed.length] as number
    const validators = Math.max(1, Math.min(n - 1, 1 + (next() % n)))
    const weights = Array.from({ length: n }, (_, i) => {
      if (i >= validators) return []
      const row: (readonly [number, number])[] = []
      for (let j = validators; j < n; j++)
        if (next() % 4 !== 0) row.push([j, 1 + (next() % 65535)] as const)
      return row
    })
    const bonds = Array.from({ length: n }, (_, i) =>
      i < validators ? (weights[i]?.map(([j]) => [j, next()] as const) ?? []) : [],
    )
    return {
      n,
      currentBlock: 10_000n,
      tempo: 360,
      activityCutoffFactorMilli: 13889,
      lastUpdate: Array.from({ length: n }, () => 9_990n),
      blockAtRegistration: Array.from({ length: n }, () => 0n),
      alphaStake: Array.from({ length: n }, (_, i) =>
        i < validators ? BigInt(1 + next()) * 10n ** 9n + BigInt(next()) : BigInt(next()),
      ),
      taoStake: Array.from({ length: n }, () => 0n),
      taoWeight: 0n,
      stakeThreshold: 0n,
      ownerUid: null,
      validatorPermit: Array.from({ length: n }, (_, i) => i < validators),
      maxAllowedValidators: validators,
      weights,
      bonds,
      kappa: 32767,
      bondsPenalty: penalty,
      bondsMovingAverage: 900_000n,
      yuma3Enabled: yuma3,
      liquidAlphaEnabled: liquid,
      alphaLow: 45875,
      alphaHigh: 58982,
      alphaSigmoidSteepness: 1000,
      lastMechanismStepBlock: 9_000n,
      raoEmission: 10n ** 9n,
    }
  })

test.prop([subnet], { numRuns: 150, seed: 20261201 })(
  'float mode agrees with exact mode',
  (input) => {
    const exact = runEpoch(input)
    const approx = approxEpoch(toApproxEpochInput(input))
    for (const f of [
      'consensus',
      'incentive',
      'dividend',
      'validatorTrust',
      'stakeWeight',
    ] as const) {
      const a = approx.u16[f]
      const e = exact[f]
      e.forEach((v, i) => {
        expect(Math.abs((a[i] as number) - v), `${f}[${i}]`).toBeLessThanOrEqual(2)
      })
    }
    for (const f of ['serverEmission', 'validatorEmission', 'emission'] as const)
      exact[f].forEach((v, i) => {
        expect(Math.abs((approx[f][i] as number) - Number(v)), `${f}[${i}]`).toBeLessThanOrEqual(
          1e3,
        )
      })
    expect(approx.newValidatorPermit).toEqual(exact.newValidatorPermit)
  },
)
