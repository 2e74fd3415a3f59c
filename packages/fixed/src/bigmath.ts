import { DivisionByZeroError, InvalidArgumentError } from './errors.js'

function assertBigint(value: unknown, name: string, operation: string): asserts value is bigint {
  if (typeof value !== 'bigint')
    throw new InvalidArgumentError(
      `${operation}: ${name} must be a bigint, got ${typeof value} ${String(value)}.`,
      'a bigint',
    )
}

/**
 * Integer division rounding toward −∞ (num-integer `Integer::div_floor`, safe-bigmath
 * `div_floor`). JS `/` on `bigint` truncates toward zero instead; the two differ for a negative
 * quotient with a remainder.
 *
 * @param a - Dividend.
 * @param b - Divisor.
 * @returns ⌊a / b⌋.
 * @throws {@link DivisionByZeroError} If `b` is 0.
 * @throws {@link InvalidArgumentError} If an argument is not a `bigint`.
 * @example
 * ```ts
 * import { floorDiv } from '@dtao/fixed'
 * floorDiv(-7n, 2n) // -4n  (−7n / 2n is −3n)
 * floorDiv(7n, 2n) // 3n
 * ```
 * @see safe-bigmath `src/integer.rs` · `div_floor` (num-integer)
 */
export function floorDiv(a: bigint, b: bigint): bigint {
  assertBigint(a, 'a', 'floorDiv')
  assertBigint(b, 'b', 'floorDiv')
  if (b === 0n) throw new DivisionByZeroError({ type: 'bigint', operation: 'floorDiv' })
  const q = a / b
  // A non-zero remainder whose sign differs from the divisor's means the truncated quotient is one
  // above the floor.
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q
}

/**
 * Integer division rounding toward zero (Rust `/` on integers, num-bigint `BigInt / BigInt`),
 * which is JS `bigint` `/` with a typed error for a zero divisor.
 *
 * @param a - Dividend.
 * @param b - Divisor.
 * @returns trunc(a / b).
 * @throws {@link DivisionByZeroError} If `b` is 0.
 * @throws {@link InvalidArgumentError} If an argument is not a `bigint`.
 * @example
 * ```ts
 * import { truncDiv } from '@dtao/fixed'
 * truncDiv(-7n, 2n) // -3n
 * ```
 * @see safe-bigmath `src/integer.rs` · `div_rem` (num-bigint truncating division)
 */
export function truncDiv(a: bigint, b: bigint): bigint {
  assertBigint(a, 'a', 'truncDiv')
  assertBigint(b, 'b', 'truncDiv')
  if (b === 0n) throw new DivisionByZeroError({ type: 'bigint', operation: 'truncDiv' })
  return a / b
}

/**
 * The number of bits of |x| (num-bigint `BigUint::bits`): 0 for 0, else ⌊log₂|x|⌋ + 1.
 *
 * @param x - Any integer; its sign is ignored.
 * @returns The bit length of the magnitude.
 * @throws {@link InvalidArgumentError} If `x` is not a `bigint`.
 * @example
 * ```ts
 * import { bitLength } from '@dtao/fixed'
 * bitLength(10n ** 18n) // 60
 * bitLength(0n) // 0
 * ```
 * @see safe-bigmath `src/integer.rs` · `BigUint::bits` (num-bigint)
 */
export function bitLength(x: bigint): number {
  assertBigint(x, 'x', 'bitLength')
  return magnitudeBits(x < 0n ? -x : x)
}

function magnitudeBits(x: bigint): number {
  if (x < 0x20000000000000n) {
    // Exact below 2^53 through a Number.
    const n = Number(x)
    if (n < 0x100000000) return 32 - Math.clz32(n)
    return 64 - Math.clz32(Math.floor(n / 0x100000000))
  }
  const hex = x.toString(16)
  return (hex.length - 1) * 4 + (32 - Math.clz32(Number.parseInt(hex[0] as string, 16)))
}

/**
 * Greatest common divisor by Euclid's algorithm on the magnitudes; `gcd(0, 0)` = 0.
 *
 * @param a - First integer.
 * @param b - Second integer.
 * @returns gcd(|a|, |b|), never negative.
 * @throws {@link InvalidArgumentError} If an argument is not a `bigint`.
 * @example
 * ```ts
 * import { gcd } from '@dtao/fixed'
 * gcd(600000000000000000n, 400000000000000000n) // 200000000000000000n
 * ```
 * @see safe-bigmath `src/integer.rs` · `gcd_biguint`
 */
export function gcd(a: bigint, b: bigint): bigint {
  assertBigint(a, 'a', 'gcd')
  assertBigint(b, 'b', 'gcd')
  let x = a < 0n ? -a : a
  let y = b < 0n ? -b : b
  while (y !== 0n) {
    const r = x % y
    x = y
    y = r
  }
  return x
}

/**
 * The integer n-th root, rounded down: the largest r ≥ 0 with rⁿ ≤ x.
 *
 * Any exact method gives the same r; this one uses a float estimate and integer Newton steps,
 * which is much faster than safe-bigmath's doubling-and-bisection `nth_root_ratio_floor` (the
 * exact path of {@link powRatioScaled} is `nthRootFloor(⌊num / den⌋, q)`).
 *
 * @param x - The radicand, ≥ 0.
 * @param n - The root degree, an integer ≥ 1.
 * @returns ⌊x^(1/n)⌋.
 * @throws {@link InvalidArgumentError} If `x` is negative or not a `bigint`, or `n` is not a
 *   positive safe integer.
 * @example
 * ```ts
 * import { nthRootFloor } from '@dtao/fixed'
 * nthRootFloor(10n ** 18n * 2n, 2) // 1414213562n
 * nthRootFloor(26n, 3) // 2n
 * ```
 * @see safe-bigmath `src/integer.rs` · `nth_root_ratio_floor`
 */
export function nthRootFloor(x: bigint, n: number): bigint {
  assertBigint(x, 'x', 'nthRootFloor')
  if (x < 0n)
    throw new InvalidArgumentError(
      `nthRootFloor: x must be ≥ 0, got ${x}.`,
      'a non-negative bigint',
    )
  if (!Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError(
      `nthRootFloor: n must be a positive integer, got ${String(n)}.`,
      'an integer n ≥ 1',
    )
  if (n === 1 || x < 2n) return x
  const bits = magnitudeBits(x)
  if (n >= bits) return 1n // 2^n > x ≥ 1
  const q = BigInt(n)
  // Estimate log₂ x from the top 64 bits, then start a little above the root.
  const drop = bits > 64 ? bits - 64 : 0
  const log2x = Math.log2(Number(x >> BigInt(drop))) + drop
  const log2r = log2x / n
  let r: bigint
  if (log2r < 52) {
    r = BigInt(Math.ceil(2 ** log2r * (1 + 2 ** -40))) + 1n
  } else {
    const e = Math.floor(log2r) - 52
    r = (BigInt(Math.ceil(2 ** (log2r - e) * (1 + 2 ** -40))) + 1n) << BigInt(e)
  }
  // Make sure the start is above the root (the estimate should already be).
  while (r ** q <= x) r <<= 1n
  // Integer Newton from above decreases monotonically to ⌊x^(1/n)⌋.
  const qm1 = q - 1n
  for (;;) {
    const next = (qm1 * r + x / r ** qm1) / q
    if (next >= r) break
    r = next
  }
  // Defensive: the loop above ends exactly at the floor root; these never iterate.
  while (r ** q > x) r -= 1n
  while ((r + 1n) ** q <= x) r += 1n
  return r
}
