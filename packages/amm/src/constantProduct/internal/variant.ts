import { rulesForSpec } from '../../rules.js'
import { CpInvalidAmountError, EraMismatchError } from '../pool.js'

/** @internal `u64::MAX`. */
export const maxU64 = 0xffff_ffff_ffff_ffffn

/** @internal `u64::saturating_add`. */
export function addU64(a: bigint, b: bigint): bigint {
  const s = a + b
  return s > maxU64 ? maxU64 : s
}

/** @internal `u64::saturating_sub`. */
export function subU64(a: bigint, b: bigint): bigint {
  return a > b ? a - b : 0n
}

/** @internal Throws {@link CpInvalidAmountError} unless `value` is a `u64`. */
export function assertU64(what: string, value: bigint): void {
  if (typeof value !== 'bigint' || value < 0n || value > maxU64) {
    throw new CpInvalidAmountError({ what, value })
  }
}

/**
 * @internal Which constant-product code a spec runs. The flags switch at the first main merge
 * carrying each change; only specs 233 and 274 are checked against vectors.
 */
export type CpVariant = {
  readonly specVersion: number
  /** U110F18 swap math and U96F32 prices (spec ≥ 261), else I110F18 / I96F32. */
  readonly unsigned: boolean
  /** share-pool with `get_shares_per_update`, precision guard, unstake decreases first (≥ 244). */
  readonly sharePoolV2: boolean
  /** EMA α scaled by b/(b + halving) and the price clamped at 1 (≥ 258). */
  readonly movingPriceHalving: boolean
  /** `get_max_amount_*` return `Err(ZeroMaxStakeAmount)` instead of 0 (≥ 273). */
  readonly zeroMaxStakeError: boolean
}

/** @internal */
export function cpVariant(specVersion: number): CpVariant {
  const rules = rulesForSpec(specVersion)
  if (rules.era !== 'constantProduct') {
    throw new EraMismatchError({ specVersion, expected: 'constantProduct' })
  }
  return {
    specVersion,
    unsigned: rules.constantProductType === 'U110F18',
    sharePoolV2: specVersion >= 244,
    movingPriceHalving: specVersion >= 258,
    zeroMaxStakeError: specVersion >= 273,
  }
}
