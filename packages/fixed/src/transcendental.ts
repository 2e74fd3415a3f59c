import type { FixedBits, FixedFormat } from './format.js'

/**
 * `transcendental::E` as I9F23 bits: `consts::E >> 103` = 2.71828174591064453125.
 *
 * @example
 * ```ts
 * import { E_I9F23, I9F23 } from '@dtao/fixed'
 * I9F23.toDecimalString(E_I9F23) // '2.71828174591064453125'
 * ```
 * @see substrate-fixed `src/transcendental.rs` · `E`
 */
export const E_I9F23: bigint = 22802600n
/**
 * `transcendental::LOG2_E` as I9F23 bits: `consts::LOG2_E >> 104` = 1.44269502162933349609375.
 *
 * @example
 * ```ts
 * import { I9F23, LOG2_E_I9F23 } from '@dtao/fixed'
 * I9F23.toDecimalString(LOG2_E_I9F23) // '1.44269502162933349609375'
 * ```
 * @see substrate-fixed `src/transcendental.rs` · `LOG2_E`
 */
export const LOG2_E_I9F23: bigint = 12102203n

/** An I9F23 constant in a format with `fracBits` fractional bits (`D::from(I9F23)`). */
function constIn(bits23: bigint, fracBits: number): bigint {
  const d = fracBits - 23
  return d >= 0 ? bits23 << BigInt(d) : bits23 >> BigInt(-d)
}

/**
 * `substrate_fixed::transcendental::exp::<D, D>`: a Taylor series cut off at x^(F−1)/(F−1)!,
 * with `exp(1)` returning the 23-bit constant E. Not IEEE `Math.exp`.
 *
 * @param format - The fixed format (source = destination, as subtensor uses it).
 * @param x - The argument's bits.
 * @returns The bits, or `undefined` where Rust returns `Err` (an intermediate overflowed).
 * @example
 * ```ts
 * import { I32F32, exp } from '@dtao/fixed'
 * exp(I32F32, I32F32.fromNum(1n)) // 11674931200n (E ≪ 9 = 2.71828174591…)
 * exp(I32F32, I32F32.fromNum(21n)) // undefined
 * ```
 * @see substrate-fixed `src/transcendental.rs` · `exp`
 */
export function exp<TName extends string>(
  format: FixedFormat<TName>,
  x: bigint,
): FixedBits<TName> | undefined {
  const F = format.fracBits
  const one = 1n << BigInt(F)
  if (x === 0n) return format.ONE
  if (x === one) return format.wrap(constIn(E_I9F23, F))
  const neg = x < 0n
  let v = x
  if (neg) {
    const n = format.checkedNeg(x)
    if (n === undefined) return undefined
    v = n
  }
  let result: bigint | undefined = format.checkedAdd(v, one)
  if (result === undefined) return undefined
  let term: bigint = v
  for (let i = 2; i < F; i++) {
    const t1 = format.checkedMul(term, v)
    if (t1 === undefined) return undefined
    const t2 = format.checkedDiv(t1, format.fromNum(BigInt(i)))
    if (t2 === undefined) return undefined
    term = t2
    result = format.checkedAdd(result, term)
    if (result === undefined) return undefined
  }
  if (neg) return format.checkedDiv(one, result)
  return result as FixedBits<TName>
}

/** `rs(x) = (x >> 1) + (x & lsb)`: a halving that rounds half up. */
function rs(x: bigint): bigint {
  return (x >> 1n) + (x & 1n)
}

function log2Inner<TName extends string>(format: FixedFormat<TName>, x0: bigint): bigint {
  const F = BigInt(format.fracBits)
  const one = 1n << F
  const two = 2n << F
  let x = x0
  let result = 0n
  while (x >= two) {
    result += 1n
    x = rs(x)
  }
  if (x === one) return format.wrap(result << F)
  for (let i = 0; i < format.fracBits; i++) {
    x = format.mul(x, x)
    result <<= 1n
    if (x >= two) {
      result |= 1n
      x = rs(x)
    }
  }
  return format.wrap(result)
}

/**
 * `substrate_fixed::transcendental::log2::<D, D>`: integer part by halving (rounding half up),
 * fraction by repeated squaring. Inputs just below 2^k (k ≥ 2) return exactly k.
 *
 * @param format - A signed fixed format.
 * @param x - The argument's bits.
 * @returns The bits, or `undefined` for x ≤ 0 (Rust `Err`) or when 1/x overflows.
 * @example
 * ```ts
 * import { I96F32, log2 } from '@dtao/fixed'
 * log2(I96F32, I96F32.fromNum(1.5)) // 2512394809n
 * ```
 * @see substrate-fixed `src/transcendental.rs` · `log2`, `log2_inner`, `rs`
 */
export function log2<TName extends string>(
  format: FixedFormat<TName>,
  x: bigint,
): FixedBits<TName> | undefined {
  if (x <= 0n) return undefined
  const one = 1n << BigInt(format.fracBits)
  if (x < one) {
    const inv = format.checkedDiv(one, x)
    if (inv === undefined) return undefined
    return format.neg(log2Inner(format, inv))
  }
  return log2Inner(format, x) as FixedBits<TName>
}

/**
 * `substrate_fixed::transcendental::ln::<D, D>` = `log2(x) / LOG2_E`, where LOG2_E is the
 * 23-bit constant and `/` truncates.
 *
 * @param format - A signed fixed format.
 * @param x - The argument's bits.
 * @returns The bits, or `undefined` where `log2` fails.
 * @example
 * ```ts
 * import { I32F32, ln } from '@dtao/fixed'
 * ln(I32F32, I32F32.fromNum(2n)) // 2977044511n (39 ulps above the true ln 2)
 * ```
 * @see substrate-fixed `src/transcendental.rs` · `ln`
 */
export function ln<TName extends string>(
  format: FixedFormat<TName>,
  x: bigint,
): FixedBits<TName> | undefined {
  const l = log2(format, x)
  if (l === undefined) return undefined
  return format.div(l, constIn(LOG2_E_I9F23, format.fracBits))
}
