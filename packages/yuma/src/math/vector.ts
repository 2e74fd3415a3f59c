import { I32F32 } from '@dtao/fixed'
import { divF as divFImport } from '../internal/csr.js'
import {
  fx64to32 as fx64to32Import,
  mulOrZero as mulOrZeroImport,
  proportionToU16 as proportionToU16Import,
  safeDiv64 as safeDiv64Import,
  safeDiv as safeDivImport,
  satMul as satMulImport,
  toU16 as toU16Import,
  U16_MAX_FX,
  wrap64 as wrap64Import,
  wrap128 as wrap128Import,
} from '../internal/fx.js'
import { fixed64ToU64, fixedToU64 } from './scalar.js'

// Module-local references: cheaper than a live-binding read per call in hot loops.
const fx64to32 = fx64to32Import
const mulOrZero = mulOrZeroImport
const proportionToU16 = proportionToU16Import
const safeDiv = safeDivImport
const divF = divFImport
const safeDiv64 = safeDiv64Import
const satMul = satMulImport
const toU16 = toU16Import
const wrap128 = wrap128Import
const wrap64 = wrap64Import

/**
 * `vec_fixed32_to_u64`.
 *
 * @example
 * ```ts
 * import { vecFixed32ToU64 } from '@dtao/yuma'
 * vecFixed32ToU64([3n << 32n]) // [3n]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · vec_fixed32_to_u64
 */
export function vecFixed32ToU64(vec: readonly bigint[]): bigint[] {
  return vec.map(fixedToU64)
}

/**
 * `vec_fixed64_to_fixed32` (floor, saturating).
 *
 * @example
 * ```ts
 * import { vecFixed64ToFixed32 } from '@dtao/yuma'
 * vecFixed64ToFixed32([1n << 64n]) // [4294967296n]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · vec_fixed64_to_fixed32
 */
export function vecFixed64ToFixed32(vec: readonly bigint[]): bigint[] {
  return vec.map(fx64to32)
}

/**
 * `vec_fixed32_to_fixed64`.
 *
 * @example
 * ```ts
 * import { vecFixed32ToFixed64 } from '@dtao/yuma'
 * vecFixed32ToFixed64([1n]) // [4294967296n]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · vec_fixed32_to_fixed64
 */
export function vecFixed32ToFixed64(vec: readonly bigint[]): bigint[] {
  return vec.map((x) => x << 32n)
}

/**
 * `vec_fixed64_to_u64`.
 *
 * @example
 * ```ts
 * import { vecFixed64ToU64 } from '@dtao/yuma'
 * vecFixed64ToU64([7n << 64n]) // [7n]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · vec_fixed64_to_u64
 */
export function vecFixed64ToU64(vec: readonly bigint[]): bigint[] {
  return vec.map(fixed64ToU64)
}

/**
 * `vec_fixed_proportions_to_u16`: ⌊x ⊗ 65535⌋ each.
 *
 * @example
 * ```ts
 * import { vecFixedProportionsToU16 } from '@dtao/yuma'
 * vecFixedProportionsToU16([4294967296n, 2147483648n]) // [65535, 32767]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · vec_fixed_proportions_to_u16
 */
export function vecFixedProportionsToU16(vec: readonly bigint[]): number[] {
  return vec.map(proportionToU16)
}

/**
 * `vec_max_upscale_to_u16`: scale so the maximum becomes 65535, rounding ties away from zero.
 *
 * @example
 * ```ts
 * import { vecMaxUpscaleToU16 } from '@dtao/yuma'
 * vecMaxUpscaleToU16([0n, 1n << 31n, 1n << 32n]) // [0, 32768, 65535]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · vec_max_upscale_to_u16
 */
export function vecMaxUpscaleToU16(vec: readonly bigint[]): number[] {
  if (vec.length === 0) return []
  let max = vec[0] as bigint
  for (const v of vec) if (v > max) max = v
  if (max === 0n) return vec.map((e) => toU16(satMul(e, U16_MAX_FX)))
  if (max > 32768n << 32n) {
    const f = safeDiv(U16_MAX_FX, max)
    return vec.map((e) => toU16(I32F32.round(satMul(e, f))))
  }
  return vec.map((e) => toU16(I32F32.round(safeDiv(satMul(e, U16_MAX_FX), max))))
}

/**
 * `vec_u16_max_upscale_to_u16`: the u16 form of {@link vecMaxUpscaleToU16}, as `set_weights` stores rows.
 *
 * @example
 * ```ts
 * import { vecU16MaxUpscaleToU16 } from '@dtao/yuma'
 * vecU16MaxUpscaleToU16([43690, 21845]) // [65535, 32768]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · vec_u16_max_upscale_to_u16
 */
