import { BaseError } from '@dtao/errors'
import { InvalidArgumentError } from './errors.js'
import type { Brand } from './format.js'

/**
 * sp-arithmetic `Rounding`: `'down'` floors, `'up'` ceils, `'nearestPrefUp'` rounds ties up,
 * `'nearestPrefDown'` rounds ties down.
 *
 * @example
 * ```ts
 * import { Percent, type PerThingRounding } from '@dtao/fixed'
 * const r: PerThingRounding = 'nearestPrefUp'
 * Percent.fromRationalWithRounding(985n, 1000n, r) // 99n
 * ```
 */
export type PerThingRounding = 'down' | 'up' | 'nearestPrefUp' | 'nearestPrefDown'

/**
 * The operations of one sp-arithmetic per-thing (`Percent`, `Permill`, `Perbill`,
 * `Perquintill`) on its parts, a `bigint` branded `TName`. The value is parts / ACCURACY, always
 * within [0, 1]. Integer operands (`n`) are unsigned integers of any width; every product is
 * computed exactly, so nothing overflows.
 *
 * @example
 * ```ts
 * import { Perbill } from '@dtao/fixed'
 * Perbill.mulFloor(Perbill.fromParts(500_000n), 1_000_000_001n) // 500000n
 * ```
 */
export type PerThingFormat<TName extends string> = {
  /** The Rust type name. */
  readonly name: TName
  /** `ACCURACY`: the parts of one (100, 10⁶, 10⁹ or 10¹⁸). */
  readonly ACCURACY: bigint
  /** Bits of the Rust inner type (`u8`, `u32` or `u64`). */
  readonly innerBits: number
  /** `from_parts`: clamps to ACCURACY. Parts must be an integer of the inner type. */
  fromParts(parts: bigint): Brand<bigint, TName>
  /** `from_percent`: min(x, 100)·ACCURACY / 100. */
  fromPercent(percent: bigint): Brand<bigint, TName>
  /** `from_rational(p, q)`: ⌊ACCURACY·p/q⌋, and **one** when q = 0 or p > q. */
  fromRational(p: bigint, q: bigint): Brand<bigint, TName>
  /** `from_rational_with_rounding(p, q, r)`: `undefined` (Rust `Err`) when q = 0 or p > q. */
  fromRationalWithRounding(
    p: bigint,
    q: bigint,
    rounding: PerThingRounding,
  ): Brand<bigint, TName> | undefined
  /** `one()`: ACCURACY parts. */
  one(): Brand<bigint, TName>
  /** `zero()`: 0 parts. */
  zero(): Brand<bigint, TName>
  /** `deconstruct()`: the parts as a plain `bigint`. */
  deconstruct(x: Brand<bigint, TName>): bigint
  /** `mul_floor(n)`: ⌊n·P / ACCURACY⌋. */
  mulFloor(x: Brand<bigint, TName>, n: bigint): bigint
  /** `mul_ceil(n)`: ⌈n·P / ACCURACY⌉. */
  mulCeil(x: Brand<bigint, TName>, n: bigint): bigint
  /** `P * n` (`Mul<N>`): n·P / ACCURACY rounded to nearest, ties **down**. */
  mulInt(x: Brand<bigint, TName>, n: bigint): bigint
  /** `P₁ * P₂`: ⌊P₁·P₂ / ACCURACY⌋. */
  mul(x: Brand<bigint, TName>, y: Brand<bigint, TName>): Brand<bigint, TName>
  /** `P₁ / P₂` = `from_rational(P₁, P₂)`: one when P₂ = 0 or P₁ > P₂. */
  div(x: Brand<bigint, TName>, y: Brand<bigint, TName>): Brand<bigint, TName>
  /** `saturating_div(rhs, rounding)`: `from_rational_with_rounding`, one on `Err`. */
  saturatingDiv(
    x: Brand<bigint, TName>,
    y: Brand<bigint, TName>,
    rounding: PerThingRounding,
  ): Brand<bigint, TName>
  /** `saturating_add`: the parts' sum clamped to ACCURACY. */
  saturatingAdd(x: Brand<bigint, TName>, y: Brand<bigint, TName>): Brand<bigint, TName>
  /** `saturating_sub`: the parts' difference clamped at 0. */
  saturatingSub(x: Brand<bigint, TName>, y: Brand<bigint, TName>): Brand<bigint, TName>
  /** Whether `x` is a valid parts value (an integer in [0, ACCURACY]). */
  isPerThing(x: unknown): x is Brand<bigint, TName>
  /** SCALE `Decode`: parts > ACCURACY are rejected with {@link PerThingDecodeError}. */
  decode(parts: bigint): Brand<bigint, TName>
}

function roundDiv(n: bigint, d: bigint, rounding: PerThingRounding): bigint {
  // n, d ≥ 0, d > 0: sp-arithmetic `div_rounded` / `multiply_rational` semantics, exactly.
  const q = n / d
  const r = n % d
  switch (rounding) {
    case 'down':
      return q
    case 'up':
      return r !== 0n ? q + 1n : q
    case 'nearestPrefDown':
      return r > d / 2n ? q + 1n : q
    case 'nearestPrefUp':
      return r >= d / 2n + (d % 2n) ? q + 1n : q
  }
}

