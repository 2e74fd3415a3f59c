import {
  type AlphaBalance,
  alphaBalance,
  MAX_U64,
  type TaoBalance,
  taoBalance,
  type U64F64,
} from '@dtao/fixed'
import { AmountTooLowError, ExactOutUnreachableError, type SwapSide } from './errors.js'
import { balancerRules } from './internal/balancerRules.js'
import { doSwap, feeAmount, priceAfter, type SwapOutcome } from './internal/doSwap.js'
import { u64SatMul } from './internal/u64f64.js'
import type { BalancerPool } from './pool.js'
import { spotPrice } from './price.js'
import { applySwap } from './state.js'
import type { SwapOptions } from './swap.js'

/**
 * A wallet-facing quote of one swap, exact to the rao. Buys have `TIn = TaoBalance`,
 * `TOut = AlphaBalance`; sells the reverse.
 */
export type SwapQuote<TIn extends bigint, TOut extends bigint> = {
  /** `'buy'` (TAO → alpha) or `'sell'` (alpha → TAO). */
  readonly side: SwapSide
  /** The amount the caller offered (gross), in rao of the input token. */
  readonly amountIn: TIn
  /** Input the swap consumes, `netIn + fee`. Above `amountIn` only in the chain's partial-fill gross-up quirk. */
  readonly grossIn: TIn
  /** Fee taken from the input (goes to the block author, never to the reserve). */
  readonly fee: TIn
  /** Input that enters the pool's reserve (`amount_paid_in`). */
  readonly netIn: TIn
  /** Output paid to the caller (`amount_paid_out`). */
  readonly amountOut: TOut
  /** `amountIn − grossIn` (saturating): unused input, refunded on sells, left in the subnet account on buys. */
  readonly unspent: TIn
  /** Whether the limit price stopped the swap before the full amount (partial fill). */
  readonly limited: boolean
  /** Spot price before, U64F64 bits (TAO per alpha), as `current_price`. */
  readonly spotBefore: U64F64
  /** Spot price after the swap (fee sale of a sell not included), U64F64 bits. */
  readonly spotAfter: U64F64
  /**
   * Price impact excluding the fee, as a U64F64 fraction (0.01 = 1 %): how much worse the average
   * price on the net input is than the spot price before. Buys: netIn / (out · spot) − 1; sells:
   * 1 − out / (netIn · spot); floored, and 0 when the swap is empty.
   */
  readonly priceImpact: U64F64
  /**
   * Effective price including the fee, TAO per alpha as U64F64 bits: grossIn / out for buys,
   * out / grossIn for sells. `undefined` when its denominator is 0.
   */
  readonly effectivePrice: U64F64 | undefined
  /** The pool after the swap ({@link applySwap}). */
  readonly poolAfter: BalancerPool
}

/** Options of the quote functions: the swap options without `simulate`. */
export type QuoteOptions = Omit<SwapOptions, 'simulate'>

const MAX_BITS = (1n << 128n) - 1n

function ratioBits(num: bigint, den: bigint): bigint | undefined {
  if (den === 0n) return undefined
  const q = (num << 64n) / den
  return q > MAX_BITS ? MAX_BITS : q
}

function impactBits(side: SwapSide, spot: bigint, netIn: bigint, out: bigint): bigint {
  if (netIn === 0n || out === 0n || spot === 0n) return 0n
  const one = 1n << 64n
  if (side === 'buy') {
    // netIn / (out · spot/2⁶⁴) − 1, floored
    const v = (netIn << 128n) / (out * spot) - one
    return v < 0n ? 0n : v > MAX_BITS ? MAX_BITS : v
  }
  // 1 − out / (netIn · spot/2⁶⁴), floored: 2⁶⁴ − ⌈out·2¹²⁸/(netIn·spot)⌉
  const d = netIn * spot
  const avg = ((out << 128n) + d - 1n) / d
  const v = one - avg
  return v < 0n ? 0n : v
}

function buildQuote(
  pool: BalancerPool,
  side: SwapSide,
  amountIn: bigint,
  r: SwapOutcome,
): SwapQuote<bigint, bigint> {
  const before = spotPrice(pool)
  const grossIn = r.amountPaidIn + r.feePaid
  const after = pool.mechanism === 1 ? priceAfter(pool, side, r) : before
  return Object.freeze({
    side,
    amountIn,
    grossIn,
    fee: r.feePaid,
    netIn: r.amountPaidIn,
    amountOut: r.amountPaidOut,
    unspent: amountIn > grossIn ? amountIn - grossIn : 0n,
    limited: r.limited,
    spotBefore: before,
    spotAfter: after,
    priceImpact: impactBits(side, before, r.amountPaidIn, r.amountPaidOut) as U64F64,
    effectivePrice: (side === 'buy'
      ? ratioBits(grossIn, r.amountPaidOut)
      : ratioBits(r.amountPaidOut, grossIn)) as U64F64 | undefined,
    poolAfter: applySwap(pool, side, r),
  })
}

