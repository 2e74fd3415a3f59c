import { InvalidWeightsError } from './errors.js'
import { npF32, npF64 } from './internal/numpy.js'
import { normalizeMaxWeightIn } from './normalizeMaxWeight.js'

/**
 * Options of {@link processWeights}: the subnet hyperparameters a validator reads before
 * setting weights.
 *
 * @example
 * ```ts
 * import type { ProcessWeightsOptions } from '@dtao/yuma'
 * const o: ProcessWeightsOptions = { numNeurons: 256, minAllowedWeights: 1, maxWeightLimit: 1 }
 * ```
 */
export type ProcessWeightsOptions = {
  /** `metagraph.n`. */
  readonly numNeurons: number
  /** `MinAllowedWeights`. */
  readonly minAllowedWeights: number
  /** `MaxWeightsLimit` as a fraction (u16/65535). */
  readonly maxWeightLimit: number
  /** Quantile of the lowest weights to drop, on the u16 scale (default 0). */
  readonly excludeQuantile?: number
}

/**
 * What {@link processWeights} returns.
 *
 * @example
 * ```ts
 * import { processWeights, type ProcessedWeights } from '@dtao/yuma'
 * const p: ProcessedWeights = processWeights([0, 1], [1, 1], { numNeurons: 2, minAllowedWeights: 1, maxWeightLimit: 1 })
 * p.dtype // 'float32'
 * ```
 */
export type ProcessedWeights = {
  /** The uids kept (or `0…numNeurons−1` in the fallback branches). */
  readonly uids: number[]
  /** Their normalised weights. */
  readonly weights: Float64Array
  /** `'float32'` normally; `'float64'` in upstream's two fallback branches. */
  readonly dtype: 'float32' | 'float64'
}

/**
 * bittensor's `process_weights` (NumPy path), as a validator runs it before emitting: keep
 * positive weights, drop those below the `excludeQuantile` (bounded so at least
 * `minAllowedWeights` remain), then {@link normalizeMaxWeight} with `maxWeightLimit`. The two
 * fallback branches are kept as upstream has them: no positive weight (or numNeurons <
 * minAllowedWeights) gives uniform weights over `0…numNeurons−1`; fewer positive weights than
 * `minAllowedWeights` gives 1e-5 everywhere plus the weights, at their **input positions**, then
 * normalised (both float64).
 *
 * @param uids - The uids.
 * @param weights - Their weights (cast to float32).
 * @param options - Subnet hyperparameters.
 * @returns Kept uids, weights and their dtype.
 * @throws {@link InvalidWeightsError} when, in the min-allowed branch, a weight's position is ≥
 *   numNeurons (upstream's `IndexError`), or uids and weights differ in length.
 * @see bittensor `bittensor/utils/weight_utils.py` · `process_weights`
 * @example
 * ```ts
 * import { processWeights } from '@dtao/yuma'
 * processWeights([0, 1, 2, 3], [1, 2, 3, 4], { numNeurons: 4, minAllowedWeights: 1, maxWeightLimit: 0.3 }).weights
 * // Float64Array [0.1333334148, 0.2666668296, 0.2999998629, 0.2999998629] (float32)
 * ```
 */
export function processWeights(
  uids: ArrayLike<number>,
  weights: ArrayLike<number>,
  options: ProcessWeightsOptions,
): ProcessedWeights {
  const { numNeurons, minAllowedWeights, maxWeightLimit } = options
  if (uids.length !== weights.length)
    throw new InvalidWeightsError({
      field: 'weights',
      reason: `has ${weights.length} entries for ${uids.length} uids`,
    })
  const w = Float64Array.from(weights, Math.fround)
  const quantile = (options.excludeQuantile ?? 0) / 65535
  const nzIdx: number[] = []
  w.forEach((v, i) => {
    if (v > 0) nzIdx.push(i)
  })
  const nzUids = nzIdx.map((i) => uids[i] as number)
  const nz = Float64Array.from(nzIdx, (i) => w[i] as number)
  if (nz.length === 0 || numNeurons < minAllowedWeights) {
    return {
      uids: Array.from({ length: numNeurons }, (_, i) => i),
      weights: new Float64Array(numNeurons).fill(1 / numNeurons),
      dtype: 'float64',
    }
  }
  if (nz.length < minAllowedWeights) {
    const base = new Float64Array(numNeurons).fill(1e-5)
    nzIdx.forEach((i, k) => {
      if (i >= numNeurons)
        throw new InvalidWeightsError({
          field: 'weights',
          reason: `has a weight at position ${i}, out of bounds for ${numNeurons} neurons`,
        })
      base[i] = (base[i] as number) + (nz[k] as number)
    })
    const normalised = normalizeMaxWeightIn(base, maxWeightLimit, npF64)
    return {
      uids: Array.from({ length: normalised.length }, (_, i) => i),
      weights: normalised,
      dtype: 'float64',
    }
  }
  const maxExclude = Math.max(0, nz.length - minAllowedWeights) / nz.length
  const q = Math.min(quantile, maxExclude)
  const lowest = npQuantileF32(nz, q)
  const keptUids: number[] = []
  const kept: number[] = []
  nz.forEach((v, k) => {
    if (lowest <= v) {
      kept.push(v)
      keptUids.push(nzUids[k] as number)
    }
  })
  return {
    uids: keptUids,
    weights: normalizeMaxWeightIn(Float64Array.from(kept), maxWeightLimit, npF32),
    dtype: 'float32',
  }
}

/** `np.quantile(a_float32, q)` with the default linear method, as NumPy 2.4 computes it. */
function npQuantileF32(a: Float64Array, q: number): number {
  const r = npF32.r
  const sorted = Float64Array.from(a).sort()
  const n = sorted.length
  const virtual = (n - 1) * q
  let prev = Math.floor(virtual)
  let next = prev + 1
  if (virtual >= n - 1) {
    prev = -1
    next = -1
  }
  const at = (i: number) => sorted[i < 0 ? n + i : i] as number
  const gamma = virtual - prev
  const lo = at(prev)
  const hi = at(next)
  const diff = r(hi - lo)
  return gamma >= 0.5 ? r(hi - r(diff * r(1 - gamma))) : r(lo + r(diff * r(gamma)))
}
