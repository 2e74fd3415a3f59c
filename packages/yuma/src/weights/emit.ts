import { InvalidWeightsError } from './errors.js'
import { roundHalfEven } from './internal/numpy.js'

const U16_MAX = 65535

/**
 * Convert float weights to the u16 values a validator submits, exactly as bittensor's
 * `convert_weights_and_uids_for_emit`: divide by the maximum (so it becomes 65535), multiply by
 * 65535 and round half to even (Python `round`), then **drop** the entries that round to 0
 * together with their uid. Order follows `uids`; duplicate uids are not rejected. All-zero
 * weights give `[[], []]`.
 *
 * @param uids - Destination uids.
 * @param weights - Non-negative weights (float32 values as numbers).
 * @returns `[uids, values]` with every value in 1…65535 and the maximum at 65535.
 * @throws {@link InvalidWeightsError} for a negative weight or uid, a length mismatch, or empty input.
 * @see bittensor `bittensor/utils/weight_utils.py` · `convert_weights_and_uids_for_emit`
 * @example
 * ```ts
 * import { convertWeightsAndUidsForEmit } from '@dtao/yuma'
 * convertWeightsAndUidsForEmit([0, 1, 2], [0.7, 0.3, 0]) // [[0, 1], [65535, 28086]]
 * ```
 */
export function convertWeightsAndUidsForEmit(
  uids: ArrayLike<number>,
  weights: ArrayLike<number>,
): [uids: number[], values: number[]] {
  const w = Array.from(weights)
  const u = Array.from(uids)
  if (w.length === 0 || u.length === 0)
    throw new InvalidWeightsError({
      field: w.length === 0 ? 'weights' : 'uids',
      reason: 'is empty',
    })
  if (Math.min(...w) < 0)
    throw new InvalidWeightsError({ field: 'weights', reason: 'has a negative weight' })
  if (Math.min(...u) < 0)
    throw new InvalidWeightsError({ field: 'uids', reason: 'has a negative uid' })
  if (u.length !== w.length)
    throw new InvalidWeightsError({
      field: 'weights',
      reason: `has ${w.length} entries for ${u.length} uids`,
    })
  let total = 0
  for (const v of w) total += v
  if (total === 0) return [[], []]
  const max = Math.max(...w)
  const outUids: number[] = []
  const outVals: number[] = []
  w.forEach((v, i) => {
    const q = roundHalfEven((v / max) * U16_MAX)
    if (q !== 0) {
      outVals.push(q)
      outUids.push(u[i] as number)
    }
  })
  return [outUids, outVals]
}

/**
 * bittensor's `convert_and_normalize_weights_and_uids`: cast the weights to float32 (as
 * `np.array(weights, dtype=np.float32)` does) and emit them with
 * {@link convertWeightsAndUidsForEmit}.
 *
 * @param uids - Destination uids.
 * @param weights - Weights as Python floats.
 * @returns `[uids, values]`.
 * @throws {@link InvalidWeightsError} as {@link convertWeightsAndUidsForEmit}.
 * @see bittensor `bittensor/utils/weight_utils.py` · `convert_and_normalize_weights_and_uids`
 * @example
 * ```ts
 * import { convertAndNormalizeWeightsAndUids } from '@dtao/yuma'
 * convertAndNormalizeWeightsAndUids([243], [5]) // [[243], [65535]]
 * ```
 */
export function convertAndNormalizeWeightsAndUids(
  uids: ArrayLike<number>,
  weights: ArrayLike<number>,
): [uids: number[], values: number[]] {
  return convertWeightsAndUidsForEmit(uids, Array.from(weights, Math.fround))
}

/**
 * bittensor's `convert_maybe_split_to_u16` (mechanism emission splits): normalise to sum 1, scale
 * to 65535 with half-to-even rounding, then correct the rounding error on the first maximal
 * element so the result sums to exactly 65535 ([1, 1] → [32767, 32768]).
 *
 * @param split - Non-negative numbers with a positive sum.
 * @returns u16 values summing to 65535.
 * @throws {@link InvalidWeightsError} for an empty or negative split, or a zero sum.
 * @see bittensor `bittensor/utils/weight_utils.py` · `convert_maybe_split_to_u16`
 * @example
 * ```ts
 * import { convertMaybeSplitToU16 } from '@dtao/yuma'
 * convertMaybeSplitToU16([1, 1, 1]) // [21845, 21845, 21845]
 * ```
 */
export function convertMaybeSplitToU16(split: ArrayLike<number>): number[] {
  const values = Array.from(split)
  if (values.length === 0) throw new InvalidWeightsError({ field: 'split', reason: 'is empty' })
  if (values.some(Number.isNaN))
    throw new InvalidWeightsError({ field: 'split', reason: 'has a non-numeric value' })
  if (values.some((v) => v < 0))
    throw new InvalidWeightsError({ field: 'split', reason: 'has a negative value' })
  let total = 0
  for (const v of values) total += v
  if (!(total > 0))
    throw new InvalidWeightsError({ field: 'split', reason: 'does not sum to a positive value' })
  const u16 = values.map((v) => roundHalfEven((v / total) * U16_MAX))
  let s = 0
  for (const v of u16) s += v
  const diff = s - U16_MAX
  if (diff !== 0) {
    const i = u16.indexOf(Math.max(...u16))
    u16[i] = (u16[i] as number) - diff
  }
  return u16
}
