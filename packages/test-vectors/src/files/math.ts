import * as Y from '@dtao/yuma'
import {
  attempt,
  big,
  type CaseCheck,
  expectValue,
  type FileHandler,
  type Json,
  type JsonObject,
  runGroups,
} from '../runner.js'

type Entry = [number, bigint]

/** Decode `{type, bits}` (scalar / vector / dense) or `{type, sparse}` into raw bigints. */
function fx(j: Json | undefined): unknown {
  const o = j as JsonObject
  if (o !== null && typeof o === 'object' && 'sparse' in o) return sparse(o)
  const bits = o.bits as Json
  const walk = (x: Json): unknown => (Array.isArray(x) ? x.map(walk) : big(x))
  return walk(bits)
}
const v = (j: Json | undefined): bigint[] => fx(j) as bigint[]
const m = (j: Json | undefined): bigint[][] => fx(j) as bigint[][]
const s1 = (j: Json | undefined): bigint => fx(j) as bigint
function sparse(o: JsonObject): Entry[][] {
  return (o.sparse as Json[][]).map((row) =>
    row.map((e) => [(e as Json[])[0] as number, big((e as Json[])[1])]),
  )
}
const sp = (j: Json | undefined): Entry[][] => sparse(j as JsonObject)
const nums = (j: Json | undefined): number[] => j as number[]
const bools = (j: Json | undefined): boolean[] => j as boolean[]
const bigs = (j: Json | undefined): bigint[] => (j as Json[]).map(big)

export function show(x: unknown): string {
  return (
    JSON.stringify(x, (_k, y) => (typeof y === 'bigint' ? `${y}n` : y))?.slice(0, 300) ??
    'undefined'
  )
}

/** Deep comparison of a result with the expected JSON (bits objects, sparse objects, plain). */
export function same(expected: Json, got: unknown): boolean {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    const o = expected as JsonObject
    if ('sparse' in o) return same(o.sparse as Json, got)
    if ('bits' in o) return same(o.bits as Json, got)
    const g = got as Record<string, unknown>
    return Object.keys(o).every((k) => same(o[k] as Json, g[k]))
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(got) || got.length !== expected.length) return false
    return expected.every((e, i) => same(e, got[i]))
  }
  if (typeof expected === 'string') return typeof got === 'bigint' && got === BigInt(expected)
  if (typeof expected === 'number') {
    if (typeof got === 'bigint') return Number.isInteger(expected) && got === BigInt(expected)
    return got === expected
  }
  return got === expected
}

function check(c: JsonObject, f: () => unknown): true | string {
  const r = c.r as Json
  if (r === null || (typeof r === 'object' && !Array.isArray(r) && ('panic' in r || 'err' in r)))
    return expectValue(r, attempt(f))
  const out = attempt(f)
  if (!out.ok) return expectValue(r, out)
  return same(r, out.value) ? true : `expected ${show(r)}, got ${show(out.value)}`
}

function f32FromBits(bits: number): number {
  const b = new Uint32Array([bits >>> 0])
  return new Float32Array(b.buffer)[0] as number
}

/** Call an in-place function on `arg` and return the mutated argument. */
function inplace<T>(arg: T, f: (a: T) => void): T {
  f(arg)
  return arg
}

type Impl = (c: JsonObject) => unknown
const la = (c: JsonObject): Y.LiquidAlphaSettings => ({
  alphaLow: c.alpha_low_u16 as number,
  alphaHigh: c.alpha_high_u16 as number,
  alphaSigmoidSteepness: c.alpha_sigmoid_steepness_i16 as number,
})

