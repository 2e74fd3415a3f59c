import type { AlphaBalance, TaoBalance, U64F64 } from '@dtao/fixed'
import { calculatePrice } from './balancer.js'
import { fromU64, ONE, safeDiv, satMul, toU64 } from './internal/u64f64.js'
import type { BalancerPool } from './pool.js'

const RAO_PER_TAO_BITS = 1_000_000_000n << 64n

/**
 * The spot price in TAO per alpha as U64F64 bits, exactly as `Pallet::current_price`: 1 for
 * mechanism ≠ 1, 0 for an empty alpha reserve, otherwise the Balancer price with the **stored**
 * weight (even when the pool is not initialised).
 *
 * @param pool - The pool.
 * @returns U64F64 bits (value · 2⁶⁴).
 * @example
 * ```ts
 * import { balancerPool, spotPrice } from '@dtao/amm'
 *
 * spotPrice(balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 4n * 10n ** 9n }))
 * // 4611686018427387904n (0.25 · 2⁶⁴)
 * ```
 * @see subtensor `pallets/swap/src/pallet/impls.rs` · `Pallet::current_price`
 */
export function spotPrice(pool: BalancerPool): U64F64 {
  if (pool.mechanism !== 1) return ONE as U64F64
  if (pool.alphaReserve === 0n) return 0n as U64F64
  return calculatePrice(pool.quoteWeight, pool.alphaReserve, pool.taoReserve) as U64F64
}

/**
 * The spot price in rao per alpha as the runtime API `current_alpha_price` reports it:
 * ⟦⌊P · 10⁹⌋₆₄⟧.
 *
 * @param pool - The pool.
 * @returns Rao per 1 alpha (u64).
 * @example
 * ```ts
 * import { balancerPool, currentAlphaPrice } from '@dtao/amm'
 *
 * currentAlphaPrice(balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 4n * 10n ** 9n }))
 * // 250000000n (0.25 TAO)
 * ```
 * @see subtensor `runtime/src/lib.rs` · `SwapRuntimeApi::current_alpha_price`
 */
export function currentAlphaPrice(pool: BalancerPool): TaoBalance {
  return toU64(satMul(spotPrice(pool), RAO_PER_TAO_BITS)) as TaoBalance
}

/**
 * Converts a `limit_price` extrinsic argument (rao per alpha) to the U64F64 limit the swap
 * compares against: ⌊rao · 2⁶⁴ / 10⁹⌋ (`SwapEngine::swap`).
 *
 * @param limitPriceRao - Rao per 1 alpha (u64).
 * @returns U64F64 bits.
 * @example
 * ```ts
 * import { priceLimitFromRao } from '@dtao/amm'
 *
 * priceLimitFromRao(1_000n) // 18446744073709n (the sell default, 10⁻⁶ TAO/α)
 * ```
 * @see subtensor `pallets/swap/src/pallet/impls.rs` · `SwapEngine::swap`
 */
export function priceLimitFromRao(limitPriceRao: TaoBalance | bigint): U64F64 {
  return safeDiv(fromU64(limitPriceRao), RAO_PER_TAO_BITS) as U64F64
}

/**
 * `SwapHandler::get_alpha_amount_for_tao`: alpha worth `tao` at the spot price with no slippage,
 * ⟦⌊τ / P⌋₆₄⟧ (1:1 on stable subnets). Used by the chain for transaction fees paid in alpha.
 *
 * @param pool - The pool.
 * @param tao - TAO rao.
 * @returns Alpha rao (0 when the price is 0).
 * @example
 * ```ts
 * import { balancerPool, getAlphaAmountForTao } from '@dtao/amm'
 * import { taoBalance } from '@dtao/fixed'
 *
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 4n * 10n ** 9n })
 * getAlphaAmountForTao(pool, taoBalance(1_000n)) // 4000n
 * ```
 * @see subtensor `pallets/swap/src/pallet/impls.rs` · `SwapHandler::get_alpha_amount_for_tao`
 */
export function getAlphaAmountForTao(pool: BalancerPool, tao: TaoBalance): AlphaBalance {
  if (pool.mechanism !== 1) return tao as bigint as AlphaBalance
  return toU64(safeDiv(fromU64(tao), spotPrice(pool))) as AlphaBalance
}
