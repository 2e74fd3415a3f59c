import { bitLength, gcd, nthRootFloor } from './bigmath.js'
import { InvalidArgumentError } from './errors.js'

/** safe-bigmath `DEFAULT_MAX_ITERS`. */
const defaultMaxIters = 4096
/** safe-bigmath `MAX_EXACT_EXPONENT`: both reduced exponent parts at most this take the exact path. */
const maxExactExponent = 1024n
/** Guard bits of the fallback path. */
const guardBits = 24
const guardShift = 24n
const guard = 1n << guardShift
const halfGuard = guard >> 1n
const negGuard = -guard
const u32Max = 0xffff_ffff
/** Larger internal precisions would need multi-million-bit integers; refused with a typed error. */
const maxSupportedPrecision = 1 << 20

/** Per (internal precision, max iterations): the constants and a bounded `ln` memo. */
type Context = {
  readonly shift: bigint
  readonly scale: bigint
  readonly scalePlusHalf: bigint
  readonly maxIters: number
  readonly ln2: bigint
  readonly lnMemo: Map<bigint, bigint>
}

const lnMemoSize = 64
const contexts = new Map<string, Context>()
const contextLimit = 16

/** BigInt(n) for the series' small divisors, built once. */
const smallInts: bigint[] = []
function small(n: number): bigint {
  let v = smallInts[n]
  if (v === undefined) {
    v = BigInt(n)
    smallInts[n] = v
  }
  return v
}

/** `round_to_precision`: v / 2^24 rounded half away from zero (from the truncating div_rem). */
function roundGuard(v: bigint): bigint {
  return v >= 0n ? (v + halfGuard) >> guardShift : -((halfGuard - v) >> guardShift)
}

/** ⌊t / n⌋ for a divisor n ≥ 2 (num-integer `div_floor`); for t < 0 it is trunc((t − (n − 1)) / n). */
function floorDivSmall(t: bigint, n: number): bigint {
  return t >= 0n ? t / small(n) : (t - small(n - 1)) / small(n)
}

/*
 * Stopping rules. The Rust loops stop when |step| < G or when round(result) did not change, where
 * round = half away from zero at G = 2^24. round is monotone and round(v + d) ≥ round(v) + 1 for
 * every d ≥ G (shift-invariant on each side of zero; across zero it moves by 1 or 2), so a step
 * with |step| ≥ G always changes the rounded value. The second test can therefore only fire when
 * the first already does, and `|step| < G` alone is the identical rule, without the per-step
 * rounding.
 */

/** `ln1p_fixed`: the ln(1 + x) series at scale 2^shift with the Rust stopping rules. */
function ln1p(x: bigint, shift: bigint, maxIters: number): bigint {
  let term = x
  let result = x
  for (let n = 2; n <= maxIters; n++) {
    // ⌊term·x / S⌋: an arithmetic shift floors.
    term = (term * x) >> shift
    if (term === 0n) break
    const next = floorDivSmall(term, n)
    if (next === 0n) break
    if ((n & 1) === 0) result -= next
    else result += next
    if (next < guard && next > negGuard) break
  }
  return result
}

/** `exp_fixed`: the exp(x) series at scale 2^shift with the Rust stopping rules. */
function expFixed(x: bigint, scale: bigint, shift: bigint, maxIters: number): bigint {
  let term = scale
  let result = scale
  for (let n = 1; n <= maxIters; n++) {
    // ⌊term·x / (S·n)⌋ = ⌊⌊term·x / S⌋ / n⌋ (nested floors of positive divisors compose).
    term = n === 1 ? (term * x) >> shift : floorDivSmall((term * x) >> shift, n)
    if (term === 0n) break
    result += term
    if (term < guard && term > negGuard) break
  }
  return result
}

