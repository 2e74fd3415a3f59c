import type { FixedBits, FixedFormat } from './format.js'

const i32Min = -2147483648n
const i32Max = 2147483647n

/**
 * safe-math `FixedExt::checked_pow`: binary exponentiation with saturating multiplications; a
 * negative exponent inverts with `checked_div` (0 when that fails). `0^0` = 1, `0^negative` is
 * `undefined`.
 *
 * @param format - The fixed format.
 * @param a - Base bits.
 * @param exponent - Integer exponent (saturated into i32, as `UniqueSaturatedInto<i32>` does).
 * @returns The bits, or `undefined` for a zero base with a negative exponent.
 * @example
 * ```ts
 * import { U64F64, checkedPow } from '@dtao/fixed'
 * checkedPow(U64F64, U64F64.fromNum(2.5), 3) // 288230376151711744000n (15.625)
 * ```
 * @see subtensor `primitives/safe-math/src/lib.rs` · `FixedExt::checked_pow`
 */
export function checkedPow<TName extends string>(
  format: FixedFormat<TName>,
  a: bigint,
  exponent: number | bigint,
): FixedBits<TName> | undefined {
  let e = typeof exponent === 'bigint' ? exponent : BigInt(Math.trunc(exponent))
  e = e > i32Max ? i32Max : e < i32Min ? i32Min : e
  const one = format.fromNum(1n)
  if (e === 0n) return one
  if (a === 0n) return e < 0n ? undefined : format.ZERO
  let result: bigint = one
  let base = a
  let k = e < 0n ? -e : e
  while (k > 0n) {
    if ((k & 1n) !== 0n) result = format.saturatingMul(result, base)
    base = format.saturatingMul(base, base)
    k >>= 1n
  }
  if (e < 0n) result = format.checkedDiv(one, result) ?? format.ZERO
  return result as FixedBits<TName>
}

/**
 * safe-math `FixedExt::checked_sqrt(epsilon)`: a bisection that stops once
 * `|x / mid − mid| ≤ epsilon` (an absolute tolerance) or after 129 passes.
 *
 * @param format - The fixed format.
 * @param a - The radicand's bits.
 * @param epsilon - The tolerance's bits.
 * @returns The bits, or `undefined` for a negative radicand.
 * @example
 * ```ts
 * import { U64F64, checkedSqrt } from '@dtao/fixed'
 * const eps = U64F64.safeDiv(U64F64.ONE, U64F64.fromNum(1000n))
 * checkedSqrt(U64F64, U64F64.fromNum(2n), eps) // 26084849041729912832n (1.4140625)
 * ```
 * @see subtensor `primitives/safe-math/src/lib.rs` · `FixedExt::checked_sqrt`
 */
export function checkedSqrt<TName extends string>(
  format: FixedFormat<TName>,
  a: bigint,
  epsilon: bigint,
): FixedBits<TName> | undefined {
  const zero = format.saturatingFromNum(0n)
  const one = format.saturatingFromNum(1n)
  const two = format.saturatingFromNum(2n)
  if (a < zero) return undefined
  let high: bigint
  let low: bigint
  if (a > one) {
    high = a
    low = zero
  } else {
    high = one
    low = a
  }
  let middle: bigint = format.safeDiv(format.saturatingAdd(high, low), two)
  let iteration = 0
  let check: bigint = format.safeDiv(a, middle)
  while (format.absDiff(check, middle) > epsilon) {
    if (check < middle) high = middle
    else low = middle
    middle = format.safeDiv(format.saturatingAdd(high, low), two)
    check = format.safeDiv(a, middle)
    iteration += 1
    if (iteration > 128) break
  }
  return middle as FixedBits<TName>
}

/**
 * safe-math `FixedExt::checked_ln`: normalise into [1, 2), an 8-term Taylor series with
 * f64-literal coefficients, plus k·ln 2 (the f64 `LN_2` converted). Tests-only on chain.
 *
 * @param format - The fixed format.
 * @param a - The argument's bits.
 * @returns The bits, or `undefined` for a ≤ 0 or when a checked step overflows.
 * @example
 * ```ts
 * import { I64F64, checkedLn } from '@dtao/fixed'
 * checkedLn(I64F64, I64F64.fromNum(10n)) // 42475191533508765847n (2.30258474687)
 * ```
 * @see subtensor `primitives/safe-math/src/lib.rs` · `FixedExt::checked_ln`
 */
