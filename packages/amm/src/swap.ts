import { type AlphaBalance, alphaBalance, type TaoBalance, taoBalance } from '@dtao/fixed'
import { doSwap } from './internal/doSwap.js'
import type { BalancerPool } from './pool.js'
import type { ChainRules } from './rules.js'

/**
 * The chain's `SwapResult`: what entered the reserve, what left it, the fee and the part of it
 * paid to the block author. `amountPaidIn + feePaid` is the input consumed; the rest is unused.
 */
export type SwapResult<TIn extends bigint, TOut extends bigint> = {
  /** Input that entered the pool's reserve (net of fee), in rao. */
  readonly amountPaidIn: TIn
  /** Output paid by the pool, in rao. */
  readonly amountPaidOut: TOut
  /** Fee taken from the input, in rao of the input token. */
  readonly feePaid: TIn
  /** The part of the fee that goes to the block author (all of it when `amountPaidIn` > 0). */
  readonly feeToBlockAuthor: TIn
}

/** Options of {@link swapTaoForAlpha} and {@link swapAlphaForTao}. */
export type SwapOptions = {
  /** Limit price as U64F64 bits (TAO per alpha). Takes precedence over `limitPriceRao`. */
  readonly limitPrice?: bigint
  /**
   * Limit price as the extrinsics take it, rao per 1 alpha; converted as ⌊rao · 2⁶⁴ / 10⁹⌋.
   * Default: `max_price` (10¹⁵) for buys and `min_price` (1 000) for sells, as `sim_swap` uses.
   */
  readonly limitPriceRao?: bigint
  /** Skip the fee (`drop_fees`), as coinbase buys, fee sales and fee-free move legs do. Default false. */
  readonly dropFees?: boolean
  /**
   * Simulation (`should_rollback = true`) skips the final `InsufficientLiquidity` check, as
   * `sim_swap` and `get_max_amount_*` do. Default false (the extrinsic path).
   */
  readonly simulate?: boolean
  /** Chain rules (Balancer era). Default: the latest known spec. */
  readonly rules?: ChainRules
}

/**
 * Swaps `tao` into alpha exactly as the chain's swap pallet does (`SwapEngine::swap` with a
 * `GetAlphaForTao` order): input cap, output-reserve check, strict limit, fee taken from the input,
 * partial fill at the limit with the fee grossed up (not clamped to the input), zero-output
 * rejection. The pool is not changed (see {@link applySwap}).
 *
 * On a stable subnet (mechanism ≠ 1) the result is 1:1 with no fee, as `swap_tao_for_alpha`.
 *
 * @param pool - The pool.
 * @param tao - Gross TAO in, rao (u64; 0 is allowed and returns zeros).
 * @param options - Limit price, `dropFees`, `simulate`, `rules`.
 * @returns The chain's `SwapResult`.
 * @throws {@link SwapInputTooLargeError} Net input above 1000 × the TAO reserve.
 * @throws {@link ReservesTooLowError} Alpha reserve below 10⁶ rao, or a zero output.
 * @throws {@link PriceLimitExceededError} Limit not strictly above the current price.
 * @throws {@link InsufficientLiquidityError} Output above the alpha reserve (not reachable in practice).
 * @example
 * ```ts
 * import { balancerPool, swapTaoForAlpha } from '@dtao/amm'
 * import { taoBalance } from '@dtao/fixed'
 *
 * // y = 10⁹, x = 4·10⁹, w = ½, fee 33/65535: fee ⌊2000·33/65535⌋ = 1, 1999 in, ⌊4·10⁹·1999/(10⁹+1999)⌋ out
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 4n * 10n ** 9n })
 * swapTaoForAlpha(pool, taoBalance(2000n))
 * // { amountPaidIn: 1999n, amountPaidOut: 7995n, feePaid: 1n, feeToBlockAuthor: 1n }
 * ```
 * @see subtensor `pallets/swap/src/pallet/impls.rs` · `Pallet::do_swap`, `swap_step.rs` · `BasicSwapStep`
 */
export function swapTaoForAlpha(
  pool: BalancerPool,
  tao: TaoBalance,
  options: SwapOptions = {},
): SwapResult<TaoBalance, AlphaBalance> {
  const r = doSwap(pool, 'buy', taoBalance(tao), options)
  return {
    amountPaidIn: r.amountPaidIn as TaoBalance,
    amountPaidOut: r.amountPaidOut as AlphaBalance,
    feePaid: r.feePaid as TaoBalance,
    feeToBlockAuthor: r.feeToBlockAuthor as TaoBalance,
  }
}

/**
 * Swaps `alpha` into TAO exactly as the chain's swap pallet does (`SwapEngine::swap` with a
 * `GetTaoForAlpha` order); the mirror image of {@link swapTaoForAlpha}. The fee is in alpha.
 *
 * @param pool - The pool.
 * @param alpha - Gross alpha in, rao (u64; 0 is allowed and returns zeros).
 * @param options - Limit price, `dropFees`, `simulate`, `rules`.
 * @returns The chain's `SwapResult`.
 * @throws {@link SwapInputTooLargeError} Net input above 1000 × the alpha reserve.
 * @throws {@link ReservesTooLowError} TAO reserve below 10⁶ rao, or a zero output.
 * @throws {@link PriceLimitExceededError} Limit not strictly below the current price.
 * @throws {@link InsufficientLiquidityError} Output above the TAO reserve (not reachable in practice).
 * @example
 * ```ts
 * import { balancerPool, swapAlphaForTao } from '@dtao/amm'
 * import { alphaBalance } from '@dtao/fixed'
 *
 * // fee ⌊2000·33/65535⌋ = 1 α, 1999 in, ⌊10⁹·1999/(4·10⁹+1999)⌋ = 499 TAO out
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 4n * 10n ** 9n })
 * swapAlphaForTao(pool, alphaBalance(2000n))
 * // { amountPaidIn: 1999n, amountPaidOut: 499n, feePaid: 1n, feeToBlockAuthor: 1n }
 * ```
 * @see subtensor `pallets/swap/src/pallet/impls.rs` · `Pallet::do_swap`, `swap_step.rs` · `BasicSwapStep`
 */
export function swapAlphaForTao(
  pool: BalancerPool,
  alpha: AlphaBalance,
  options: SwapOptions = {},
): SwapResult<AlphaBalance, TaoBalance> {
  const r = doSwap(pool, 'sell', alphaBalance(alpha), options)
  return {
    amountPaidIn: r.amountPaidIn as AlphaBalance,
    amountPaidOut: r.amountPaidOut as TaoBalance,
    feePaid: r.feePaid as AlphaBalance,
    feeToBlockAuthor: r.feeToBlockAuthor as AlphaBalance,
  }
}