function getContext(internalPrecision: number, maxIters: number): Context {
  const key = `${internalPrecision}:${maxIters}`
  let ctx = contexts.get(key)
  if (ctx === undefined) {
    const shift = BigInt(internalPrecision)
    const scale = 1n << shift
    const ln2 = -ln1p(-(scale >> 1n), shift, maxIters)
    ctx = { shift, scale, scalePlusHalf: scale + (scale >> 1n), maxIters, ln2, lnMemo: new Map() }
    if (contexts.size >= contextLimit) contexts.clear()
    contexts.set(key, ctx)
  }
  return ctx
}

/** `ln_biguint`: ln(v) at scale 2^I from a mantissa in [0.75, 1.5) and a multiple of ln 2. */
function lnBig(v: bigint, ctx: Context): bigint {
  const memo = ctx.lnMemo.get(v)
  if (memo !== undefined) return memo
  let shift = bitLength(v) - 1
  let mantissa = (v << ctx.shift) >> BigInt(shift)
  if (mantissa >= ctx.scalePlusHalf) {
    mantissa >>= 1n
    shift += 1
  }
  const result = ln1p(mantissa - ctx.scale, ctx.shift, ctx.maxIters) + ctx.ln2 * BigInt(shift)
  if (ctx.lnMemo.size >= lnMemoSize) ctx.lnMemo.clear()
  ctx.lnMemo.set(v, result)
  return result
}

type LastCall = {
  bn: bigint
  bd: bigint
  en: bigint
  ed: bigint
  precision: number
  scale: bigint
  maxIters: number | undefined
  result: bigint | undefined
}
let last: LastCall | undefined

function checkBigint(value: unknown, name: string): void {
  if (typeof value !== 'bigint')
    throw new InvalidArgumentError(
      `powRatioScaled: ${name} must be a bigint, got ${typeof value} ${String(value)}.`,
      'a bigint',
    )
}

/**
 * safe-bigmath `SafeInt::pow_ratio_scaled(_with_max_iters)`: ≈ ⌊(bn/bd)^(en/ed) · scale⌋, bit for
 * bit as the chain computes it.
 *
 * After reducing en/ed by their gcd, exponents with both parts ≤ 1024 take the exact path (the
 * largest r with r^ed·bd^en ≤ bn^en·scale^ed; `precision` is ignored). Otherwise it runs the
 * chain's fixed-point ln/exp series at max(precision, 32, bitlen(scale) + 8) + 24 bits, with the
 * same floors, rounding and stopping rules, so the result matches the chain even where the
 * approximation is off. subtensor's `exp_scaled` calls it with precision 256 and scale 10¹⁸.
 *
 * Results are memoised (ln 2 per precision, recent ln values, the last call), which never changes
 * a result.
 *
 * @param bn - Base numerator.
 * @param bd - Base denominator.
 * @param en - Exponent numerator.
 * @param ed - Exponent denominator.
 * @param precision - Requested binary precision (Rust `u32`).
 * @param scale - The factor the result is scaled by.
 * @param options - `maxIters`: the series' iteration cap (Rust `max_iters: Option<usize>`);
 *   default min(4096, internal precision + 128).
 * @returns The scaled power, or `undefined` where Rust returns `None`: bd = 0 or ed = 0,
 *   scale < 0, a negative base part (unless bn = 0, which gives 0), or a negative exponent part.
 * @throws {@link InvalidArgumentError} If a value argument is not a `bigint`, `precision` is not
 *   a u32 (or above 2²⁰, which this implementation does not support), or `maxIters` is not a
 *   non-negative safe integer.
 * @example
 * ```ts
 * import { powRatioScaled } from '@dtao/fixed'
 * powRatioScaled(2n, 3n, 1n, 2n, 0, 1000n) // 816n  (√(2/3)·1000 = 816.49…)
 * powRatioScaled(21n * 10n ** 15n, 28n * 10n ** 15n, 6n * 10n ** 17n, 4n * 10n ** 17n, 256, 10n ** 18n)
 * // 649519052838328985n  ((3/4)^(3/2))
 * ```
 * @see safe-bigmath `src/integer.rs` @ 013c499 · `SafeInt::pow_ratio_scaled_with_max_iters`
 */
