import { InvalidWeightsError } from './errors.js'
import { npF32, npSum } from './internal/numpy.js'

/** NumPy's index rule: −n ≤ i < n, negatives counting from the end; else `IndexError`. */
function npIndex(i: number, n: number, field: string): number {
  if (!Number.isInteger(i) || i >= n || i < -n)
    throw new InvalidWeightsError({ field, reason: `has index ${i} out of bounds for size ${n}` })
  return i < 0 ? n + i : i
}

function normaliseRow(row: Float64Array): Float64Array {
  const s = npSum(row, npF32)
  if (s > 0) for (let i = 0; i < row.length; i++) row[i] = Math.fround((row[i] as number) / s)
  return row
}

/**
 * Expand a chain weight row into a dense float32 vector of length n and normalise it to sum 1
 * (bittensor's `convert_weight_uids_and_vals_to_tensor`, the inverse of emitting). A later
 * duplicate uid overwrites an earlier one; negative values pass through; a row summing to ≤ 0 is
 * left as is.
 *
 * @param n - Number of neurons.
 * @param uids - Destination uids (NumPy indexing: −n ≤ uid < n).
 * @param weights - The u16 (or any) values.
 * @returns The normalised row, float32 values.
 * @throws {@link InvalidWeightsError} when a uid is out of bounds (upstream's `IndexError`).
 * @see bittensor `bittensor/utils/weight_utils.py` · `convert_weight_uids_and_vals_to_tensor`
 * @example
 * ```ts
 * import { convertWeightUidsAndValsToTensor } from '@dtao/yuma'
 * convertWeightUidsAndValsToTensor(5, [0, 0, 1], [100, 200, 300]) // Float64Array [0.4, 0.6, 0, 0, 0] (float32)
 * ```
 */
export function convertWeightUidsAndValsToTensor(
  n: number,
  uids: ArrayLike<number>,
  weights: ArrayLike<number>,
): Float64Array {
  const row = new Float64Array(n)
  const m = Math.min(uids.length, weights.length)
  for (let k = 0; k < m; k++)
    row[npIndex(uids[k] as number, n, 'uids')] = Math.fround(weights[k] as number)
  return normaliseRow(row)
}

/**
 * The root-network variant (bittensor's `convert_root_weight_uids_and_vals_to_tensor`): uid j is
 * written at the position of j in `subnets`; uids not in `subnets` are skipped (upstream logs a
 * warning). The row is then normalised like {@link convertWeightUidsAndValsToTensor}.
 *
 * @param n - Length of the row.
 * @param uids - Subnet ids.
 * @param weights - The values.
 * @param options - `subnets`: the list of subnets, by position.
 * @returns The normalised row, float32 values.
 * @throws {@link InvalidWeightsError} when a subnet's position is ≥ n.
 * @see bittensor `bittensor/utils/weight_utils.py` · `convert_root_weight_uids_and_vals_to_tensor`
 * @example
 * ```ts
 * import { convertRootWeightUidsAndValsToTensor } from '@dtao/yuma'
 * convertRootWeightUidsAndValsToTensor(3, [32], [28809], { subnets: [6, 13, 32] }) // Float64Array [0, 0, 1]
 * ```
 */
export function convertRootWeightUidsAndValsToTensor(
  n: number,
  uids: ArrayLike<number>,
  weights: ArrayLike<number>,
  options: { readonly subnets: readonly number[] },
): Float64Array {
  const row = new Float64Array(n)
  const m = Math.min(uids.length, weights.length)
  for (let k = 0; k < m; k++) {
    const at = options.subnets.indexOf(uids[k] as number)
    if (at < 0) continue
    row[npIndex(at, n, 'subnets')] = Math.fround(weights[k] as number)
  }
  return normaliseRow(row)
}

/**
 * Expand a chain bond row into a dense int64 vector of length n (bittensor's
 * `convert_bond_uids_and_vals_to_tensor`); a later duplicate uid overwrites an earlier one.
 *
 * @param n - Number of neurons.
 * @param uids - Destination uids (NumPy indexing).
 * @param bonds - Bond values.
 * @returns The dense row.
 * @throws {@link InvalidWeightsError} when a uid is out of bounds or a bond is outside int64.
 * @see bittensor `bittensor/utils/weight_utils.py` · `convert_bond_uids_and_vals_to_tensor`
 * @example
 * ```ts
 * import { convertBondUidsAndValsToTensor } from '@dtao/yuma'
 * convertBondUidsAndValsToTensor(3, [2, 0], [5n, 7n]) // [7n, 0n, 5n]
 * ```
 */
export function convertBondUidsAndValsToTensor(
  n: number,
  uids: ArrayLike<number>,
  bonds: readonly bigint[],
): bigint[] {
  const row: bigint[] = new Array<bigint>(n).fill(0n)
  const m = Math.min(uids.length, bonds.length)
  for (let k = 0; k < m; k++) {
    const b = bonds[k] as bigint
    if (b < -(2n ** 63n) || b >= 2n ** 63n)
      throw new InvalidWeightsError({ field: 'bonds', reason: `has ${b}, outside int64` })
    row[npIndex(uids[k] as number, n, 'uids')] = b
  }
  return row
}
