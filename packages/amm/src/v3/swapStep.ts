import { BaseError } from '@dtao/errors'
import { I64F64, U64F64 } from '@dtao/fixed'
import { EraMismatchError } from '../constantProduct/pool.js'
import { rulesForSpec } from '../rules.js'
import { calculateFeeAmountV3, u16Max } from './fee.js'
import {
  addU64,
  closeWork,
  currentBounded,
  findClosestHigher,
  findClosestLower,
  maxU64,
  nextOr,
  openWork,
  prevOr,
  subU64,
  tickIsActive,
  type Work,
} from './internal/state.js'
import type { V3Pool } from './pool.js'
import {
  MAX_TICK_INDEX,
  MIN_TICK_INDEX,
  sqrtPriceToTickBounded,
  tickToSqrtPriceBounded,
} from './tickMath.js'

const one = U64F64.ONE

/**
 * `SwapStep::delta_in`: the input that moves the sqrt price from `sqrtPrice` to `target` at
 * liquidity L, each operation truncating: buy ⟦L·(√P_t − √P)⟧, sell ⟦L·(1/√P_t − 1/√P)⟧.
 *
 * @param side - `'buy'` (TAO in) or `'sell'` (alpha in).
 * @param liquidity - L as U64F64 bits (`U64F64::saturating_from_num(CurrentLiquidity)`).
 * @param sqrtPrice - Current √P (U64F64 bits).
 * @param target - Target √P (U64F64 bits).
 * @returns The input in rao (`u64`, saturating).
 * @example
 * ```ts
 * import { deltaInV3 } from '@dtao/amm'
 * deltaInV3('buy', 2n ** 64n * 1000n, 2n ** 64n, 2n ** 65n) // 1000n (L = 1000, √P 1 → 2)
 * ```
 * @see subtensor `pallets/swap/src/pallet/swap_step.rs` · `SwapStep::delta_in` (@ e367ae64)
 */
export function deltaInV3(
  side: 'buy' | 'sell',
  liquidity: bigint,
  sqrtPrice: bigint,
  target: bigint,
): bigint {
  const span =
    side === 'buy'
      ? U64F64.saturatingSub(target, sqrtPrice)
      : U64F64.saturatingSub(U64F64.safeDiv(one, target), U64F64.safeDiv(one, sqrtPrice))
  return U64F64.saturatingToNum(U64F64.saturatingMul(liquidity, span), 'u64')
}

/**
 * `SwapStep::sqrt_price_target`: the √P reached if all of `delta` were swapped at liquidity L:
 * buy ⌊Δ/L⌋₆₄ + √P; sell 1/(⌊Δ/L⌋₆₄ + 1/√P). With L = 0 it jumps to the direction's price
 * bound, read as the raw rao value the pallet passes (`u64::MAX` for buys, 0 for sells).
 *
 * @param side - `'buy'` or `'sell'`.
 * @param liquidity - L as U64F64 bits.
 * @param sqrtPrice - Current √P (U64F64 bits).
 * @param delta - Input net of fee in rao.
 * @returns The target √P (U64F64 bits).
 * @example
 * ```ts
 * import { sqrtPriceTargetV3 } from '@dtao/amm'
 * sqrtPriceTargetV3('buy', 2n ** 64n * 1000n, 2n ** 64n, 1000n) // 36893488147419103232n (2.0)
 * ```
 * @see subtensor `pallets/swap/src/pallet/swap_step.rs` · `SwapStep::sqrt_price_target` (@ e367ae64)
 */
export function sqrtPriceTargetV3(
  side: 'buy' | 'sell',
  liquidity: bigint,
  sqrtPrice: bigint,
  delta: bigint,
): U64F64 {
  const d = U64F64.saturatingFromNum(delta)
  if (side === 'buy') {
    if (liquidity === 0n) return U64F64.saturatingFromNum(maxU64)
    return U64F64.saturatingAdd(U64F64.safeDiv(d, liquidity), sqrtPrice)
  }
  if (liquidity === 0n) return U64F64.ZERO
  return U64F64.safeDiv(
    one,
    U64F64.saturatingAdd(U64F64.safeDiv(d, liquidity), U64F64.safeDiv(one, sqrtPrice)),
  )
}

