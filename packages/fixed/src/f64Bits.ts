import { f64FromRawBits as fromRaw, rawF64Bits as toRaw } from './internal/float.js'

/**
 * The IEEE-754 bits of an f64, as a u64 `bigint` (Rust `f64::to_bits`).
 *
 * @param x - Any number, including NaN and ±0.
 * @returns The 64 raw bits.
 * @example
 * ```ts
 * import { rawF64Bits } from '@dtao/fixed'
 * rawF64Bits(-0) // 9223372036854775808n
 * ```
 */
export function rawF64Bits(x: number): bigint {
  return toRaw(x)
}

/**
 * The f64 with the given IEEE-754 bits (Rust `f64::from_bits`).
 *
 * @param bits - 64 raw bits.
 * @returns The number.
 * @example
 * ```ts
 * import { f64FromRawBits } from '@dtao/fixed'
 * f64FromRawBits(4607182418800017408n) // 1
 * ```
 */
export function f64FromRawBits(bits: bigint): number {
  return fromRaw(BigInt.asUintN(64, bits))
}
