import { BaseError } from '@dtao/errors'
import { U64F64, U96F32 } from '@dtao/fixed'
import { initializeWork } from './initialize.js'
import { addU64, closeWork, maxU64, openWork, subU64 } from './internal/state.js'
import type { V3Pool } from './pool.js'
import {
  assertV3Spec,
  runStep,
  V3InsufficientLiquidityError,
  V3ReservesTooLowError,
} from './swapStep.js'
import { MAX_SQRT_PRICE, MIN_SQRT_PRICE } from './tickMath.js'

/** `MinimumReserve` of the runtime (10⁶ rao): the output reserve a swap needs. */
const minimumReserve = 1_000_000n
const maxSwapIterations = 1000
const raoPerTao = U64F64.saturatingFromNum(1_000_000_000n)
const limitEpsilon = U64F64.saturatingFromNum(0.0000000001)

/**
 * `min_price_inner` of the V3 pallet: ⟦MIN_SQRT_PRICE² · 10⁹⟧ = 0 rao, the default limit of sells.
 *
 * @example
 * ```ts
 * import { V3_MIN_PRICE_RAO } from '@dtao/amm'
 * V3_MIN_PRICE_RAO // 0n
 * ```
 * @see subtensor `pallets/swap/src/pallet/impls.rs` · `min_price_inner` (@ e367ae64)
 */
export const V3_MIN_PRICE_RAO: bigint = U64F64.saturatingToNum(
  U64F64.saturatingMul(U64F64.saturatingMul(MIN_SQRT_PRICE, MIN_SQRT_PRICE), raoPerTao),
  'u64',
)

/**
 * `max_price_inner` of the V3 pallet: MAX_SQRT_PRICE² · 10⁹ saturates, so `u64::MAX` rao, the
 * default limit of buys.
 *
 * @example
 * ```ts
 * import { V3_MAX_PRICE_RAO } from '@dtao/amm'
 * V3_MAX_PRICE_RAO // 18446744073709551615n
 * ```
 * @see subtensor `pallets/swap/src/pallet/impls.rs` · `max_price_inner` (@ e367ae64)
 */
export const V3_MAX_PRICE_RAO: bigint = U64F64.saturatingToNum(
  U64F64.saturatingMul(U64F64.saturatingMul(MAX_SQRT_PRICE, MAX_SQRT_PRICE), raoPerTao),
  'u64',
)

/**
 * The sqrt limit `SwapEngine::swap` derives from a rao limit price:
 * `checked_sqrt(⌊limit/10⁹⌋₆₄, ε = 10⁻¹⁰)`, a bisection (not an exact root).
 *
 * @param limitPriceRao - Limit in rao per alpha (`u64`).
 * @returns √limit as U64F64 bits.
 * @throws {@link V3InvalidAmountError} If the limit is not a `u64`.
 * @example
 * ```ts
 * import { limitSqrtPriceV3 } from '@dtao/amm'
 * limitSqrtPriceV3(1_000_000_000n) // 18446744073709551616n (1.0)
 * ```
 * @see subtensor `pallets/swap/src/pallet/impls.rs` · `SwapEngine::swap` (@ e367ae64)
 */
export function limitSqrtPriceV3(limitPriceRao: bigint): U64F64 {
  assertU64('limitPriceRao', limitPriceRao)
  const p = U64F64.safeDiv(U64F64.saturatingFromNum(limitPriceRao), raoPerTao)
  return U64F64.checkedSqrt(p, limitEpsilon) ?? U64F64.ZERO
}

let cachedMaxLimit: U64F64 | undefined

/** √ of the default buy limit (a 129-pass bisection), computed once. */
function maxLimitSqrtPrice(): U64F64 {
  cachedMaxLimit ??= limitSqrtPriceV3(V3_MAX_PRICE_RAO)
  return cachedMaxLimit
}

/**
 * `SwapResult` of the V3 pallet plus the pool state the swap leaves.
 *
 * @example
 * ```ts
 * import type { V3SwapResult } from '@dtao/amm'
 * const amountOut = (r: V3SwapResult): bigint => r.amountPaidOut
 * ```
 * @see subtensor `pallets/swap-interface/src/lib.rs` · `SwapResult`
 */
