import { I32F32 } from '@dtao/fixed'
import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { expI32F32 } from '../internal/exp32.js'
import { alphaSigmoid, computeLiquidAlphaValuesSparse } from '../liquidAlpha.js'
import { expSafe } from './scalar.js'
import { inplaceNormalize, isTopk, isTopkNonzero, normalize, sum } from './vector.js'

const ONE = 1n << 32n
const bits = fc.bigInt({ min: I32F32.MIN, max: I32F32.MAX })
const small = fc.bigInt({ min: -(25n << 32n), max: 25n << 32n })
const prop = fc.bigInt({ min: 0n, max: ONE })

describe('exp / exp_safe', () => {
  test.prop([fc.oneof(bits, small)])(
    'the inlined I32F32 exp equals @dtao/fixed exp (a second implementation)',
    (x) => {
      expect(expI32F32(x)).toBe(I32F32.exp(x))
    },
  )
  test.prop([small])('exp_safe is monotone non-decreasing', (x) => {
    expect(expSafe(x) <= expSafe(x + (1n << 28n))).toBe(true)
  })
})

describe('normalize', () => {
  test.prop([fc.array(fc.bigInt({ min: 0n, max: 1n << 40n }), { maxLength: 40 })])(
    'sums to 1 minus < 1 ulp per entry, or stays all zero',
    (x) => {
      const r = normalize(x)
      const s = sum(r)
      if (sum(x) === 0n) expect(r).toEqual(x)
      else expect(s <= ONE && s > ONE - BigInt(x.length)).toBe(true)
      const y = x.slice()
      inplaceNormalize(y)
      expect(y).toEqual(r)
    },
  )
})

describe('liquid alpha', () => {
  const settings = { alphaLow: 45875, alphaHigh: 58982, alphaSigmoidSteepness: 1000 }
  const low = (45875n << 32n) / 65535n
  const high = (58982n << 32n) / 65535n
  test.prop([prop, prop, prop])('α stays in [α_low, α_high]', (c, w, b) => {
    const a = alphaSigmoid(c, w, b, {
      alphaLow: low,
      alphaHigh: high,
      alphaSigmoidSteepness: 1000n << 32n,
    })
    expect(a >= low && a <= high).toBe(true)
  })
  test.prop([fc.array(fc.tuple(prop, prop, prop), { minLength: 1, maxLength: 12 })])(
    'the memoised sparse α matrix equals alpha_sigmoid cell by cell on sorted rows',
    (cells) => {
      const consensus = cells.map((c) => c[0])
      const w = [cells.map((c, j) => [j, c[1]] as const)]
      const b = [cells.map((c, j) => [j, c[2]] as const)]
      const alphas = computeLiquidAlphaValuesSparse(w, b, consensus, settings)
      const o = { alphaLow: low, alphaHigh: high, alphaSigmoidSteepness: 1000n << 32n }
      expect(alphas).toEqual([cells.map(([c, wj, bj]) => alphaSigmoid(c, wj, bj, o))])
    },
  )
})

describe('is_topk', () => {
  // Reference: the Rust loop literally — stable ascending sort by value, first n − k lose.
  const reference = (v: readonly bigint[], k: number, init: boolean[]): boolean[] => {
    const r = init.slice()
    if (v.length < k) return r
    const idx = v
      .map((_, i) => i)
      .sort((a, b) =>
        (v[a] as bigint) < (v[b] as bigint) ? -1 : (v[a] as bigint) > (v[b] as bigint) ? 1 : 0,
      )
    for (let t = 0; t < v.length - k; t++) r[idx[t] as number] = false
    return r
  }
  const vals = fc.array(fc.oneof(fc.constantFrom(0n, 1n, 5n, 7n), bits), { maxLength: 40 })
  test.prop([vals, fc.integer({ min: 0, max: 45 })])(
    'matches the stable-sort reference, ties included',
    (v, k) => {
      expect(isTopk(v, k)).toEqual(
        reference(
          v,
          k,
          v.map(() => true),
        ),
      )
      expect(isTopkNonzero(v, k)).toEqual(
        reference(
          v,
          k,
          v.map((x) => x !== 0n),
        ),
      )
    },
  )
})