/**
 * `SwapStep::convert_deltas`: the output of `delta` within one tick range, each operation
 * truncating: buy ⟦⌊L / ⌊(⌊L·√P⌋ + Δ)·√P⌋⌋ · Δ⟧ alpha; sell ⟦Δ · ⌊⌊L/(⌊L/√P⌋ + Δ)⌋ · √P⌋⟧ TAO.
 *
 * @param side - `'buy'` or `'sell'`.
 * @param currentLiquidity - `CurrentLiquidity` (`u64`, an integer, not bits).
 * @param sqrtPrice - Current √P (U64F64 bits).
 * @param delta - Input net of fee in rao.
 * @returns Output in rao (`u64`); 0 for a zero input.
 * @example
 * ```ts
 * import { convertDeltasV3 } from '@dtao/amm'
 * // L = 2·10¹², √P = 1.5: a 10⁴ rao buy gives 4444 alpha rao (⌊10⁴/2.25⌋ less rounding).
 * convertDeltasV3('buy', 2_000_000_000_000n, 3n * 2n ** 63n, 10_000n) // 4444n
 * ```
 * @see subtensor `pallets/swap/src/pallet/swap_step.rs` · `SwapStep::convert_deltas` (@ e367ae64)
 */
export function convertDeltasV3(
  side: 'buy' | 'sell',
  currentLiquidity: bigint,
  sqrtPrice: bigint,
  delta: bigint,
): bigint {
  if (delta === 0n) return 0n
  const l = U64F64.saturatingFromNum(currentLiquidity)
  const d = U64F64.saturatingFromNum(delta)
  let result: bigint
  if (side === 'buy') {
    const a = U64F64.saturatingMul(
      U64F64.saturatingAdd(U64F64.saturatingMul(l, sqrtPrice), d),
      sqrtPrice,
    )
    result = U64F64.saturatingMul(U64F64.safeDiv(l, a), d)
  } else {
    const denom = U64F64.saturatingAdd(U64F64.safeDiv(l, sqrtPrice), d)
    const b = U64F64.saturatingMul(U64F64.safeDiv(l, denom), sqrtPrice)
    result = U64F64.saturatingMul(d, b)
  }
  return U64F64.saturatingToNum(result, 'u64')
}

/**
 * What one V3 swap step did (`SwapStepResult` plus the step's action).
 *
 * @example
 * ```ts
 * import type { V3SwapStepResult } from '@dtao/amm'
 * const r: Pick<V3SwapStepResult, 'action'> = { action: 'Stop' }
 * ```
 * @see subtensor `pallets/swap/src/pallet/swap_step.rs` · `SwapStepResult`
 */
export type V3SwapStepResult = {
  /** `Stop` (the order ends in this range) or `Crossing` (a tick is crossed; the loop continues). */
  readonly action: 'Stop' | 'Crossing'
  /** `delta_in + fee` (saturating): what the step consumes of the remaining input. */
  readonly amountToTake: bigint
  /** The fee charged by this step, in the input token. */
  readonly feePaid: bigint
  /** Input entering the pool (net of the fee). */
  readonly deltaIn: bigint
  /** Output paid. */
  readonly deltaOut: bigint
  /** Fee forwarded to the block author (all of it when `deltaIn > 0`, else 0). */
  readonly feeToBlockAuthor: bigint
}

/**
 * @internal Check that a spec runs the V3 code these functions port (spec 385–422: fees to the
 * block author, zero outputs rejected). Throws for other eras and for older V3 specs.
 */
