import { I32F32 } from '@dtao/fixed'
import { describe, expect, test } from 'vitest'
import {
  computeDisabledLiquidAlpha,
  emaBondsNormalAlpha,
  getFloatBondsPenalty,
  getFloatKappa,
} from '../liquidAlpha.js'
import { matmul, matmulTranspose, rowHadamard } from './dense.js'
import { expSafe, fixed, fixedProportionToU16, u16ProportionToFixed } from './scalar.js'
import {
  colClipSparse,
  interpolateSparse,
  maskDiagSparseExceptIndex,
  matEmaAlphaSparse,
} from './sparse.js'
import {
  checkVecMaxLimited,
  isTopk,
  isTopkNonzero,
  normalize,
  vecdiv,
  vecU16MaxUpscaleToU16,
} from './vector.js'
import { weightedMedianColSparse } from './weightedMedian.js'

// Expectations are the chain's own tests/math.rs and yuma.md §5, or hand derivations (comments).
const F = (x: number): bigint => BigInt(x) << 32n
const M = 65535

describe('vecU16MaxUpscaleToU16 (test_vec_u16_max_upscale_to_u16)', () => {
  test.each([
    [[], []],
    [[0], [0]],
    [
      [0, 0],
      [0, 0],
    ],
    [[1], [65535]],
    [
      [0, 1],
      [0, 65535],
    ],
    [[65534], [65535]],
    [
      [65535, 65535],
      [65535, 65535],
    ],
    [
      [0, 1, 65534],
      [0, 1, 65535],
    ],
    [
      [0, 1, 2, 3, 4, 65533, 65535],
      [0, 1, 2, 3, 4, 65533, 65535],
    ],
    // W6: 65535 ⊘ 43690 = 1.5 exactly; 21845 · 1.5 = 32767.5 rounds away from zero.
    [
      [43690, 21845],
      [65535, 32768],
    ],
  ])('%j ⇒ %j', (x, r) => {
    expect(vecU16MaxUpscaleToU16(x)).toEqual(r)
  })
})

describe('checkVecMaxLimited (test_check_vec_max_limited)', () => {
  test.each([
    [[], 0, true],
    [[], M, true],
    [[M], M, true],
    [[M], M - 1, false],
    [[M], 0, false],
    [[0], M, true],
    [[0, M], M, true],
    [[0, M, M], Math.floor(M / 2), false],
    [[0, M, M], Math.floor(M / 2) + 1, true],
    [[0, M, M, M], Math.floor(M / 3) - 1, false],
    [[0, M, M, M], Math.floor(M / 3), true],
  ])('%j limited by %i ⇒ %s', (x, limit, r) => {
    expect(checkVecMaxLimited(x, limit)).toBe(r)
  })
})

describe('isTopk / isTopkNonzero (test_math_is_topk)', () => {
  const v = (xs: number[]): bigint[] => xs.map(F)
  test('k = 0, 5, 10, 100 on 0…9', () => {
    const x = v([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(isTopk(x, 0)).toEqual(new Array(10).fill(false))
    expect(isTopk(x, 5)).toEqual([...new Array(5).fill(false), ...new Array(5).fill(true)])
    expect(isTopk(x, 10)).toEqual(new Array(10).fill(true))
    expect(isTopk(x, 100)).toEqual(new Array(10).fill(true))
  })
  test('alternating and tied inputs', () => {
    expect(isTopk(v([9, 0, 8, 1, 7, 2, 6, 3, 5, 4]), 5)).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
      true,
      false,
      true,
      false,
    ])
    expect(isTopk(v([0, 1, 2, 3, 4, 5, 5, 5, 5, 6]), 5)).toEqual([
      ...new Array(5).fill(false),
      ...new Array(5).fill(true),
    ])
  })
  test('ties go to the higher uid; zeros never get a permit', () => {
    expect(isTopkNonzero(v([5, 5, 5]), 2)).toEqual([false, true, true])
    expect(isTopkNonzero(v([0, 1, 2]), 5)).toEqual([false, true, true])
  })
})

describe('conversions', () => {
  test('fixedProportionToU16 floors (yuma.md §1.8)', () => {
    // ⅓ = 1431655765 bits; ·65535 = 21844.99… ⇒ 21844.
    expect(fixedProportionToU16(1431655765n)).toBe(21844)
    // 0.1 stake (429496729 bits) ⇒ ⌊6553.49…⌋ = 6553
    expect(fixedProportionToU16(429496729n)).toBe(6553)
    expect(fixedProportionToU16(-5n)).toBe(0)
    expect(fixedProportionToU16(I32F32.MAX)).toBe(65535)
  })
  test('u16 proportion round trip loses one (6640 → 0.1013199… → 6639)', () => {
    // ⌊6640·2^32/65535⌋ = 435161066; ·65535 / 2^32 = 6639.99… ⇒ 6639.
    const p = u16ProportionToFixed(6640)
    expect(p).toBe((6640n << 32n) / 65535n)
    expect(fixedProportionToU16(p)).toBe(6639)
  })
  test('fixed() reads f32 (0.4 is 0.4000000059…)', () => {
    expect(fixed(0.4)).toBe(1717986944n) // Math.fround(0.4)·2^32 = 1717986944 exactly
    expect(fixed(0.1)).toBe(429496736n)
  })
  test('exp_safe clamps to [−20, 20] (test_math_exp_safe)', () => {
    expect(expSafe(0n)).toBe(1n << 32n)
    expect(expSafe(F(21))).toBe(expSafe(F(20)))
    expect(expSafe(I32F32.MAX)).toBe(expSafe(F(20)))
    expect(expSafe(-F(21))).toBe(expSafe(-F(20)))
    expect(expSafe(I32F32.MIN)).toBe(expSafe(-F(20)))
  })
})

