import { BaseError } from '@dtao/errors'
import { I96F32, U64F64, U96F32 } from '@dtao/fixed'
import { assertU64, type CpVariant, cpVariant, maxU64 } from './internal/variant.js'
import type { ConstantProductPool } from './pool.js'
import { alphaPrice } from './swap.js'

const rao = 1_000_000_000n
const u128Max = (1n << 128n) - 1n

function isStableOrRoot(p: ConstantProductPool): boolean {
  return p.netuid === 0 || p.mechanism === 0
}

function zero(v: CpVariant, fn: string): bigint {
  if (v.zeroMaxStakeError) throw new ZeroMaxStakeAmountError({ fn })
  return 0n
}

function capU64(result: bigint): bigint {
  return result < maxU64 ? result : maxU64
}

function maxAdd(pool: ConstantProductPool, limitPrice: bigint, v: CpVariant): bigint {
  if (isStableOrRoot(pool)) return limitPrice >= rao ? maxU64 : zero(v, 'get_max_amount_add')
  if (pool.alphaReserve === 0n || pool.taoReserve === 0n) return zero(v, 'get_max_amount_add')
  const priceInt = alphaPriceInt(pool, v)
  const floorPrice = priceInt * rao > u128Max ? u128Max : priceInt * rao
  if (limitPrice < floorPrice || limitPrice === 0n) return zero(v, 'get_max_amount_add')
  const prod = limitPrice * pool.alphaReserve
  const q = (prod > u128Max ? u128Max : prod) / rao
  const result = q > pool.taoReserve ? q - pool.taoReserve : 0n
  if (result === 0n && v.zeroMaxStakeError) return zero(v, 'get_max_amount_add')
  return capU64(result)
}

/** ⟦get_alpha_price⟧ as an integer (`saturating_to_num::<u128>()`). */
function alphaPriceInt(pool: ConstantProductPool, v: CpVariant): bigint {
  const bits = alphaPrice(pool, v.unsigned)
  return bits < 0n ? 0n : bits >> 32n
}

function maxRemove(pool: ConstantProductPool, limitPrice: bigint, v: CpVariant): bigint {
  if (isStableOrRoot(pool)) return limitPrice <= rao ? maxU64 : zero(v, 'get_max_amount_remove')
  if (pool.alphaReserve === 0n || pool.taoReserve === 0n) return zero(v, 'get_max_amount_remove')
  if (limitPrice === 0n) return maxU64
  const spot = (pool.taoReserve * rao) / pool.alphaReserve
  if (limitPrice >= spot) return zero(v, 'get_max_amount_remove')
  const q = (pool.taoReserve * rao) / limitPrice
  const result = q > pool.alphaReserve ? q - pool.alphaReserve : 0n
  if (result < maxU64) {
    if (result === 0n && v.zeroMaxStakeError) return zero(v, 'get_max_amount_remove')
    return result
  }
  return maxU64
}

/**
 * `get_max_amount_add` of the constant-product era: the most TAO a limit order can stake while the
 * **average** price stays ≤ the limit, ⌊L·x/10⁹⌋ − y (in u128, capped at `u64::MAX`). Root and
 * stable subnets: `u64::MAX` for L ≥ 10⁹, else nothing.
 *
 * @param pool - The pool.
 * @param limitPrice - Limit in rao per 10⁹ alpha rao (`u64`).
 * @param options - `specVersion` (233–282, default 274).
 * @returns The maximum stake in rao; 0 before spec 273 where nothing can be staked.
 * @throws {@link ZeroMaxStakeAmountError} From spec 273, where the chain returns `Err(ZeroMaxStakeAmount)`.
 * @throws {@link CpInvalidAmountError} If the limit is not a `u64`.
 * @example
 * ```ts
 * import { getMaxAmountAddCp } from '@dtao/amm'
 * // y = x = 1000 rao, limit 4 TAO/α: ⌊4·1000⌋ − 1000 = 3000
 * getMaxAmountAddCp(pool1000, 4_000_000_000n) // 3000n
 * ```
 * @see subtensor `pallets/subtensor/src/staking/add_stake.rs` · `get_max_amount_add` (@ e2b8367b8, 4c9836f8c)
 */
export function getMaxAmountAddCp(
  pool: ConstantProductPool,
  limitPrice: bigint,
  options: { readonly specVersion?: number } = {},
): bigint {
  assertU64('limitPrice', limitPrice)
  return maxAdd(pool, limitPrice, cpVariant(options.specVersion ?? 274))
}

/**
 * `get_max_amount_remove` of the constant-product era: ⌊y·10⁹/L⌋ − x (capped at `u64::MAX`);
 * `u64::MAX` for L = 0. Root and stable subnets: `u64::MAX` for L ≤ 10⁹.
 *
 * @param pool - The pool.
 * @param limitPrice - Limit in rao per 10⁹ alpha rao (`u64`).
 * @param options - `specVersion` (233–282, default 274).
 * @returns The maximum unstake in alpha rao; 0 before spec 273 where nothing can be sold.
 * @throws {@link ZeroMaxStakeAmountError} From spec 273 where the chain errs.
 * @throws {@link CpInvalidAmountError} If the limit is not a `u64`.
 * @example
 * ```ts
 * import { getMaxAmountRemoveCp } from '@dtao/amm'
 * getMaxAmountRemoveCp(pool1000, 0n) // 18446744073709551615n
 * ```
 * @see subtensor `pallets/subtensor/src/staking/remove_stake.rs` · `get_max_amount_remove` (@ e2b8367b8, 4c9836f8c)
 */
