import { type AlphaBalance, MAX_U64, type TaoBalance, taoBalance } from '@dtao/fixed'
import { balancerRules } from './internal/balancerRules.js'
import { doSwap } from './internal/doSwap.js'
import { fromU64, safeDiv, satMul, satSub, toU64, u64SatAdd, u64SatMul } from './internal/u64f64.js'
import type { BalancerPool } from './pool.js'
import { spotPrice } from './price.js'
import type { ChainRules } from './rules.js'

const RAO_PER_TAO = 1_000_000_000n
const TAO_BITS = RAO_PER_TAO << 64n

function isStable(pool: BalancerPool): boolean {
  return pool.netuid === 0 || pool.mechanism === 0
}

/**
 * `get_max_amount_add`: the most TAO `add_stake_limit` can spend before the pool's spot price
 * reaches `limitPriceRao` — the `amount_paid_in + fee_paid` of a simulated buy of 1000 × SubnetTAO
 * (u64::MAX at spec 423) at that limit. On root or stable subnets: u64::MAX if the limit is at least
 * 10⁹ rao (price 1), else 0.
 *
 * Because the limit delta caps (ratio)^w at ≈ 18.4467, the result never exceeds ≈ 17.4467 × SubnetTAO
 * plus fee, however high the limit.
 *
 * @param pool - The pool.
 * @param limitPriceRao - Limit in rao per alpha.
 * @param options - `rules` (default: the latest known spec).
 * @returns TAO rao (u64).
 * @throws {@link PriceLimitExceededError} If the limit is not strictly above the spot price (the chain errors too).
 * @throws {@link SwapInputTooLargeError} / {@link ReservesTooLowError} As the simulated swap.
 * @example
 * ```ts
 * import { balancerPool, getMaxAmountAdd } from '@dtao/amm'
 * import { taoBalance } from '@dtao/fixed'
 *
 * const stable = balancerPool({ netuid: 0, mechanism: 0, taoReserve: 10n ** 9n, alphaReserve: 10n ** 9n })
 * getMaxAmountAdd(stable, taoBalance(1_000_000_000n)) // 18446744073709551615n
 * ```
 * @see subtensor `pallets/subtensor/src/staking/add_stake.rs` · `get_max_amount_add`
 */
export function getMaxAmountAdd(
  pool: BalancerPool,
  limitPriceRao: TaoBalance,
  options: {
    /** Chain rules (Balancer era). */
    readonly rules?: ChainRules
  } = {},
): TaoBalance {
  const limit = taoBalance(limitPriceRao)
  if (isStable(pool)) return (limit >= RAO_PER_TAO ? MAX_U64 : 0n) as TaoBalance
  const rules = balancerRules(options.rules)
  const probe = rules.maxAmountProbe === 'u64Max' ? MAX_U64 : u64SatMul(pool.taoReserve, 1000n)
  const r = doSwap(pool, 'buy', probe, { limitPriceRao: limit, simulate: true, rules })
  return u64SatAdd(r.amountPaidIn, r.feePaid) as TaoBalance
}

/**
 * `get_max_amount_remove`: the most alpha `remove_stake_limit` can sell before the spot price falls
 * to `limitPriceRao` — `amount_paid_in + fee_paid` of a simulated sell of 1000 × SubnetAlphaIn
 * (u64::MAX at spec 423). On root or stable subnets: u64::MAX if the limit is at most 10⁹ rao, else 0.
 *
 * @param pool - The pool.
 * @param limitPriceRao - Limit in rao per alpha.
 * @param options - `rules` (default: the latest known spec).
 * @returns Alpha rao (u64).
 * @throws {@link PriceLimitExceededError} If the limit is not strictly below the spot price.
 * @throws {@link SwapInputTooLargeError} / {@link ReservesTooLowError} As the simulated swap.
 * @example
 * ```ts
 * import { balancerPool, getMaxAmountRemove } from '@dtao/amm'
 * import { taoBalance } from '@dtao/fixed'
 *
 * const stable = balancerPool({ netuid: 0, mechanism: 0, taoReserve: 10n ** 9n, alphaReserve: 10n ** 9n })
 * getMaxAmountRemove(stable, taoBalance(2_000_000_000n)) // 0n
 * ```
 * @see subtensor `pallets/subtensor/src/staking/remove_stake.rs` · `get_max_amount_remove`
 */
export function getMaxAmountRemove(
  pool: BalancerPool,
  limitPriceRao: TaoBalance,
  options: {
    /** Chain rules (Balancer era). */
    readonly rules?: ChainRules
  } = {},
): AlphaBalance {
  const limit = taoBalance(limitPriceRao)
  if (isStable(pool)) return (limit <= RAO_PER_TAO ? MAX_U64 : 0n) as AlphaBalance
  const rules = balancerRules(options.rules)
  const probe = rules.maxAmountProbe === 'u64Max' ? MAX_U64 : u64SatMul(pool.alphaReserve, 1000n)
  const r = doSwap(pool, 'sell', probe, { limitPriceRao: limit, simulate: true, rules })
  return u64SatAdd(r.amountPaidIn, r.feePaid) as AlphaBalance
}