const roundings: ReadonlySet<string> = new Set(['down', 'up', 'nearestPrefUp', 'nearestPrefDown'])

function perThingFormat<TName extends string>(
  name: TName,
  accuracy: bigint,
  innerBits: number,
): PerThingFormat<TName> {
  type P = Brand<bigint, TName>
  const innerMax = (1n << BigInt(innerBits)) - 1n
  const brand = (v: bigint): P => v as P
  const uint = (v: unknown, what: string, op: string): bigint => {
    if (typeof v !== 'bigint' || v < 0n)
      throw new InvalidArgumentError(
        `${name}.${op}: ${what} must be a non-negative bigint, got ${typeof v === 'bigint' ? v : typeof v}.`,
        'an unsigned integer as a bigint',
      )
    return v
  }
  const inner = (v: unknown, what: string, op: string): bigint => {
    const x = uint(v, what, op)
    if (x > innerMax)
      throw new InvalidArgumentError(
        `${name}.${op}: ${what} ${x} does not fit the inner u${innerBits}.`,
        `an integer in [0, ${innerMax}]`,
      )
    return x
  }
  const parts = (v: unknown, op: string): bigint => {
    const x = uint(v, 'parts', op)
    if (x > accuracy)
      throw new InvalidArgumentError(
        `${name}.${op}: ${x} parts is above ACCURACY ${accuracy}.`,
        `parts in [0, ${accuracy}]`,
      )
    return x
  }
  const withRounding = (p: bigint, q: bigint, rounding: PerThingRounding): P | undefined => {
    if (q === 0n || p > q) return undefined
    // multiply_rational(ACCURACY, p, q, r): exact double-width product, one rounding.
    return brand(roundDiv(accuracy * p, q, rounding))
  }
  const checkRounding = (r: unknown, op: string): PerThingRounding => {
    if (typeof r !== 'string' || !roundings.has(r))
      throw new InvalidArgumentError(
        `${name}.${op}: unknown rounding ${String(r)}.`,
        "'down', 'up', 'nearestPrefUp' or 'nearestPrefDown'",
      )
    return r as PerThingRounding
  }
  return Object.freeze({
    name,
    ACCURACY: accuracy,
    innerBits,
    fromParts: (x: bigint): P => {
      const v = inner(x, 'parts', 'fromParts')
      return brand(v > accuracy ? accuracy : v)
    },
    fromPercent: (x: bigint): P => {
      const v = inner(x, 'percent', 'fromPercent')
      return brand(((v > 100n ? 100n : v) * accuracy) / 100n)
    },
    fromRational: (p: bigint, q: bigint): P =>
      withRounding(uint(p, 'p', 'fromRational'), uint(q, 'q', 'fromRational'), 'down') ??
      brand(accuracy),
    fromRationalWithRounding: (p: bigint, q: bigint, rounding: PerThingRounding): P | undefined =>
      withRounding(
        uint(p, 'p', 'fromRationalWithRounding'),
        uint(q, 'q', 'fromRationalWithRounding'),
        checkRounding(rounding, 'fromRationalWithRounding'),
      ),
    one: (): P => brand(accuracy),
    zero: (): P => brand(0n),
    deconstruct: (x: P): bigint => parts(x, 'deconstruct'),
    mulFloor: (x: P, n: bigint): bigint =>
      roundDiv(uint(n, 'n', 'mulFloor') * parts(x, 'mulFloor'), accuracy, 'down'),
    mulCeil: (x: P, n: bigint): bigint =>
      roundDiv(uint(n, 'n', 'mulCeil') * parts(x, 'mulCeil'), accuracy, 'up'),
    mulInt: (x: P, n: bigint): bigint =>
      roundDiv(uint(n, 'n', 'mulInt') * parts(x, 'mulInt'), accuracy, 'nearestPrefDown'),
    mul: (x: P, y: P): P => brand((parts(x, 'mul') * parts(y, 'mul')) / accuracy),
    div: (x: P, y: P): P =>
      withRounding(parts(x, 'div'), parts(y, 'div'), 'down') ?? brand(accuracy),
    saturatingDiv: (x: P, y: P, rounding: PerThingRounding): P =>
      withRounding(
        parts(x, 'saturatingDiv'),
        parts(y, 'saturatingDiv'),
        checkRounding(rounding, 'saturatingDiv'),
      ) ?? brand(accuracy),
    saturatingAdd: (x: P, y: P): P => {
      const s = parts(x, 'saturatingAdd') + parts(y, 'saturatingAdd')
      return brand(s > accuracy ? accuracy : s)
    },
    saturatingSub: (x: P, y: P): P => {
      const d = parts(x, 'saturatingSub') - parts(y, 'saturatingSub')
      return brand(d < 0n ? 0n : d)
    },
    isPerThing: (x: unknown): x is P => typeof x === 'bigint' && x >= 0n && x <= accuracy,
    decode: (x: bigint): P => {
      const v = inner(x, 'parts', 'decode')
      if (v > accuracy) throw new PerThingDecodeError({ type: name, parts: v, accuracy })
      return brand(v)
    },
  })
}