export type V3SwapResult = {
  /** Input that entered the pool, net of the fee (rao of the input token). */
  readonly amountPaidIn: bigint
  /** Output paid (rao of the output token). */
  readonly amountPaidOut: bigint
  /** Fee charged, in the input token. */
  readonly feePaid: bigint
  /** Fee forwarded to the block author. */
  readonly feeToBlockAuthor: bigint
  /**
   * The pallet state after the swap. With `shouldRollback` the chain discards it (a simulation);
   * this function still returns what the swap would leave.
   */
  readonly pool: V3Pool
}

/**
 * `SwapHandler::swap` of the V3 pallet (spec 422): an exact-in order walked tick by tick
 * (≤ 1000 steps), with the fee taken from the input and recomputed by gross-up when the limit or
 * a tick edge stops the step.
 *
 * The pallet never writes SubnetTAO/SubnetAlphaIn; `taoReserve`/`alphaReserve` of the returned
 * pool are unchanged (the caller applies the deltas).
 *
 * @param pool - The V3 pool state.
 * @param order - `side` (`'buy'` TAO→alpha, `'sell'` alpha→TAO), `amount` in rao (`u64`, 0 allowed as
 * on chain), `limitPriceRao` (default: {@link V3_MAX_PRICE_RAO} for buys, {@link V3_MIN_PRICE_RAO}
 * for sells), `dropFees`, `shouldRollback` (a simulation: skips the reserve check),
 * `specVersion` (385–422, default 422).
 * @returns The swap result and the pool after it.
 * @throws {@link V3ReservesTooLowError} Output reserve below 10⁶ rao, or zero output.
 * @throws {@link V3PriceLimitExceededError} The limit is not beyond the current price.
 * @throws {@link V3InsufficientLiquidityError} A committed swap pays out more than the reserve.
 * @throws {@link V3TooManySwapStepsError} More than 1000 steps.
 * @throws {@link V3InvalidAmountError} An amount or limit outside `u64`.
 * @throws {@link V3SpecNotModelledError} V3 specs before 385.
 * @throws `Amm.EraMismatchError` (EraMismatchError) Specs outside the V3 era.
 * @example
 * ```ts
 * import { swapV3 } from '@dtao/amm'
 * const r = swapV3(pool, { side: 'buy', amount: 10_000_000_000n, shouldRollback: true })
 * // r.amountPaidIn + r.feePaid === 10_000_000_000n
 * ```
 * @see subtensor `pallets/swap/src/pallet/impls.rs` · `do_swap`, `swap_inner` (@ e367ae64)
 */
