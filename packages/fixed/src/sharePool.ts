import { InvalidArgumentError } from './errors.js'
import { SafeFloat, safeFloat } from './safeFloat.js'

const u64Max = (1n << 64n) - 1n
const i64Min = -(1n << 63n)
const i64Max = (1n << 63n) - 1n

/**
 * One key's view of a subtensor share pool: the pool's shared value V (`TotalHotkeyAlpha`, u64
 * rao), its denominator D (`TotalHotkeySharesV2`) and the key's share S (`AlphaV2`).
 *
 * @example
 * ```ts
 * import { SafeFloat, type SharePoolView } from '@dtao/fixed'
 * const view: SharePoolView = {
 *   sharedValue: 100n,
 *   share: SafeFloat.fromU64(3n),
 *   denominator: SafeFloat.fromU64(10n),
 * }
 * ```
 */
export type SharePoolView = {
  /** V: the pool's total value in rao (u64). */
  readonly sharedValue: bigint
  /** S: this key's shares. */
  readonly share: SafeFloat
  /** D: the pool's total shares. */
  readonly denominator: SafeFloat
}

function checkU64(v: unknown, what: string, op: string): bigint {
  if (typeof v !== 'bigint' || v < 0n || v > u64Max)
    throw new InvalidArgumentError(
      `${op}: ${what} must be a u64 bigint.`,
      'an integer in [0, 2^64)',
    )
  return v
}

function checkI64(v: unknown, op: string): bigint {
  if (typeof v !== 'bigint' || v < i64Min || v > i64Max)
    throw new InvalidArgumentError(
      `${op}: update must be an i64 bigint.`,
      'an integer in [−2^63, 2^63)',
    )
  return v
}

/**
 * `SharePool::get_value`: `u64::from(SafeFloat(V).mul_div(S, D).unwrap_or(0))`, i.e.
 * ⌊V·S/D⌋ to about 21 digits, saturating; 0 when D = 0.
 *
 * @param view - V, S and D.
 * @returns The key's value in rao (u64).
 * @throws {@link InvalidArgumentError} If V is not a u64 `bigint` or S/D are not SafeFloats.
 * @example
 * ```ts
 * import { SafeFloat, getValue } from '@dtao/fixed'
 * getValue({ sharedValue: 100n, share: SafeFloat.fromU64(3n), denominator: SafeFloat.fromU64(10n) })
 * // 30n
 * ```
 * @see subtensor `primitives/share-pool/src/lib.rs` · `SharePool::get_value`
 */
export function getValue(view: SharePoolView): bigint {
  const v = SafeFloat.fromU64(checkU64(view.sharedValue, 'sharedValue', 'getValue'))
  return SafeFloat.toU64(SafeFloat.mulDiv(v, view.share, view.denominator) ?? SafeFloat.zero)
}

/**
 * `SharePool::get_shares_per_update`: `new(|Δ|, 0).mul_div(D, new(V, 0))`, 0 on failure (V = 0).
 *
 * @param pool - V and D (the key's share is not used).
 * @param update - Δ, an i64 rao amount.
 * @returns The shares that Δ rao buys (or releases) at the pool's current rate.
 * @throws {@link InvalidArgumentError} If V is not a u64 or Δ not an i64 `bigint`.
 * @example
 * ```ts
 * import { SafeFloat, sharesPerUpdate } from '@dtao/fixed'
 * sharesPerUpdate({ sharedValue: 1000n, denominator: SafeFloat.fromU64(1000n) }, -990n)
 * // { mantissa: 990000000000000000000n, exponent: -18n }
 * ```
 * @see subtensor `primitives/share-pool/src/lib.rs` · `SharePool::get_shares_per_update`
 */
export function sharesPerUpdate(
  pool: Pick<SharePoolView, 'sharedValue' | 'denominator'>,
  update: bigint,
): SafeFloat {
  const u = checkI64(update, 'sharesPerUpdate')
  const v = SafeFloat.fromU64(checkU64(pool.sharedValue, 'sharedValue', 'sharesPerUpdate'))
  const abs = safeFloat(u < 0n ? -u : u, 0n) ?? SafeFloat.zero
  return SafeFloat.mulDiv(abs, pool.denominator, v) ?? SafeFloat.zero
}

/**
 * `SharePool::update_value_for_all`: V ± |Δ|, saturating as u64.
 *
 * @param sharedValue - V (u64).
 * @param update - Δ (i64).
 * @returns The new V.
 * @throws {@link InvalidArgumentError} If V is not a u64 or Δ not an i64 `bigint`.
 * @example
 * ```ts
 * import { updateValueForAll } from '@dtao/fixed'
 * updateValueForAll(5n, -7n) // 0n
 * ```
 * @see subtensor `primitives/share-pool/src/lib.rs` · `SharePool::update_value_for_all`
 */
export function updateValueForAll(sharedValue: bigint, update: bigint): bigint {
  const v = checkU64(sharedValue, 'sharedValue', 'updateValueForAll')
  const u = checkI64(update, 'updateValueForAll')
  const next = v + u
  return next > u64Max ? u64Max : next < 0n ? 0n : next
}

