import { BaseError } from '@dtao/errors'

/** Which way a swap goes: `'buy'` is TAO in, alpha out (`GetAlphaForTao`); `'sell'` is alpha in, TAO out (`GetTaoForAlpha`). */
export type SwapSide = 'buy' | 'sell'

/**
 * The swap pallet's `SwapInputTooLarge`: the input net of fee exceeds 1000 × the input reserve
 * (spec ≥ 424).
 *
 * @example
 * ```ts
 * import { balancerPool, swapTaoForAlpha } from '@dtao/amm'
 * import { isDtaoError } from '@dtao/errors'
 * import { taoBalance } from '@dtao/fixed'
 *
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 6n, alphaReserve: 10n ** 9n })
 * try { swapTaoForAlpha(pool, taoBalance(10n ** 10n)) } catch (e) {
 *   isDtaoError(e, 'Amm.SwapInputTooLargeError') // true: 10¹⁰ − fee > 1000 × 10⁶
 * }
 * ```
 */
export class SwapInputTooLargeError extends BaseError {
  override readonly name = 'Amm.SwapInputTooLargeError'
  /** The chain's error name. */
  readonly chainError = 'SwapInputTooLarge'
  /** Direction of the swap. */
  readonly side: SwapSide
  /** Input net of the fee, in rao of the input token. */
  readonly netAmount: bigint
  /** The largest accepted net input (1000 × the input reserve), in rao. */
  readonly maxAmount: bigint

  constructor({
    side,
    netAmount,
    maxAmount,
  }: { side: SwapSide; netAmount: bigint; maxAmount: bigint }) {
    super(
      `Swap input ${netAmount} ${side === 'buy' ? 'TAO' : 'alpha'} rao (net of fee) exceeds ${maxAmount} rao, 1000 × the input reserve.`,
      { metaMessages: ['Quote a smaller amount (chain error SwapInputTooLarge).'] },
    )
    this.side = side
    this.netAmount = netAmount
    this.maxAmount = maxAmount
  }
}

/**
 * The swap pallet's `ReservesTooLow`: the output reserve is below `SwapMinimumReserve`, or a swap
 * with positive input would pay out 0 (dust).
 *
 * @example
 * ```ts
 * import { balancerPool, swapTaoForAlpha } from '@dtao/amm'
 * import { isDtaoError } from '@dtao/errors'
 * import { taoBalance } from '@dtao/fixed'
 *
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 12n, alphaReserve: 999_999n })
 * try { swapTaoForAlpha(pool, taoBalance(10n ** 9n)) } catch (e) {
 *   isDtaoError(e, 'Amm.ReservesTooLowError') // true: alpha reserve below 10⁶ rao
 * }
 * ```
 */
export class ReservesTooLowError extends BaseError {
  override readonly name = 'Amm.ReservesTooLowError'
  /** The chain's error name. */
  readonly chainError = 'ReservesTooLow'
  /** Direction of the swap. */
  readonly side: SwapSide
  /** `'reserve'`: output reserve below the minimum; `'zeroOutput'`: positive input, zero output. */
  readonly reason: 'reserve' | 'zeroOutput'
  /** The output reserve in rao. */
  readonly reserveOut: bigint
  /** The minimum output reserve in rao. */
  readonly minimumReserve: bigint

  constructor({
    side,
    reason,
    reserveOut,
    minimumReserve,
  }: {
    side: SwapSide
    reason: 'reserve' | 'zeroOutput'
    reserveOut: bigint
    minimumReserve: bigint
  }) {
    super(
      reason === 'reserve'
        ? `Output reserve ${reserveOut} ${side === 'buy' ? 'alpha' : 'TAO'} rao is below the minimum ${minimumReserve} rao.`
        : 'The swap would pay out 0: the input is too small for this pool.',
      { metaMessages: ['Chain error ReservesTooLow.'] },
    )
    this.side = side
    this.reason = reason
    this.reserveOut = reserveOut
    this.minimumReserve = minimumReserve
  }
}

/**
 * The swap pallet's `PriceLimitExceeded`: the limit is not strictly beyond the current price
 * (buys need price < limit, sells price > limit).
 *
 * @example
 * ```ts
 * import { balancerPool, currentAlphaPrice, swapTaoForAlpha } from '@dtao/amm'
 * import { isDtaoError } from '@dtao/errors'
 * import { taoBalance } from '@dtao/fixed'
 *
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 4n * 10n ** 9n })
 * try { swapTaoForAlpha(pool, taoBalance(10n ** 6n), { limitPriceRao: currentAlphaPrice(pool) }) } catch (e) {
 *   isDtaoError(e, 'Amm.PriceLimitExceededError') // true: a buy limit must be strictly above the price
 * }
 * ```
 */
export class PriceLimitExceededError extends BaseError {
  override readonly name = 'Amm.PriceLimitExceededError'
  /** The chain's error name. */
  readonly chainError = 'PriceLimitExceeded'
  /** Direction of the swap. */
  readonly side: SwapSide
  /** Current spot price, U64F64 bits (TAO per alpha). */
  readonly currentPrice: bigint
  /** Limit price, U64F64 bits (TAO per alpha). */
  readonly limitPrice: bigint

