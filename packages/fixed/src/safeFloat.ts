import { InvalidArgumentError } from './errors.js'

/**
 * subtensor's `SafeFloat` (share-pool): the decimal value mantissa·10^exponent with a u128
 * mantissa and an i64 exponent, always normalised (mantissa 0 with exponent 0, or
 * 10²⁰ < mantissa ≤ 10²¹: 21 significant digits). Plain immutable data; build it with
 * {@link safeFloat} or the {@link SafeFloat} helpers, which all normalise.
 *
 * @example
 * ```ts
 * import { SafeFloat, safeFloat } from '@dtao/fixed'
 * const one: SafeFloat = SafeFloat.fromU64(1n)
 * // { mantissa: 1000000000000000000000n, exponent: -21n }
 * safeFloat(10n ** 22n, 0n) // undefined (mantissa above 10^21)
 * ```
 */
export type SafeFloat = {
  /** The u128 mantissa, 0 or in (10²⁰, 10²¹]. */
  readonly mantissa: bigint
  /** The i64 decimal exponent (0 when the mantissa is 0). */
  readonly exponent: bigint
}

/** `SAFE_FLOAT_MAX` = 10²¹, the largest mantissa. */
const SAFE_FLOAT_MAX = 1_000_000_000_000_000_000_000n
/** `SAFE_FLOAT_MAX_EXP` = 21. */
const SAFE_FLOAT_MAX_EXP = 21n
const minMantissa = SAFE_FLOAT_MAX / 10n
const i64Min = -(1n << 63n)
const i64Max = (1n << 63n) - 1n
const u64Max = (1n << 64n) - 1n
const u128Max = (1n << 128n) - 1n
const u256Max = (1n << 256n) - 1n
const two64 = 1n << 64n
const zeroValue: SafeFloat = Object.freeze({ mantissa: 0n, exponent: 0n })

function make(mantissa: bigint, exponent: bigint): SafeFloat {
  return Object.freeze({ mantissa, exponent })
}

/** `cappow10(e)`: 10^e, capped at 10²² for e > 22. */
function cappow10(e: bigint): bigint {
  if (e > SAFE_FLOAT_MAX_EXP + 1n) return SAFE_FLOAT_MAX * 10n
  if (e === 0n) return 1n
  return 10n ** e
}

/** `normalize(m: U256, e)`: `undefined` when the i64 exponent over- or underflows. */
function normalize(m: bigint, e: bigint): SafeFloat | undefined {
  if (m === 0n) return zeroValue
  let mantissa = m
  let exponent = e
  while (mantissa > SAFE_FLOAT_MAX) {
    mantissa /= 10n
    exponent += 1n
    if (exponent > i64Max) return undefined
  }
  while (mantissa <= minMantissa) {
    mantissa *= 10n
    exponent -= 1n
    if (exponent < i64Min) return undefined
  }
  return make(mantissa, exponent)
}

function check(v: unknown, op: string): SafeFloat {
  const x = v as SafeFloat
  if (
    typeof v !== 'object' ||
    v === null ||
    typeof x.mantissa !== 'bigint' ||
    typeof x.exponent !== 'bigint' ||
    x.mantissa < 0n ||
    x.mantissa > u128Max ||
    x.exponent < i64Min ||
    x.exponent > i64Max
  )
    throw new InvalidArgumentError(
      `SafeFloat.${op}: expected a { mantissa: u128 bigint, exponent: i64 bigint }.`,
      'a SafeFloat',
    )
  return x
}

function checkInt(v: unknown, min: bigint, max: bigint, what: string, op: string): bigint {
  if (typeof v !== 'bigint' || v < min || v > max)
    throw new InvalidArgumentError(
      `${op}: ${what} must be a bigint in [${min}, ${max}], got ${typeof v === 'bigint' ? v : typeof v}.`,
      `an integer in [${min}, ${max}]`,
    )
  return v
}

