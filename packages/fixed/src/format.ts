import {
  DivisionByZeroError,
  FixedOverflowError,
  InvalidArgumentError,
  NonFiniteError,
} from './errors.js'
import { checkedFloor, checkedLn, checkedLog, checkedPow, checkedSqrt } from './fixedExt.js'
import { bitsToF32, classifyFloat, scaleFloatRne } from './internal/float.js'
import { exp, ln, log2 } from './transcendental.js'

declare const brand: unique symbol

/**
 * A nominal type: `T` at run time, distinct from other brands at compile time.
 *
 * @example
 * ```ts
 * import type { Brand } from '@dtao/fixed'
 * type Rao = Brand<bigint, 'Rao'>
 * const r = 5n as Rao
 * ```
 */
export type Brand<T, TBrandName extends string> = T & {
  /** The brand's name; type-only, never present at run time. */
  readonly [brand]: TBrandName
}

/**
 * The raw bits of a fixed-point value of format `TName` (two's complement for signed formats).
 * The value is `bits / 2^F`.
 *
 * @example
 * ```ts
 * import { U64F64, type FixedBits } from '@dtao/fixed'
 * const half: FixedBits<'U64F64'> = U64F64.fromBits(1n << 63n)
 * ```
 */
export type FixedBits<TName extends string> = Brand<bigint, TName>

/**
 * Integer targets of `toNum`/`fromNum`, named like Rust's primitive types.
 *
 * @example
 * ```ts
 * import { U64F64, type IntName } from '@dtao/fixed'
 * const t: IntName = 'u64'
 * U64F64.saturatingToNum(U64F64.fromNum(3n), t) // 3n
 * ```
 */
export type IntName = 'u8' | 'u16' | 'u32' | 'u64' | 'u128' | 'i8' | 'i16' | 'i32' | 'i64' | 'i128'

/**
 * The JS type an integer target maps to: u8/u16/u32/i8/i16/i32 → `number`, wider → `bigint`.
 *
 * @example
 * ```ts
 * import type { IntValue } from '@dtao/fixed'
 * const weight: IntValue<'u16'> = 65535
 * const rao: IntValue<'u64'> = 10n ** 9n
 * ```
 */
export type IntValue<T extends IntName> = T extends 'u8' | 'u16' | 'u32' | 'i8' | 'i16' | 'i32'
  ? number
  : bigint

/**
 * Options for float → fixed conversions.
 *
 * @example
 * ```ts
 * import { I32F32, type FromFloatOptions } from '@dtao/fixed'
 * const o: FromFloatOptions = { precision: 'f32' }
 * I32F32.fromNum(0.1, o) // 429496736n: the f32 0.1, not the f64 0.1
 * ```
 */
export type FromFloatOptions = {
  /** Read the number as an f64 (default) or as the f32 `Math.fround(x)`. */
  readonly precision?: 'f64' | 'f32'
  /**
   * What to do with NaN and ±Infinity: `'throw'` (default) raises {@link NonFiniteError};
   * `'substrate'` reproduces substrate-fixed v0.6.0 bit for bit, which reads them as huge
   * finite values (`fromNum` gives 0, `saturatingFromNum` clamps by the sign bit).
   */
  readonly nonFinite?: 'throw' | 'substrate'
}

/**
 * Descriptor of a substrate-fixed format.
 *
 * @example
 * ```ts
 * import { fixedFormat, type FixedSpec } from '@dtao/fixed'
 * const spec: FixedSpec<'I16F16'> = { name: 'I16F16', signed: true, intBits: 16, fracBits: 16 }
 * const I16F16 = fixedFormat(spec)
 * ```
 */
export type FixedSpec<TName extends string> = {
  /** The Rust alias, e.g. `'U64F64'`. */
  readonly name: TName
  /** Two's complement signed (`FixedI*`) or unsigned (`FixedU*`). */
  readonly signed: boolean
  /** Integer bits, including the sign bit. */
  readonly intBits: number
  /** Fractional bits F. */
  readonly fracBits: number
}