  constructor({
    side,
    currentPrice,
    limitPrice,
  }: { side: SwapSide; currentPrice: bigint; limitPrice: bigint }) {
    super(
      `Limit price (bits ${limitPrice}) is on the wrong side of the current price (bits ${currentPrice}) for a ${side}.`,
      {
        metaMessages: [
          side === 'buy'
            ? 'A buy needs a limit strictly above the current price.'
            : 'A sell needs a limit strictly below the current price.',
          'Chain error PriceLimitExceeded.',
        ],
      },
    )
    this.side = side
    this.currentPrice = currentPrice
    this.limitPrice = limitPrice
  }
}

/**
 * `InsufficientLiquidity`: the pool cannot pay out the amount (swap pallet), or the staking
 * extrinsic refuses an amount above 1000 × the reserve, or its simulation fails.
 *
 * @example
 * ```ts
 * import { addStake, balancerPool } from '@dtao/amm'
 * import { isDtaoError } from '@dtao/errors'
 * import { taoBalance } from '@dtao/fixed'
 *
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 6n, alphaReserve: 10n ** 9n })
 * try { addStake(pool, taoBalance(2n * 10n ** 9n)) } catch (e) {
 *   isDtaoError(e, 'Amm.InsufficientLiquidityError') // true: above 1000 × SubnetTAO
 * }
 * ```
 */
export class InsufficientLiquidityError extends BaseError {
  override readonly name = 'Amm.InsufficientLiquidityError'
  /** The chain's error name. */
  readonly chainError = 'InsufficientLiquidity'
  /** The netuid of the pool. */
  readonly netuid: number
  /** The amount asked for, in rao. */
  readonly requested: bigint
  /** The amount available, in rao. */
  readonly available: bigint

  constructor({
    netuid,
    requested,
    available,
  }: { netuid: number; requested: bigint; available: bigint }) {
    super(`Pool ${netuid} cannot handle ${requested} rao: only ${available} rao available.`, {
      metaMessages: [
        'Quote a smaller amount, or refresh the pool state (chain error InsufficientLiquidity).',
      ],
    })
    this.netuid = netuid
    this.requested = requested
    this.available = available
  }
}

/**
 * The staking pallet's `AmountTooLow`: below the minimum stake, a zero output, or a zero amount.
 *
 * @example
 * ```ts
 * import { addStake, balancerPool } from '@dtao/amm'
 * import { isDtaoError } from '@dtao/errors'
 * import { taoBalance } from '@dtao/fixed'
 *
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 12n, alphaReserve: 10n ** 12n })
 * try { addStake(pool, taoBalance(2_000_000n)) } catch (e) {
 *   isDtaoError(e, 'Amm.AmountTooLowError') // true: below 2 000 000 + fee
 * }
 * ```
 */
export class AmountTooLowError extends BaseError {
  override readonly name = 'Amm.AmountTooLowError'
  /** The chain's error name. */
  readonly chainError = 'AmountTooLow'
  /** The amount, in rao. */
  readonly amount: bigint
  /** The minimum accepted, in rao. */
  readonly minimum: bigint

  constructor({ amount, minimum, what }: { amount: bigint; minimum: bigint; what: string }) {
    super(`${what} ${amount} rao is below the minimum ${minimum} rao.`, {
      metaMessages: ['Chain error AmountTooLow.'],
    })
    this.amount = amount
    this.minimum = minimum
  }
}

/**
 * The staking pallet's `SlippageTooHigh`: a fill-or-kill limit order (`allow_partial = false`)
 * cannot be filled in full within the limit price.
 *
 * @example
 * ```ts
 * import { addStake, balancerPool, limitPriceForBuy } from '@dtao/amm'
 * import { isDtaoError } from '@dtao/errors'
 * import { taoBalance } from '@dtao/fixed'
 *
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 10n ** 9n })
 * try { addStake(pool, taoBalance(10n ** 9n), { limitPriceRao: limitPriceForBuy(pool, 50) }) } catch (e) {
 *   isDtaoError(e, 'Amm.SlippageTooHighError') // true: 1 TAO moves this pool far more than 0.5 %
 * }
 * ```
 */
export class SlippageTooHighError extends BaseError {
  override readonly name = 'Amm.SlippageTooHighError'
  /** The chain's error name. */
  readonly chainError = 'SlippageTooHigh'
  /** The amount asked for, in rao. */
  readonly amount: bigint
  /** The most the limit allows, in rao. */
  readonly maxAmount: bigint

  constructor({ amount, maxAmount }: { amount: bigint; maxAmount: bigint }) {
    super(`Amount ${amount} rao exceeds ${maxAmount} rao, the most the limit price allows.`, {
      metaMessages: [
        'Pass allowPartial: true, or move the limit price (chain error SlippageTooHigh).',
      ],
    })
    this.amount = amount
    this.maxAmount = maxAmount
  }
}

