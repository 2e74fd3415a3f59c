import { BaseError } from '@dtao/errors'
import { I64F64, U64F64 } from '@dtao/fixed'
import {
  addLiquidityAtIndex,
  addU64,
  closeWork,
  currentBounded,
  isqrt,
  openWork,
  subU64,
  type Work,
} from './internal/state.js'
import type { V3Pool, V3Position } from './pool.js'
import { tickToSqrtPrice } from './tickMath.js'

const one = U64F64.ONE

/**
 * `Position::to_token_amounts`: the (TAO, alpha) a position holds at √P, standard V3 formulas
 * with each operation truncating (below the range: alpha only; above: TAO only).
 *
 * @param position - `tickLow`, `tickHigh`, `liquidity`.
 * @param sqrtPrice - Current √P (U64F64 bits).
 * @returns `[tao, alpha]` in rao (each `u64`, saturating).
 * @throws {@link V3InvalidTickRangeError} If a tick is outside ±443 636.
 * @example
 * ```ts
 * import { toTokenAmounts } from '@dtao/amm'
 * toTokenAmounts({ tickLow: 0, tickHigh: 10, liquidity: 0n }, 2n ** 64n) // [0n, 0n]
 * ```
 * @see subtensor `pallets/swap/src/position.rs` · `Position::to_token_amounts` (@ e367ae64)
 */
export function toTokenAmounts(position: V3Position, sqrtPrice: bigint): readonly [bigint, bigint] {
  const low = tickToSqrtPrice(position.tickLow)
  const high = tickToSqrtPrice(position.tickHigh)
  if (low === undefined || high === undefined) {
    throw new V3InvalidTickRangeError({ tickLow: position.tickLow, tickHigh: position.tickHigh })
  }
  const l = U64F64.saturatingFromNum(position.liquidity)
  const toU64 = (bits: bigint): bigint => U64F64.saturatingToNum(bits, 'u64')
  if (sqrtPrice < low) {
    const span = U64F64.saturatingSub(U64F64.safeDiv(one, low), U64F64.safeDiv(one, high))
    return [0n, toU64(U64F64.saturatingMul(l, span))]
  }
  if (sqrtPrice > high) {
    return [toU64(U64F64.saturatingMul(l, U64F64.saturatingSub(high, low))), 0n]
  }
  const tao = toU64(U64F64.saturatingMul(l, U64F64.saturatingSub(sqrtPrice, low)))
  const span = U64F64.saturatingSub(U64F64.safeDiv(one, sqrtPrice), U64F64.safeDiv(one, high))
  return [tao, toU64(U64F64.saturatingMul(l, span))]
}

/**
 * `Pallet::get_proportional_alpha_tao_and_remainders`: the largest (TAO, alpha) pair at the price
 * √P² that fits the given amounts, and the remainders.
 *
 * @param sqrtPrice - √P (U64F64 bits).
 * @param amounts - `tao` and `alpha` in rao.
 * @returns `[tao, alpha, taoScrap, alphaScrap]` in rao.
 * @example
 * ```ts
 * import { getProportionalAlphaTaoAndRemainders } from '@dtao/amm'
 * // price 1: 10 alpha are worth 10 TAO, so 5 TAO of 15 is scrap
 * getProportionalAlphaTaoAndRemainders(2n ** 64n, { tao: 15n, alpha: 10n }) // [10n, 10n, 5n, 0n]
 * ```
 * @see subtensor `pallets/swap/src/pallet/impls.rs` · `get_proportional_alpha_tao_and_remainders` (@ e367ae64)
 */
export function getProportionalAlphaTaoAndRemainders(
  sqrtPrice: bigint,
  amounts: { readonly tao: bigint; readonly alpha: bigint },
): readonly [bigint, bigint, bigint, bigint] {
  const price = U64F64.saturatingMul(sqrtPrice, sqrtPrice)
  const taoEquivalent = U64F64.saturatingToNum(
    U64F64.saturatingMul(U64F64.saturatingFromNum(amounts.alpha), price),
    'u64',
  )
  if (taoEquivalent <= amounts.tao) {
    return [taoEquivalent, amounts.alpha, subU64(amounts.tao, taoEquivalent), 0n]
  }
  const alphaEquivalent = U64F64.saturatingToNum(
    U64F64.safeDiv(U64F64.saturatingFromNum(amounts.tao), price),
    'u64',
  )
  return [amounts.tao, alphaEquivalent, 0n, subU64(amounts.alpha, alphaEquivalent)]
}

function feesBelow(w: Work, tick: number, quote: boolean): bigint {
  const t = w.ticks.get(tick)
  const out = (quote ? t?.feesOutTao : t?.feesOutAlpha) ?? 0n
  if (tick <= currentBounded(w)) return out
  const global = I64F64.saturatingFromFixed(U64F64, quote ? w.feeGlobalTao : w.feeGlobalAlpha)
  return I64F64.saturatingSub(global, out)
}