function positive(amount: bigint, what: string): void {
  if (amount === 0n) throw new AmountTooLowError({ amount, minimum: 1n, what })
}

/**
 * Quotes buying alpha with `tao` (exact in), bit-exact with the chain's swap (see
 * {@link swapTaoForAlpha}), with fee, price impact, effective price and the pool afterwards.
 *
 * @param pool - The pool.
 * @param tao - Gross TAO offered, rao (> 0).
 * @param options - Limit price (default `max_price`), `dropFees`, `rules`.
 * @returns The quote.
 * @throws {@link AmountTooLowError} For 0.
 * @throws {@link SwapInputTooLargeError} / {@link ReservesTooLowError} / {@link PriceLimitExceededError}
 * As the chain.
 * @throws `Fixed.InvalidAmountError` / `Fixed.AmountOutOfRangeError` For negative or > u64 amounts.
 * @example
 * ```ts
 * import { balancerPool, quoteBuy } from '@dtao/amm'
 * import { taoBalance } from '@dtao/fixed'
 *
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 4n * 10n ** 9n })
 * const q = quoteBuy(pool, taoBalance(2000n))
 * // q.fee: 1n, q.netIn: 1999n, q.amountOut: 7995n
 * ```
 * @see subtensor `pallets/swap/src/pallet/impls.rs` · `Pallet::do_swap`
 */
export function quoteBuy(
  pool: BalancerPool,
  tao: TaoBalance,
  options: QuoteOptions = {},
): SwapQuote<TaoBalance, AlphaBalance> {
  const amount = taoBalance(tao)
  positive(amount, 'TAO amount')
  return buildQuote(pool, 'buy', amount, doSwap(pool, 'buy', amount, options)) as SwapQuote<
    TaoBalance,
    AlphaBalance
  >
}

/**
 * Quotes selling `alpha` for TAO (exact in), bit-exact with the chain's swap (see
 * {@link swapAlphaForTao}). The fee is in alpha.
 *
 * @param pool - The pool.
 * @param alpha - Gross alpha offered, rao (> 0).
 * @param options - Limit price (default `min_price`), `dropFees`, `rules`.
 * @returns The quote.
 * @throws {@link AmountTooLowError} For 0.
 * @throws {@link SwapInputTooLargeError} / {@link ReservesTooLowError} / {@link PriceLimitExceededError}
 * As the chain.
 * @throws `Fixed.InvalidAmountError` / `Fixed.AmountOutOfRangeError` For negative or > u64 amounts.
 * @example
 * ```ts
 * import { balancerPool, quoteSell } from '@dtao/amm'
 * import { alphaBalance } from '@dtao/fixed'
 *
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 4n * 10n ** 9n })
 * quoteSell(pool, alphaBalance(2000n)).amountOut // 499n
 * ```
 * @see subtensor `pallets/swap/src/pallet/impls.rs` · `Pallet::do_swap`
 */
export function quoteSell(
  pool: BalancerPool,
  alpha: AlphaBalance,
  options: QuoteOptions = {},
): SwapQuote<AlphaBalance, TaoBalance> {
  const amount = alphaBalance(alpha)
  positive(amount, 'alpha amount')
  return buildQuote(pool, 'sell', amount, doSwap(pool, 'sell', amount, options)) as SwapQuote<
    AlphaBalance,
    TaoBalance
  >
}

/** Largest gross input the input cap admits: max A with A − fee(A) ≤ 1000 × reserve. */
function maxGrossInput(pool: BalancerPool, side: SwapSide, options: QuoteOptions): bigint {
  const rules = balancerRules(options.rules)
  if (rules.maxInputReserveMultiplier === undefined || pool.mechanism !== 1) return MAX_U64
  const cap = u64SatMul(
    side === 'buy' ? pool.taoReserve : pool.alphaReserve,
    rules.maxInputReserveMultiplier,
  )
  const dropFees = options.dropFees ?? false
  const net = (a: bigint) => a - feeAmount(a, pool.feeRate, dropFees)
  if (net(MAX_U64) <= cap) return MAX_U64
  let lo = 0n // net(lo) ≤ cap
  let hi = MAX_U64 // net(hi) > cap
  while (hi - lo > 1n) {
    const mid = (lo + hi) >> 1n
    if (net(mid) <= cap) lo = mid
    else hi = mid
  }
  return lo
}

