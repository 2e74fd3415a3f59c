import { BaseError } from '@dtao/errors'

/**
 * One subnet's pool in the constant-product era (spec 233–282) as plain immutable data: the
 * SubtensorModule reserves, in rao.
 *
 * @example
 * ```ts
 * import type { ConstantProductPool } from '@dtao/amm'
 * const pool: ConstantProductPool = {
 *   era: 'constantProduct', netuid: 1, mechanism: 1,
 *   taoReserve: 1_000_000_000_000n, alphaReserve: 4_000_000_000_000n, alphaOutstanding: 0n,
 * }
 * ```
 * @see subtensor `pallets/subtensor/src/lib.rs` · `SubnetTAO`, `SubnetAlphaIn`, `SubnetAlphaOut` (@ e2b8367b8)
 */
export type ConstantProductPool = {
  /** Discriminant: the constant-product era. */
  readonly era: 'constantProduct'
  /** Subnet id (`u16`); 0 is root. */
  readonly netuid: number
  /** `SubnetMechanism`: 1 is dynamic, 0 is stable (1:1). */
  readonly mechanism: number
  /** `SubnetTAO` in rao. */
  readonly taoReserve: bigint
  /** `SubnetAlphaIn` in rao. */
  readonly alphaReserve: bigint
  /** `SubnetAlphaOut` (staked alpha) in rao. */
  readonly alphaOutstanding: bigint
}

/**
 * A constant-product function was asked for a `spec_version` outside the constant-product era
 * (233–282).
 *
 * @example
 * ```ts
 * import { simSwapTaoForAlphaCp } from '@dtao/amm'
 * simSwapTaoForAlphaCp(pool, 1000n, { specVersion: 300 }) // throws Amm.EraMismatchError
 * ```
 */
export class EraMismatchError extends BaseError {
  override readonly name = 'Amm.EraMismatchError'
  /** The spec asked for. */
  readonly specVersion: number
  /** The era the function implements. */
  readonly expected: 'constantProduct' | 'v3'

  constructor({
    specVersion,
    expected,
  }: { specVersion: number; expected: 'constantProduct' | 'v3' }) {
    super(
      `spec_version ${specVersion} is not in the ${expected === 'v3' ? 'V3 (283–422)' : 'constant-product (233–282)'} era.`,
      { metaMessages: ['Use the functions of the era in force (see rulesForSpec).'] },
    )
    this.specVersion = specVersion
    this.expected = expected
  }
}

/**
 * An amount that is not a `u64` rao bigint (negative, above `u64::MAX`, or not a bigint).
 *
 * @example
 * ```ts
 * import { simSwapTaoForAlphaCp } from '@dtao/amm'
 * simSwapTaoForAlphaCp(pool, -1n) // throws Amm.InvalidAmountError
 * ```
 */
export class CpInvalidAmountError extends BaseError {
  override readonly name = 'Amm.InvalidAmountError'
  /** Which argument. */
  readonly what: string
  /** The value given. */
  readonly value: unknown

  constructor({ what, value }: { what: string; value: unknown }) {
    super(
      `Invalid ${what}: expected a u64 rao bigint in [0, 18446744073709551615], got ${String(value)}.`,
    )
    this.what = what
    this.value = value
  }
}
