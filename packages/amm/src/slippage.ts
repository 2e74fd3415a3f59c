import { MAX_U64, type TaoBalance } from '@dtao/fixed'
import { InvalidArgumentError } from './errors.js'
import type { BalancerPool } from './pool.js'
import { priceLimitFromRao, spotPrice } from './price.js'

const BPS = 10_000n
const RAO_PER_TAO = 1_000_000_000n
const TWO64 = 1n << 64n

function bps(toleranceBps: number): bigint {
  if (!Number.isInteger(toleranceBps) || toleranceBps < 0 || toleranceBps > 10_000) {
    throw new InvalidArgumentError({
      argument: 'toleranceBps',
      value: String(toleranceBps),
      expected: 'an integer number of basis points in [0, 10000] (50 = 0.5 %)',
    })
  }
  return BigInt(toleranceBps)
}

function amount(x: bigint, what: string): bigint {
  if (typeof x !== 'bigint' || x < 0n || x > MAX_U64) {
    throw new InvalidArgumentError({
      argument: what,
      value: String(x),
      expected: 'a u64 rao amount',
    })
  }
  return x
}

/**
 * The least output to accept for a slippage tolerance: ⌊out · (10 000 − bps) / 10 000⌋.
 *
 * @param amountOut - The quoted output, rao.
 * @param toleranceBps - Tolerance in basis points (50 = 0.5 %).
 * @returns Rao, with the same brand as `amountOut`.
 * @throws {@link InvalidArgumentError} For a tolerance outside [0, 10 000] or a non-u64 amount.
 * @example
 * ```ts
 * import { minimumOut } from '@dtao/amm'
 *
 * minimumOut(1_000_000n, 50) // 995000n
 * ```
 */
export function minimumOut<T extends bigint>(amountOut: T, toleranceBps: number): T {
  return ((amount(amountOut, 'amountOut') * (BPS - bps(toleranceBps))) / BPS) as T
}

/**
 * The most input to allow for a slippage tolerance: ⌈in · (10 000 + bps) / 10 000⌉, capped at
 * u64::MAX.
 *
 * @param amountIn - The quoted input, rao.
 * @param toleranceBps - Tolerance in basis points (50 = 0.5 %).
 * @returns Rao, with the same brand as `amountIn`.
 * @throws {@link InvalidArgumentError} For a tolerance outside [0, 10 000] or a non-u64 amount.
 * @example
 * ```ts
 * import { maximumIn } from '@dtao/amm'
 *
 * maximumIn(1_000_001n, 50) // 1005002n (1005001.005 rounded up)
 * ```
 */
export function maximumIn<T extends bigint>(amountIn: T, toleranceBps: number): T {
  const v = (amount(amountIn, 'amountIn') * (BPS + bps(toleranceBps)) + BPS - 1n) / BPS
  return (v > MAX_U64 ? MAX_U64 : v) as T
}

/**
 * The `limit_price` argument (rao per 1 alpha, i.e. TAO/α × 10⁹) for `add_stake_limit`, from a
 * slippage tolerance: ⌈P · 10⁹ · (1 + tol)⌉ computed exactly from the U64F64 spot price, raised if
 * needed so that the chain's converted limit ⌊L · 2⁶⁴ / 10⁹⌋ is **strictly above** the spot price
 * (the chain rejects a limit equal to the price).
 *
 * The limit bounds the pool's **final spot price** (fee excluded), not the average price: a buy
 * fills until the price reaches it, and the rest is not swapped (`allowPartial`) or the call fails.
 *
 * @param pool - The pool.
 * @param toleranceBps - Tolerance in basis points (50 = 0.5 %).
 * @returns Rao per alpha (u64).
 * @throws {@link InvalidArgumentError} For a tolerance outside [0, 10 000].
 * @example
 * ```ts
 * import { balancerPool, limitPriceForBuy } from '@dtao/amm'
 *
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 4n * 10n ** 9n })
 * limitPriceForBuy(pool, 50) // 251250000n (0.25 TAO × 1.005)
 * ```
 * @see subtensor `pallets/subtensor/src/staking/add_stake.rs` · `do_add_stake_limit`
 */