export function assertV3Spec(specVersion: number): void {
  const rules = rulesForSpec(specVersion)
  if (rules.era !== 'v3') throw new EraMismatchError({ specVersion, expected: 'v3' })
  if (!rules.zeroOutputIsError || rules.feeDestination !== 'blockAuthor') {
    throw new V3SpecNotModelledError({ specVersion })
  }
}

/** @internal One `BasicSwapStep::new(..).execute()` on a working copy (mutates it). */
export function runStep(
  w: Work,
  side: 'buy' | 'sell',
  amountRemaining: bigint,
  limitSqrtPrice: bigint,
  dropFees: boolean,
): V3SwapStepResult {
  const buy = side === 'buy'
  const closer = buy ? (a: bigint, b: bigint) => a <= b : (a: bigint, b: bigint) => a >= b
  const currentSqrtPrice = w.sqrtPrice
  const edgeTick = buy ? tickEdgeBuy(w) : tickEdgeSell(w)
  const edgeSqrtPrice = tickToSqrtPriceBounded(edgeTick)
  let fee = calculateFeeAmountV3(amountRemaining, {
    feeRate: w.pool.feeRate,
    mechanism: w.pool.mechanism,
    dropFees,
  })
  const possibleDeltaIn = subU64(amountRemaining, fee)
  const liquidity = U64F64.saturatingFromNum(w.currentLiquidity)
  const target = sqrtPriceTargetV3(side, liquidity, currentSqrtPrice, possibleDeltaIn)

  // determine_action
  let action: 'Stop' | 'Crossing'
  let finalPrice: bigint
  let deltaIn: bigint
  let recalculateFee = false
  if (closer(target, limitSqrtPrice) && closer(target, edgeSqrtPrice)) {
    action = 'Stop'
    finalPrice = target
    deltaIn = possibleDeltaIn
  } else if (closer(limitSqrtPrice, target) && closer(limitSqrtPrice, edgeSqrtPrice)) {
    action = 'Stop'
    finalPrice = limitSqrtPrice
    deltaIn = deltaInV3(side, liquidity, currentSqrtPrice, limitSqrtPrice)
    recalculateFee = true
  } else {
    action = 'Crossing'
    deltaIn = deltaInV3(side, liquidity, currentSqrtPrice, edgeSqrtPrice)
    finalPrice = edgeSqrtPrice
    recalculateFee = true
  }
  if (recalculateFee) {
    const rate = dropFees ? U64F64.ZERO : U64F64.saturatingFromNum(BigInt(w.pool.feeRate))
    const factor = U64F64.safeDiv(rate, U64F64.saturatingSub(u16Max, rate))
    fee = U64F64.saturatingToNum(
      U64F64.saturatingMul(U64F64.saturatingFromNum(deltaIn), factor),
      'u64',
    )
  }
  const naturalStop = closer(limitSqrtPrice, target) ? limitSqrtPrice : target
  if (naturalStop === edgeSqrtPrice) action = buy ? 'Crossing' : 'Stop'

  // process_swap
  const deltaOut = convertDeltasV3(side, w.currentLiquidity, currentSqrtPrice, deltaIn)
  let feeToBlockAuthor = 0n
  if (deltaIn > 0n) {
    if (deltaOut === 0n) throw new V3ReservesTooLowError({ netuid: w.pool.netuid, side, deltaIn })
    // DefaultFeeSplit is Perbill::zero(): nothing accrues to liquidity providers.
    feeToBlockAuthor = fee
  }
  if (action === 'Crossing') {
    const tick = w.ticks.get(edgeTick)
    const flipped = {
      feesOutTao: I64F64.saturatingSub(
        I64F64.saturatingFromFixed(U64F64, w.feeGlobalTao),
        tick?.feesOutTao ?? 0n,
      ),
      feesOutAlpha: I64F64.saturatingSub(
        I64F64.saturatingFromFixed(U64F64, w.feeGlobalAlpha),
        tick?.feesOutAlpha ?? 0n,
      ),
    }
    updateLiquidityAtCrossing(w, side)
    w.ticks.set(edgeTick, {
      index: edgeTick,
      liquidityNet: tick?.liquidityNet ?? 0n,
      liquidityGross: tick?.liquidityGross ?? 0n,
      ...flipped,
    })
  }
  w.sqrtPrice = finalPrice
  w.currentTick = sqrtPriceToTickBounded(finalPrice)
  return {
    action,
    amountToTake: addU64(deltaIn, fee),
    feePaid: fee,
    deltaIn,
    deltaOut,
    feeToBlockAuthor,
  }
}