/**
 * `SafeFloat::new(mantissa, exponent)`: the normalised mantissa·10^exponent, or `undefined` when
 * the mantissa is above 10²¹ or normalising overflows the i64 exponent.
 *
 * @param mantissa - A u128.
 * @param exponent - An i64.
 * @returns The value, or `undefined` where Rust returns `None`.
 * @throws {@link InvalidArgumentError} If an argument is not a `bigint` of its Rust range.
 * @example
 * ```ts
 * import { safeFloat } from '@dtao/fixed'
 * safeFloat(1000n, 0n) // { mantissa: 1000000000000000000000n, exponent: -18n }
 * ```
 * @see subtensor `primitives/share-pool/src/lib.rs` · `SafeFloat::new`
 */
export function safeFloat(mantissa: bigint, exponent: bigint): SafeFloat | undefined {
  checkInt(mantissa, 0n, u128Max, 'mantissa', 'safeFloat')
  checkInt(exponent, i64Min, i64Max, 'exponent', 'safeFloat')
  if (mantissa > SAFE_FLOAT_MAX) return undefined
  return normalize(mantissa, exponent)
}

/** `add`/`sub` alignment: the smaller-exponent mantissa divided by cappow10(Δ). */
function align(a: SafeFloat, b: SafeFloat): [bigint, bigint, bigint] {
  if (a.exponent >= b.exponent) {
    const diff = a.exponent - b.exponent
    return [a.mantissa, b.mantissa / cappow10(diff > i64Max ? i64Max : diff), a.exponent]
  }
  const diff = b.exponent - a.exponent
  return [a.mantissa / cappow10(diff > i64Max ? i64Max : diff), b.mantissa, b.exponent]
}

/**
 * subtensor share-pool `SafeFloat` operations, each returning a new normalised value.
 * `undefined` results are Rust's `None` (an i64 exponent overflow, or a zero divisor).
 *
 * @example
 * ```ts
 * import { SafeFloat } from '@dtao/fixed'
 * const third = SafeFloat.div(SafeFloat.fromU64(1n), SafeFloat.fromU64(3n))
 * // { mantissa: 333333333333333333333n, exponent: -21n }
 * ```
 * @see subtensor `primitives/share-pool/src/lib.rs` · `impl SafeFloat`
 */