/** Output of a gross input for the search: errors that mean "nothing comes out" count as 0. */
function outputOf(
  pool: BalancerPool,
  side: SwapSide,
  amount: bigint,
  options: QuoteOptions,
): bigint {
  try {
    return doSwap(pool, side, amount, options).amountPaidOut
  } catch (e) {
    if (
      e instanceof Error &&
      e.name === 'Amm.ReservesTooLowError' &&
      (e as { reason?: string }).reason === 'zeroOutput'
    )
      return 0n
    throw e
  }
}

function exactOut(
  pool: BalancerPool,
  side: SwapSide,
  wanted: bigint,
  options: QuoteOptions,
): SwapQuote<bigint, bigint> {
  positive(wanted, side === 'buy' ? 'alpha wanted' : 'TAO wanted')
  const hiCap = maxGrossInput(pool, side, options)
  const reachable = outputOf(pool, side, hiCap, options)
  if (reachable < wanted) throw new ExactOutUnreachableError({ side, wanted, reachable })
  // Invariant: output(lo) < wanted ≤ output(hi). output(0) = 0 < wanted. Probes interpolate on the
  // (smooth, monotone) output curve, with a bisection step whenever a probe fails to halve the
  // bracket, so the search ends in a few steps and never takes more than ~2·64.
  let lo = 0n
  let outLo = 0n
  let hi = hiCap
  let outHi = reachable
  let bisect = false
  while (hi - lo > 1n) {
    let mid: bigint
    if (bisect || outHi <= outLo) {
      mid = (lo + hi) >> 1n
    } else {
      mid = lo + ((wanted - outLo) * (hi - lo)) / (outHi - outLo)
      if (mid <= lo) mid = lo + 1n
      if (mid >= hi) mid = hi - 1n
    }
    const width = hi - lo
    const out = outputOf(pool, side, mid, options)
    if (out >= wanted) {
      hi = mid
      outHi = out
    } else {
      lo = mid
      outLo = out
    }
    bisect = !bisect && (hi - lo) * 2n > width
  }
  const r = doSwap(pool, side, hi, options)
  return buildQuote(pool, side, hi, r)
}

/**
 * The least TAO whose exact-in buy pays out at least `alphaOut` — what the chain cannot tell a
 * wallet (it has no exact-out swap). Found by bisection over the chain's own exact-in function and
 * verified minimal: one rao less yields less than `alphaOut`.
 *
 * @param pool - The pool.
 * @param alphaOut - Alpha wanted, rao (> 0).
 * @param options - Limit price, `dropFees`, `rules` (as {@link quoteBuy}).
 * @returns The exact-in quote of the minimal input (`amountOut` ≥ `alphaOut`).
 * @throws {@link ExactOutUnreachableError} If no input within the chain's input cap gives that much.
 * @throws {@link AmountTooLowError} For 0.
 * @example
 * ```ts
 * import { balancerPool, quoteBuyExactOut } from '@dtao/amm'
 * import { alphaBalance } from '@dtao/fixed'
 *
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 4n * 10n ** 9n })
 * quoteBuyExactOut(pool, alphaBalance(7995n)).amountIn // 2000n (1999 gives 7991)
 * ```
 */
export function quoteBuyExactOut(
  pool: BalancerPool,
  alphaOut: AlphaBalance,
  options: QuoteOptions = {},
): SwapQuote<TaoBalance, AlphaBalance> {
  return exactOut(pool, 'buy', alphaBalance(alphaOut), options) as SwapQuote<
    TaoBalance,
    AlphaBalance
  >
}

/**
 * The least alpha whose exact-in sell pays out at least `taoOut`, found by bisection over the
 * chain's exact-in function and verified minimal (one rao less yields less than `taoOut`).
 *
 * @param pool - The pool.
 * @param taoOut - TAO wanted, rao (> 0).
 * @param options - Limit price, `dropFees`, `rules` (as {@link quoteSell}).
 * @returns The exact-in quote of the minimal input (`amountOut` ≥ `taoOut`).
 * @throws {@link ExactOutUnreachableError} If no input within the chain's input cap gives that much.
 * @throws {@link AmountTooLowError} For 0.
 * @example
 * ```ts
 * import { balancerPool, quoteSellExactOut } from '@dtao/amm'
 * import { taoBalance } from '@dtao/fixed'
 *
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 4n * 10n ** 9n })
 * quoteSellExactOut(pool, taoBalance(499n)).amountOut >= 499n // true
 * ```
 */
export function quoteSellExactOut(
  pool: BalancerPool,
  taoOut: TaoBalance,
  options: QuoteOptions = {},
): SwapQuote<AlphaBalance, TaoBalance> {
  return exactOut(pool, 'sell', taoBalance(taoOut), options) as SwapQuote<AlphaBalance, TaoBalance>
}