function tickEdgeBuy(w: Work): number {
  return findClosestHigher(w, nextOr(w.currentTick, MAX_TICK_INDEX)) ?? MAX_TICK_INDEX
}

function tickEdgeSell(w: Work): number {
  const current = w.currentTick
  const currentTickPrice = tickToSqrtPriceBounded(current)
  if (tickIsActive(w, current) && w.sqrtPrice > currentTickPrice) {
    return findClosestLower(w, current) ?? MIN_TICK_INDEX
  }
  return findClosestLower(w, prevOr(current, MIN_TICK_INDEX)) ?? MIN_TICK_INDEX
}

function updateLiquidityAtCrossing(w: Work, side: 'buy' | 'sell'): void {
  const current = currentBounded(w)
  let index: number
  if (side === 'buy') {
    index = findClosestHigher(w, nextOr(current, MAX_TICK_INDEX)) ?? MAX_TICK_INDEX
  } else {
    const currentTickPrice = tickToSqrtPriceBounded(current)
    index =
      tickIsActive(w, current) && w.sqrtPrice > currentTickPrice
        ? (findClosestLower(w, current) ?? MIN_TICK_INDEX)
        : (findClosestLower(w, prevOr(current, MIN_TICK_INDEX)) ?? MIN_TICK_INDEX)
  }
  const tick = w.ticks.get(index)
  if (tick === undefined) {
    throw new V3InsufficientLiquidityError({ netuid: w.pool.netuid, poolAfter: undefined })
  }
  const net = tick.liquidityNet
  const abs = net < 0n ? -net : net
  const update = abs > maxU64 ? maxU64 : abs
  const up = side === 'buy' ? net >= 0n : net < 0n
  w.currentLiquidity = up ? addU64(w.currentLiquidity, update) : subU64(w.currentLiquidity, update)
}

/**
 * One V3 swap step, `BasicSwapStep::new(netuid, amount_remaining, limit_sqrt_price, drop_fees)
 * .execute()`, on an initialised pool.
 *
 * @param pool - An initialised V3 pool.
 * @param step - `side`, `amountRemaining` (rao), `limitSqrtPrice` (U64F64 bits), `dropFees`,
 * `specVersion` (385–422, default 422).
 * @returns The step result and the pool after it (price, tick, liquidity, crossed tick).
 * @throws {@link V3ReservesTooLowError} If a positive input converts to zero output.
 * @throws {@link V3InsufficientLiquidityError} If the crossed tick is missing.
 * @throws {@link V3SpecNotModelledError} For V3 specs before 385 (fees to liquidity providers).
 * @throws {@link EraMismatchError} For specs outside the V3 era.
 * @example
 * ```ts
 * import { swapStepV3 } from '@dtao/amm'
 * const { result } = swapStepV3(pool, {
 *   side: 'buy', amountRemaining: 1000n, limitSqrtPrice: 2n ** 70n, dropFees: false,
 * })
 * // result.action: 'Stop'
 * ```
 * @see subtensor `pallets/swap/src/pallet/swap_step.rs` · `BasicSwapStep::execute` (@ e367ae64)
 */