/**
 * A `Percent` (parts per 100, Rust inner `u8`) as its parts.
 *
 * @example
 * ```ts
 * import { Percent } from '@dtao/fixed'
 * const p: Percent = Percent.fromPercent(34n)
 * Percent.mulInt(p, 10n) // 3n
 * ```
 */
export type Percent = Brand<bigint, 'Percent'>
/**
 * sp-arithmetic `Percent`: ACCURACY 100, inner `u8`.
 *
 * @example
 * ```ts
 * import { Percent } from '@dtao/fixed'
 * Percent.fromRational(989n, 1000n) // 98n
 * Percent.mulInt(Percent.fromPercent(36n), 10n) // 4n
 * ```
 * @see sp-arithmetic `per_things.rs` · `implement_per_thing!(Percent, …)`
 */
export const Percent: PerThingFormat<'Percent'> = /* @__PURE__ */ perThingFormat('Percent', 100n, 8)

/**
 * A `Permill` (parts per million, Rust inner `u32`) as its parts.
 *
 * @example
 * ```ts
 * import { Permill } from '@dtao/fixed'
 * const p: Permill = Permill.fromParts(250_000n)
 * ```
 */
export type Permill = Brand<bigint, 'Permill'>
/**
 * sp-arithmetic `Permill`: ACCURACY 10⁶, inner `u32`.
 *
 * @example
 * ```ts
 * import { Permill } from '@dtao/fixed'
 * Permill.mulCeil(Permill.fromParts(1n), 1n) // 1n
 * ```
 * @see sp-arithmetic `per_things.rs` · `implement_per_thing!(Permill, …)`
 */
export const Permill: PerThingFormat<'Permill'> = /* @__PURE__ */ perThingFormat(
  'Permill',
  1_000_000n,
  32,
)

/**
 * A `Perbill` (parts per billion, Rust inner `u32`) as its parts.
 *
 * @example
 * ```ts
 * import { Perbill } from '@dtao/fixed'
 * const fee: Perbill = Perbill.fromParts(500_000n)
 * ```
 */
export type Perbill = Brand<bigint, 'Perbill'>
/**
 * sp-arithmetic `Perbill`: ACCURACY 10⁹, inner `u32`. subtensor uses `mul_floor` for limit-order
 * fees.
 *
 * @example
 * ```ts
 * import { Perbill } from '@dtao/fixed'
 * Perbill.mulFloor(Perbill.fromParts(500_000n), 1_000_000_001n) // 500000n
 * ```
 * @see sp-arithmetic `per_things.rs` · `implement_per_thing!(Perbill, …)`
 */
export const Perbill: PerThingFormat<'Perbill'> = /* @__PURE__ */ perThingFormat(
  'Perbill',
  1_000_000_000n,
  32,
)

/**
 * A `Perquintill` (parts per 10¹⁸, Rust inner `u64`) as its parts: the balancer's weights.
 *
 * @example
 * ```ts
 * import { Perquintill } from '@dtao/fixed'
 * const half: Perquintill = Perquintill.fromRational(1n, 2n)
 * ```
 */
export type Perquintill = Brand<bigint, 'Perquintill'>
/**
 * sp-arithmetic `Perquintill`: ACCURACY 10¹⁸, inner `u64`. The balancer stores its quote weight
 * as one.
 *
 * @example
 * ```ts
 * import { Perquintill } from '@dtao/fixed'
 * Perquintill.fromRational(1n, 3n) // 333333333333333333n
 * Perquintill.fromRational(1n, 0n) // 1000000000000000000n (one, not an error)
 * ```
 * @see sp-arithmetic `per_things.rs` · `implement_per_thing!(Perquintill, …)`
 * @see subtensor `pallets/swap/src/pallet/balancer.rs` (uses)
 */
export const Perquintill: PerThingFormat<'Perquintill'> = /* @__PURE__ */ perThingFormat(
  'Perquintill',
  1_000_000_000_000_000_000n,
  64,
)

/**
 * SCALE decoding of a per-thing whose parts exceed its ACCURACY (sp-arithmetic's `Decode`
 * returns `Err("Value is greater than allowed maximum!")`).
 *
 * @example
 * ```ts
 * import { Percent, isDtaoError } from '@dtao/fixed'
 * try { Percent.decode(101n) } catch (e) { isDtaoError(e, 'Fixed.PerThingDecodeError') } // true
 * ```
 */
export class PerThingDecodeError extends BaseError {
  override readonly name = 'Fixed.PerThingDecodeError'
  /** The per-thing type, e.g. `'Perquintill'`. */
  readonly type: string
  /** The rejected parts. */
  readonly parts: bigint
  /** The type's ACCURACY. */
  readonly accuracy: bigint

  constructor({ type, parts, accuracy }: { type: string; parts: bigint; accuracy: bigint }) {
    super(`Cannot decode ${type}: ${parts} parts is greater than ACCURACY ${accuracy}.`, {
      metaMessages: [`Expected parts in [0, ${accuracy}].`],
    })
    this.type = type
    this.parts = parts
    this.accuracy = accuracy
  }
}