const impls: Readonly<Record<string, Impl>> = {
  fixed: (c) => Y.fixed(f32FromBits(c.val_f32_bits as number)),
  fixed_to_u16: (c) => Y.fixedToU16(s1(c.x)),
  fixed_to_u64: (c) => Y.fixedToU64(s1(c.x)),
  fixed_proportion_to_u16: (c) => Y.fixedProportionToU16(s1(c.x)),
  fixed32_to_fixed64: (c) => Y.fixed32ToFixed64(s1(c.x)),
  fixed_to_fixed_u16_proportion: (c) => Y.fixedToFixedU16Proportion(s1(c.x)),
  exp_safe: (c) => Y.expSafe(s1(c.x)),
  safe_ln: (c) => Y.safeLn(s1(c.x)),
  fixed64_to_u64: (c) => Y.fixed64ToU64(s1(c.x)),
  fixed64_to_fixed32: (c) => Y.fixed64ToFixed32(s1(c.x)),
  u16_to_fixed: (c) => Y.u16ToFixed(c.x as number),
  u16_proportion_to_fixed: (c) => Y.u16ProportionToFixed(c.x as number),
  sigmoid_safe: (c) => Y.sigmoidSafe(s1(c.input), s1(c.rho), s1(c.kappa)),
  clamp_value: (c) => Y.clampValue(s1(c.value), s1(c.low), s1(c.high)),
  vec_fixed32_to_u64: (c) => Y.vecFixed32ToU64(v(c.x)),
  vec_fixed32_to_fixed64: (c) => Y.vecFixed32ToFixed64(v(c.x)),
  vec_fixed_proportions_to_u16: (c) => Y.vecFixedProportionsToU16(v(c.x)),
  vec_max_upscale_to_u16: (c) => Y.vecMaxUpscaleToU16(v(c.x)),
  sum: (c) => Y.sum(v(c.x)),
  is_zero: (c) => Y.isZero(v(c.x)),
  normalize: (c) => Y.normalize(v(c.x)),
  inplace_normalize: (c) => inplace(v(c.x), Y.inplaceNormalize),
  inplace_normalize_using_sum: (c) =>
    inplace(v(c.x), (x) => Y.inplaceNormalizeUsingSum(x, s1(c.x_sum))),
  vec_fixed64_to_fixed32: (c) => Y.vecFixed64ToFixed32(v(c.x)),
  vec_fixed64_to_u64: (c) => Y.vecFixed64ToU64(v(c.x)),
  inplace_normalize_64: (c) => inplace(v(c.x), Y.inplaceNormalize64),
  inplace_row_normalize_64: (c) => inplace(m(c.x), Y.inplaceRowNormalize64),
  vec_u16_max_upscale_to_u16: (c) => Y.vecU16MaxUpscaleToU16(nums(c.x)),
  check_vec_max_limited: (c) => Y.checkVecMaxLimited(nums(c.x), c.max_limit as number),
  checked_sum: (c) => {
    const elem = c.elem as 'u64' | 'u16'
    const r = Y.checkedSum(bigs(c.x), elem)
    return elem === 'u16' && r !== undefined ? Number(r) : r
  },
  is_topk: (c) => Y.isTopk(v(c.x), c.k as number),
  is_topk_nonzero: (c) => Y.isTopkNonzero(v(c.x), c.k as number),
  vecdiv: (c) => Y.vecdiv(v(c.x), v(c.y)),
  vec_mul: (c) => Y.vecMul(v(c.a), v(c.b)),
  inplace_mask_vector: (c) => inplace(v(c.vector), (x) => Y.inplaceMaskVector(bools(c.mask), x)),
  inplace_row_normalize: (c) => inplace(m(c.x), Y.inplaceRowNormalize),
  row_sum: (c) => Y.rowSum(m(c.x)),
  inplace_col_normalize: (c) => inplace(m(c.x), Y.inplaceColNormalize),
  inplace_col_max_upscale: (c) => inplace(m(c.x), Y.inplaceColMaxUpscale),
  inplace_mask_matrix: (c) =>
    inplace(m(c.matrix), (x) => Y.inplaceMaskMatrix(c.mask as boolean[][], x)),
  inplace_mask_rows: (c) => inplace(m(c.matrix), (x) => Y.inplaceMaskRows(bools(c.mask), x)),
  inplace_mask_cols: (c) => inplace(m(c.matrix), (x) => Y.inplaceMaskCols(bools(c.mask), x)),
  inplace_mask_diag: (c) => inplace(m(c.matrix), Y.inplaceMaskDiag),
  inplace_mask_diag_except_index: (c) =>
    inplace(m(c.matrix), (x) => Y.inplaceMaskDiagExceptIndex(x, c.except_index as number)),
  row_hadamard: (c) => Y.rowHadamard(m(c.matrix), v(c.vector)),
  matmul: (c) => Y.matmul(m(c.matrix), v(c.vector)),
  matmul_transpose: (c) => Y.matmulTranspose(m(c.matrix), v(c.vector)),
  mat_vec_mul: (c) => Y.matVecMul(m(c.matrix), v(c.vector)),
  inplace_col_clip: (c) => inplace(m(c.x), (x) => Y.inplaceColClip(x, v(c.col_threshold))),
  interpolate: (c) => Y.interpolate(m(c.mat1), m(c.mat2), s1(c.ratio)),
  mat_ema: (c) => Y.matEma(m(c.new), m(c.old), s1(c.alpha)),
  mat_ema_alpha: (c) => Y.matEmaAlpha(m(c.new), m(c.old), m(c.alpha)),
  weighted_median: (c) =>
    Y.weightedMedian(v(c.stake), v(c.score), {
      partitionIdx: nums(c.partition_idx),
      minority: s1(c.minority),
      partitionLo: s1(c.partition_lo),
      partitionHi: s1(c.partition_hi),
    }),
  weighted_median_col: (c) => Y.weightedMedianCol(v(c.stake), m(c.score), s1(c.majority)),
  inplace_row_normalize_sparse: (c) => inplace(sp(c.x), Y.inplaceRowNormalizeSparse),
  row_sum_sparse: (c) => Y.rowSumSparse(sp(c.x)),
  mask_diag_sparse: (c) => Y.maskDiagSparse(sp(c.x)),
  inplace_col_normalize_sparse: (c) =>
    inplace(sp(c.x), (x) => Y.inplaceColNormalizeSparse(x, c.columns as number)),
  inplace_col_max_upscale_sparse: (c) =>
    inplace(sp(c.x), (x) => Y.inplaceColMaxUpscaleSparse(x, c.columns as number)),
  mask_rows_sparse: (c) => Y.maskRowsSparse(bools(c.mask), sp(c.x)),
  mask_diag_sparse_except_index: (c) =>
    Y.maskDiagSparseExceptIndex(sp(c.x), c.except_index as number),
  scalar_vec_mask_sparse_matrix: (c) => {
    if (c.mask_fn !== 'scalar <= vector[j]') throw new Error(`unknown mask_fn ${String(c.mask_fn)}`)
    return Y.scalarVecMaskSparseMatrix(sp(c.x), big(c.scalar), bigs(c.vector))
  },
  vec_mask_sparse_matrix: (c) => {
    const fn = c.mask_fn
    if (fn !== 'first[i] <= second[j]' && fn !== 'first[i] < second[j]')
      throw new Error(`unknown mask_fn ${String(fn)}`)
    return Y.vecMaskSparseMatrix(sp(c.x), bigs(c.first_vector), bigs(c.second_vector), fn)
  },
  row_hadamard_sparse: (c) => Y.rowHadamardSparse(sp(c.x), v(c.vector)),
  mat_vec_mul_sparse: (c) => Y.matVecMulSparse(sp(c.x), v(c.vector)),
  matmul_sparse: (c) => Y.matmulSparse(sp(c.x), v(c.vector), c.columns as number),
  matmul_transpose_sparse: (c) => Y.matmulTransposeSparse(sp(c.x), v(c.vector)),
  col_clip_sparse: (c) => Y.colClipSparse(sp(c.x), v(c.col_threshold)),
  interpolate_sparse: (c) =>
    Y.interpolateSparse(sp(c.mat1), sp(c.mat2), c.columns as number, s1(c.ratio)),
  mat_ema_sparse: (c) => Y.matEmaSparse(sp(c.new), sp(c.old), s1(c.alpha)),
  mat_ema_alpha_sparse: (c) => Y.matEmaAlphaSparse(sp(c.new), sp(c.old), m(c.alpha)),
  weighted_median_col_sparse: (c) =>
    Y.weightedMedianColSparse(v(c.stake), sp(c.score), c.columns as number, s1(c.majority)),
  get_safe: (c) => Y.getSafe(v(c.slice), c.idx as number),
  run_epoch_scalars: (c) => ({
    get_float_kappa: Y.getFloatKappa(c.kappa as number),
    get_float_bonds_penalty: Y.getFloatBondsPenalty(c.bonds_penalty as number),
    compute_disabled_liquid_alpha: Y.computeDisabledLiquidAlpha(big(c.bonds_moving_average)),
  }),
  alpha_sigmoid: (c) =>
    Y.alphaSigmoid(s1(c.consensus), s1(c.weight), s1(c.bond), {
      alphaLow: s1(c.alpha_low),
      alphaHigh: s1(c.alpha_high),
      alphaSigmoidSteepness: s1(c.alpha_sigmoid_steepness),
    }),
  compute_liquid_alpha_values: (c) =>
    Y.computeLiquidAlphaValues(m(c.weights), m(c.bonds), v(c.consensus), la(c)),
  compute_liquid_alpha_values_sparse: (c) =>
    Y.computeLiquidAlphaValuesSparse(sp(c.weights), sp(c.bonds), v(c.consensus), la(c)),
}

function dispatch(group: JsonObject): CaseCheck | undefined {
  const impl = impls[group.fn as string]
  if (impl === undefined) return undefined
  return (c) => check(c, () => impl(c))
}

/** `math.json`: every public function of `epoch/math.rs` and the liquid-alpha helpers. */
export const mathFile: FileHandler = (doc, file) =>
  runGroups(doc, file, dispatch, (g) => String(g.fn))