export function swapStepV3(
  pool: V3Pool,
  step: {
    readonly side: 'buy' | 'sell'
    readonly amountRemaining: bigint
    readonly limitSqrtPrice: bigint
    readonly dropFees?: boolean
    readonly specVersion?: number
  },
): {
  /** What the step did. */
  readonly result: V3SwapStepResult
  /** The pool after the step. */
  readonly pool: V3Pool
} {
  assertV3Spec(step.specVersion ?? 422)
  const w = openWork(pool)
  const result = runStep(
    w,
    step.side,
    step.amountRemaining,
    step.limitSqrtPrice,
    step.dropFees ?? false,
  )
  return { result: Object.freeze(result), pool: closeWork(w) }
}

/**
 * The chain's `ReservesTooLow`: the output reserve is below `MinimumReserve` (10⁶ rao), or a
 * positive input would pay out zero.
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * try { swapV3(pool, { side: 'buy', amount: 1n }) } catch (e) { isDtaoError(e, 'Amm.ReservesTooLowError') }
 * ```
 */
export class V3ReservesTooLowError extends BaseError {
  override readonly name = 'Amm.ReservesTooLowError'
  /** The subnet. */
  readonly netuid: number
  /** The order direction. */
  readonly side: 'buy' | 'sell'
  /** The net input that paid out nothing (or `undefined` for a reserve-floor failure). */
  readonly deltaIn: bigint | undefined

  constructor({
    netuid,
    side,
    deltaIn,
    reserve,
  }: { netuid: number; side: 'buy' | 'sell'; deltaIn?: bigint; reserve?: bigint }) {
    super(
      deltaIn !== undefined
        ? `Pool ${netuid}: a ${side} of ${deltaIn} rao (net of fee) pays out 0.`
        : `Pool ${netuid}: the output reserve ${reserve} rao is below the 1000000 rao minimum.`,
      { metaMessages: ['The chain rejects this swap with ReservesTooLow.'] },
    )
    this.netuid = netuid
    this.side = side
    this.deltaIn = deltaIn
  }
}

/**
 * The chain's `InsufficientLiquidity` in the V3 pallet: a committed swap pays out more than the
 * real reserve (the virtual V3 liquidity can exceed it), or a crossed tick is missing.
 *
 * When the pallet commits the failed swap's state (the reserve check), `poolAfter` holds it.
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * isDtaoError(err, 'Amm.InsufficientLiquidityError')
 * ```
 */
export class V3InsufficientLiquidityError extends BaseError {
  override readonly name = 'Amm.InsufficientLiquidityError'
  /** The subnet. */
  readonly netuid: number
  /** The state the pallet committed despite the error, if it commits one. */
  readonly poolAfter: V3Pool | undefined

  constructor({
    netuid,
    poolAfter,
    requested,
    available,
  }: { netuid: number; poolAfter: V3Pool | undefined; requested?: bigint; available?: bigint }) {
    super(
      requested !== undefined
        ? `Pool ${netuid} cannot pay out ${requested} rao: only ${available} in the reserve.`
        : `Pool ${netuid} has no tick at the crossing edge.`,
      { metaMessages: ['The chain returns InsufficientLiquidity.'] },
    )
    this.netuid = netuid
    this.poolAfter = poolAfter
  }
}

/**
 * A V3-era spec whose swap semantics differ from the ported code (spec 283–384: fees accrue to
 * liquidity providers and zero outputs are accepted). Refused rather than quoted wrongly.
 *
 * @example
 * ```ts
 * import { swapV3 } from '@dtao/amm'
 * swapV3(pool, { side: 'buy', amount: 1n, specVersion: 300 }) // throws Amm.SpecNotModelledError
 * ```
 */
export class V3SpecNotModelledError extends BaseError {
  override readonly name = 'Amm.SpecNotModelledError'
  /** The spec asked for. */
  readonly specVersion: number

  constructor({ specVersion }: { specVersion: number }) {
    super(`spec_version ${specVersion}: the V3 swap of this runtime is not modelled.`, {
      metaMessages: [
        'Modelled: spec 385–422 (fees to the block author, zero outputs rejected), as in amm-v3.json.',
      ],
    })
    this.specVersion = specVersion
  }
}