export function vecU16MaxUpscaleToU16(vec: readonly number[]): number[] {
  return vecMaxUpscaleToU16(vec.map((e) => BigInt(e) << 32n))
}

/**
 * `check_vec_max_limited`: whether max(normalize(vec)) ≤ maxLimit/65535 (true when empty).
 *
 * @example
 * ```ts
 * import { checkVecMaxLimited } from '@dtao/yuma'
 * checkVecMaxLimited([0, 65535, 65535], 32768) // true
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · check_vec_max_limited
 */
export function checkVecMaxLimited(vec: readonly number[], maxLimit: number): boolean {
  const limit = safeDiv(BigInt(maxLimit) << 32n, U16_MAX_FX)
  const v = vec.map((e) => BigInt(e) << 32n)
  inplaceNormalize(v)
  if (v.length === 0) return true
  let max = v[0] as bigint
  for (const x of v) if (x > max) max = x
  return max <= limit
}

/**
 * `sum`: wrapping `Iterator::sum` of I32F32 values.
 *
 * @example
 * ```ts
 * import { sum } from '@dtao/yuma'
 * sum([1n, 2n]) // 3n
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · sum
 */
export function sum(x: readonly bigint[]): bigint {
  let s = 0n
  for (const v of x) s += v
  return wrap64(s)
}

/**
 * `checked_sum` for u64 or u16 elements: `undefined` on overflow, 0 when empty.
 *
 * @example
 * ```ts
 * import { checkedSum } from '@dtao/yuma'
 * checkedSum([65535n, 1n], 'u16') // undefined
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · checked_sum
 */
export function checkedSum(x: readonly bigint[], elem: 'u64' | 'u16'): bigint | undefined {
  const max = elem === 'u64' ? 18446744073709551615n : 65535n
  let s = 0n
  for (const v of x) {
    s += v
    if (s > max) return undefined
  }
  return s
}

/**
 * `is_zero`: whether the (wrapping) sum is 0.
 *
 * @example
 * ```ts
 * import { isZero } from '@dtao/yuma'
 * isZero([1n, -1n]) // true
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · is_zero
 */
export function isZero(vector: readonly bigint[]): boolean {
  return sum(vector) === 0n
}

function topk(vector: readonly bigint[], k: number, result: boolean[]): boolean[] {
  const n = vector.length
  if (n < k) return result
  const drop = n - k // the first n − k of the stable ascending sort lose their flag
  if (drop === 0) return result
  // i64 values: asIntN(64, v) === v (BigInt64Array.from would go through the iterator)
  const sorted = new BigInt64Array(n)
  let i64 = true
  for (let i = 0; i < n; i++) {
    const v = vector[i] as bigint
    if (BigInt.asIntN(64, v) !== v) {
      i64 = false
      break
    }
    sorted[i] = v
  }
  if (i64) {
    // Equivalent selection without a comparator sort: the stable order puts every value below
    // the drop-th smallest value T first, then the lowest indices among those equal to T.
    sorted.sort()
    const t = sorted[drop - 1] as bigint
    let below = 0
    for (let i = 0; i < n; i++) if ((vector[i] as bigint) < t) below++
    let ties = drop - below
    for (let i = 0; i < n; i++) {
      const v = vector[i] as bigint
      if (v < t) result[i] = false
      else if (v === t && ties > 0) {
        result[i] = false
        ties--
      }
    }
    return result
  }
  const idxs = Array.from({ length: n }, (_, i) => i)
  idxs.sort((a, b) => {
    const x = vector[a] as bigint
    const y = vector[b] as bigint
    return x < y ? -1 : x > y ? 1 : 0
  }) // stable: ties keep ascending index order
  for (let t = 0; t < drop; t++) result[idxs[t] as number] = false
  return result
}

/**
 * `is_topk`: true for the k largest (stable ascending sort: ties go to the higher index).
 *
 * @example
 * ```ts
 * import { isTopk } from '@dtao/yuma'
 * isTopk([5n, 5n, 5n], 2) // [false, true, true]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · is_topk
 */
export function isTopk(vector: readonly bigint[], k: number): boolean[] {
  return topk(
    vector,
    k,
    vector.map(() => true),
  )
}

/**
 * `is_topk_nonzero`: {@link isTopk} and non-zero.
 *
 * @example
 * ```ts
 * import { isTopkNonzero } from '@dtao/yuma'
 * isTopkNonzero([0n, 1n, 2n], 5) // [false, true, true]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · is_topk_nonzero
 */
export function isTopkNonzero(vector: readonly bigint[], k: number): boolean[] {
  return topk(
    vector,
    k,
    vector.map((v) => v !== 0n),
  )
}

