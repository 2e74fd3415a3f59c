import { fc, test } from '@fast-check/vitest'
import { afterEach, describe, expect, it } from 'vitest'
import {
  type ApproxEpochInput,
  approxEpoch,
  approxEpochEngine,
  type FloatCsr,
  toFloatCsr,
} from './approxEpoch.js'
import { fromBase64, kernel, kernelCalls, useKernel } from './internal/kernel.js'
import { yuma3Hyperparameters } from './testSubnet.js'

afterEach(() => useKernel(true))

/** Every value of two results, compared with Object.is (so −0 ≠ 0 and NaN = NaN). */
function expectSame(a: ReturnType<typeof approxEpoch>, b: ReturnType<typeof approxEpoch>): void {
  for (const f of [
    'stakeWeight',
    'activeStake',
    'consensus',
    'validatorTrust',
    'incentive',
    'dividends',
    'serverEmission',
    'validatorEmission',
    'emission',
  ] as const)
    expect(Array.from(a[f]), f).toStrictEqual(Array.from(b[f]))
  expect(a.u16).toStrictEqual(b.u16)
  expect(a.bonds).toStrictEqual(b.bonds)
  expect(Array.from(a.bondsCsr.val)).toStrictEqual(Array.from(b.bondsCsr.val))
}

/**
 * Dense Yuma 3 subnets (the kernel's case): full weight rows, masked by recent registrations
 * (through the last update or the commit block) and the diagonal, stored bonds with NaN, ±∞, −0,
 * values that floor below 2⁻³², uids outside 0 … n − 1, repeated and unordered uids, and
 * recently registered columns whose bonds are dropped.
 */
const denseSubnet = fc
  .record({
    v: fc.integer({ min: 1, max: 12 }),
    cols: fc.integer({ min: 1, max: 12 }),
    seed: fc.array(fc.integer({ min: 0, max: 65535 }), { minLength: 800, maxLength: 800 }),
  })
  .map(({ v, cols, seed }): ApproxEpochInput => {
    let k = 0
    const next = () => seed[k++ % seed.length] as number
    const n = v + cols
    const specials = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1e-6]
    return {
      ...yuma3Hyperparameters,
      n,
      // rows updated before a registration mask its column; commits before it mask it too
      lastUpdate: Array.from({ length: n }, () => (next() % 4 === 0 ? 790 : 990)),
      blockAtRegistration: Array.from({ length: n }, () => (next() % 5 === 0 ? 800 : 0)),
      ...(next() % 3 === 0
        ? { commitBlocks: Array.from({ length: n }, () => (next() % 4 === 0 ? 700 : 900)) }
        : {}),
      stake: Array.from({ length: n }, (_, i) => (i < v ? 1e9 + next() * 1e6 : next())),
      ownerUid: next() % 3 === 0 ? next() % n : null,
      validatorPermit: Array.from({ length: n }, (_, i) => i < v),
      maxAllowedValidators: v,
      weights: Array.from({ length: n }, (_, i): [number, number][] =>
        i < v ? Array.from({ length: n }, (_, j): [number, number] => [j, next()]) : [],
      ),
      bonds: Array.from({ length: n }, (_, i): [number, number][] => {
        if (i >= v) return []
        const row = Array.from({ length: n }, (_, j): [number, number] => [
          j,
          next() % 16 === 0 ? (specials[next() % specials.length] as number) : next(),
        ])
        // a uid out of order, or out of range
        if (next() % 4 === 0) row.push([(next() % (n + 4)) - 2, next()])
        return row
      }),
    }
  })

describe('the WebAssembly kernel', () => {
  it('loads in Node, and approxEpochEngine says so', () => {
    expect(kernel()).not.toBeNull()
    expect(approxEpochEngine()).toBe('webassembly')
    useKernel(false)
    expect(approxEpochEngine()).toBe('typescript')
  })

  test.prop([fc.uint8Array({ maxLength: 64 })], { numRuns: 200, seed: 20261205 })(
    'its base64 decoder agrees with Node’s',
    (bytes) => {
      const text = Buffer.from(bytes).toString('base64')
      expect(Array.from(fromBase64(text))).toStrictEqual(Array.from(bytes))
    },
  )

  test.prop([denseSubnet], { numRuns: 300, seed: 20261204 })(
    'gives the TypeScript loops’ values bit for bit',
    (input) => {
      const before = { ...kernelCalls }
      const withKernel = approxEpoch(input)
      const bondsWith = withKernel.bonds // (read now: a later call reuses the kernel's memory)
      expect(kernelCalls, 'every kernel ran').toStrictEqual({
        weightsOf: before.weightsOf + 1,
        medianFast: before.medianFast + 1,
        clipEma: before.clipEma + 1,
        dividends: before.dividends + 1,
      })
      useKernel(false)
      const without = approxEpoch(input)
      useKernel(true)
      expect(kernelCalls.weightsOf).toBe(before.weightsOf + 1)
      expect(bondsWith).toStrictEqual(without.bonds)
      expectSame(withKernel, without)
    },
  )

  it('leaves stored bonds with row offsets that run backwards to the TypeScript EMA', () => {
    const n = 3
    const packed = toFloatCsr([
      [
        [1, 100],
        [2, 200],
      ],
      [[2, 300]],
      [],
    ])
    // rows 0 and 1 swapped by their offsets: row 0 → 2…3, row 1 → 0…2 (not ascending)
    const bonds: FloatCsr = { ptr: Int32Array.from([2, 0, 3, 3]), col: packed.col, val: packed.val }
    const input: ApproxEpochInput = {
      ...yuma3Hyperparameters,
      n,
      lastUpdate: [990, 990, 990],
      blockAtRegistration: [0, 0, 0],
      stake: [1e12, 5e11, 0],
      ownerUid: null,
      validatorPermit: [true, true, false],
      maxAllowedValidators: 2,
      weights: [
        [
          [0, 1],
          [1, 1],
          [2, 65535],
        ],
        [
          [0, 1],
          [1, 1],
          [2, 65535],
        ],
        [],
      ],
      bonds,
    }
    const before = { ...kernelCalls }
    const a = approxEpoch(input)
    expect(kernelCalls.weightsOf, 'the weights came from the kernel').toBe(before.weightsOf + 1)
    expect(kernelCalls.clipEma, 'the EMA did not').toBe(before.clipEma)
    useKernel(false)
    expectSame(a, approxEpoch(input))
  })
})