export function powRatioScaled(
  bn: bigint,
  bd: bigint,
  en: bigint,
  ed: bigint,
  precision: number,
  scale: bigint,
  options: {
    /** The series' iteration cap (Rust `max_iters`); raised to at least 1. */
    maxIters?: number
  } = {},
): bigint | undefined {
  const maxItersOpt = options.maxIters
  const l = last
  if (
    l !== undefined &&
    l.bn === bn &&
    l.bd === bd &&
    l.en === en &&
    l.ed === ed &&
    l.precision === precision &&
    l.scale === scale &&
    l.maxIters === maxItersOpt
  )
    return l.result
  checkBigint(bn, 'bn')
  checkBigint(bd, 'bd')
  checkBigint(en, 'en')
  checkBigint(ed, 'ed')
  checkBigint(scale, 'scale')
  if (!Number.isInteger(precision) || precision < 0 || precision > u32Max)
    throw new InvalidArgumentError(
      `powRatioScaled: precision must be a u32, got ${String(precision)}.`,
      'an integer in [0, 2^32)',
    )
  if (maxItersOpt !== undefined && (!Number.isSafeInteger(maxItersOpt) || maxItersOpt < 0))
    throw new InvalidArgumentError(
      `powRatioScaled: maxIters must be a non-negative integer, got ${String(maxItersOpt)}.`,
      'a non-negative safe integer',
    )
  const result = compute(bn, bd, en, ed, precision, scale, maxItersOpt)
  last = { bn, bd, en, ed, precision, scale, maxIters: maxItersOpt, result }
  return result
}

function compute(
  bn: bigint,
  bd: bigint,
  enIn: bigint,
  edIn: bigint,
  precision: number,
  scale: bigint,
  maxItersOpt: number | undefined,
): bigint | undefined {
  // Step 1, in the Rust order.
  if (bd === 0n || edIn === 0n) return undefined
  if (bn === 0n) return 0n
  if (scale < 0n) return undefined
  if (bn < 0n || bd < 0n) return undefined
  if (enIn < 0n || edIn < 0n) return undefined
  // Step 2.
  if (enIn === 0n) return scale
  // Step 3.
  const g = gcd(enIn, edIn)
  const en = g > 1n ? enIn / g : enIn
  const ed = g > 1n ? edIn / g : edIn
  // Step 4: exact path (≤ 1024 implies ≤ 32 bits).
  if (en <= maxExactExponent && ed <= maxExactExponent) {
    const q = Number(ed)
    const targetNum = bn ** en * scale ** ed
    const targetDen = bd ** en
    // r^q·den ≤ num ⟺ r^q ≤ ⌊num/den⌋ for integers r.
    return nthRootFloor(targetNum / targetDen, q)
  }
  // Step 5: fixed-point ln/exp fallback.
  const scaleBits = bitLength(scale)
  const requested = Math.max(precision, 32, Math.min(scaleBits + 8, u32Max))
  const internal = Math.min(requested + guardBits, u32Max)
  if (internal > maxSupportedPrecision)
    throw new InvalidArgumentError(
      `powRatioScaled: internal precision ${internal} bits is above the supported 2^20.`,
      'a precision of at most 2^20 − 24 bits',
    )
  const maxIters = Math.max(maxItersOpt ?? Math.min(defaultMaxIters, internal + 128), 1)
  const ctx = getContext(internal, maxIters)
  const lnBase = lnBig(bn, ctx) - lnBig(bd, ctx)
  const p = lnBase * en
  const lnScaled = p >= 0n ? p / ed : -((-p + ed - 1n) / ed)
  const expFp = expFixed(lnScaled, ctx.scale, ctx.shift, maxIters)
  // ⌊round(exp)·scale / 2^P⌋: an arithmetic shift floors.
  return (roundGuard(expFp) * scale) >> BigInt(requested)
}