export const SafeFloat: {
  /** `SAFE_FLOAT_MAX` = 10²¹. */
  readonly MAX_MANTISSA: bigint
  /** `SafeFloat::zero()` (also `Default`). */
  readonly zero: SafeFloat
  /** `From<u64>`: `new(v, 0)`. */
  fromU64(value: bigint): SafeFloat
  /**
   * `From<U64F64>`: `new(int, 0).add(new(frac, 0).div(new(2⁶⁴, 0)))`, truncating at each step
   * (lossy: U64F64 0.1 becomes 100 000 000 000 000 005 551·10⁻²¹).
   */
  fromU64F64(bits: bigint): SafeFloat
  /** `a.add(b)`: aligns to the larger exponent (flooring the other mantissa), then normalises. */
  add(a: SafeFloat, b: SafeFloat): SafeFloat | undefined
  /** `a.sub(b)`: like `add`, saturating at 0; `undefined` when a = 0 and b ≠ 0. */
  sub(a: SafeFloat, b: SafeFloat): SafeFloat | undefined
  /** `a.div(b)`: ⌊m_a·10²¹ / m_b⌋·10^(e_a − e_b − 21); `undefined` for b = 0. */
  div(a: SafeFloat, b: SafeFloat): SafeFloat | undefined
  /** `a.mul_div(b, c)`: ⌊m_a·m_b / m_c⌋·10^(e_a + e_b − e_c); `undefined` for c = 0. */
  mulDiv(a: SafeFloat, b: SafeFloat, c: SafeFloat): SafeFloat | undefined
  /** `a.gt(b)` for normalised values. */
  gt(a: SafeFloat, b: SafeFloat): boolean
  /** `u64::from(&a)`: a saturating floor into u64. */
  toU64(a: SafeFloat): bigint
  /** `is_zero`. */
  isZero(a: SafeFloat): boolean
  /** The exact decimal value, e.g. `'0.333333333333333333333'` (`'<m>e<e>'` when \|e\| > 1000). */
  toDecimalString(a: SafeFloat): string
} = Object.freeze({
  MAX_MANTISSA: SAFE_FLOAT_MAX,
  zero: zeroValue,
  fromU64(value: bigint): SafeFloat {
    checkInt(value, 0n, u64Max, 'value', 'SafeFloat.fromU64')
    return normalize(value, 0n) ?? zeroValue
  },
  fromU64F64(bits: bigint): SafeFloat {
    checkInt(bits, 0n, u128Max, 'bits', 'SafeFloat.fromU64F64')
    if (bits === 0n) return zeroValue
    const int = bits >> 64n
    const frac = bits & u64Max
    const safeInt = normalize(int, 0n) ?? zeroValue
    const safeFracNum = normalize(frac, 0n) ?? zeroValue
    const safeTwo64 = normalize(two64, 0n) ?? zeroValue
    const safeFrac = SafeFloat.div(safeFracNum, safeTwo64) ?? zeroValue
    return SafeFloat.add(safeInt, safeFrac) ?? zeroValue
  },
  add(a: SafeFloat, b: SafeFloat): SafeFloat | undefined {
    check(a, 'add')
    check(b, 'add')
    if (a.mantissa === 0n) return b
    if (b.mantissa === 0n) return a
    const [m1, m2, e] = align(a, b)
    const m = m1 + m2
    return normalize(m > u256Max ? u256Max : m, e)
  },
  sub(a: SafeFloat, b: SafeFloat): SafeFloat | undefined {
    check(a, 'sub')
    check(b, 'sub')
    if (a.mantissa === 0n && b.mantissa === 0n) return zeroValue
    if (a.mantissa === 0n) return undefined
    if (b.mantissa === 0n) return a
    const [m1, m2, e] = align(a, b)
    return normalize(m1 > m2 ? m1 - m2 : 0n, e)
  },
  div(a: SafeFloat, b: SafeFloat): SafeFloat | undefined {
    check(a, 'div')
    check(b, 'div')
    const e = a.exponent - b.exponent - SAFE_FLOAT_MAX_EXP
    if (e > i64Max || e < i64Min) return undefined
    if (b.mantissa === 0n) return undefined
    return normalize((a.mantissa * SAFE_FLOAT_MAX) / b.mantissa, e)
  },
  mulDiv(a: SafeFloat, b: SafeFloat, c: SafeFloat): SafeFloat | undefined {
    check(a, 'mulDiv')
    check(b, 'mulDiv')
    check(c, 'mulDiv')
    if (c.mantissa === 0n) return undefined
    const eab = a.exponent + b.exponent
    if (eab > i64Max || eab < i64Min) return undefined
    const e = eab - c.exponent
    if (e > i64Max || e < i64Min) return undefined
    return normalize((a.mantissa * b.mantissa) / c.mantissa, e)
  },
  gt(a: SafeFloat, b: SafeFloat): boolean {
    check(a, 'gt')
    check(b, 'gt')
    if (a.exponent === b.exponent) return a.mantissa > b.mantissa
    if (a.exponent > b.exponent)
      return a.exponent - b.exponent > 1n || 10n * a.mantissa > b.mantissa
    return b.exponent - a.exponent > 1n ? false : a.mantissa > 10n * b.mantissa
  },
  toU64(a: SafeFloat): bigint {
    check(a, 'toU64')
    if (a.exponent === 0n) return a.mantissa > u64Max ? u64Max : a.mantissa
    const s = cappow10(a.exponent < 0n ? -a.exponent : a.exponent)
    const q = a.exponent > 0n ? a.mantissa * s : a.mantissa / s
    return q > u64Max ? u64Max : q
  },
  isZero(a: SafeFloat): boolean {
    return check(a, 'isZero').mantissa === 0n
  },
  toDecimalString(a: SafeFloat): string {
    check(a, 'toDecimalString')
    if (a.mantissa === 0n) return '0'
    const digits = a.mantissa.toString()
    // Beyond any stake-sized value, spell the exponent out rather than pad thousands of zeros.
    if (a.exponent > 1000n || a.exponent < -1000n) return `${digits}e${a.exponent}`
    if (a.exponent >= 0n) return digits + '0'.repeat(Number(a.exponent))
    const k = Number(-a.exponent)
    const padded = digits.length <= k ? '0'.repeat(k - digits.length + 1) + digits : digits
    const int = padded.slice(0, padded.length - k)
    const frac = padded.slice(padded.length - k).replace(/0+$/, '')
    return frac === '' ? int : `${int}.${frac}`
  },
})