/**
 * `normalize`: a copy divided by its (wrapping) sum; unchanged when the sum is 0.
 *
 * @example
 * ```ts
 * import { normalize } from '@dtao/yuma'
 * normalize([1n << 32n, 1n << 32n]) // [2147483648n, 2147483648n]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · normalize
 */
export function normalize(x: readonly bigint[]): bigint[] {
  const s = sum(x)
  if (s === 0n) return x.slice()
  return x.map((v) => (v === 0n ? 0n : divF(v, s)))
}

/**
 * `inplace_normalize` (mutates `x`).
 *
 * @example
 * ```ts
 * import { inplaceNormalize } from '@dtao/yuma'
 * const x = [1n, 3n]; inplaceNormalize(x) // x = [1073741824n, 3221225472n]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · inplace_normalize
 */
export function inplaceNormalize(x: bigint[]): void {
  inplaceNormalizeUsingSum(x, sum(x))
}

/**
 * `inplace_normalize_using_sum` (mutates `x`; nothing when `xSum` is 0).
 *
 * @example
 * ```ts
 * import { inplaceNormalizeUsingSum } from '@dtao/yuma'
 * const x = [1n << 32n]; inplaceNormalizeUsingSum(x, 2n << 32n) // x = [2147483648n]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · inplace_normalize_using_sum
 */
export function inplaceNormalizeUsingSum(x: bigint[], xSum: bigint): void {
  if (xSum === 0n) return
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as bigint
    if (v !== 0n) x[i] = divF(v, xSum) // safe_div; 0 ⊘ s = 0
  }
}

/**
 * `inplace_normalize_64`: I64F64 (mutates `x`).
 *
 * @example
 * ```ts
 * import { inplaceNormalize64 } from '@dtao/yuma'
 * const x = [1n, 1n]; inplaceNormalize64(x) // x = [9223372036854775808n, 9223372036854775808n]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · inplace_normalize_64
 */
export function inplaceNormalize64(x: bigint[]): void {
  let s = 0n
  for (const v of x) s += v
  s = wrap128(s)
  if (s === 0n) return
  for (let i = 0; i < x.length; i++) x[i] = safeDiv64(x[i] as bigint, s)
}

/**
 * `inplace_row_normalize_64`: I64F64 rows with a positive sum are normalised (mutates `x`).
 *
 * @example
 * ```ts
 * import { inplaceRowNormalize64 } from '@dtao/yuma'
 * const x = [[1n, 1n]]; inplaceRowNormalize64(x) // x = [[2n ** 63n, 2n ** 63n]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · inplace_row_normalize_64
 */
export function inplaceRowNormalize64(x: bigint[][]): void {
  for (const row of x) {
    let s = 0n
    for (const v of row) s += v
    s = wrap128(s)
    if (s > 0n) for (let i = 0; i < row.length; i++) row[i] = safeDiv64(row[i] as bigint, s)
  }
}

/**
 * `vecdiv`: x ⊘ y elementwise (`safe_div`; a missing y is 0).
 *
 * @example
 * ```ts
 * import { vecdiv } from '@dtao/yuma'
 * vecdiv([1n << 32n], [2n << 32n]) // [2147483648n]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · vecdiv
 */
export function vecdiv(x: readonly bigint[], y: readonly bigint[]): bigint[] {
  return x.map((v, i) => safeDiv(v, y[i] ?? 0n))
}

/**
 * `vec_mul`: elementwise `checked_mul`, 0 on overflow, over the shorter length.
 *
 * @example
 * ```ts
 * import { vecMul } from '@dtao/yuma'
 * vecMul([2n << 32n], [3n << 32n, 1n]) // [25769803776n]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · vec_mul
 */
export function vecMul(a: readonly bigint[], b: readonly bigint[]): bigint[] {
  const n = Math.min(a.length, b.length)
  const out = new Array<bigint>(n)
  for (let i = 0; i < n; i++) out[i] = mulOrZero(a[i] as bigint, b[i] as bigint)
  return out
}

/**
 * `inplace_mask_vector`: zero `vector[i]` where `mask[i]` (missing mask entries mask).
 *
 * @example
 * ```ts
 * import { inplaceMaskVector } from '@dtao/yuma'
 * const v = [1n, 2n, 3n]; inplaceMaskVector([false, true, false], v) // v = [1n, 0n, 3n]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · inplace_mask_vector
 */
export function inplaceMaskVector(mask: readonly boolean[], vector: bigint[]): void {
  if (mask.length === 0) return
  for (let i = 0; i < vector.length; i++) if (mask[i] ?? true) vector[i] = 0n
}