/**
 * The operations of one substrate-fixed format on raw-bit `bigint`s, named as in Rust.
 *
 * Plain operators (`add`, `sub`, `mul`, `div`, `neg`, `fromNum`, `toNum`) have the chain's release
 * semantics: they wrap on overflow. `saturating*` clamp, `checked*` return `undefined`, and where the
 * chain panics (division by zero, the float top binade) a typed error is thrown.
 *
 * @example
 * ```ts
 * import { U64F64 } from '@dtao/fixed'
 * const price = U64F64.div(U64F64.fromNum(5n), U64F64.fromNum(2n)) // 2.5
 * U64F64.toDecimalString(price) // '2.5'
 * ```
 */
export type FixedFormat<TName extends string> = {
  /** The Rust alias. */
  readonly name: TName
  /** Signed (two's complement) or unsigned. */
  readonly signed: boolean
  /** Integer bits, including the sign bit. */
  readonly intBits: number
  /** Fractional bits F. */
  readonly fracBits: number
  /** Total bits N = intBits + fracBits. */
  readonly totalBits: number
  /** The smallest value (bits). */
  readonly MIN: FixedBits<TName>
  /** The largest value (bits). */
  readonly MAX: FixedBits<TName>
  /** Zero. */
  readonly ZERO: FixedBits<TName>
  /** One (bits `2^F`). */
  readonly ONE: FixedBits<TName>
  /** One ulp (bits 1). */
  readonly DELTA: FixedBits<TName>

  /** Brand raw bits; throws {@link FixedOverflowError} if they are outside the range. */
  fromBits(bits: bigint): FixedBits<TName>
  /** Whether `bits` is an integer inside the range. */
  isBits(bits: unknown): bits is FixedBits<TName>
  /** Reduce any integer modulo 2^N into the range (`BigInt.asIntN` / `asUintN`). */
  wrap(value: bigint): FixedBits<TName>

  /** `from_num` (release: wraps). Integers are exact; floats round to nearest, ties to even. */
  fromNum(value: bigint | number, options?: FromFloatOptions): FixedBits<TName>
  /** `wrapping_from_num`, the same as `fromNum` in a release build. */
  wrappingFromNum(value: bigint | number, options?: FromFloatOptions): FixedBits<TName>
  /** `saturating_from_num`: clamps to [MIN, MAX]. */
  saturatingFromNum(value: bigint | number, options?: FromFloatOptions): FixedBits<TName>
  /** `checked_from_num`: `undefined` when out of range (and for every non-finite float). */
  checkedFromNum(value: bigint | number, options?: FromFloatOptions): FixedBits<TName> | undefined

  /** `from_num(other_fixed)`: narrowing floors, then wraps. */
  fromFixed<TSrc extends string>(
    source: FixedFormat<TSrc>,
    bits: FixedBits<TSrc> | bigint,
  ): FixedBits<TName>
  /** `saturating_from_num(other_fixed)`. */
  saturatingFromFixed<TSrc extends string>(
    source: FixedFormat<TSrc>,
    bits: FixedBits<TSrc> | bigint,
  ): FixedBits<TName>
  /** `checked_from_num(other_fixed)`. */
  checkedFromFixed<TSrc extends string>(
    source: FixedFormat<TSrc>,
    bits: FixedBits<TSrc> | bigint,
  ): FixedBits<TName> | undefined

  /** `to_num` (release: floor, then wrap into the integer type); `'f64'`/`'f32'` round to nearest. */
  toNum<T extends IntName>(bits: bigint, target: T): IntValue<T>
  /** `to_num::<f64>()` / `to_num::<f32>()`: a single round-to-nearest-even. */
  toNum(bits: bigint, target: 'f64' | 'f32'): number
  /** `wrapping_to_num`: floor, then wrap. */
  wrappingToNum<T extends IntName>(bits: bigint, target: T): IntValue<T>
  /** `saturating_to_num`: floor, then clamp into the integer type. */
  saturatingToNum<T extends IntName>(bits: bigint, target: T): IntValue<T>
  /** `checked_to_num`: floor, `undefined` when out of range. */
  checkedToNum<T extends IntName>(bits: bigint, target: T): IntValue<T> | undefined

  /** `a + b`, wrapping (release). */
  add(a: bigint, b: bigint): FixedBits<TName>
  /** `a - b`, wrapping (release). */
  sub(a: bigint, b: bigint): FixedBits<TName>
  /** `a * b` = floor(a·b / 2^F), wrapping (release). */
  mul(a: bigint, b: bigint): FixedBits<TName>
  /** `a / b` = trunc(a·2^F / b), wrapping; throws {@link DivisionByZeroError} for b = 0. */
  div(a: bigint, b: bigint): FixedBits<TName>
  /** `-a`, wrapping. */
  neg(a: bigint): FixedBits<TName>
  /** `wrapping_add`. */
  wrappingAdd(a: bigint, b: bigint): FixedBits<TName>
  /** `wrapping_sub`. */
  wrappingSub(a: bigint, b: bigint): FixedBits<TName>
  /** `wrapping_mul`. */
  wrappingMul(a: bigint, b: bigint): FixedBits<TName>
  /** `wrapping_div`; throws {@link DivisionByZeroError} for b = 0. */
  wrappingDiv(a: bigint, b: bigint): FixedBits<TName>
  /** `wrapping_neg`. */
  wrappingNeg(a: bigint): FixedBits<TName>
  /** `checked_add`. */
  checkedAdd(a: bigint, b: bigint): FixedBits<TName> | undefined
  /** `checked_sub`. */
  checkedSub(a: bigint, b: bigint): FixedBits<TName> | undefined
  /** `checked_mul`. */
  checkedMul(a: bigint, b: bigint): FixedBits<TName> | undefined
  /** `checked_div` (`undefined` for b = 0 or overflow). */
  checkedDiv(a: bigint, b: bigint): FixedBits<TName> | undefined
  /** `checked_neg`. */
  checkedNeg(a: bigint): FixedBits<TName> | undefined
  /** `saturating_add`. */
  saturatingAdd(a: bigint, b: bigint): FixedBits<TName>
  /** `saturating_sub`. */
  saturatingSub(a: bigint, b: bigint): FixedBits<TName>
  /** `saturating_mul` (floor, then clamp). */
  saturatingMul(a: bigint, b: bigint): FixedBits<TName>
  /** `saturating_div` (trunc, then clamp); throws {@link DivisionByZeroError} for b = 0. */
  saturatingDiv(a: bigint, b: bigint): FixedBits<TName>
  /** `saturating_neg`. */
  saturatingNeg(a: bigint): FixedBits<TName>
  /** `abs()`, wrapping (`MIN.abs()` = MIN). */
  abs(a: bigint): FixedBits<TName>
  /** `Iterator::sum()`: wrapping `+` from zero. */
  sum(values: Iterable<bigint>): FixedBits<TName>

  /** safe-math `safe_div`: `checked_div` or **0** (on b = 0 and on overflow). */
  safeDiv(a: bigint, b: bigint): FixedBits<TName>
  /** safe-math `safe_div_or`: `checked_div` or `fallback`. */
  safeDivOr(a: bigint, b: bigint, fallback: bigint): FixedBits<TName>
  /** safe-math `abs_diff`: |a − b| by saturating subtraction. */
  absDiff(a: bigint, b: bigint): FixedBits<TName>

  /** safe-math `FixedExt::checked_pow` (see {@link checkedPow}). */
  checkedPow(a: bigint, exponent: number | bigint): FixedBits<TName> | undefined
  /** safe-math `FixedExt::checked_sqrt` (see {@link checkedSqrt}). */
  checkedSqrt(a: bigint, epsilon: bigint): FixedBits<TName> | undefined
  /** safe-math `FixedExt::checked_ln` (see {@link checkedLn}). */
  checkedLn(a: bigint): FixedBits<TName> | undefined
  /** safe-math `FixedExt::checked_log` (see {@link checkedLog}). */
  checkedLog(a: bigint, base: bigint): FixedBits<TName> | undefined
  /** safe-math `FixedExt::checked_floor`, bug included (see {@link checkedFloor}). */
  checkedFloor(a: bigint): FixedBits<TName> | undefined
  /** `transcendental::exp` (see {@link exp}); `undefined` is Rust's `Err`. */
  exp(a: bigint): FixedBits<TName> | undefined
  /** `transcendental::ln` (see {@link ln}); `undefined` is Rust's `Err`. */
  ln(a: bigint): FixedBits<TName> | undefined
  /** `transcendental::log2` (see {@link log2}); `undefined` is Rust's `Err`. */
  log2(a: bigint): FixedBits<TName> | undefined

  /** `int()`: floor, keeping the format. */
  int(a: bigint): FixedBits<TName>
  /** `frac()`: a − floor(a), in [0, 1). */
  frac(a: bigint): FixedBits<TName>
  /** `floor()` (wraps where it overflows). */
  floor(a: bigint): FixedBits<TName>
  /** `ceil()` (wraps where it overflows). */
  ceil(a: bigint): FixedBits<TName>
  /** `round()`: ties away from zero (wraps where it overflows). */
  round(a: bigint): FixedBits<TName>
  /** `round_ties_to_even()` (wraps where it overflows). */
  roundTiesToEven(a: bigint): FixedBits<TName>

  /** Exact comparison: −1, 0 or 1. */
  cmp(a: bigint, b: bigint): -1 | 0 | 1
  /** Exact comparison with a value of any fixed format (`PartialOrd` across types). */
  cmpFixed<TOther extends string>(a: bigint, other: FixedFormat<TOther>, b: bigint): -1 | 0 | 1

  /** The exact decimal expansion of the value (at most F fractional digits). */
  toDecimalString(bits: bigint, options?: { readonly digits?: number }): string
  /** The exact rational `[numerator, denominator]` with denominator 2^F. */
  toRational(bits: bigint): readonly [bigint, bigint]
}

