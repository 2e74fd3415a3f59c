import { BaseError } from '@dtao/errors'
import type { Brand } from './format.js'

/**
 * A TAO amount in rao (10⁻⁹ TAO), a chain `u64` (subtensor `TaoBalance`). A distinct brand from
 * {@link AlphaBalance}, so the two cannot be mixed by accident.
 *
 * @example
 * ```ts
 * import { taoBalance, type TaoBalance } from '@dtao/fixed'
 * const fee: TaoBalance = taoBalance(503547n)
 * ```
 */
export type TaoBalance = Brand<bigint, 'TaoBalance'>

/**
 * An alpha amount in its base unit (10⁻⁹ alpha, also called rao), a chain `u64` (subtensor
 * `AlphaBalance`).
 *
 * @example
 * ```ts
 * import { alphaBalance, type AlphaBalance } from '@dtao/fixed'
 * const stake: AlphaBalance = alphaBalance(9993965636n)
 * ```
 */
export type AlphaBalance = Brand<bigint, 'AlphaBalance'>

/**
 * `u64::MAX` = 2⁶⁴ − 1.
 *
 * @example
 * ```ts
 * import { MAX_U64 } from '@dtao/fixed'
 * MAX_U64 // 18446744073709551615n
 * ```
 */
export const MAX_U64: bigint = 0xffff_ffff_ffff_ffffn

/**
 * Rao per TAO (and base units per alpha): 10⁹.
 *
 * @example
 * ```ts
 * import { RAO_PER_TAO } from '@dtao/fixed'
 * RAO_PER_TAO // 1000000000n
 * ```
 */
export const RAO_PER_TAO: bigint = 1_000_000_000n

/**
 * How to treat digits beyond the unit's precision when parsing a human decimal string.
 * `'strict'` (the default) throws {@link PrecisionLossError}; the others round the magnitude
 * (`'round'` is half away from zero). Amounts are never negative, so `'floor'` = `'trunc'`.
 *
 * @example
 * ```ts
 * import { parseTao, type RoundingMode } from '@dtao/fixed'
 * const mode: RoundingMode = 'floor'
 * parseTao('0.1234567891', { rounding: mode }) // 123456789n
 * ```
 */
export type RoundingMode = 'strict' | 'floor' | 'ceil' | 'trunc' | 'round'

function checkAmount(raw: unknown, unit: 'TAO' | 'alpha'): bigint {
  if (typeof raw !== 'bigint') {
    throw new InvalidAmountError({
      input: String(raw),
      unit,
      reason: `expected a bigint number of base units, got ${typeof raw}`,
    })
  }
  if (raw < 0n) {
    throw new InvalidAmountError({ input: String(raw), unit, reason: 'amounts cannot be negative' })
  }
  if (raw > MAX_U64) throw new AmountOutOfRangeError({ value: raw, unit })
  return raw
}

/**
 * Brand a rao amount as a {@link TaoBalance}, checking it is a `u64`.
 *
 * @param raw - Rao, a bigint in [0, 2⁶⁴ − 1].
 * @returns The same bigint, branded.
 * @throws {@link InvalidAmountError} For a non-bigint or negative value.
 * @throws {@link AmountOutOfRangeError} Above `u64::MAX`.
 * @example
 * ```ts
 * import { taoBalance } from '@dtao/fixed'
 * taoBalance(1_500_000_000n) // 1500000000n (1.5 TAO)
 * ```
 */
export function taoBalance(raw: bigint): TaoBalance {
  return checkAmount(raw, 'TAO') as TaoBalance
}

/**
 * Brand a base-unit amount as an {@link AlphaBalance}, checking it is a `u64`.
 *
 * @param raw - Alpha base units, a bigint in [0, 2⁶⁴ − 1].
 * @returns The same bigint, branded.
 * @throws {@link InvalidAmountError} For a non-bigint or negative value.
 * @throws {@link AmountOutOfRangeError} Above `u64::MAX`.
 * @example
 * ```ts
 * import { alphaBalance } from '@dtao/fixed'
 * alphaBalance(42n) // 42n
 * ```
 */
export function alphaBalance(raw: bigint): AlphaBalance {
  return checkAmount(raw, 'alpha') as AlphaBalance
}

/**
 * Whether `raw` is a valid rao amount (a bigint `u64`). Brands are type-only, so this cannot tell
 * TAO from alpha at run time; it checks the range.
 *
 * @param raw - Anything.
 * @returns True for a bigint in [0, 2⁶⁴ − 1].
 * @example
 * ```ts
 * import { isTaoBalance } from '@dtao/fixed'
 * isTaoBalance(5n) // true
 * isTaoBalance(-5n) // false
 * ```
 */
