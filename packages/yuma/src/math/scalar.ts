import { I32F32, I64F64 } from '@dtao/fixed'
import { expI32F32 } from '../internal/exp32.js'
import {
  MAX,
  ONE,
  proportionToU16,
  safeDiv,
  satAdd,
  satMul,
  satSub,
  toU16,
} from '../internal/fx.js'

const U64_MAX = 18446744073709551615n
const minusTwenty = -20n << 32n
const twenty = 20n << 32n

function toU64(x: bigint, frac: bigint): bigint {
  const q = x >> frac
  return q <= 0n ? 0n : q >= U64_MAX ? U64_MAX : q
}

/**
 * `fixed(val: f32)`: `I32F32::saturating_from_num` of an f32 (round to nearest, ties to even).
 *
 * @param val - A number, read as the f32 `Math.fround(val)`.
 * @returns I32F32 bits.
 * @throws `Fixed.NonFiniteError` For NaN and magnitudes ≥ 2^127 (the chain panics there).
 * @example
 * ```ts
 * import { fixed } from '@dtao/yuma'
 * fixed(0.1) // 429496736n (the f32 0.1)
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · fixed
 */
export function fixed(val: number): bigint {
  return I32F32.saturatingFromNum(val, { precision: 'f32', nonFinite: 'substrate' })
}

/**
 * `fixed_to_u16`: floor, clamped to 0…65535.
 *
 * @example
 * ```ts
 * import { fixedToU16 } from '@dtao/yuma'
 * fixedToU16(3n << 32n) // 3
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · fixed_to_u16
 */
export function fixedToU16(x: bigint): number {
  return toU16(x)
}

/**
 * `fixed_to_u64`: floor, clamped to 0…2^64−1.
 *
 * @example
 * ```ts
 * import { fixedToU64 } from '@dtao/yuma'
 * fixedToU64(-1n) // 0n
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · fixed_to_u64
 */
export function fixedToU64(x: bigint): bigint {
  return toU64(x, 32n)
}

/**
 * `fixed64_to_u64`: I64F64 floor, clamped to 0…2^64−1.
 *
 * @example
 * ```ts
 * import { fixed64ToU64 } from '@dtao/yuma'
 * fixed64ToU64(5n << 64n) // 5n
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · fixed64_to_u64
 */
export function fixed64ToU64(x: bigint): bigint {
  return toU64(x, 64n)
}

/**
 * `fixed64_to_fixed32`: I64F64 → I32F32, flooring the extra bits, saturating.
 *
 * @example
 * ```ts
 * import { fixed64ToFixed32 } from '@dtao/yuma'
 * fixed64ToFixed32(1n << 63n) // 2147483648n (0.5)
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · fixed64_to_fixed32
 */
export function fixed64ToFixed32(x: bigint): bigint {
  return I32F32.saturatingFromFixed(I64F64, x)
}

/**
 * `fixed32_to_fixed64`: I32F32 → I64F64 (exact).
 *
 * @example
 * ```ts
 * import { fixed32ToFixed64 } from '@dtao/yuma'
 * fixed32ToFixed64(1n) // 4294967296n
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · fixed32_to_fixed64
 */
export function fixed32ToFixed64(x: bigint): bigint {
  return x << 32n
}

/**
 * `u16_to_fixed`: `I32F32::saturating_from_num(u16)`.
 *
 * @example
 * ```ts
 * import { u16ToFixed } from '@dtao/yuma'
 * u16ToFixed(2) // 8589934592n
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · u16_to_fixed
 */
export function u16ToFixed(x: number): bigint {
  return BigInt(x) << 32n
}

/**
 * `u16_proportion_to_fixed`: x ⊘ 65535.
 *
 * @example
 * ```ts
 * import { u16ProportionToFixed } from '@dtao/yuma'
 * u16ProportionToFixed(65535) // 4294967296n
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · u16_proportion_to_fixed
 */
export function u16ProportionToFixed(x: number): bigint {
  return safeDiv(BigInt(x) << 32n, 65535n << 32n)
}

/**
 * `fixed_to_fixed_u16_proportion`: x ⊘ 65535 (`safe_div`).
 *
 * @example
 * ```ts
 * import { fixedToFixedU16Proportion } from '@dtao/yuma'
 * fixedToFixedU16Proportion(65535n << 32n) // 4294967296n
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · fixed_to_fixed_u16_proportion
 */
export function fixedToFixedU16Proportion(x: bigint): bigint {
  return safeDiv(x, 65535n << 32n)
}

/**
 * `fixed_proportion_to_u16`: ⌊x ⊗ 65535⌋, clamped.
 *
 * @example
 * ```ts
 * import { fixedProportionToU16 } from '@dtao/yuma'
 * fixedProportionToU16(1431655765n) // 21844 (1/3)
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · fixed_proportion_to_u16
 */
export function fixedProportionToU16(x: bigint): number {
  return proportionToU16(x)
}

/**
 * `exp_safe`: clamps x to [−20, 20], then substrate-fixed `exp`; on `Err`, 0 for x ≤ 0 and
 * `I32F32::MAX` otherwise.
 *
 * @example
 * ```ts
 * import { expSafe } from '@dtao/yuma'
 * expSafe(0n) // 4294967296n
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · exp_safe
 */
export function expSafe(input: bigint): bigint {
  const x = input < minusTwenty ? minusTwenty : twenty < input ? twenty : input
  const r = expI32F32(x)
  if (r !== undefined) return r
  return x <= 0n ? 0n : MAX
}

/**
 * `sigmoid_safe`: 1 ⊘ (1 ⊕ exp_safe(−ρ ⊗ (input ⊖ κ))).
 *
 * @example
 * ```ts
 * import { sigmoidSafe } from '@dtao/yuma'
 * sigmoidSafe(1n << 31n, 30n << 32n, 1n << 31n) // 2147483648n (0.5)
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · sigmoid_safe
 */
export function sigmoidSafe(input: bigint, rho: bigint, kappa: bigint): bigint {
  const offset = satSub(input, kappa)
  const negRho = satMul(rho, I32F32.saturatingNeg(ONE))
  const expOutput = expSafe(satMul(negRho, offset))
  return safeDiv(ONE, satAdd(expOutput, ONE))
}

/**
 * `clamp_value`: `value.min(high).max(low)`.
 *
 * @example
 * ```ts
 * import { clampValue } from '@dtao/yuma'
 * clampValue(5n, 0n, 3n) // 3n
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · clamp_value
 */
export function clampValue(value: bigint, low: bigint, high: bigint): bigint {
  const v = value < high ? value : high
  return v > low ? v : low
}

/**
 * `safe_ln`: substrate-fixed `ln`, or 0 on `Err`.
 *
 * @example
 * ```ts
 * import { safeLn } from '@dtao/yuma'
 * safeLn(0n) // 0n
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · safe_ln
 */
export function safeLn(value: bigint): bigint {
  return I32F32.ln(value) ?? 0n
}

/**
 * `get_safe`: `slice[idx]`, or 0 when out of range.
 *
 * @example
 * ```ts
 * import { getSafe } from '@dtao/yuma'
 * getSafe([1n, 2n], 5) // 0n
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · get_safe
 */
export function getSafe(slice: readonly bigint[], idx: number): bigint {
  return slice[idx] ?? 0n
}
