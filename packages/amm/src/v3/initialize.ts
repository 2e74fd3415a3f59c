import { U64F64 } from '@dtao/fixed'
import {
  addLiquidityAtIndex,
  addU64,
  closeWork,
  currentBounded,
  isqrt,
  openWork,
  type Work,
} from './internal/state.js'
import type { V3Pool } from './pool.js'
import {
  MAX_TICK_INDEX,
  MIN_TICK_INDEX,
  sqrtPriceToTickBounded,
  tickToSqrtPriceBounded,
} from './tickMath.js'

/** `U64F64::saturating_from_num(0.000000000001)`, the initialisation tolerance. */
const initEpsilon = U64F64.saturatingFromNum(0.000000000001)

/** @internal `maybe_initialize_v3` on a working copy. */
export function initializeWork(w: Work): void {
  if (w.initialized) return
  const { taoReserve, alphaReserve } = w.pool
  const price = U64F64.safeDiv(
    U64F64.saturatingFromNum(taoReserve),
    U64F64.saturatingFromNum(alphaReserve),
  )
  w.sqrtPrice = U64F64.checkedSqrt(price, initEpsilon) ?? U64F64.ZERO
  w.currentTick = sqrtPriceToTickBounded(w.sqrtPrice)
  const liquidity = isqrt(taoReserve * alphaReserve)
  // add_liquidity_not_insert(protocol, MIN, MAX, liquidity)
  addLiquidityAtIndex(w, MIN_TICK_INDEX, liquidity, false)
  addLiquidityAtIndex(w, MAX_TICK_INDEX, liquidity, true)
  const current = currentBounded(w)
  if (current >= MAX_TICK_INDEX || current <= MIN_TICK_INDEX) {
    w.sqrtPrice = tickToSqrtPriceBounded(current)
  }
  if (MIN_TICK_INDEX <= current && current < MAX_TICK_INDEX) {
    w.currentLiquidity = addU64(w.currentLiquidity, liquidity)
  }
  w.protocolPosition = { tickLow: MIN_TICK_INDEX, tickHigh: MAX_TICK_INDEX, liquidity }
  w.initialized = true
}

/**
 * `Pallet::maybe_initialize_v3`: on a subnet's first swap, set √P = `checked_sqrt(⌊y/x⌋₆₄,
 * 10⁻¹²)` (a bisection, not an exact root), the tick from it, and one protocol position on
 * [MIN, MAX] with L = ⌊√(x·y)⌋. An initialised pool is returned unchanged.
 *
 * @param pool - A V3 pool.
 * @returns The initialised pool.
 * @example
 * ```ts
 * import { maybeInitializeV3 } from '@dtao/amm'
 * const p = maybeInitializeV3(uninitialisedPool) // y = 10¹², x = 4·10¹²
 * // p.currentLiquidity: 2000000000000n, p.sqrtPrice ≈ 0.5000000000004547
 * ```
 * @see subtensor `pallets/swap/src/pallet/impls.rs` · `maybe_initialize_v3` (@ e367ae64)
 */
export function maybeInitializeV3(pool: V3Pool): V3Pool {
  if (pool.initialized) return pool
  const w = openWork(pool)
  initializeWork(w)
  return closeWork(w)
}