export function swapV3(
  pool: V3Pool,
  order: {
    readonly side: 'buy' | 'sell'
    readonly amount: bigint
    readonly limitPriceRao?: bigint
    readonly dropFees?: boolean
    readonly shouldRollback?: boolean
    readonly specVersion?: number
  },
): V3SwapResult {
  const { side, amount, dropFees = false, shouldRollback = false } = order
  assertV3Spec(order.specVersion ?? 422)
  assertU64('amount', amount)
  const limitPriceRao =
    order.limitPriceRao ?? (side === 'buy' ? V3_MAX_PRICE_RAO : V3_MIN_PRICE_RAO)
  const limitSqrtPrice =
    limitPriceRao === V3_MAX_PRICE_RAO ? maxLimitSqrtPrice() : limitSqrtPriceV3(limitPriceRao)
  const reserveOut = side === 'buy' ? pool.alphaReserve : pool.taoReserve
  if (reserveOut < minimumReserve) {
    throw new V3ReservesTooLowError({ netuid: pool.netuid, side, reserve: reserveOut })
  }
  const w = openWork(pool)
  initializeWork(w)
  const beyond = side === 'buy' ? w.sqrtPrice < limitSqrtPrice : w.sqrtPrice > limitSqrtPrice
  if (!beyond) {
    throw new V3PriceLimitExceededError({
      netuid: pool.netuid,
      side,
      sqrtPrice: w.sqrtPrice,
      limitSqrtPrice,
    })
  }
  let remaining = amount
  let paidOut = 0n
  let inAcc = 0n
  let feeAcc = 0n
  let authorAcc = 0n
  let iterations = 0
  while (remaining !== 0n) {
    const step = runStep(w, side, remaining, limitSqrtPrice, dropFees)
    inAcc = addU64(inAcc, step.deltaIn)
    feeAcc = addU64(feeAcc, step.feePaid)
    authorAcc = addU64(authorAcc, step.feeToBlockAuthor)
    remaining = subU64(remaining, step.amountToTake)
    paidOut = addU64(paidOut, step.deltaOut)
    if (step.action === 'Stop') remaining = 0n
    if (step.amountToTake === 0n) remaining = 0n
    iterations++
    if (iterations > maxSwapIterations) throw new V3TooManySwapStepsError({ netuid: pool.netuid })
  }
  const after = closeWork(w)
  if (!shouldRollback && reserveOut < paidOut) {
    throw new V3InsufficientLiquidityError({
      netuid: pool.netuid,
      poolAfter: after,
      requested: paidOut,
      available: reserveOut,
    })
  }
  return Object.freeze({
    amountPaidIn: inAcc,
    amountPaidOut: paidOut,
    feePaid: feeAcc,
    feeToBlockAuthor: authorAcc,
    pool: after,
  })
}

/**
 * `SwapHandler::sim_swap` of the V3 pallet: a rolled-back swap at the direction's default limit
 * with fees on; on a non-dynamic subnet (mechanism ≠ 1) a 1:1 conversion with no fee.
 *
 * @param pool - The V3 pool state (the subnet is assumed to exist).
 * @param order - `side`, `amount` in rao, `specVersion` (385–422, default 422).
 * @returns The simulated result; `pool` is the unchanged input for stable subnets.
 * @throws The errors of {@link swapV3}, except `InsufficientLiquidity`.
 * @example
 * ```ts
 * import { simSwapV3 } from '@dtao/amm'
 * simSwapV3(pool, { side: 'sell', amount: 1_000_000_000n }).amountPaidOut
 * ```
 * @see subtensor `pallets/swap/src/pallet/impls.rs` · `SwapHandler::sim_swap` (@ e367ae64)
 */
export function simSwapV3(
  pool: V3Pool,
  order: { readonly side: 'buy' | 'sell'; readonly amount: bigint; readonly specVersion?: number },
): V3SwapResult {
  const specVersion = order.specVersion ?? 422
  assertV3Spec(specVersion)
  assertU64('amount', order.amount)
  if (pool.mechanism !== 1) {
    return Object.freeze({
      amountPaidIn: order.amount,
      amountPaidOut: order.amount,
      feePaid: 0n,
      feeToBlockAuthor: 0n,
      pool,
    })
  }
  return swapV3(pool, { side: order.side, amount: order.amount, shouldRollback: true, specVersion })
}

/**
 * `SwapHandler::current_alpha_price` of the V3 pallet, in U96F32: √P² (truncated) once
 * initialised, ⌊y/x⌋ before (0 for an empty alpha reserve), and 1 for non-dynamic subnets.
 *
 * @param pool - The V3 pool state.
 * @returns The price in TAO per alpha (U96F32 bits).
 * @example
 * ```ts
 * import { currentPriceV3 } from '@dtao/amm'
 * currentPriceV3({ ...pool, mechanism: 0 }) // 4294967296n (1.0)
 * ```
 * @see subtensor `pallets/swap/src/pallet/impls.rs` · `current_price` (@ e367ae64)
 */
export function currentPriceV3(pool: V3Pool): U96F32 {
  if (pool.mechanism !== 1) return U96F32.saturatingFromNum(1n)
  if (pool.initialized) {
    return U96F32.saturatingFromFixed(U64F64, U64F64.saturatingMul(pool.sqrtPrice, pool.sqrtPrice))
  }
  if (pool.alphaReserve === 0n) return U96F32.ZERO
  return U96F32.saturatingDiv(
    U96F32.saturatingFromNum(pool.taoReserve),
    U96F32.saturatingFromNum(pool.alphaReserve),
  )
}