/**
 * `SharePool::update_value_for_one`: stake or unstake Δ rao for one key. If D = 0 the key gets
 * D = S = |Δ|. Otherwise spu = {@link sharesPerUpdate}; Δ > 0 adds spu to D and S, else
 * subtracts it (a failed `SafeFloat` op keeps the old value, as the chain does after logging).
 * Finally V = V ± |Δ|, saturating.
 *
 * @param view - V, S and D before the update.
 * @param update - Δ (i64).
 * @returns V, S and D after the update (the other keys' shares are unchanged).
 * @throws {@link InvalidArgumentError} If V is not a u64 or Δ not an i64 `bigint`.
 * @example
 * ```ts
 * import { SafeFloat, getValue, updateValueForOne } from '@dtao/fixed'
 * const empty = { sharedValue: 0n, share: SafeFloat.zero, denominator: SafeFloat.zero }
 * getValue(updateValueForOne(empty, 1000n)) // 1000n
 * ```
 * @see subtensor `primitives/share-pool/src/lib.rs` · `SharePool::update_value_for_one`
 */
export function updateValueForOne(view: SharePoolView, update: bigint): SharePoolView {
  const u = checkI64(update, 'updateValueForOne')
  const v = checkU64(view.sharedValue, 'sharedValue', 'updateValueForOne')
  let denominator: SafeFloat
  let share: SafeFloat
  if (SafeFloat.isZero(view.denominator)) {
    const first = safeFloat(u < 0n ? -u : u, 0n) ?? SafeFloat.zero
    denominator = first
    share = first
  } else {
    const spu = sharesPerUpdate({ sharedValue: v, denominator: view.denominator }, u)
    if (u > 0n) {
      denominator = SafeFloat.add(view.denominator, spu) ?? view.denominator
      share = SafeFloat.add(view.share, spu) ?? view.share
    } else {
      denominator = SafeFloat.sub(view.denominator, spu) ?? view.denominator
      share = SafeFloat.sub(view.share, spu) ?? view.share
    }
  }
  return Object.freeze({ sharedValue: updateValueForAll(v, u), share, denominator })
}

/**
 * `SharePool::sim_update_value_for_one`: whether the update would change any shares (D = 0, or
 * a non-zero {@link sharesPerUpdate}).
 *
 * @param pool - V and D.
 * @param update - Δ (i64).
 * @returns `true` when the update is effective.
 * @throws {@link InvalidArgumentError} If V is not a u64 or Δ not an i64 `bigint`.
 * @example
 * ```ts
 * import { SafeFloat, simUpdateValueForOne } from '@dtao/fixed'
 * simUpdateValueForOne({ sharedValue: 0n, denominator: SafeFloat.fromU64(5n) }, 1n) // false
 * ```
 * @see subtensor `primitives/share-pool/src/lib.rs` · `SharePool::sim_update_value_for_one`
 */
export function simUpdateValueForOne(
  pool: Pick<SharePoolView, 'sharedValue' | 'denominator'>,
  update: bigint,
): boolean {
  if (SafeFloat.isZero(pool.denominator)) {
    checkI64(update, 'simUpdateValueForOne')
    return true
  }
  return !SafeFloat.isZero(sharesPerUpdate(pool, update))
}

/**
 * The legacy-first storage lookup of subtensor's `HotkeyAlphaSharePoolDataOperations`: a share
 * (`Alpha`) or denominator (`TotalHotkeyShares`) stored in the deprecated U64F64 map wins, read
 * through the lossy `SafeFloat::from(U64F64)`; otherwise the V2 `SafeFloat` is used (absent = 0).
 *
 * @param entries - `alphaV1`/`denomV1`: U64F64 bits when the legacy entry exists; `alphaV2`/
 *   `denomV2`: the V2 entries when present.
 * @returns S and D as the chain reads them.
 * @throws {@link InvalidArgumentError} If a legacy value is not U64F64 bits.
 * @example
 * ```ts
 * import { SafeFloat, resolveLegacy } from '@dtao/fixed'
 * resolveLegacy({ alphaV1: 1n << 64n, denomV2: SafeFloat.fromU64(4n) }).share
 * // { mantissa: 1000000000000000000000n, exponent: -21n } (1.0)
 * ```
 * @see subtensor `pallets/subtensor/src/staking/stake_utils.rs` · `HotkeyAlphaSharePoolDataOperations::get_share`, `get_denominator`
 */
export function resolveLegacy(entries: {
  /** `Alpha` (legacy, U64F64 bits), when the entry exists. */
  readonly alphaV1?: bigint | undefined
  /** `AlphaV2`, when the entry exists. */
  readonly alphaV2?: SafeFloat | undefined
  /** `TotalHotkeyShares` (legacy, U64F64 bits), when the entry exists. */
  readonly denomV1?: bigint | undefined
  /** `TotalHotkeySharesV2`, when the entry exists. */
  readonly denomV2?: SafeFloat | undefined
}): {
  /** S: the key's share as the chain reads it. */
  readonly share: SafeFloat
  /** D: the pool denominator as the chain reads it. */
  readonly denominator: SafeFloat
} {
  const share =
    entries.alphaV1 !== undefined
      ? SafeFloat.fromU64F64(entries.alphaV1)
      : (entries.alphaV2 ?? SafeFloat.zero)
  const denominator =
    entries.denomV1 !== undefined
      ? SafeFloat.fromU64F64(entries.denomV1)
      : (entries.denomV2 ?? SafeFloat.zero)
  return Object.freeze({ share, denominator })
}