export function limitPriceForBuy(pool: BalancerPool, toleranceBps: number): TaoBalance {
  const p = spotPrice(pool)
  const den = BPS * TWO64
  let limit = (p * RAO_PER_TAO * (BPS + bps(toleranceBps)) + den - 1n) / den
  while (limit < MAX_U64 && priceLimitFromRao(limit) <= p) limit++
  return (limit > MAX_U64 ? MAX_U64 : limit) as TaoBalance
}

/**
 * The `limit_price` argument (rao per 1 alpha) for `remove_stake_limit`, from a slippage tolerance:
 * ⌊P · 10⁹ · (1 − tol)⌋ computed exactly from the U64F64 spot price, lowered if needed so that the
 * converted limit is **strictly below** the spot price. A sell fills until the final spot price
 * falls to the limit.
 *
 * @param pool - The pool.
 * @param toleranceBps - Tolerance in basis points (50 = 0.5 %).
 * @returns Rao per alpha (u64); 0 when the price is too low for any limit below it.
 * @throws {@link InvalidArgumentError} For a tolerance outside [0, 10 000].
 * @example
 * ```ts
 * import { balancerPool, limitPriceForSell } from '@dtao/amm'
 *
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 4n * 10n ** 9n })
 * limitPriceForSell(pool, 50) // 248750000n (0.25 TAO × 0.995)
 * ```
 * @see subtensor `pallets/subtensor/src/staking/remove_stake.rs` · `do_remove_stake_limit`
 */
export function limitPriceForSell(pool: BalancerPool, toleranceBps: number): TaoBalance {
  const p = spotPrice(pool)
  let limit = (p * RAO_PER_TAO * (BPS - bps(toleranceBps))) / (BPS * TWO64)
  while (limit > 0n && priceLimitFromRao(limit) >= p) limit--
  return limit as TaoBalance
}

/**
 * The `limit_price` argument of `swap_stake_limit` (a price **ratio** origin/destination × 10⁹, in
 * a u64) from a slippage tolerance: ⌊(P₁ / P₂) · 10⁹ · (1 − tol)⌋ from the U64F64 prices. The move
 * is allowed while the ratio stays above it (`get_max_amount_move` returns 0 if the limit exceeds
 * the current ratio). Never pass the float ratio: it encodes as 0, which means "no limit".
 *
 * @param origin - The pool the stake leaves.
 * @param destination - The pool the stake enters.
 * @param toleranceBps - Tolerance in basis points (50 = 0.5 %).
 * @returns The ratio limit (u64), 0 when the destination price is 0.
 * @throws {@link InvalidArgumentError} For a tolerance outside [0, 10 000].
 * @example
 * ```ts
 * import { balancerPool, limitPriceForMove } from '@dtao/amm'
 *
 * const a = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 4n * 10n ** 9n })
 * const b = balancerPool({ netuid: 2, taoReserve: 10n ** 9n, alphaReserve: 10n ** 9n })
 * limitPriceForMove(a, b, 100) // 247500000n (0.25 / 1 × 10⁹ × 0.99)
 * ```
 * @see subtensor `pallets/subtensor/src/staking/move_stake.rs` · `get_max_amount_move`
 */
export function limitPriceForMove(
  origin: BalancerPool,
  destination: BalancerPool,
  toleranceBps: number,
): TaoBalance {
  const t = bps(toleranceBps)
  const p1 = spotPrice(origin)
  const p2 = spotPrice(destination)
  if (p2 === 0n) return 0n as TaoBalance
  const v = (p1 * RAO_PER_TAO * (BPS - t)) / (p2 * BPS)
  return (v > MAX_U64 ? MAX_U64 : v) as TaoBalance
}