export function getMaxAmountRemoveCp(
  pool: ConstantProductPool,
  limitPrice: bigint,
  options: { readonly specVersion?: number } = {},
): bigint {
  assertU64('limitPrice', limitPrice)
  return maxRemove(pool, limitPrice, cpVariant(options.specVersion ?? 274))
}

/**
 * `get_max_amount_move` of the constant-product era: the heuristic
 * ⟦⌊x₂·⌊y₁/(y₁+y₂)⌋⌋ / L − x₁·⌊y₂/(y₁+y₂)⌋⟧ in U64F64 for dynamic → dynamic, and the add/remove
 * rules when one side is root or stable.
 *
 * @param origin - The pool the stake leaves.
 * @param destination - The pool the stake enters.
 * @param options - `limitPrice` (rao, the origin/destination price ratio × 10⁹) and `specVersion`.
 * @returns The maximum alpha to move, in rao.
 * @throws {@link ZeroMaxStakeAmountError} From spec 273 where the chain errs.
 * @throws {@link CpInvalidAmountError} If the limit is not a `u64`.
 * @example
 * ```ts
 * import { getMaxAmountMoveCp } from '@dtao/amm'
 * getMaxAmountMoveCp(poolA, { ...poolA, netuid: 2 }, { limitPrice: 0n }) // 18446744073709551615n
 * ```
 * @see subtensor `pallets/subtensor/src/staking/move_stake.rs` · `get_max_amount_move` (@ e2b8367b8, 4c9836f8c)
 */
export function getMaxAmountMoveCp(
  origin: ConstantProductPool,
  destination: ConstantProductPool,
  options: { readonly limitPrice: bigint; readonly specVersion?: number },
): bigint {
  const { limitPrice } = options
  assertU64('limitPrice', limitPrice)
  const v = cpVariant(options.specVersion ?? 274)
  const tao = U64F64.saturatingFromNum(rao)
  const originStable = isStableOrRoot(origin)
  const destStable = isStableOrRoot(destination)
  if (originStable && destStable) {
    return limitPrice > rao ? zero(v, 'get_max_amount_move') : maxU64
  }
  if (originStable && destination.mechanism === 1) {
    if (limitPrice === 0n) return maxU64
    const destPrice = U64F64.saturatingToNum(
      U64F64.saturatingMul(U64F64.safeDiv(tao, U64F64.saturatingFromNum(limitPrice)), tao),
      'u64',
    )
    return maxAdd(destination, destPrice, v)
  }
  if (destStable && origin.mechanism === 1) return maxRemove(origin, limitPrice, v)
  if (origin.taoReserve === 0n || destination.taoReserve === 0n)
    return zero(v, 'get_max_amount_move')
  const t1 = U64F64.saturatingFromNum(origin.taoReserve)
  const t2 = U64F64.saturatingFromNum(destination.taoReserve)
  if (origin.alphaReserve === 0n || destination.alphaReserve === 0n) {
    return zero(v, 'get_max_amount_move')
  }
  const a1 = U64F64.saturatingFromNum(origin.alphaReserve)
  const a2 = U64F64.saturatingFromNum(destination.alphaReserve)
  const limit = U64F64.checkedDiv(U64F64.saturatingFromNum(limitPrice), tao) ?? U64F64.ZERO
  const pf = v.unsigned ? U96F32 : I96F32
  const current = pf.safeDiv(alphaPrice(origin, v.unsigned), alphaPrice(destination, v.unsigned))
  if (U64F64.cmpFixed(limit, pf, current) > 0) {
    return zero(v, 'get_max_amount_move')
  }
  if (limitPrice === 0n) return maxU64
  const sum = U64F64.saturatingAdd(t2, t1)
  const t1OverSum = U64F64.safeDiv(t1, sum)
  const t2OverSum = U64F64.safeDiv(t2, sum)
  const result = U64F64.saturatingToNum(
    U64F64.saturatingSub(
      U64F64.safeDiv(U64F64.saturatingMul(a2, t1OverSum), limit),
      U64F64.saturatingMul(a1, t2OverSum),
    ),
    'u64',
  )
  if (result === 0n && v.zeroMaxStakeError) return zero(v, 'get_max_amount_move')
  return result
}

/**
 * The chain's `ZeroMaxStakeAmount` (spec ≥ 273): a limit order could move nothing (empty
 * reserves, a limit on the wrong side of the price, or a zero result).
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * isDtaoError(err, 'Amm.ZeroMaxStakeAmountError')
 * ```
 */
export class ZeroMaxStakeAmountError extends BaseError {
  override readonly name = 'Amm.ZeroMaxStakeAmountError'
  /** The chain function that failed. */
  readonly fn: string

  constructor({ fn }: { fn: string }) {
    super(`${fn}: the limit order can move nothing (ZeroMaxStakeAmount).`)
    this.fn = fn
  }
}
