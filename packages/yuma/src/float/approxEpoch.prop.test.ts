import { fc, test } from '@fast-check/vitest'
import { expect } from 'vitest'
import { runEpoch } from '../epoch.js'
import type { EpochInput } from '../epochTypes.js'
import { approxEpoch, toApproxEpochInput } from './approxEpoch.js'
import { yuma3Hyperparameters } from './testSubnet.js'

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

/**
 * The consensus against a brute-force weighted median (yuma.md E6: the largest vote whose support
 * Σ{stake : vote ≥ v} reaches κ), on many validators with a few single-entry rows: their vote of 1
 * is an outlier that puts every other vote of its column into one value bucket.
 */
test.prop(
  [
    fc.integer({ min: 9, max: 48 }),
    fc.array(fc.integer({ min: 0, max: 65535 }), { minLength: 4000, maxLength: 4000 }),
  ],
  { numRuns: 60, seed: 20261202 },
)('consensus is the weighted median of the normalised votes', (v, seed) => {
  let k = 0
  const next = () => seed[k++ % seed.length] as number
  const cols = Math.ceil(v / 2)
  const n = v + cols
  const weights = Array.from({ length: n }, (_, i): [number, number][] => {
    if (i >= v) return []
    if (next() % 5 === 0) return [[v + (next() % cols), 1 + next()]] // an outlier row
    return Array.from({ length: cols }, (_, c): [number, number] => [v + c, next()])
  })
  const stake = Array.from({ length: n }, (_, i) => (i < v ? 1e9 + next() * 1e6 : 0))
  const out = approxEpoch({
    ...yuma3Hyperparameters,
    n,
    lastUpdate: Array.from({ length: n }, () => 990),
    blockAtRegistration: Array.from({ length: n }, () => 0),
    stake,
    ownerUid: null,
    validatorPermit: Array.from({ length: n }, (_, i) => i < v),
    maxAllowedValidators: v,
    weights,
    bonds: Array.from({ length: n }, () => []),
  })
  const total = stake.reduce((a, b) => a + b, 0)
  const kappa = 32767 / 65535
  for (let c = 0; c < cols; c++) {
    const votes = weights.slice(0, v).map((row, i) => {
      const sum = row.reduce((a, e) => a + e[1], 0)
      const e = row.find(([j]) => j === v + c)
      return {
        vote: e === undefined || sum === 0 ? 0 : e[1] / sum,
        stake: (stake[i] as number) / total,
      }
    })
    const levels = [...new Set(votes.map((x) => x.vote))].sort((a, b) => b - a)
    let want = levels[levels.length - 1] as number
    for (const level of levels) {
      const support = votes.filter((x) => x.vote >= level).reduce((a, x) => a + x.stake, 0)
      if (support >= kappa) {
        want = level
        break
      }
    }
    expect(out.consensus[v + c], `column ${v + c}`).toBe(want)
  }
})

/**
 * The same subnet with 64 idle uids added (no stake, weights or bonds) must give the same values
 * for the original uids: that padding makes the rows sparse, so it moves Yuma 3's EMA from dense
 * rows to packed ones and the consensus from the vote buckets to the per-column lists. The stored
 * bonds include NaN, ±∞, −0, values that floor below 2⁻³², and (in some rows) repeated and
 * unordered uids.
 */
test.prop(
  [
    fc.integer({ min: 2, max: 9 }),
    fc.integer({ min: 1, max: 6 }),
    fc.array(fc.integer({ min: 0, max: 65535 }), { minLength: 600, maxLength: 600 }),
  ],
  { numRuns: 200, seed: 20261203 },
)('idle uids change no value (dense and packed paths agree)', (v, cols, seed) => {
  let k = 0
  const next = () => seed[k++ % seed.length] as number
  const n = v + cols
  const specials = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1e-6]
  const weights = Array.from({ length: n }, (_, i): [number, number][] =>
    i < v
      ? Array.from({ length: n }, (_, j): [number, number] => [j, next()]).filter(
          () => next() % 8 !== 0,
        )
      : [],
  )
  const bonds = Array.from({ length: n }, (_, i): [number, number][] => {
    if (i >= v) return []
    const row = Array.from({ length: n }, (_, j): [number, number] => [
      j,
      next() % 16 === 0 ? (specials[next() % specials.length] as number) : next(),
    ])
    if (next() % 4 === 0) row.push([next() % n, next()]) // a repeated uid, out of order
    return row
  })
  const base = {
    ...yuma3Hyperparameters,
    ownerUid: null,
    maxAllowedValidators: v,
  }
  const stake = Array.from({ length: n }, (_, i) => (i < v ? 1e9 + next() * 1e6 : next()))
  const epochOf = (size: number) =>
    approxEpoch({
      ...base,
      n: size,
      lastUpdate: Array.from({ length: size }, () => 990),
      blockAtRegistration: Array.from({ length: size }, (_, j) => (j < n ? next() % 2 : 0) * 700),
      stake: Array.from({ length: size }, (_, j) => (j < n ? (stake[j] as number) : 0)),
      validatorPermit: Array.from({ length: size }, (_, i) => i < v),
      weights: Array.from({ length: size }, (_, i) => weights[i] ?? []),
      bonds: Array.from({ length: size }, (_, i) => bonds[i] ?? []),
    })
  const at = k
  const small = epochOf(n)
  k = at // the same registrations for the padded subnet
  const padded = epochOf(n + 64)
  for (const f of [
    'stakeWeight',
    'activeStake',
    'consensus',
    'validatorTrust',
    'incentive',
    'dividends',
    'emission',
  ] as const)
    expect(Array.from(padded[f].subarray(0, n)), f).toStrictEqual(Array.from(small[f]))
  expect(padded.bonds.slice(0, n)).toStrictEqual(small.bonds)
})