export function isTaoBalance(raw: unknown): raw is TaoBalance {
  return typeof raw === 'bigint' && raw >= 0n && raw <= MAX_U64
}

/**
 * Whether `raw` is a valid alpha amount (a bigint `u64`).
 *
 * @param raw - Anything.
 * @returns True for a bigint in [0, 2⁶⁴ − 1].
 * @example
 * ```ts
 * import { isAlphaBalance } from '@dtao/fixed'
 * isAlphaBalance(2n ** 64n) // false
 * ```
 */
export function isAlphaBalance(raw: unknown): raw is AlphaBalance {
  return typeof raw === 'bigint' && raw >= 0n && raw <= MAX_U64
}

const decimalPattern = /^(\d+)(?:\.(\d+))?$/

/**
 * Parse a non-negative decimal string into an integer number of `10^-decimals` units.
 *
 * @internal
 */
function parseUnits(
  input: string,
  decimals: number,
  rounding: RoundingMode,
  unit: 'TAO' | 'alpha',
): bigint {
  if (typeof input !== 'string') {
    throw new InvalidAmountError({
      input: String(input),
      unit,
      reason: `expected a string, got ${typeof input}`,
    })
  }
  const m = decimalPattern.exec(input)
  if (m === null) {
    const reason =
      input === ''
        ? 'the string is empty'
        : input.trim().startsWith('-')
          ? 'amounts cannot be negative'
          : 'expected plain decimal digits with an optional fraction, like "1.5" (no sign, exponent, hex or spaces)'
    throw new InvalidAmountError({ input, unit, reason })
  }
  const whole = m[1] as string
  const fraction = m[2] ?? ''
  const kept = fraction.slice(0, decimals).padEnd(decimals, '0')
  const dropped = fraction.slice(decimals)
  let value = BigInt(whole) * 10n ** BigInt(decimals) + BigInt(kept)
  if (/[1-9]/.test(dropped)) {
    switch (rounding) {
      case 'strict':
        throw new PrecisionLossError({ input, unit, decimals })
      case 'ceil':
        value += 1n
        break
      case 'round':
        if ((dropped[0] as string) >= '5') value += 1n
        break
      case 'floor':
      case 'trunc':
        break
      default:
        throw new InvalidAmountError({
          input,
          unit,
          reason: `unknown rounding mode ${JSON.stringify(rounding)}`,
        })
    }
  }
  if (value > MAX_U64) throw new AmountOutOfRangeError({ value, unit })
  return value
}

function formatUnits(value: bigint, decimals: number, unit: 'TAO' | 'alpha'): string {
  const v = checkAmount(value, unit)
  const scale = 10n ** BigInt(decimals)
  const whole = v / scale
  const fraction = (v % scale).toString().padStart(decimals, '0').replace(/0+$/, '')
  return fraction.length > 0 ? `${whole}.${fraction}` : whole.toString()
}

/**
 * Parse a human TAO amount (`'1.5'`) into rao, exactly.
 *
 * @param input - Plain decimal digits with an optional fraction; no sign, exponent or hex.
 * @param options - `rounding` for digits beyond the 9th decimal (default `'strict'`: throw).
 * @returns Rao as a {@link TaoBalance}.
 * @throws {@link InvalidAmountError} For malformed or negative input.
 * @throws {@link PrecisionLossError} In `'strict'` mode when digits beyond rao would be lost.
 * @throws {@link AmountOutOfRangeError} Above `u64::MAX` rao.
 * @example
 * ```ts
 * import { parseTao } from '@dtao/fixed'
 * parseTao('1.5') // 1500000000n
 * parseTao('0.1234567891', { rounding: 'floor' }) // 123456789n
 * ```
 */
export function parseTao(
  input: string,
  options: { readonly rounding?: RoundingMode } = {},
): TaoBalance {
  return parseUnits(input, 9, options.rounding ?? 'strict', 'TAO') as TaoBalance
}

/**
 * Format rao as a human TAO amount, exactly (no trailing zeros).
 *
 * @param value - Rao.
 * @returns The decimal string, e.g. `'1.5'`.
 * @throws {@link InvalidAmountError} For a negative or non-bigint value.
 * @example
 * ```ts
 * import { formatTao, taoBalance } from '@dtao/fixed'
 * formatTao(taoBalance(1_500_000_001n)) // '1.500000001'
 * ```
 */