const intRanges: Readonly<Record<IntName, readonly [bigint, bigint, number, boolean]>> = {
  u8: [0n, 255n, 8, false],
  u16: [0n, 65535n, 16, false],
  u32: [0n, 4294967295n, 32, false],
  u64: [0n, 18446744073709551615n, 64, false],
  u128: [0n, (1n << 128n) - 1n, 128, false],
  i8: [-128n, 127n, 8, true],
  i16: [-32768n, 32767n, 16, true],
  i32: [-2147483648n, 2147483647n, 32, true],
  i64: [-(1n << 63n), (1n << 63n) - 1n, 64, true],
  i128: [-(1n << 127n), (1n << 127n) - 1n, 128, true],
}

function intRange(target: string): readonly [bigint, bigint, number, boolean] {
  const r = intRanges[target as IntName]
  if (r === undefined) {
    throw new InvalidArgumentError(
      `Unknown integer target ${JSON.stringify(target)}.`,
      'one of u8, u16, u32, u64, u128, i8, i16, i32, i64, i128, f64, f32',
    )
  }
  return r
}

function intOut<T extends IntName>(_target: T, bits: number, v: bigint): IntValue<T> {
  return (bits <= 32 ? Number(v) : v) as IntValue<T>
}

function requireBigint(value: unknown, what: string): bigint {
  if (typeof value !== 'bigint') {
    throw new InvalidArgumentError(
      `${what}: expected raw bits as a bigint, got ${typeof value} ${String(value)}.`,
      'a bigint',
    )
  }
  return value
}

