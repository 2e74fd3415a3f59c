import { taoBalance, U64F64 } from '@dtao/fixed'
import { calculateBaseDeltaIn, calculateQuoteDeltaIn } from '../balancer.js'
import {
  InsufficientLiquidityError,
  PriceLimitExceededError,
  ReservesTooLowError,
  SwapInputTooLargeError,
  type SwapSide,
} from '../errors.js'
import { type BalancerPool, effectiveQuoteWeight } from '../pool.js'
import { priceLimitFromRao, spotPrice } from '../price.js'
import type { SwapOptions } from '../swap.js'
import { balancerRules, expOptions } from './balancerRules.js'
import { convertBuy, convertSell, priceAfterBuy, priceAfterSell } from './step.js'
import { fromU64, safeDiv, satMul, satSub, toU64, u64SatMul, u64SatSub } from './u64f64.js'

/** @internal The raw outcome of {@link doSwap}. */
export type SwapOutcome = {
  readonly amountPaidIn: bigint
  readonly amountPaidOut: bigint
  readonly feePaid: bigint
  readonly feeToBlockAuthor: bigint
  /** Whether the limit price stopped the swap (partial fill). */
  readonly limited: boolean
}

const U16_MAX_BITS = 65_535n << 64n

/** @internal `Pallet::calculate_fee_amount` on a dynamic subnet. */
export function feeAmount(amount: bigint, feeRate: number, dropFees: boolean): bigint {
  if (dropFees) return 0n
  const rate = safeDiv(fromU64(BigInt(feeRate)), U16_MAX_BITS)
  return toU64(satMul(fromU64(amount), rate))
}

function grossUpFee(deltaIn: bigint, feeRate: number, dropFees: boolean): bigint {
  const rate = dropFees ? 0n : fromU64(BigInt(feeRate))
  return toU64(satMul(fromU64(deltaIn), safeDiv(rate, satSub(U16_MAX_BITS, rate))))
}

/**
 * @internal `SwapEngine::swap` → `do_swap` → `swap_inner` → `BasicSwapStep`, bit-exact, for a
 * dynamic subnet; 1:1 with no fee when mechanism ≠ 1 (`swap_tao_for_alpha`/`swap_alpha_for_tao`).
 * `amount` must already be a u64.
 */
export function doSwap(
  pool: BalancerPool,
  side: SwapSide,
  amount: bigint,
  options: SwapOptions,
): SwapOutcome {
  if (pool.mechanism !== 1) {
    return {
      amountPaidIn: amount,
      amountPaidOut: amount,
      feePaid: 0n,
      feeToBlockAuthor: 0n,
      limited: false,
    }
  }
  const rules = balancerRules(options.rules)
  const dropFees = options.dropFees ?? false
  const buy = side === 'buy'
  const y = pool.taoReserve as bigint
  const x = pool.alphaReserve as bigint
  const limit =
    options.limitPrice !== undefined
      ? U64F64.fromBits(options.limitPrice)
      : priceLimitFromRao(
          options.limitPriceRao !== undefined
            ? taoBalance(options.limitPriceRao)
            : buy
              ? rules.maxPriceRao
              : rules.minPriceRao,
        )

  // ensure_swap_input_within_reserve_limit (spec ≥ 424)
  const fee0 = feeAmount(amount, pool.feeRate, dropFees)
  const requested = u64SatSub(amount, fee0)
  if (rules.maxInputReserveMultiplier !== undefined) {
    const maxAmount = u64SatMul(buy ? y : x, rules.maxInputReserveMultiplier)
    if (requested > maxAmount) {
      throw new SwapInputTooLargeError({ side, netAmount: requested, maxAmount })
    }
  }
  // swap_inner: output reserve, lazy initialisation, limit direction
  const reserveOut = buy ? x : y
  if (reserveOut < rules.minimumReserve) {
    throw new ReservesTooLowError({
      side,
      reason: 'reserve',
      reserveOut,
      minimumReserve: rules.minimumReserve,
    })
  }
  const q = effectiveQuoteWeight(pool)
  const current = pool.initialized ? spotPrice(pool) : spotPrice({ ...pool, quoteWeight: q })
  if (buy ? !(current < limit) : !(current > limit)) {
    throw new PriceLimitExceededError({ side, currentPrice: current, limitPrice: limit })
  }
  // BasicSwapStep::new: fee on the full amount, target price. convert_deltas(requested) is computed
  // once here and reused by process_swap (the chain computes it twice).
  const exp = expOptions(rules)
  let deltaIn: bigint
  let out: bigint
  let fee = fee0
  let limited: boolean
  if (buy) {
    const fullOut = convertBuy(q, y, x, requested, exp)
    const target = priceAfterBuy(q, y, x, requested, fullOut)
    if (target <= limit) {
      deltaIn = requested
      out = fullOut
      limited = false
    } else {
      deltaIn = calculateQuoteDeltaIn(q, { currentPrice: current, targetPrice: limit }, y)
      fee = grossUpFee(deltaIn, pool.feeRate, dropFees)
      out = convertBuy(q, y, x, deltaIn, exp)
      limited = true
    }
  } else {
    const fullOut = convertSell(q, y, x, requested, exp)
    const target = priceAfterSell(q, y, x, requested, fullOut)
    if (target >= limit) {
      deltaIn = requested
      out = fullOut
      limited = false
    } else {
      deltaIn = calculateBaseDeltaIn(q, { currentPrice: current, targetPrice: limit }, x)
      fee = grossUpFee(deltaIn, pool.feeRate, dropFees)
      out = convertSell(q, y, x, deltaIn, exp)
      limited = true
    }
  }
  // process_swap
  let feeToBlockAuthor = 0n
  if (deltaIn !== 0n) {
    if (out === 0n) {
      throw new ReservesTooLowError({
        side,
        reason: 'zeroOutput',
        reserveOut,
        minimumReserve: rules.minimumReserve,
      })
    }
    feeToBlockAuthor = fee
  }
  // do_swap, commit path
  if (options.simulate !== true && reserveOut < out) {
    throw new InsufficientLiquidityError({
      netuid: pool.netuid,
      requested: out,
      available: reserveOut,
    })
  }
  return { amountPaidIn: deltaIn, amountPaidOut: out, feePaid: fee, feeToBlockAuthor, limited }
}

/** @internal Spot price after a swap outcome, U64F64 bits, on the effective weight. */
export function priceAfter(pool: BalancerPool, side: SwapSide, r: SwapOutcome): U64F64 {
  const q = effectiveQuoteWeight(pool)
  return (
    side === 'buy'
      ? priceAfterBuy(q, pool.taoReserve, pool.alphaReserve, r.amountPaidIn, r.amountPaidOut)
      : priceAfterSell(q, pool.taoReserve, pool.alphaReserve, r.amountPaidIn, r.amountPaidOut)
  ) as U64F64
}
