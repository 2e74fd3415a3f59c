import { BaseError } from '@dtao/errors'

/**
 * An amount, block number or other chain integer is not a `bigint` in its Rust type's range
 * (negative, fractional, a `number`, or above `u64::MAX`).
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * import { blockEmissionForIssuance } from '@dtao/emission'
 * try { blockEmissionForIssuance(-1n) } catch (e) { isDtaoError(e, 'Emission.InvalidAmountError') } // true
 * ```
 */
export class InvalidAmountError extends BaseError {
  /** The stable error code. */
  override readonly name = 'Emission.InvalidAmountError'
  /** Which input was rejected, e.g. `'issuance'`. */
  readonly field: string
  /** The rejected value, as given. */
  readonly value: unknown

  constructor({ field, value, expected }: { field: string; value: unknown; expected: string }) {
    super(`${field}: ${describe(value)} is not ${expected}.`, {
      metaMessages: ['Pass chain integers as bigint (rao, alpha-rao, block numbers).'],
    })
    this.field = field
    this.value = value
  }
}

/**
 * A subnet list names the same netuid twice.
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * import { subnetsToEmitTo } from '@dtao/emission'
 * const s = { netuid: 1, firstEmissionBlock: 1n, subtokenEnabled: true, registrationAllowed: true }
 * try { subnetsToEmitTo([s, s]) } catch (e) { isDtaoError(e, 'Emission.DuplicateNetuidError') } // true
 * ```
 */
export class DuplicateNetuidError extends BaseError {
  /** The stable error code. */
  override readonly name = 'Emission.DuplicateNetuidError'
  /** The repeated netuid. */
  readonly netuid: number

  constructor({ netuid }: { netuid: number }) {
    super(`Subnet list contains netuid ${netuid} more than once.`, {
      metaMessages: ['Each added subnet appears exactly once, as in NetworksAdded.'],
    })
    this.netuid = netuid
  }
}

function describe(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`
  if (typeof v === 'string') return JSON.stringify(v)
  return String(v)
}