/**
 * The staking pallet's `NotEnoughStakeToWithdraw` / `NotEnoughBalanceToStake`: the account does not
 * hold the amount.
 *
 * @example
 * ```ts
 * import { addStake, balancerPool } from '@dtao/amm'
 * import { isDtaoError } from '@dtao/errors'
 * import { taoBalance } from '@dtao/fixed'
 *
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 12n, alphaReserve: 10n ** 12n })
 * try { addStake(pool, taoBalance(10n ** 9n), { freeBalance: taoBalance(1n) }) } catch (e) {
 *   isDtaoError(e, 'Amm.InsufficientBalanceError') // true
 * }
 * ```
 */
export class InsufficientBalanceError extends BaseError {
  override readonly name = 'Amm.InsufficientBalanceError'
  /** The chain's error name. */
  readonly chainError: 'NotEnoughBalanceToStake' | 'NotEnoughStakeToWithdraw'
  /** The amount asked for, in rao. */
  readonly amount: bigint
  /** The balance held, in rao. */
  readonly balance: bigint

  constructor({
    chainError,
    amount,
    balance,
  }: {
    chainError: 'NotEnoughBalanceToStake' | 'NotEnoughStakeToWithdraw'
    amount: bigint
    balance: bigint
  }) {
    super(`Amount ${amount} rao exceeds the balance ${balance} rao.`, {
      metaMessages: [`Chain error ${chainError}.`],
    })
    this.chainError = chainError
    this.amount = amount
    this.balance = balance
  }
}

/**
 * A pool field that the chain could never hold: a weight outside [0.01, 0.99], a fee rate or
 * netuid outside u16, or a non-integer.
 *
 * @example
 * ```ts
 * import { balancerPool } from '@dtao/amm'
 * import { isDtaoError } from '@dtao/errors'
 *
 * try {
 *   balancerPool({ netuid: 1, taoReserve: 10n ** 12n, alphaReserve: 10n ** 12n, quoteWeight: 5n * 10n ** 15n })
 * } catch (e) { isDtaoError(e, 'Amm.InvalidPoolError') } // true
 * ```
 */
export class InvalidPoolError extends BaseError {
  override readonly name = 'Amm.InvalidPoolError'
  /** The offending field. */
  readonly field: string
  /** The offending value, as a string. */
  readonly value: string

  constructor({ field, value, expected }: { field: string; value: string; expected: string }) {
    super(`Invalid pool ${field} ${value}: expected ${expected}.`)
    this.field = field
    this.value = value
  }
}

/**
 * An argument outside its documented range (a slippage tolerance outside [0, 10 000] bps, a
 * non-integer, an amount of 0 where a quote needs a positive one).
 *
 * @example
 * ```ts
 * import { minimumOut } from '@dtao/amm'
 * import { isDtaoError } from '@dtao/errors'
 *
 * try { minimumOut(1000n, 0.5) } catch (e) {
 *   isDtaoError(e, 'Amm.InvalidArgumentError') // true: tolerances are integer basis points (50 = 0.5 %)
 * }
 * ```
 */
export class InvalidArgumentError extends BaseError {
  override readonly name = 'Amm.InvalidArgumentError'
  /** The argument's name. */
  readonly argument: string

  constructor({
    argument,
    value,
    expected,
  }: { argument: string; value: string; expected: string }) {
    super(`Invalid ${argument} ${value}: expected ${expected}.`)
    this.argument = argument
  }
}

/**
 * An exact-out request that no input can satisfy: the wanted output is above what the pool can
 * pay within the chain's input cap and price limit.
 *
 * @example
 * ```ts
 * import { balancerPool, quoteBuyExactOut } from '@dtao/amm'
 * import { isDtaoError } from '@dtao/errors'
 * import { alphaBalance } from '@dtao/fixed'
 *
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 4n * 10n ** 9n })
 * try { quoteBuyExactOut(pool, alphaBalance(4n * 10n ** 9n)) } catch (e) {
 *   isDtaoError(e, 'Amm.ExactOutUnreachableError') // true: the whole reserve is never paid out
 * }
 * ```
 */
export class ExactOutUnreachableError extends BaseError {
  override readonly name = 'Amm.ExactOutUnreachableError'
  /** Direction of the swap. */
  readonly side: SwapSide
  /** The output asked for, in rao. */
  readonly wanted: bigint
  /** The largest output reachable, in rao. */
  readonly reachable: bigint

  constructor({ side, wanted, reachable }: { side: SwapSide; wanted: bigint; reachable: bigint }) {
    super(
      `No ${side === 'buy' ? 'TAO' : 'alpha'} input yields ${wanted} ${side === 'buy' ? 'alpha' : 'TAO'} rao: at most ${reachable} rao is reachable.`,
      { metaMessages: ['Ask for less, or raise the price limit.'] },
    )
    this.side = side
    this.wanted = wanted
    this.reachable = reachable
  }
}
