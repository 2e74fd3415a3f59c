import { BaseError } from '@dtao/errors'

/**
 * A fixed-point or integer result is outside its type's range where the chain would panic or
 * where a plain (non-wrapping) constructor was asked for an out-of-range value.
 *
 * @example
 * ```ts
 * import { U64F64, isDtaoError } from '@dtao/fixed'
 * try { U64F64.fromBits(-1n) } catch (e) { isDtaoError(e, 'Fixed.OverflowError') } // true
 * ```
 */
export class FixedOverflowError extends BaseError {
  /** The stable error code. */
  override readonly name = 'Fixed.OverflowError'
  /** The type whose range was exceeded, e.g. `'U64F64'` or `'u64'`. */
  readonly type: string
  /** The offending value (raw bits for fixed types). */
  readonly value: bigint

  constructor({ type, value, operation }: { type: string; value: bigint; operation: string }) {
    super(`${operation}: ${value} is outside the range of ${type}.`, {
      metaMessages: [`Expected a value representable as ${type}.`],
    })
    this.type = type
    this.value = value
  }
}

/**
 * Division by zero where the chain panics (`/`, `saturating_div`, `wrapping_div`).
 *
 * @example
 * ```ts
 * import { I32F32, isDtaoError } from '@dtao/fixed'
 * try { I32F32.div(I32F32.ONE, I32F32.ZERO) } catch (e) { isDtaoError(e, 'Fixed.DivisionByZeroError') } // true
 * ```
 */
export class DivisionByZeroError extends BaseError {
  /** The stable error code. */
  override readonly name = 'Fixed.DivisionByZeroError'
  /** The type of the operands. */
  readonly type: string

  constructor({ type, operation }: { type: string; operation: string }) {
    super(`${operation} on ${type}: division by zero (the chain panics here).`, {
      metaMessages: ['Use checkedDiv (undefined) or safeDiv (0) for a non-throwing division.'],
    })
    this.type = type
  }
}

/**
 * A float input that the chain cannot convert: NaN, ±Infinity, or a magnitude ≥ 2^1023 (2^127
 * for f32), which substrate-fixed v0.6.0 misclassifies and panics on.
 *
 * @example
 * ```ts
 * import { I32F32, isDtaoError } from '@dtao/fixed'
 * try { I32F32.fromNum(Number.NaN) } catch (e) { isDtaoError(e, 'Fixed.NonFiniteError') } // true
 * ```
 */
export class NonFiniteError extends BaseError {
  /** The stable error code. */
  override readonly name = 'Fixed.NonFiniteError'
  /** The rejected float. */
  readonly value: number

  constructor({ value, type, reason }: { value: number; type: string; reason: string }) {
    super(`Cannot convert ${String(value)} to ${type}: ${reason}.`, {
      metaMessages: ['Expected a finite number with magnitude below 2^1023.'],
    })
    this.value = value
  }
}

/**
 * An argument of the wrong kind: a non-integer where an integer is required, a value of the
 * wrong JS type, or an unknown option.
 *
 * @example
 * ```ts
 * import { U64F64, isDtaoError } from '@dtao/fixed'
 * try { U64F64.fromBits(1.5 as unknown as bigint) } catch (e) { isDtaoError(e, 'Fixed.InvalidArgumentError') } // true
 * ```
 */
export class InvalidArgumentError extends BaseError {
  /** The stable error code. */
  override readonly name = 'Fixed.InvalidArgumentError'

  constructor(message: string, expected: string) {
    super(message, { metaMessages: [`Expected ${expected}.`] })
  }
}
