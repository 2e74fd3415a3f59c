import { BaseError } from '@dtao/errors'

/**
 * Per-uid arrays of an epoch input do not all have length n.
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * try { runEpoch({ ...input, alphaStake: [] }) } catch (e) { isDtaoError(e, 'Yuma.LengthMismatchError') } // true
 * ```
 */
export class LengthMismatchError extends BaseError {
  override readonly name = 'Yuma.LengthMismatchError'
  /** The offending field. */
  readonly field: string
  /** Its length. */
  readonly length: number
  /** The length expected (n). */
  readonly expected: number

  constructor({ field, length, expected }: { field: string; length: number; expected: number }) {
    super(`${field} has length ${length}, expected ${expected} (one entry per uid).`, {
      metaMessages: ['Every per-uid array of an epoch input must have exactly n entries.'],
    })
    this.field = field
    this.length = length
    this.expected = expected
  }
}

/**
 * A uid in an epoch input is not a valid uid of the subnet (not an integer in 0…n−1).
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * try { runEpoch({ ...input, weights: [[[99, 1]], []] }) } catch (e) { isDtaoError(e, 'Yuma.UidOutOfRangeError') } // true
 * ```
 */
export class UidOutOfRangeError extends BaseError {
  override readonly name = 'Yuma.UidOutOfRangeError'
  /** Where the uid was found. */
  readonly field: string
  /** The offending uid. */
  readonly uid: number
  /** The subnet size. */
  readonly n: number

  constructor({ field, uid, n }: { field: string; uid: number; n: number }) {
    super(`${field}: uid ${uid} is outside 0…${n - 1} (n = ${n}).`, {
      metaMessages: [
        'Pass options.uidRange = "chain" to reproduce the chain, which ignores such entries.',
      ],
    })
    this.field = field
    this.uid = uid
    this.n = n
  }
}

/**
 * An integer input is outside the range of its chain type (u16, i16, u32, u64, …).
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * try { runEpoch({ ...input, kappa: 70000 }) } catch (e) { isDtaoError(e, 'Yuma.InvalidValueError') } // true
 * ```
 */
export class InvalidValueError extends BaseError {
  override readonly name = 'Yuma.InvalidValueError'
  /** The offending field. */
  readonly field: string
  /** The offending value. */
  readonly value: unknown
  /** The chain type it must fit. */
  readonly expected: string

  constructor({ field, value, expected }: { field: string; value: unknown; expected: string }) {
    super(`${field} = ${String(value)} is not a valid ${expected}.`, {
      metaMessages: [`Expected an integer of type ${expected}.`],
    })
    this.field = field
    this.value = value
    this.expected = expected
  }
}