function feesAbove(w: Work, tick: number, quote: boolean): bigint {
  const t = w.ticks.get(tick)
  const out = (quote ? t?.feesOutTao : t?.feesOutAlpha) ?? 0n
  if (tick <= currentBounded(w)) {
    const global = I64F64.saturatingFromFixed(U64F64, quote ? w.feeGlobalTao : w.feeGlobalAlpha)
    return I64F64.saturatingSub(global, out)
  }
  return out
}

/** `Position::collect_fees` with the position's fee snapshot at zero (see the note below). */
function collectFees(w: Work, p: V3Position): readonly [bigint, bigint] {
  const inRange = (quote: boolean): bigint =>
    I64F64.saturatingSub(
      I64F64.saturatingSub(
        I64F64.saturatingFromFixed(U64F64, quote ? w.feeGlobalTao : w.feeGlobalAlpha),
        feesBelow(w, p.tickLow, quote),
      ),
      feesAbove(w, p.tickHigh, quote),
    )
  const l = I64F64.saturatingFromNum(p.liquidity)
  return [
    I64F64.saturatingToNum(I64F64.saturatingMul(l, inRange(true)), 'u64'),
    I64F64.saturatingToNum(I64F64.saturatingMul(l, inRange(false)), 'u64'),
  ]
}

/**
 * `SwapHandler::adjust_protocol_liquidity` of the V3 pallet (spec 334–422), the emission
 * injection: collect the protocol position's fees, add the scrap reservoirs, split into the
 * largest price-proportional pair (the rest becomes scrap), and regrow the position to
 * L = ⌊√((τ_pos + Δτ)(α_pos + Δα))⌋. `CurrentLiquidity` and the position's ticks grow by the
 * (saturating, never negative) increase; √P is unchanged.
 *
 * The position's fee snapshot is taken as zero: at spec ≥ 385 `FeeGlobal*` never changes
 * (`DefaultFeeSplit` = 0), so collected fees are zero for pools that started there.
 *
 * @param pool - An initialised V3 pool with its protocol position.
 * @param deltas - `tao` and `alpha` injected, in rao.
 * @returns The pool after the injection (new position, liquidity, ticks and scrap reservoirs).
 * @example
 * ```ts
 * import { adjustProtocolLiquidityV3 } from '@dtao/amm'
 * const after = adjustProtocolLiquidityV3(pool, { tao: 500_000_000n, alpha: 20_000_000_000n })
 * ```
 * @see subtensor `pallets/swap/src/pallet/impls.rs` · `adjust_protocol_liquidity` (@ e367ae64)
 */
export function adjustProtocolLiquidityV3(
  pool: V3Pool,
  deltas: { readonly tao: bigint; readonly alpha: bigint },
): V3Pool {
  const position = pool.protocolPosition
  if (position === undefined) return pool
  const w = openWork(pool)
  const [taoFees, alphaFees] = collectFees(w, position)
  const [taoIn, alphaIn, taoScrap, alphaScrap] = getProportionalAlphaTaoAndRemainders(w.sqrtPrice, {
    tao: addU64(addU64(deltas.tao, taoFees), pool.scrapReservoirTao ?? 0n),
    alpha: addU64(addU64(deltas.alpha, alphaFees), pool.scrapReservoirAlpha ?? 0n),
  })
  let amounts: readonly [bigint, bigint] | undefined
  try {
    amounts = toTokenAmounts(position, w.sqrtPrice)
  } catch {
    amounts = undefined
  }
  if (amounts !== undefined) {
    const newTao = addU64(amounts[0], taoIn)
    const newAlpha = addU64(amounts[1], alphaIn)
    const newLiquidity = isqrt(newTao * newAlpha)
    const delta = subU64(newLiquidity, position.liquidity)
    w.currentLiquidity = addU64(w.currentLiquidity, delta)
    w.protocolPosition = { ...position, liquidity: newLiquidity }
    addLiquidityAtIndex(w, position.tickLow, delta, false)
    addLiquidityAtIndex(w, position.tickHigh, delta, true)
  }
  return closeWork(w, { scrapReservoirTao: taoScrap, scrapReservoirAlpha: alphaScrap })
}

/**
 * The chain's `InvalidTickRange`: a position tick outside ±443 636 (or low ≥ high).
 *
 * @example
 * ```ts
 * import { toTokenAmounts } from '@dtao/amm'
 * toTokenAmounts({ tickLow: -500000, tickHigh: 0, liquidity: 1n }, 2n ** 64n) // throws
 * ```
 */
export class V3InvalidTickRangeError extends BaseError {
  override readonly name = 'Amm.InvalidTickRangeError'
  /** Lower tick given. */
  readonly tickLow: number
  /** Upper tick given. */
  readonly tickHigh: number

  constructor({ tickLow, tickHigh }: { tickLow: number; tickHigh: number }) {
    super(`Invalid tick range [${tickLow}, ${tickHigh}): ticks must lie in [-443636, 443636].`)
    this.tickLow = tickLow
    this.tickHigh = tickHigh
  }
}
