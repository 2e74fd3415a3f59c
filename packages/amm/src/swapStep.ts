import type { AlphaBalance, TaoBalance, U64F64 } from '@dtao/fixed'
import { balancerRules, expOptions } from './internal/balancerRules.js'
import { convertBuy, convertSell, priceAfterBuy, priceAfterSell } from './internal/step.js'
import type { BalancerPool } from './pool.js'
import type { ChainRules } from './rules.js'

/**
 * `SwapStep<Tao, Alpha>::convert_deltas`: alpha out for `deltaIn` TAO entering the pool (no fee,
 * no checks), ⟦⌊x · (1 − e)⌋₆₄⟧ with e = `exp_quote_base(y, Δ)`. Uses the pool's stored weight.
 *
 * @param pool - The pool.
 * @param deltaIn - TAO entering the reserve, in rao.
 * @param options - `rules` (default: the latest known spec).
 * @returns Alpha rao.
 * @example
 * ```ts
 * import { balancerPool, convertDeltasBuy } from '@dtao/amm'
 * import { taoBalance } from '@dtao/fixed'
 *
 * // w = ½: x·(1 − y/(y+Δ)) = 4·10⁹ · 1000/(10⁹ + 1000) = 3999.996 → 3999
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 4n * 10n ** 9n })
 * convertDeltasBuy(pool, taoBalance(1000n)) // 3999n
 * ```
 * @see subtensor `pallets/swap/src/pallet/swap_step.rs` · `SwapStep<Tao, Alpha>::convert_deltas`
 */
export function convertDeltasBuy(
  pool: BalancerPool,
  deltaIn: TaoBalance,
  options: {
    /** Chain rules (Balancer era). */
    readonly rules?: ChainRules
  } = {},
): AlphaBalance {
  const exp = expOptions(balancerRules(options.rules))
  return convertBuy(
    pool.quoteWeight,
    pool.taoReserve,
    pool.alphaReserve,
    deltaIn,
    exp,
  ) as AlphaBalance
}

/**
 * `SwapStep<Alpha, Tao>::convert_deltas`: TAO out for `deltaIn` alpha entering the pool (no fee,
 * no checks), ⟦⌊y · (1 − e)⌋₆₄⟧ with e = `exp_base_quote(x, Δ)`. Uses the pool's stored weight.
 *
 * @param pool - The pool.
 * @param deltaIn - Alpha entering the reserve, in rao.
 * @param options - `rules` (default: the latest known spec).
 * @returns TAO rao.
 * @example
 * ```ts
 * import { balancerPool, convertDeltasSell } from '@dtao/amm'
 * import { alphaBalance } from '@dtao/fixed'
 *
 * // w = ½: y·(1 − x/(x+Δ)) = 10⁹ · 1000/(4·10⁹ + 1000) = 249.99… → 249
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 4n * 10n ** 9n })
 * convertDeltasSell(pool, alphaBalance(1000n)) // 249n
 * ```
 * @see subtensor `pallets/swap/src/pallet/swap_step.rs` · `SwapStep<Alpha, Tao>::convert_deltas`
 */
export function convertDeltasSell(
  pool: BalancerPool,
  deltaIn: AlphaBalance,
  options: {
    /** Chain rules (Balancer era). */
    readonly rules?: ChainRules
  } = {},
): TaoBalance {
  const exp = expOptions(balancerRules(options.rules))
  return convertSell(
    pool.quoteWeight,
    pool.taoReserve,
    pool.alphaReserve,
    deltaIn,
    exp,
  ) as TaoBalance
}

/**
 * `SwapStep::price_target`: the spot price after `deltaIn` entered the pool and the step's output
 * left it, as U64F64 bits (reserves saturate in u64).
 *
 * @param pool - The pool.
 * @param order - `{ side, deltaIn }`: `'buy'` (TAO in) or `'sell'` (alpha in), in rao.
 * @param options - `rules` (default: the latest known spec).
 * @returns U64F64 bits.
 * @example
 * ```ts
 * import { balancerPool, priceTarget } from '@dtao/amm'
 *
 * // w = ½, y = x = 10⁹: buying 10⁹ TAO takes out ⌊10⁹·(1 − ½)⌋ = 5·10⁸ α → price 2·10⁹/5·10⁸ = 4
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 10n ** 9n })
 * priceTarget(pool, { side: 'buy', deltaIn: 10n ** 9n }) // 73786976294838206464n (4 · 2⁶⁴)
 * ```
 * @see subtensor `pallets/swap/src/pallet/swap_step.rs` · `SwapStep::price_target`
 */
export function priceTarget(
  pool: BalancerPool,
  order: {
    /** Direction. */
    readonly side: 'buy' | 'sell'
    /** Input entering the reserve, in rao of the input token. */
    readonly deltaIn: bigint
  },
  options: {
    /** Chain rules (Balancer era). */
    readonly rules?: ChainRules
  } = {},
): U64F64 {
  const exp = expOptions(balancerRules(options.rules))
  const { quoteWeight: q, taoReserve: y, alphaReserve: x } = pool
  if (order.side === 'buy') {
    const out = convertBuy(q, y, x, order.deltaIn, exp)
    return priceAfterBuy(q, y, x, order.deltaIn, out) as U64F64
  }
  const out = convertSell(q, y, x, order.deltaIn, exp)
  return priceAfterSell(q, y, x, order.deltaIn, out) as U64F64
}