/**
 * Build the operations object of a substrate-fixed format. The predefined formats
 * ({@link U64F64}, {@link I32F32}, …) are built with it; build others the same way.
 *
 * @param spec - Name, signedness, integer and fractional bits.
 * @returns A frozen {@link FixedFormat}.
 * @example
 * ```ts
 * import { fixedFormat } from '@dtao/fixed'
 * const U1F127 = fixedFormat({ name: 'U1F127', signed: false, intBits: 1, fracBits: 127 })
 * U1F127.toDecimalString(U1F127.fromBits(1n << 126n)) // '0.5'
 * ```
 * @see substrate-fixed `src/lib.rs` (`FixedU128`, `FixedI64`, …) and `src/arith.rs`
 */
export function fixedFormat<TName extends string>(spec: FixedSpec<TName>): FixedFormat<TName> {
  const { name, signed, intBits, fracBits } = spec
  const N = intBits + fracBits
  const bigN = BigInt(N)
  const F = BigInt(fracBits)
  const min = signed ? -(1n << (bigN - 1n)) : 0n
  const max = signed ? (1n << (bigN - 1n)) - 1n : (1n << bigN) - 1n
  const one = 1n << F
  const fracMask = one - 1n
  const half = fracBits > 0 ? 1n << (F - 1n) : 0n

  type B = FixedBits<TName>
  const inRange = (v: bigint): boolean => v >= min && v <= max
  const wrap = signed
    ? (v: bigint): B => BigInt.asIntN(N, v) as B
    : (v: bigint): B => BigInt.asUintN(N, v) as B
  const clamp = (v: bigint): B => (v > max ? max : v < min ? min : v) as B
  const checked = (v: bigint): B | undefined => (inRange(v) ? (v as B) : undefined)

  const mulRaw = (a: bigint, b: bigint): bigint => (a * b) >> F
  const divRaw = (a: bigint, b: bigint, op: string): bigint => {
    if (b === 0n) throw new DivisionByZeroError({ type: name, operation: op })
    return (a << F) / b
  }

  // float → exact scaled integer, or a substrate-fixed classification outcome
  type FloatScaled =
    | { readonly v: bigint }
    | { readonly kind: 'infinite' | 'nan'; readonly negative: boolean }
  const scaleFloat = (x: number, options: FromFloatOptions, op: string): FloatScaled => {
    const precision = options.precision ?? 'f64'
    if (!Number.isFinite(x) && (options.nonFinite ?? 'throw') === 'throw') {
      throw new NonFiniteError({ value: x, type: name, reason: `${op} takes finite numbers only` })
    }
    const k = classifyFloat(x, precision)
    if (k.kind !== 'finite') return k
    return { v: scaleFloatRne(k, fracBits) }
  }
  const topBinade = (x: number, op: string): NonFiniteError =>
    new NonFiniteError({
      value: x,
      type: name,
      reason: `${op} panics on magnitudes in the top binade (substrate-fixed misclassifies them)`,
    })

  const scaleInt = (value: bigint | number, op: string): bigint | undefined => {
    if (typeof value === 'bigint') return value << F
    if (typeof value !== 'number') {
      throw new InvalidArgumentError(
        `${op}: expected a bigint or number, got ${typeof value}.`,
        'a bigint or number',
      )
    }
    return undefined
  }

  const fromNum = (value: bigint | number, options: FromFloatOptions = {}): B => {
    const s = scaleInt(value, 'fromNum')
    if (s !== undefined) return wrap(s)
    const f = scaleFloat(value as number, options, 'fromNum')
    if ('v' in f) return wrap(f.v)
    throw topBinade(value as number, 'fromNum')
  }

  const saturatingFromNum = (value: bigint | number, options: FromFloatOptions = {}): B => {
    const s = scaleInt(value, 'saturatingFromNum')
    if (s !== undefined) return clamp(s)
    const x = value as number
    const f = scaleFloat(x, options, 'saturatingFromNum')
    if ('v' in f) return clamp(f.v)
    if (f.kind === 'infinite') return (f.negative ? min : max) as B
    throw topBinade(x, 'saturatingFromNum')
  }

  const checkedFromNum = (
    value: bigint | number,
    options: FromFloatOptions = {},
  ): B | undefined => {
    const s = scaleInt(value, 'checkedFromNum')
    if (s !== undefined) return checked(s)
    const x = value as number
    if (!Number.isFinite(x)) {
      if ((options.nonFinite ?? 'throw') === 'throw') {
        throw new NonFiniteError({
          value: x,
          type: name,
          reason: 'checkedFromNum takes finite numbers only',
        })
      }
      return undefined
    }
    const k = classifyFloat(x, options.precision ?? 'f64')
    if (k.kind !== 'finite') return undefined
    return checked(scaleFloatRne(k, fracBits))
  }

  const shiftFrom = (srcFrac: number, bits: bigint): bigint => {
    const d = fracBits - srcFrac
    return d >= 0 ? bits << BigInt(d) : bits >> BigInt(-d)
  }

  const floorInt = (bits: bigint): bigint => bits >> F

  function toNum(bits: bigint, target: IntName | 'f64' | 'f32'): number | bigint {
    if (target === 'f64') return Number(bits) / 2 ** fracBits
    if (target === 'f32') return bitsToF32(bits, fracBits)
    const [, , w, s] = intRange(target)
    const q = floorInt(bits)
    return intOut(target, w, s ? BigInt.asIntN(w, q) : BigInt.asUintN(w, q))
  }

  const floorBits = (a: bigint): bigint => (a >> F) << F
  const ceilBits = (a: bigint): bigint => ((a + fracMask) >> F) << F

  const format: FixedFormat<TName> = {
    name,
    signed,
    intBits,
    fracBits,
    totalBits: N,
    MIN: min as B,
    MAX: max as B,
    ZERO: 0n as B,
    ONE: wrap(one),
    DELTA: 1n as B,

    fromBits(bits: bigint): B {
      requireBigint(bits, `${name}.fromBits`)
      if (!inRange(bits))
        throw new FixedOverflowError({ type: name, value: bits, operation: `${name}.fromBits` })
      return bits as B
    },
    isBits(bits: unknown): bits is B {
      return typeof bits === 'bigint' && inRange(bits)
    },
    wrap,

    fromNum,
    wrappingFromNum: fromNum,
    saturatingFromNum,
    checkedFromNum,

    fromFixed: (source, bits) => wrap(shiftFrom(source.fracBits, bits)),
    saturatingFromFixed: (source, bits) => clamp(shiftFrom(source.fracBits, bits)),
    checkedFromFixed: (source, bits) => checked(shiftFrom(source.fracBits, bits)),

    toNum: toNum as FixedFormat<TName>['toNum'],
    wrappingToNum: <T extends IntName>(bits: bigint, target: T): IntValue<T> =>
      toNum(bits, target) as IntValue<T>,
    saturatingToNum<T extends IntName>(bits: bigint, target: T): IntValue<T> {
      const [lo, hi, w] = intRange(target)
      const q = floorInt(bits)
      return intOut(target, w, q > hi ? hi : q < lo ? lo : q)
    },
    checkedToNum<T extends IntName>(bits: bigint, target: T): IntValue<T> | undefined {
      const [lo, hi, w] = intRange(target)
      const q = floorInt(bits)
      return q > hi || q < lo ? undefined : intOut(target, w, q)
    },

    add: (a, b) => wrap(a + b),
    sub: (a, b) => wrap(a - b),
    mul: (a, b) => wrap(mulRaw(a, b)),
    div: (a, b) => wrap(divRaw(a, b, 'div')),
    neg: (a) => wrap(-a),
    wrappingAdd: (a, b) => wrap(a + b),
    wrappingSub: (a, b) => wrap(a - b),
    wrappingMul: (a, b) => wrap(mulRaw(a, b)),
    wrappingDiv: (a, b) => wrap(divRaw(a, b, 'wrappingDiv')),
    wrappingNeg: (a) => wrap(-a),
    checkedAdd: (a, b) => checked(a + b),
    checkedSub: (a, b) => checked(a - b),
    checkedMul: (a, b) => checked(mulRaw(a, b)),
    checkedDiv: (a, b) => (b === 0n ? undefined : checked((a << F) / b)),
    checkedNeg: (a) => checked(-a),
    saturatingAdd: (a, b) => clamp(a + b),
    saturatingSub: (a, b) => clamp(a - b),
    saturatingMul: (a, b) => clamp(mulRaw(a, b)),
    saturatingDiv: (a, b) => clamp(divRaw(a, b, 'saturatingDiv')),
    saturatingNeg: (a) => clamp(-a),
    abs: (a) => wrap(a < 0n ? -a : a),
    sum(values: Iterable<bigint>): B {
      let s = 0n
      for (const v of values) s += v
      return wrap(s)
    },

    safeDiv: (a, b) => (b === 0n ? (0n as B) : (checked((a << F) / b) ?? (0n as B))),
    safeDivOr: (a, b, fallback) =>
      b === 0n ? (fallback as B) : (checked((a << F) / b) ?? (fallback as B)),
    absDiff: (a, b) => (a < b ? clamp(b - a) : clamp(a - b)),

    int: (a) => wrap(floorBits(a)),
    frac: (a) => wrap(a - floorBits(a)),
    floor: (a) => wrap(floorBits(a)),
    ceil: (a) => wrap(ceilBits(a)),
    round: (a) => wrap(a >= 0n ? floorBits(a + half) : -floorBits(-a + half)),
    roundTiesToEven(a: bigint): B {
      const fl = floorBits(a)
      const rem = a - fl
      if (rem < half) return wrap(fl)
      if (rem > half) return wrap(fl + one)
      return wrap(((fl >> F) & 1n) === 0n ? fl : fl + one)
    },

    cmp: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
    cmpFixed(a, other, b) {
      const x = a << BigInt(other.fracBits)
      const y = b << F
      return x < y ? -1 : x > y ? 1 : 0
    },

    toDecimalString(bits: bigint, options: { readonly digits?: number } = {}): string {
      return fixedToDecimal(bits, fracBits, options.digits)
    },
    toRational: (bits) => [bits, one] as const,

    checkedPow: (a, e) => checkedPow(format, a, e),
    checkedSqrt: (a, eps) => checkedSqrt(format, a, eps),
    checkedLn: (a) => checkedLn(format, a),
    checkedLog: (a, b) => checkedLog(format, a, b),
    checkedFloor: (a) => checkedFloor(format, a),
    exp: (a) => exp(format, a),
    ln: (a) => ln(format, a),
    log2: (a) => log2(format, a),
  }
  return Object.freeze(format)
}

/**
 * Exact decimal expansion of `bits / 2^fracBits`. With `digits`, the expansion is truncated
 * toward zero to that many fractional digits.
 *
 * @internal
 */
export function fixedToDecimal(bits: bigint, fracBits: number, digits?: number): string {
  const negative = bits < 0n
  const mag = negative ? -bits : bits
  const F = BigInt(fracBits)
  const intPart = mag >> F
  let frac = mag & ((1n << F) - 1n)
  let s = ''
  // Each step multiplies by 10: exact after at most F digits.
  const limit = digits ?? fracBits
  while (frac !== 0n && s.length < limit) {
    frac *= 10n
    s += String(frac >> F)
    frac &= (1n << F) - 1n
  }
  if (digits !== undefined) s = s.padEnd(digits, '0')
  const body = s.length > 0 ? `${intPart}.${s}` : String(intPart)
  return negative && (intPart !== 0n || /[1-9]/.test(s)) ? `-${body}` : body
}