/**
 * `SwapHandler::get_alpha_amount_for_tao` of the V3 pallet: ⟦τ / P⟧ at the spot price, no
 * slippage (used for fees paid in alpha); τ itself on non-dynamic subnets.
 *
 * @param pool - The V3 pool state.
 * @param tao - TAO in rao.
 * @returns Alpha in rao (0 when the price is 0).
 * @example
 * ```ts
 * import { getAlphaAmountForTaoV3 } from '@dtao/amm'
 * getAlphaAmountForTaoV3({ ...pool, mechanism: 0 }, 5n) // 5n
 * ```
 * @see subtensor `pallets/swap/src/pallet/impls.rs` · `get_alpha_amount_for_tao` (@ e367ae64)
 */
export function getAlphaAmountForTaoV3(pool: V3Pool, tao: bigint): bigint {
  assertU64('tao', tao)
  if (pool.mechanism !== 1) return tao
  return U96F32.saturatingToNum(U96F32.safeDiv(U96F32.fromNum(tao), currentPriceV3(pool)), 'u64')
}

function assertU64(what: string, value: bigint): void {
  if (typeof value !== 'bigint' || value < 0n || value > maxU64) {
    throw new V3InvalidAmountError({ what, value })
  }
}

/**
 * The chain's `PriceLimitExceeded`: a buy needs √P < √limit, a sell √P > √limit (strictly).
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * isDtaoError(err, 'Amm.PriceLimitExceededError')
 * ```
 */
export class V3PriceLimitExceededError extends BaseError {
  override readonly name = 'Amm.PriceLimitExceededError'
  /** The subnet. */
  readonly netuid: number
  /** The order direction. */
  readonly side: 'buy' | 'sell'
  /** √P before the swap (U64F64 bits). */
  readonly sqrtPrice: bigint
  /** √limit (U64F64 bits). */
  readonly limitSqrtPrice: bigint

  constructor(args: {
    netuid: number
    side: 'buy' | 'sell'
    sqrtPrice: bigint
    limitSqrtPrice: bigint
  }) {
    super(
      `Pool ${args.netuid}: a ${args.side} needs the sqrt limit ${args.limitSqrtPrice} to be ${args.side === 'buy' ? 'above' : 'below'} the sqrt price ${args.sqrtPrice} (U64F64 bits).`,
      { metaMessages: ['The chain rejects this swap with PriceLimitExceeded.'] },
    )
    this.netuid = args.netuid
    this.side = args.side
    this.sqrtPrice = args.sqrtPrice
    this.limitSqrtPrice = args.limitSqrtPrice
  }
}

/**
 * The chain's `TooManySwapSteps`: the order crossed more than 1000 ticks.
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * isDtaoError(err, 'Amm.TooManySwapStepsError')
 * ```
 */
export class V3TooManySwapStepsError extends BaseError {
  override readonly name = 'Amm.TooManySwapStepsError'
  /** The subnet. */
  readonly netuid: number

  constructor({ netuid }: { netuid: number }) {
    super(`Pool ${netuid}: the swap needs more than 1000 steps.`)
    this.netuid = netuid
  }
}

/**
 * An amount or limit that is not a `u64` (negative, above `u64::MAX`, or not a bigint).
 *
 * @example
 * ```ts
 * import { swapV3 } from '@dtao/amm'
 * swapV3(pool, { side: 'buy', amount: -1n }) // throws Amm.InvalidAmountError
 * ```
 */
export class V3InvalidAmountError extends BaseError {
  override readonly name = 'Amm.InvalidAmountError'
  /** Which argument. */
  readonly what: string
  /** The value given. */
  readonly value: unknown

  constructor({ what, value }: { what: string; value: unknown }) {
    super(
      `Invalid ${what}: expected a u64 rao bigint in [0, 18446744073709551615], got ${String(value)}.`,
    )
    this.what = what
    this.value = value
  }
}
