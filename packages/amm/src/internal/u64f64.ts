/**
 * Allocation-light U64F64 helpers on raw bits for the swap hot path. Each mirrors one
 * substrate-fixed / safe-math operation with release semantics on non-negative operands; they are
 * checked against the `U64F64` format object of `@dtao/fixed` in `u64f64.prop.test.ts`.
 *
 * @internal
 * @module
 */

/** 1.0 in U64F64 bits. @internal */
export const ONE: bigint = 1n << 64n
/** `U64F64::MAX` bits. @internal */
export const MAX_BITS: bigint = (1n << 128n) - 1n
/** `u64::MAX`. @internal */
export const U64_MAX: bigint = (1n << 64n) - 1n

/** `U64F64::saturating_from_num(x)` for an integer `x` in [0, u64::MAX]. @internal */
export function fromU64(x: bigint): bigint {
  return x << 64n
}

/** `a.saturating_mul(b)`: ⌊a·b / 2⁶⁴⌋ clamped to MAX. @internal */
export function satMul(a: bigint, b: bigint): bigint {
  const p = (a * b) >> 64n
  return p > MAX_BITS ? MAX_BITS : p
}

/** `a.saturating_sub(b)`: clamps at 0. @internal */
export function satSub(a: bigint, b: bigint): bigint {
  return a > b ? a - b : 0n
}

/** safe-math `a.safe_div(b)`: ⌊a·2⁶⁴ / b⌋, or 0 on division by zero or overflow. @internal */
export function safeDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) return 0n
  const q = (a << 64n) / b
  return q > MAX_BITS ? 0n : q
}

/** `a.saturating_to_num::<u64>()`: the integer part (a U64F64 always fits u64). @internal */
export function toU64(a: bigint): bigint {
  return a >> 64n
}

/** `u64::saturating_add`. @internal */
export function u64SatAdd(a: bigint, b: bigint): bigint {
  const s = a + b
  return s > U64_MAX ? U64_MAX : s
}

/** `u64::saturating_sub`. @internal */
export function u64SatSub(a: bigint, b: bigint): bigint {
  return a > b ? a - b : 0n
}

/** `u64::saturating_mul`. @internal */
export function u64SatMul(a: bigint, b: bigint): bigint {
  const p = a * b
  return p > U64_MAX ? U64_MAX : p
}