/**
 * `get_max_amount_move`: the most alpha `swap_stake_limit` moves for a price-ratio limit
 * (origin/destination × 10⁹). Stable/root combinations defer to the add/remove rules; between two
 * dynamic subnets it is the chain's constant-product heuristic on the **raw reserves** (it ignores
 * the weights, and the chain marks it "only works for a single swap step"):
 * ⟦⌊x₂·⌊y₁/(y₁+y₂)⌋ / L⌋ ⊖ ⌊x₁·⌊y₂/(y₁+y₂)⌋⌋⟧, 0 if L exceeds P₁/P₂, u64::MAX if L = 0.
 *
 * @param origin - The pool the stake leaves.
 * @param destination - The pool the stake enters.
 * @param limitPriceRao - Ratio limit × 10⁹.
 * @param options - `rules` (default: the latest known spec).
 * @returns Alpha rao (u64).
 * @throws {@link PriceLimitExceededError} Where the delegated add/remove rule throws.
 * @example
 * ```ts
 * import { balancerPool, getMaxAmountMove } from '@dtao/amm'
 * import { taoBalance } from '@dtao/fixed'
 *
 * const a = balancerPool({ netuid: 1, taoReserve: 10n ** 12n, alphaReserve: 10n ** 12n })
 * const b = balancerPool({ netuid: 2, taoReserve: 10n ** 12n, alphaReserve: 10n ** 12n })
 * // ⌊10¹²·½ / 0.5⌋ − ⌊10¹²·½⌋ = 10¹² − 5·10¹¹
 * getMaxAmountMove(a, b, taoBalance(500_000_000n)) // 500000000000n
 * ```
 * @see subtensor `pallets/subtensor/src/staking/move_stake.rs` · `get_max_amount_move`
 */
export function getMaxAmountMove(
  origin: BalancerPool,
  destination: BalancerPool,
  limitPriceRao: TaoBalance,
  options: {
    /** Chain rules (Balancer era). */
    readonly rules?: ChainRules
  } = {},
): AlphaBalance {
  const limit = taoBalance(limitPriceRao)
  const tao = fromU64(RAO_PER_TAO)
  const originStable = isStable(origin)
  const destStable = isStable(destination)
  if (originStable && destStable) return (limit > RAO_PER_TAO ? 0n : MAX_U64) as AlphaBalance
  if (originStable && destination.mechanism === 1) {
    if (limit === 0n) return MAX_U64 as AlphaBalance
    const destinationPrice = toU64(satMul(safeDiv(tao, fromU64(limit)), tao))
    return getMaxAmountAdd(
      destination,
      destinationPrice as TaoBalance,
      options,
    ) as bigint as AlphaBalance
  }
  if (destStable && origin.mechanism === 1) return getMaxAmountRemove(origin, limit, options)
  // (the chain's remaining case: both dynamic; a non-1, non-0 mechanism also lands here)
  const y1 = origin.taoReserve as bigint
  const y2 = destination.taoReserve as bigint
  if (y1 === 0n || y2 === 0n) return 0n as AlphaBalance
  const x1 = origin.alphaReserve as bigint
  const x2 = destination.alphaReserve as bigint
  if (x1 === 0n || x2 === 0n) return 0n as AlphaBalance
  // U64F64::saturating_from_num(limit).checked_div(10⁹) (fits: no overflow)
  const limitFloat = safeDiv(fromU64(limit), TAO_BITS)
  const current = safeDiv(spotPrice(origin), spotPrice(destination))
  if (limitFloat > current) return 0n as AlphaBalance
  if (limit === 0n) return MAX_U64 as AlphaBalance
  const y1f = fromU64(y1)
  const y2f = fromU64(y2)
  const taoSum = y2f + y1f > (1n << 128n) - 1n ? (1n << 128n) - 1n : y2f + y1f
  const t1OverSum = safeDiv(y1f, taoSum)
  const t2OverSum = safeDiv(y2f, taoSum)
  const result = toU64(
    satSub(safeDiv(satMul(fromU64(x2), t1OverSum), limitFloat), satMul(fromU64(x1), t2OverSum)),
  )
  return result as AlphaBalance
}

/**
 * The most input a limit order can use before the pool's spot price reaches `limitPriceRao`:
 * {@link getMaxAmountAdd} for buys (TAO) and {@link getMaxAmountRemove} for sells (alpha), with the
 * chain's u64 cap quirk (never more than ≈ 17.4467 × the input reserve, plus fee).
 *
 * @param pool - The pool.
 * @param order - `{ side, limitPriceRao }`: `'buy'` or `'sell'`, and the limit in rao per alpha.
 * @param options - `rules` (default: the latest known spec).
 * @returns Rao of the input token (u64).
 * @throws {@link PriceLimitExceededError} If the limit is on the wrong side of the spot price.
 * @example
 * ```ts
 * import { balancerPool, maxAmountForLimit } from '@dtao/amm'
 *
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 12n, alphaReserve: 10n ** 12n })
 * // w = ½: y·(√(L/P) − 1) + fee = 10¹²·(√1.21 − 1) = 10¹¹, plus the grossed-up fee
 * maxAmountForLimit(pool, { side: 'buy', limitPriceRao: 1_210_000_000n as never }) > 10n ** 11n // true
 * ```
 * @see subtensor `pallets/subtensor/src/staking/add_stake.rs` · `get_max_amount_add`; `remove_stake.rs` · `get_max_amount_remove`
 */
export function maxAmountForLimit(
  pool: BalancerPool,
  order: {
    /** `'buy'` (TAO in) or `'sell'` (alpha in). */
    readonly side: 'buy' | 'sell'
    /** The limit in rao per alpha. */
    readonly limitPriceRao: TaoBalance
  },
  options: {
    /** Chain rules (Balancer era). */
    readonly rules?: ChainRules
  } = {},
): bigint {
  return order.side === 'buy'
    ? getMaxAmountAdd(pool, order.limitPriceRao, options)
    : getMaxAmountRemove(pool, order.limitPriceRao, options)
}
