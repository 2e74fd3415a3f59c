import { BaseError } from '@dtao/errors'

/**
 * Input to a weight-preparation helper is invalid: the cases where bittensor's `weight_utils`
 * raises (`ValueError`, `IndexError`), with the same reasons.
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * import { convertWeightsAndUidsForEmit } from '@dtao/yuma'
 * try { convertWeightsAndUidsForEmit([0, 1], [1, -0.5]) } catch (e) {
 *   isDtaoError(e, 'Yuma.InvalidWeightsError') // true
 * }
 * ```
 */
export class InvalidWeightsError extends BaseError {
  override readonly name = 'Yuma.InvalidWeightsError'
  /** The offending argument. */
  readonly field: string
  /** What is wrong with it. */
  readonly reason: string

  constructor({ field, reason }: { field: string; reason: string }) {
    super(`Invalid weights input: ${field} ${reason}.`, {
      metaMessages: ['These helpers reject what bittensor.utils.weight_utils rejects.'],
    })
    this.field = field
    this.reason = reason
  }
}
