import type { AlphaBalance, Perquintill, TaoBalance } from '@dtao/fixed'
import { alphaBalance, taoBalance } from '@dtao/fixed'
import { updateWeightsForAddedLiquidity } from './balancer.js'
import type { SwapSide } from './errors.js'
import { u64SatAdd, u64SatSub } from './internal/u64f64.js'
import { type BalancerPool, effectiveQuoteWeight } from './pool.js'
import type { SwapResult } from './swap.js'

const I64_MAX = (1n << 63n) - 1n
const I64_MIN_ABS = 1n << 63n

/** `paid_in_reserve_delta_i64().unsigned_abs()`: the input clamped to i64::MAX. */
function inDelta(amount: bigint): bigint {
  return amount > I64_MAX ? I64_MAX : amount
}

/** `paid_out_reserve_delta_i64().unsigned_abs()`: −out clamped to i64::MIN, so at most 2⁶³. */
function outDelta(amount: bigint): bigint {
  return amount > I64_MIN_ABS ? I64_MIN_ABS : amount
}

/**
 * The pool after a swap, as the staking pallet writes it (`swap_tao_for_alpha` /
 * `swap_alpha_for_tao`): the input reserve grows by `amountPaidIn` only (the fee never enters the
 * reserve), the output reserve shrinks by `amountPaidOut`, both with the chain's i64 clamps and u64
 * saturation. The pool becomes initialised with its effective weight (½ if it was not).
 *
 * This does not include the sell-side fee sale; see {@link removeStake}.
 *
 * @param pool - The pool before.
 * @param side - `'buy'` (TAO in) or `'sell'` (alpha in).
 * @param result - The swap's result (from {@link swapTaoForAlpha} / {@link swapAlphaForTao}).
 * @returns A new frozen pool.
 * @example
 * ```ts
 * import { applySwap, balancerPool, swapTaoForAlpha } from '@dtao/amm'
 * import { taoBalance } from '@dtao/fixed'
 *
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 4n * 10n ** 9n })
 * const after = applySwap(pool, 'buy', swapTaoForAlpha(pool, taoBalance(2000n)))
 * // after.taoReserve: 1000001999n, after.alphaReserve: 3999992005n
 * ```
 * @see subtensor `pallets/subtensor/src/staking/stake_utils.rs` · `swap_tao_for_alpha`, `swap_alpha_for_tao`
 */
export function applySwap(
  pool: BalancerPool,
  side: SwapSide,
  result: SwapResult<bigint, bigint>,
): BalancerPool {
  const q = pool.mechanism === 1 ? effectiveQuoteWeight(pool) : pool.quoteWeight
  const initialized = pool.mechanism === 1 ? true : pool.initialized
  if (side === 'buy') {
    return Object.freeze({
      ...pool,
      alphaReserve: u64SatSub(pool.alphaReserve, outDelta(result.amountPaidOut)) as AlphaBalance,
      taoReserve: u64SatAdd(pool.taoReserve, inDelta(result.amountPaidIn)) as TaoBalance,
      quoteWeight: q,
      initialized,
    })
  }
  return Object.freeze({
    ...pool,
    alphaReserve: u64SatAdd(pool.alphaReserve, inDelta(result.amountPaidIn)) as AlphaBalance,
    taoReserve: u64SatSub(pool.taoReserve, outDelta(result.amountPaidOut)) as TaoBalance,
    quoteWeight: q,
    initialized,
  })
}

/**
 * An emission injection (`adjust_protocol_liquidity` followed by the reserve add of
 * `inject_and_maybe_swap`): the weight is re-solved on the **pre-injection** reserves so the price
 * stays (up to rounding), then the reserves grow. If the new weight would leave [0.01, 0.99] the
 * chain refuses the injection: nothing changes and `accepted` is false.
 *
 * The `initialized` flag is not touched (the chain's quirk: the first swap still resets the weight
 * to ½). The coinbase's excess-TAO buy, which runs between the two steps, is not included: replay it
 * with {@link swapTaoForAlpha} (`dropFees: true`) on the pool with the new weight and old reserves.
 *
 * @param pool - The pool before.
 * @param injection - `{ taoIn, alphaIn }` in rao (u64).
 * @returns `{ pool, accepted, quoteWeight }`.
 * @throws `Fixed.InvalidAmountError` / `Fixed.AmountOutOfRangeError` For amounts outside u64.
 * @example
 * ```ts
 * import { applyInjection, balancerPool } from '@dtao/amm'
 *
 * const pool = balancerPool({ netuid: 1, taoReserve: 100n, alphaReserve: 400n })
 * applyInjection(pool, { taoIn: 10n, alphaIn: 40n }).pool.taoReserve // 110n (weight stays ½)
 * ```
 * @see subtensor `pallets/swap/src/pallet/impls.rs` · `adjust_protocol_liquidity`; `coinbase/run_coinbase.rs` · `inject_and_maybe_swap`
 */
export function applyInjection(
  pool: BalancerPool,
  injection: {
    /** TAO injected into the reserve, rao. */
    readonly taoIn: bigint
    /** Alpha injected into the reserve, rao. */
    readonly alphaIn: bigint
  },
): {
  /** The pool afterwards (the same object when refused). */
  readonly pool: BalancerPool
  /** Whether the chain accepted the injection. */
  readonly accepted: boolean
  /** The quote weight afterwards. */
  readonly quoteWeight: Perquintill
} {
  const taoIn = taoBalance(injection.taoIn)
  const alphaIn = alphaBalance(injection.alphaIn)
  const r = updateWeightsForAddedLiquidity(pool.quoteWeight, {
    taoReserve: pool.taoReserve,
    alphaReserve: pool.alphaReserve,
    taoDelta: taoIn,
    alphaDelta: alphaIn,
  })
  if (!r.ok) return { pool, accepted: false, quoteWeight: pool.quoteWeight }
  return {
    pool: Object.freeze({
      ...pool,
      quoteWeight: r.quoteParts,
      taoReserve: u64SatAdd(pool.taoReserve, taoIn) as TaoBalance,
      alphaReserve: u64SatAdd(pool.alphaReserve, alphaIn) as AlphaBalance,
    }),
    accepted: true,
    quoteWeight: r.quoteParts,
  }
}