export function formatTao(value: TaoBalance): string {
  return formatUnits(value, 9, 'TAO')
}

/**
 * Parse a human alpha amount (`'12.25'`) into base units, exactly.
 *
 * @param input - Plain decimal digits with an optional fraction; no sign, exponent or hex.
 * @param options - `rounding` for digits beyond the 9th decimal (default `'strict'`: throw).
 * @returns Base units as an {@link AlphaBalance}.
 * @throws {@link InvalidAmountError} For malformed or negative input.
 * @throws {@link PrecisionLossError} In `'strict'` mode when digits would be lost.
 * @throws {@link AmountOutOfRangeError} Above `u64::MAX`.
 * @example
 * ```ts
 * import { parseAlpha } from '@dtao/fixed'
 * parseAlpha('12.25') // 12250000000n
 * ```
 */
export function parseAlpha(
  input: string,
  options: { readonly rounding?: RoundingMode } = {},
): AlphaBalance {
  return parseUnits(input, 9, options.rounding ?? 'strict', 'alpha') as AlphaBalance
}

/**
 * Format alpha base units as a human amount, exactly (no trailing zeros).
 *
 * @param value - Alpha base units.
 * @returns The decimal string.
 * @throws {@link InvalidAmountError} For a negative or non-bigint value.
 * @example
 * ```ts
 * import { alphaBalance, formatAlpha } from '@dtao/fixed'
 * formatAlpha(alphaBalance(9_993_965_636n)) // '9.993965636'
 * ```
 */
export function formatAlpha(value: AlphaBalance): string {
  return formatUnits(value, 9, 'alpha')
}

/**
 * A string or value that is not a valid amount: malformed, negative, or not an integer.
 *
 * @example
 * ```ts
 * import { isDtaoError, parseTao } from '@dtao/fixed'
 * try { parseTao('1e3') } catch (e) { isDtaoError(e, 'Fixed.InvalidAmountError') } // true
 * ```
 */
export class InvalidAmountError extends BaseError {
  /** The stable error code. */
  override readonly name = 'Fixed.InvalidAmountError'
  /** The rejected input, as given. */
  readonly input: string
  /** The unit being parsed. */
  readonly unit: 'TAO' | 'alpha'

  constructor({ input, unit, reason }: { input: string; unit: 'TAO' | 'alpha'; reason: string }) {
    super(`Invalid ${unit} amount ${JSON.stringify(input)}: ${reason}.`, {
      metaMessages: [
        `Expected a non-negative decimal like "1.5" (${unit}) or a bigint of base units.`,
      ],
    })
    this.input = input
    this.unit = unit
  }
}

/**
 * A decimal amount has more digits than the unit can hold, and the rounding mode is `'strict'`.
 *
 * @example
 * ```ts
 * import { isDtaoError, parseTao } from '@dtao/fixed'
 * try { parseTao('1.0000000001') } catch (e) { isDtaoError(e, 'Fixed.PrecisionLossError') } // true
 * ```
 */
export class PrecisionLossError extends BaseError {
  /** The stable error code. */
  override readonly name = 'Fixed.PrecisionLossError'
  /** The rejected input. */
  readonly input: string

  constructor({
    input,
    unit,
    decimals,
  }: { input: string; unit: 'TAO' | 'alpha'; decimals: number }) {
    super(`${unit} amount ${JSON.stringify(input)} has more than ${decimals} decimals.`, {
      metaMessages: [
        `Pass { rounding: 'floor' | 'ceil' | 'round' } to round it to ${decimals} decimals.`,
      ],
    })
    this.input = input
  }
}

/**
 * An amount above `u64::MAX` base units (the chain's balance type).
 *
 * @example
 * ```ts
 * import { isDtaoError, taoBalance } from '@dtao/fixed'
 * try { taoBalance(2n ** 64n) } catch (e) { isDtaoError(e, 'Fixed.AmountOutOfRangeError') } // true
 * ```
 */
export class AmountOutOfRangeError extends BaseError {
  /** The stable error code. */
  override readonly name = 'Fixed.AmountOutOfRangeError'
  /** The offending value in base units. */
  readonly value: bigint

  constructor({ value, unit }: { value: bigint; unit: 'TAO' | 'alpha' }) {
    super(`${unit} amount ${value} base units exceeds u64::MAX (${MAX_U64}).`, {
      metaMessages: ['Chain balances are u64; split the amount or check its unit.'],
    })
    this.value = value
  }
}
