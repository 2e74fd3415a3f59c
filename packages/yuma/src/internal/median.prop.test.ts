import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { medianCore, medianOfVoters, medianTyped, voterLists } from './median.js'

const ONE = 1n << 32n

// One column of the vote table: m voters, each with a stake and maybe a score (absent = 0).
const column = fc.integer({ min: 1, max: 24 }).chain((m) =>
  fc.tuple(
    fc.array(
      fc.oneof(
        fc.bigInt({ min: 0n, max: ONE }),
        fc.constantFrom(0n, 1n, ONE),
        fc.bigInt({ min: 0n, max: 1n << 58n }),
      ),
      { minLength: m, maxLength: m },
    ),
    // a score per voter; undefined = did not vote (score 0, not listed); few distinct values so
    // that ties are common
    fc.array(
      fc.option(
        fc.oneof(fc.constantFrom(0n, 1n, 7n, ONE >> 1n, ONE), fc.bigInt({ min: 0n, max: ONE })),
        { nil: undefined, freq: 3 },
      ),
      { minLength: m, maxLength: m },
    ),
    fc.oneof(
      fc.bigInt({ min: -(1n << 33n), max: 1n << 62n }),
      fc.constantFrom(-1n, 0n, ONE >> 1n, ONE),
    ),
  ),
)

describe("medianOfVoters (listed voters only) = medianCore (the chain's quickselect, whole column)", () => {
  test.prop([column], { numRuns: 4000 })(
    'same median on random columns with absent voters, ties and every minority',
    ([stakes, votes, minorityRaw]) => {
      const m = stakes.length
      const stake = BigInt64Array.from(stakes)
      const total = stakes.reduce((a, b) => a + b, 0n) // ≤ 24·2^58 < 2^63: no saturation
      const score = new BigInt64Array(m)
      const lists = voterLists(1, m)
      votes.forEach((v, k) => {
        if (v === undefined) return
        score[k] = v
        lists.uid[lists.len[0] as number] = k
        lists.len[0] = (lists.len[0] as number) + 1
        lists.stake[0] = (lists.stake[0] as bigint) + (stakes[k] as bigint)
      })
      // minority near the interesting range: around the total and the partial sums
      const minority = minorityRaw % (total + 2n)
      const scratch = new Int32Array(3 * m + 3)
      const idxs = Array.from({ length: m }, (_, k) => k)
      const whole = medianCore(stakes, Array.from(score), idxs, minority, 0n, total)
      expect(medianOfVoters(stake, score, 0, m, minority, total, lists, scratch)).toBe(whole)
    },
  )

  test('hand-derived: stakes 1, 2, 3 (total 6) on scores 0 (absent), 5, 9', () => {
    // S≤(0) = 1, S≤(5) = 3, S≤(9) = 6. minority 0 → 0 (1 > 0); 1 → 5; 2 → 5; 3 → 9; 6 → 9 (none passes: the largest)
    const stake = BigInt64Array.of(1n, 2n, 3n)
    const score = BigInt64Array.of(0n, 5n, 9n)
    const lists = voterLists(1, 3)
    lists.uid.set([1, 2])
    lists.len[0] = 2
    lists.stake[0] = 5n
    const scratch = new Int32Array(12)
    const got = [0n, 1n, 2n, 3n, 6n].map((mi) =>
      medianOfVoters(stake, score, 0, 3, mi, 6n, lists, scratch),
    )
    expect(got).toEqual([0n, 5n, 5n, 9n, 9n])
  })
})

describe('medianTyped (typed arrays, saturating) = medianCore', () => {
  const i64 = fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n })
  test.prop(
    [
      fc.integer({ min: 1, max: 16 }).chain((m) =>
        fc.tuple(
          // stakes of any sign and size, so that partial sums saturate
          fc.array(fc.oneof(i64, fc.constantFrom((1n << 63n) - 1n, -(1n << 63n), 0n)), {
            minLength: m,
            maxLength: m,
          }),
          fc.array(fc.oneof(fc.constantFrom(0n, 1n, ONE), i64), { minLength: m, maxLength: m }),
          i64,
          i64,
        ),
      ),
    ],
    { numRuns: 3000 },
  )('same median, saturation included', ([stakes, scores, minority, hi]) => {
    const m = stakes.length
    const idxs = Array.from({ length: m }, (_, k) => k)
    const scratch = new Int32Array(3 * m + 3)
    const got = medianTyped(
      BigInt64Array.from(stakes),
      BigInt64Array.from(scores),
      0,
      m,
      minority,
      hi,
      scratch,
    )
    expect(got).toBe(medianCore(stakes, scores, idxs, minority, 0n, hi))
  })
})
