import { BaseError } from '@dtao/errors'

/**
 * A float-mode or simulation input is malformed (wrong shape, negative or non-finite value,
 * unknown option).
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * import { floatMatrixFromRows } from '@dtao/yuma'
 * try { floatMatrixFromRows([[1, 2], [3]]) } catch (e) {
 *   isDtaoError(e, 'Yuma.InvalidFloatInputError') // true
 * }
 * ```
 */
export class InvalidFloatInputError extends BaseError {
  override readonly name = 'Yuma.InvalidFloatInputError'
  /** The offending field. */
  readonly field: string
  /** What is wrong with it. */
  readonly reason: string

  constructor({ field, reason }: { field: string; reason: string }) {
    super(`Invalid float-mode input: ${field} ${reason}.`, {
      metaMessages: [
        'Float mode and the yuma-simulation variants take finite, consistently shaped inputs.',
      ],
    })
    this.field = field
    this.reason = reason
  }
}
