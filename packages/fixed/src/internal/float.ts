/**
 * Exact decomposition of IEEE-754 floats, as substrate-fixed `float_helper.rs · to_float_kind`
 * sees them (including its off-by-one classification of the top binade).
 *
 * @internal
 */

const f64 = new Float64Array(1)
const f64Bits = new BigUint64Array(f64.buffer)
const f32 = new Float32Array(1)
const f32Bits = new Uint32Array(f32.buffer)

/**
 * How substrate-fixed v0.6.0 classifies a float. `finite` carries the exact value
 * `sign · mantissa · 2^exponent`. IEEE ±∞/NaN are classified as finite values (1.M)·2^(max+1);
 * the top binade is `infinite` (mantissa bits zero) or `nan` (otherwise).
 *
 * @internal
 */
export type FloatKind =
  | {
      readonly kind: 'finite'
      readonly negative: boolean
      readonly mantissa: bigint
      readonly exponent: number
    }
  | { readonly kind: 'infinite'; readonly negative: boolean }
  | { readonly kind: 'nan'; readonly negative: boolean }

/** @internal */
export function rawF64Bits(x: number): bigint {
  f64[0] = x
  return f64Bits[0] as bigint
}

/** @internal */
export function f64FromRawBits(bits: bigint): number {
  f64Bits[0] = bits
  return f64[0] as number
}

/**
 * Classify `x` as an f64 (`precision` 'f64') or as the f32 `Math.fround(x)` ('f32').
 *
 * @internal
 */
export function classifyFloat(x: number, precision: 'f64' | 'f32'): FloatKind {
  let negative: boolean
  let biased: number
  let frac: bigint
  let fracBits: number
  let bias: number
  let maxBiased: number
  if (precision === 'f64') {
    const b = rawF64Bits(x)
    negative = b >> 63n === 1n
    biased = Number((b >> 52n) & 0x7ffn)
    frac = b & 0xf_ffff_ffff_ffffn
    fracBits = 52
    bias = 1023
    maxBiased = 2047
  } else {
    f32[0] = x
    const b = f32Bits[0] as number
    negative = b >>> 31 === 1
    biased = (b >>> 23) & 0xff
    frac = BigInt(b & 0x7f_ffff)
    fracBits = 23
    bias = 127
    maxBiased = 255
  }
  if (biased === maxBiased - 1) {
    return { kind: frac === 0n ? 'infinite' : 'nan', negative }
  }
  if (biased === 0) {
    // zero or subnormal: value = frac · 2^(1 − bias − fracBits)
    return { kind: 'finite', negative, mantissa: frac, exponent: 1 - bias - fracBits }
  }
  // normal numbers, and IEEE ±∞/NaN (biased = max) read as (1.M)·2^(max − bias)
  return {
    kind: 'finite',
    negative,
    mantissa: frac | (1n << BigInt(fracBits)),
    exponent: biased - bias - fracBits,
  }
}

/**
 * `RNE(|x| · 2^fracBits)` with its sign, for a finite classified float: the exact scaled value
 * rounded to nearest, ties to even, on the magnitude.
 *
 * @internal
 */
export function scaleFloatRne(
  v: { readonly negative: boolean; readonly mantissa: bigint; readonly exponent: number },
  fracBits: number,
): bigint {
  const e = v.exponent + fracBits
  let q: bigint
  if (e >= 0) {
    q = v.mantissa << BigInt(e)
  } else {
    const shift = BigInt(-e)
    q = v.mantissa >> shift
    const rem = v.mantissa - (q << shift)
    const half = 1n << (shift - 1n)
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n
  }
  return v.negative ? -q : q
}

/**
 * Round `bits / 2^fracBits` to the nearest f32 (ties to even) with a single rounding.
 *
 * @internal
 */
export function bitsToF32(bits: bigint, fracBits: number): number {
  if (bits === 0n) return 0
  const negative = bits < 0n
  let m = negative ? -bits : bits
  let e = -fracBits
  const len = m.toString(2).length
  if (len > 24) {
    const shift = BigInt(len - 24)
    let q = m >> shift
    const rem = m - (q << shift)
    const half = 1n << (shift - 1n)
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n
    m = q
    e += len - 24
  }
  const r = Math.fround(Number(m) * 2 ** e)
  return negative ? -r : r
}
