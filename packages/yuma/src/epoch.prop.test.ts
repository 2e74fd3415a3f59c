import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { runEpoch } from './epoch.js'
import type { EpochInput } from './epochTypes.js'
import type { SparseRowU16 } from './types.js'

const ONE = 1n << 32n
type Variant = 'yuma2' | 'yuma3' | 'yuma3_liquid_alpha'

/**
 * A random subnet in a consistent chain state: bonds only on rows holding a permit (the chain
 * clears the others), blocks around the current block, weight rows in any order with zeros.
 */
const subnetArb = (
  variants: readonly Variant[],
  distinctStake: boolean,
): fc.Arbitrary<EpochInput> =>
  fc.integer({ min: 1, max: 9 }).chain((n) => {
    const uid = fc.integer({ min: 0, max: n - 1 })
    const row = fc.array(fc.tuple(uid, fc.integer({ min: 0, max: 65535 })), { maxLength: n })
    const dedupe = (r: [number, number][]): SparseRowU16 => {
      const seen = new Set<number>()
      return r.filter(([j]) => {
        if (seen.has(j)) return false
        seen.add(j)
        return true
      })
    }
    const stakeArb = distinctStake
      ? fc.uniqueArray(fc.bigInt({ min: 0n, max: 10n ** 15n }), { minLength: n, maxLength: n })
      : fc.array(fc.bigInt({ min: 0n, max: 10n ** 15n }), { minLength: n, maxLength: n })
    return fc
      .record({
        variant: fc.constantFrom(...variants),
        alphaStake: stakeArb,
        permits: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        weights: fc.array(row.map(dedupe), { minLength: n, maxLength: n }),
        bonds: fc.array(row.map(dedupe), { minLength: n, maxLength: n }),
        lastUpdate: fc.array(fc.bigInt({ min: 900n, max: 1000n }), { minLength: n, maxLength: n }),
        bar: fc.array(fc.bigInt({ min: 0n, max: 1000n }), { minLength: n, maxLength: n }),
        kappa: fc.integer({ min: 0, max: 65535 }),
        bondsPenalty: fc.constantFrom(0, 65535, 32767, 1234),
        k: fc.integer({ min: 1, max: 12 }),
        emission: fc.bigInt({ min: 0n, max: 10n ** 13n }),
      })
      .map(
        (r): EpochInput => ({
          n,
          currentBlock: 1000n,
          tempo: 100,
          activityCutoffFactorMilli: 1000,
          lastUpdate: r.lastUpdate,
          blockAtRegistration: r.bar,
          alphaStake: r.alphaStake,
          taoStake: new Array<bigint>(n).fill(0n),
          taoWeight: 0n,
          stakeThreshold: 0n,
          ownerUid: null,
          validatorPermit: r.permits,
          maxAllowedValidators: r.k,
          weights: r.weights,
          bonds: r.bonds.map((b, i) => (r.permits[i] === true ? b : [])),
          kappa: r.kappa,
          bondsPenalty: r.bondsPenalty,
          bondsMovingAverage: 900_000n,
          yuma3Enabled: r.variant !== 'yuma2',
          liquidAlphaEnabled: r.variant === 'yuma3_liquid_alpha',
          alphaLow: 45875,
          alphaHigh: 58982,
          alphaSigmoidSteepness: 1000,
          lastMechanismStepBlock: 0n,
          raoEmission: r.emission,
        }),
      )
  })

const all: readonly Variant[] = ['yuma2', 'yuma3', 'yuma3_liquid_alpha']

function sum(xs: readonly bigint[]): bigint {
  return xs.reduce((a, b) => a + b, 0n)
}

/** Σ of a normalised vector: 1 minus at most one ulp of truncation per entry, or all zero. */
function normalisedOrZero(xs: readonly bigint[]): boolean {
  const s = sum(xs)
  if (xs.every((x) => x === 0n)) return true
  return xs.every((x) => x >= 0n) && s <= ONE && s >= ONE - BigInt(xs.length)
}