describe('run_epoch scalars', () => {
  test('κ = trunc(32767·2^32 / 65535)', () => {
    // 32767·4294967296 / 65535 = 2147450879.97… ⇒ 2147450879
    expect(getFloatKappa(32767)).toBe(2147450879n)
    expect(getFloatBondsPenalty(65535)).toBe(1n << 32n)
    expect(getFloatBondsPenalty(0)).toBe(0n)
  })
  test('BMA 900 000 ⇒ α = from_num(0.1) = 429496730 (test_math_fixed_overflow)', () => {
    expect(computeDisabledLiquidAlpha(900_000n)).toBe(I32F32.fromNum(0.1))
    expect(emaBondsNormalAlpha(900_000n)).toBe(429496730n)
    expect(computeDisabledLiquidAlpha(1_000_000n)).toBe(0n)
  })
})

describe('vector and matrix ops (test_math_*)', () => {
  test('normalize and vecdiv', () => {
    expect(normalize([0n, 0n])).toEqual([0n, 0n])
    // [1, 1, 10] / [2, 3, 2] ⇒ [1⊘2, 1⊘3, 5]
    expect(vecdiv([F(1), F(1), F(10)], [F(2), F(3), F(2)])).toEqual([
      I32F32.div(F(1), F(2)),
      I32F32.div(F(1), F(3)),
      F(5),
    ])
    expect(vecdiv([0n, F(1), 0n, F(1)], [0n, F(1), F(1), 0n])).toEqual([0n, F(1), 0n, 0n])
  })
  // M = 1…12 as 4×3
  const m = [
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
    [10, 11, 12],
  ].map((r) => r.map(F))
  test('matmul, matmulTranspose, rowHadamard', () => {
    expect(matmul(m, [1, 2, 3, 4].map(F))).toEqual([70, 80, 90].map(F))
    expect(matmulTranspose(m, [1, 2, 3].map(F))).toEqual([14, 32, 50, 68].map(F))
    expect(rowHadamard(m, [1, 2, 3, 4].map(F))).toEqual(
      [
        [1, 2, 3],
        [8, 10, 12],
        [21, 24, 27],
        [40, 44, 48],
      ].map((r) => r.map(F)),
    )
  })
  test('colClipSparse drops entries above a threshold ≤ 0', () => {
    const x = [
      [
        [0, F(0)],
        [1, F(2)],
        [2, F(3)],
      ],
      [
        [0, F(4)],
        [1, F(5)],
        [2, F(6)],
      ],
    ] as const
    expect(colClipSparse(x, [0n, F(5), F(12)])).toEqual([
      [
        [0, 0n],
        [1, F(2)],
        [2, F(3)],
      ],
      [
        [1, F(5)],
        [2, F(6)],
      ],
    ])
  })
  test('maskDiagSparseExceptIndex keeps (k, k) only', () => {
    const x = [[[0, 1n]], [[1, 1n]], [[2, 1n]]] as const
    expect(maskDiagSparseExceptIndex(x, 1)).toEqual([[], [[1, 1n]], []])
  })
  test('interpolateSparse with ratio 1e-9 from zeros to ones gives the ratio', () => {
    const ratio = fixed(1e-9)
    expect(interpolateSparse([[]], [[[0, F(1)]]], 1, ratio)).toEqual([[[0, ratio]]])
  })
  test('matEmaAlphaSparse drops old bonds whose column is absent from the new row', () => {
    const a = 429496730n
    // row 0: new has only column 1 ⇒ the old bond on column 0 is dropped (yuma.md W3)
    const out = matEmaAlphaSparse([[[1, F(1)]]], [[[0, F(1)]]], [[a, a]])
    expect(out).toEqual([[[1, a]]])
  })
})

describe('weightedMedianColSparse at the κ boundary (yuma.md W4)', () => {
  // Stakes [.5, .5], votes [.2, .8] on one miner.
  const half = 1n << 31n
  const lo = I32F32.fromNum(0.2)
  const hi = I32F32.fromNum(0.8)
  const score = [[[0, lo] as const], [[0, hi] as const]]
  test.each([
    [32767, hi],
    [32768, lo],
    [65535, lo],
    [0, hi],
  ])('κ = %i', (kappa, r) => {
    expect(weightedMedianColSparse([half, half], score, 1, getFloatKappa(kappa))).toEqual([r])
  })
  test('[.3, .3, .4] with votes [.1, .5, .9] ⇒ .5', () => {
    const s = [0.3, 0.3, 0.4].map((x) => I32F32.fromNum(x))
    const v = [0.1, 0.5, 0.9].map((x) => [[0, I32F32.fromNum(x)] as const])
    expect(weightedMedianColSparse(s, v, 1, getFloatKappa(32767))).toEqual([I32F32.fromNum(0.5)])
  })
  test('no positive stake ⇒ 0; empty ⇒ []', () => {
    expect(weightedMedianColSparse([0n, 0n], [[], []], 2, getFloatKappa(32767))).toEqual([0n, 0n])
    expect(weightedMedianColSparse([], [], 0, 0n)).toEqual([])
  })
})
