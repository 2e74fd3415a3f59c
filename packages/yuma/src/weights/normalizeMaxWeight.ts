import { type NpDtype, npCumsum, npF32, npF64, npSum } from './internal/numpy.js'

/**
 * Options of {@link normalizeMaxWeight}.
 *
 * @example
 * ```ts
 * import type { NormalizeMaxWeightOptions } from '@dtao/yuma'
 * const o: NormalizeMaxWeightOptions = { limit: 0.3, dtype: 'float32' }
 * ```
 */
export type NormalizeMaxWeightOptions = {
  /** The largest weight allowed after normalisation (default 0.1). */
  readonly limit?: number
  /** The NumPy dtype of `x` (default `'float32'`, what validators pass). */
  readonly dtype?: 'float32' | 'float64'
}

/**
 * Normalise `x` to sum 1 with no entry above `limit`, exactly as bittensor's
 * `normalize_max_weight` does in NumPy (float32 by default): uniform weights when Σx = 0 or
 * n·limit ≤ 1; otherwise entries above a cutoff are capped and the rest renormalised. The 1e-7
 * epsilon leaves capped values slightly below the limit ([1, 2, 3, 4] with 0.3 → 0.29999986), and
 * zeros in the input can make the result uniform.
 *
 * @param x - The weights.
 * @param options - `limit` and `dtype`.
 * @returns The normalised weights (float32 values when `dtype` is float32).
 * @see bittensor `bittensor/utils/weight_utils.py` · `normalize_max_weight`
 * @example
 * ```ts
 * import { normalizeMaxWeight } from '@dtao/yuma'
 * normalizeMaxWeight([1, 2, 3, 4], { limit: 0.3 })
 * // Float64Array [0.13333341479301453, 0.2666668295860291, 0.29999986290931702, 0.29999986290931702]
 * ```
 */
export function normalizeMaxWeight(
  x: ArrayLike<number>,
  options: NormalizeMaxWeightOptions = {},
): Float64Array {
  const d: NpDtype = options.dtype === 'float64' ? npF64 : npF32
  const limit = options.limit ?? 0.1
  return normalizeMaxWeightIn(Float64Array.from(x, d.r), limit, d)
}

/** The implementation on an array already in dtype `d`. */
export function normalizeMaxWeightIn(x: Float64Array, limit: number, d: NpDtype): Float64Array {
  const r = d.r
  const eps = 1e-7
  const n = x.length
  const weights = Float64Array.from(x)
  const values = Float64Array.from(x).sort()
  if (npSum(x, d) === 0 || n * limit <= 1) return new Float64Array(n).fill(r(1 / n))
  const vSum = npSum(values, d)
  const estimation = values.map((v) => r(v / vSum))
  const limitD = r(limit)
  let max = Number.NEGATIVE_INFINITY
  for (const v of estimation) max = Math.max(max, v)
  if (max <= limitD) {
    const s = npSum(weights, d)
    return weights.map((v) => r(v / s))
  }
  const cumsum = npCumsum(estimation, d)
  let nValues = 0
  for (let i = 0; i < n; i++) {
    const es = r((n - i - 1) * (estimation[i] as number))
    const q = r((estimation[i] as number) / r(r(es + (cumsum[i] as number)) + r(eps)))
    if (q < limitD) nValues++
  }
  // cumsum[n_values − 1] with Python's negative indexing when n_values = 0
  const c = cumsum[nValues === 0 ? n - 1 : nValues - 1] as number
  const num = r(r(limitD * c) - r(eps))
  const cutoffScale = num / (1 - limit * (n - nValues))
  const cutoff = cutoffScale * vSum
  const cut32 = r(cutoff)
  for (let i = 0; i < n; i++) if ((weights[i] as number) > cutoff) weights[i] = cut32
  const s = npSum(weights, d)
  return weights.map((v) => r(v / s))
}