describe('runEpoch invariants', () => {
  test.prop([subnetArb(all, false)])(
    'incentive and dividends each sum to 1 (or are all zero)',
    (input) => {
      const t = runEpoch(input, { trace: true }).trace
      expect(normalisedOrZero(t?.incentive ?? [])).toBe(true)
      expect(normalisedOrZero(t?.dividends ?? [])).toBe(true)
    },
  )

  test.prop([subnetArb(all, false)])(
    'emissions sum to the rao emission minus flooring dust',
    (input) => {
      const out = runEpoch(input)
      const n = BigInt(input.n)
      const e = input.raoEmission
      const paid = sum(out.serverEmission) + sum(out.validatorEmission)
      if (input.alphaStake.every((s) => s === 0n)) {
        expect(paid).toBe(0n) // zero total stake: nothing is distributed (yuma.md §1.8)
        return
      }
      // Each of the ≤ 2n normalised shares truncates < 1 ulp (2^-32 of E) and each amount
      // floors < 1 rao: E − paid < 2n·(E/2^32 + 1).
      expect(paid <= e).toBe(true)
      expect(e - paid < 2n * n * (e / ONE + 2n)).toBe(true)
      const combined = sum(out.emission)
      expect(combined <= e && e - combined < n * (e / ONE + 2n)).toBe(true)
    },
  )

  test.prop([subnetArb(all, false)])(
    'a validator with no permit never earns dividends',
    (input) => {
      const out = runEpoch(input, { trace: true })
      input.validatorPermit.forEach((p, i) => {
        if (!p) {
          expect(out.dividend[i]).toBe(0)
          expect(out.trace?.dividends[i]).toBe(0n)
        }
      })
    },
  )

  test.prop([subnetArb(['yuma2', 'yuma3'], false), fc.context()])(
    'permuting uids permutes the outputs (rows keep their stored order)',
    (input, ctx) => {
      const n = input.n
      const perm = Array.from({ length: n }, (_, i) => i)
      for (let i = n - 1; i > 0; i--) {
        const j = (i * 7 + 3) % (i + 1)
        ;[perm[i], perm[j]] = [perm[j] as number, perm[i] as number]
      }
      const p = (i: number): number => perm[i] as number
      const move = <T>(a: readonly T[]): T[] => {
        const out = new Array<T>(n)
        a.forEach((x, i) => {
          out[p(i)] = x
        })
        return out
      }
      const relabel = (rows: readonly SparseRowU16[]): SparseRowU16[] =>
        move(rows.map((r) => r.map(([j, w]) => [p(j), w] as const)))
      // Top-k ties go to the higher uid, so a permutation may move a permit between tied
      // stakes (distinct raw stakes can still tie after I32F32 truncation): K ≥ n avoids ties.
      const base: EpochInput = { ...input, maxAllowedValidators: 64 }
      const permuted: EpochInput = {
        ...base,
        lastUpdate: move(input.lastUpdate),
        blockAtRegistration: move(input.blockAtRegistration),
        alphaStake: move(input.alphaStake),
        taoStake: move(input.taoStake),
        validatorPermit: move(input.validatorPermit),
        weights: relabel(input.weights),
        bonds: relabel(input.bonds),
      }
      ctx.log(`perm ${JSON.stringify(perm)}`)
      const a = runEpoch(base)
      const b = runEpoch(permuted)
      const sorted = (r: [number, number][]): [number, number][] =>
        r.slice().sort((x, y) => x[0] - y[0])
      expect(b.stake).toEqual(move(a.stake))
      expect(b.consensus).toEqual(move(a.consensus))
      expect(b.incentive).toEqual(move(a.incentive))
      expect(b.dividend).toEqual(move(a.dividend))
      expect(b.validatorTrust).toEqual(move(a.validatorTrust))
      expect(b.newValidatorPermit).toEqual(move(a.newValidatorPermit))
      expect(b.serverEmission).toEqual(move(a.serverEmission))
      expect(b.validatorEmission).toEqual(move(a.validatorEmission))
      expect(b.emission).toEqual(move(a.emission))
      expect(b.bond.map(sorted)).toEqual(
        move(a.bond.map((r) => sorted(r.map(([j, v]) => [p(j), v])))),
      )
    },
  )
})
