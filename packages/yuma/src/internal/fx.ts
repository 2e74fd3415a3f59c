/**
 * I32F32 / I64F64 raw-bit helpers with the chain's release semantics, inlined for speed.
 * Values are plain `bigint` raw bits (I32F32 unless the name says 64).
 *
 * @internal
 */

/** I32F32 one (bits). */
export const ONE: bigint = 4294967296n
/** I32F32::MAX bits. */
export const MAX: bigint = 9223372036854775807n
/** I32F32::MIN bits. */
export const MIN: bigint = -9223372036854775808n
/** I32F32 65535 (u16::MAX). */
export const U16_MAX_FX: bigint = 65535n << 32n
/** I64F64::MAX bits. */
export const MAX64: bigint = (1n << 127n) - 1n
/** I64F64::MIN bits. */
export const MIN64: bigint = -(1n << 127n)

/** `saturating_add`. */
export function satAdd(a: bigint, b: bigint): bigint {
  const s = a + b
  return s > MAX ? MAX : s < MIN ? MIN : s
}

/** `saturating_sub`. */
export function satSub(a: bigint, b: bigint): bigint {
  const s = a - b
  return s > MAX ? MAX : s < MIN ? MIN : s
}

/** `saturating_mul`: floor(a·b / 2^32), clamped. */
export function satMul(a: bigint, b: bigint): bigint {
  const p = (a * b) >> 32n
  return p > MAX ? MAX : p < MIN ? MIN : p
}

/** `checked_mul(...).unwrap_or_default()`. */
export function mulOrZero(a: bigint, b: bigint): bigint {
  const p = (a * b) >> 32n
  return p > MAX || p < MIN ? 0n : p
}

/** safe-math `safe_div`: 0 on b = 0 or overflow; truncates towards 0. */
export function safeDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) return 0n
  const q = (a << 32n) / b
  return q > MAX || q < MIN ? 0n : q
}

/** `saturating_div` (b ≠ 0). */
export function satDiv(a: bigint, b: bigint): bigint {
  const q = (a << 32n) / b
  return q > MAX ? MAX : q < MIN ? MIN : q
}

/** Wrapping `+` (Iterator::sum). */
export function wrap64(v: bigint): bigint {
  return v > MAX || v < MIN ? BigInt.asIntN(64, v) : v
}

/** I64F64 `safe_div`. */
export function safeDiv64(a: bigint, b: bigint): bigint {
  if (b === 0n) return 0n
  const q = (a << 64n) / b
  return q > MAX64 || q < MIN64 ? 0n : q
}

/** I64F64 wrapping sum. */
export function wrap128(v: bigint): bigint {
  return v > MAX64 || v < MIN64 ? BigInt.asIntN(128, v) : v
}

/** `I32F32::saturating_from_num(I64F64)`: floor to 32 fraction bits, clamp. */
export function fx64to32(x: bigint): bigint {
  const v = x >> 32n
  return v > MAX ? MAX : v < MIN ? MIN : v
}

/** `saturating_to_num::<u16>()`. */
export function toU16(x: bigint): number {
  const q = x >> 32n
  return q <= 0n ? 0 : q >= 65535n ? 65535 : Number(q)
}

/** `fixed_proportion_to_u16`: ⌊x ⊗ 65535⌋, clamped. */
export function proportionToU16(x: bigint): number {
  // (x·(65535·2^32)) >> 32 is exactly x·65535; clamping it like satMul does changes nothing
  // after the u16 clamp, so the two allocations of satMul collapse into one multiply.
  const q = (x * 65535n) >> 32n
  return q <= 0n ? 0 : q >= 65535n ? 65535 : Number(q)
}