export function checkedLn<TName extends string>(
  format: FixedFormat<TName>,
  a: bigint,
): FixedBits<TName> | undefined {
  const f = format
  const zero = f.fromNum(0n)
  if (a <= zero) return undefined
  const one = f.fromNum(1n)
  const two = f.fromNum(2n)
  const ln2 = f.fromNum(Math.LN2)
  let exp = 0n
  let y: bigint = a
  while (y >= two) {
    const n = f.checkedDiv(y, two)
    if (n === undefined) return undefined
    y = n
    exp += 1n
  }
  while (y < one) {
    const n = f.checkedMul(y, two)
    if (n === undefined) return undefined
    y = n
    exp -= 1n
  }
  const z = f.checkedSub(y, one)
  if (z === undefined) return undefined
  const powers: bigint[] = [z]
  for (let i = 2; i <= 8; i++) {
    const p = f.checkedMul(powers[powers.length - 1] as bigint, z)
    if (p === undefined) return undefined
    powers.push(p)
  }
  const coefficients = [0.5, 1.0 / 3.0, 0.25, 0.2, 1.0 / 6.0, 1.0 / 7.0, 0.125]
  let acc: bigint | undefined = z
  for (let i = 0; i < coefficients.length; i++) {
    const t = f.checkedMul(powers[i + 1] as bigint, f.fromNum(coefficients[i] as number))
    if (t === undefined) return undefined
    acc = i % 2 === 0 ? f.checkedSub(acc, t) : f.checkedAdd(acc, t)
    if (acc === undefined) return undefined
  }
  const expLn2 = f.checkedMul(f.fromNum(exp), ln2)
  if (expLn2 === undefined) return undefined
  return f.checkedAdd(acc, expLn2)
}

/**
 * safe-math `FixedExt::checked_log(base)` = `checked_ln(x) / checked_ln(base)` (checked, trunc).
 *
 * @param format - The fixed format.
 * @param a - The argument's bits.
 * @param base - The base's bits.
 * @returns The bits, or `undefined` for base ≤ 0, base = 1, or a failing step.
 * @example
 * ```ts
 * import { I64F64, checkedLog } from '@dtao/fixed'
 * checkedLog(I64F64, I64F64.fromNum(8n), I64F64.fromNum(2n)) // ≈ 3
 * ```
 * @see subtensor `primitives/safe-math/src/lib.rs` · `FixedExt::checked_log`
 */
export function checkedLog<TName extends string>(
  format: FixedFormat<TName>,
  a: bigint,
  base: bigint,
): FixedBits<TName> | undefined {
  if (base <= 0n || base === format.fromNum(1n)) return undefined
  const lx = checkedLn(format, a)
  if (lx === undefined) return undefined
  const lb = checkedLn(format, base)
  if (lb === undefined) return undefined
  return format.checkedDiv(lx, lb)
}

/**
 * safe-math `FixedExt::checked_floor`, as the vectors pin it: **one below** the floor for
 * negative non-integers (−1.5 → −3), `undefined` when that underflows. Production code never
 * calls it; for the correct floor use `format.floor`.
 *
 * @param format - The fixed format.
 * @param a - The argument's bits.
 * @returns The bits, or `undefined` on underflow.
 * @example
 * ```ts
 * import { I64F64, checkedFloor } from '@dtao/fixed'
 * checkedFloor(I64F64, I64F64.fromNum(-1.5)) // -55340232221128654848n (−3, the trait's bug)
 * ```
 * @see subtensor `primitives/safe-math/src/lib.rs` · `FixedExt::checked_floor`
 */
export function checkedFloor<TName extends string>(
  format: FixedFormat<TName>,
  a: bigint,
): FixedBits<TName> | undefined {
  const intPart = format.int(a)
  if (a >= 0n) return intPart
  if (format.frac(a) === 0n) return a as FixedBits<TName>
  return format.checkedSub(intPart, format.fromNum(1n))
}
