import { version } from './version.js'

/** Options of {@link BaseError}. */
export type BaseErrorOptions = {
  /** The underlying error, if any (`Error.cause`). */
  readonly cause?: unknown
  /** Extra detail lines, appended to the message after a blank line. */
  readonly metaMessages?: readonly string[]
  /** A short machine-oriented detail string. */
  readonly details?: string
}

/**
 * The base class of every error thrown by a `@dtao` package.
 *
 * `name` is the stable error code (`'<Package>.<Thing>Error'`); match on it with {@link isDtaoError}
 * rather than on class identity, so two copies of a package still agree.
 *
 * @example
 * ```ts
 * import { BaseError } from '@dtao/errors'
 *
 * class PoolEmptyError extends BaseError {
 *   override readonly name = 'Amm.PoolEmptyError'
 * }
 * new PoolEmptyError('Pool 3 has no reserves.').shortMessage // 'Pool 3 has no reserves.'
 * ```
 */
export class BaseError extends Error {
  /** The stable error code; subclasses override it with `'<Package>.<Thing>Error'`. */
  override name = 'BaseError'
  /** The one-line message, without meta lines and version. */
  readonly shortMessage: string
  /** A short machine-oriented detail string, if given. */
  readonly details: string | undefined

  constructor(shortMessage: string, options: BaseErrorOptions = {}) {
    super(
      [
        shortMessage,
        ...(options.metaMessages && options.metaMessages.length > 0
          ? ['', ...options.metaMessages]
          : []),
        '',
        `Version: @dtao ${version}`,
      ].join('\n'),
      options.cause !== undefined ? { cause: options.cause } : undefined,
    )
    this.shortMessage = shortMessage
    this.details = options.details
  }
}

/**
 * True for any error thrown by a `@dtao` package, optionally of one kind.
 *
 * Checks `name` (and the `shortMessage` field), not class identity.
 *
 * @param error - Anything caught.
 * @param name - The error code to match, e.g. `'Fixed.OverflowError'`.
 * @returns Whether `error` is a dtao error (of that name).
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * import { parseTao } from '@dtao/fixed'
 *
 * try { parseTao('-1') } catch (e) {
 *   isDtaoError(e, 'Fixed.InvalidAmountError') // true
 * }
 * ```
 */
export function isDtaoError<TName extends string>(
  error: unknown,
  name?: TName,
): error is BaseError & {
  /** The matched error code. */
  name: TName
} {
  if (!(error instanceof Error)) return false
  if (!('shortMessage' in error)) return false
  if (name === undefined) return error.name !== 'Error'
  return error.name === name
}
