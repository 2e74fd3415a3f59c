import { type AlphaBalance, alphaBalance, type TaoBalance, taoBalance } from '@dtao/fixed'
import {
  AmountTooLowError,
  InsufficientBalanceError,
  InsufficientLiquidityError,
  SlippageTooHighError,
} from './errors.js'
import { balancerRules } from './internal/balancerRules.js'
import { doSwap, feeAmount } from './internal/doSwap.js'
import { fromU64, satMul, toU64, u64SatAdd, u64SatMul, u64SatSub } from './internal/u64f64.js'
import { getMaxAmountAdd, getMaxAmountMove, getMaxAmountRemove } from './maxAmount.js'
import type { BalancerPool } from './pool.js'
import { spotPrice } from './price.js'
import type { ChainRules } from './rules.js'
import { applySwap } from './state.js'
import type { SwapResult } from './swap.js'

/** Options shared by the staking emulations. */
export type StakingOptions = {
  /** Chain rules (Balancer era). Default: the latest known spec. */
  readonly rules?: ChainRules
  /**
   * Whether the block has an author (always on a live chain). With an author the buy fee is paid to
   * it and a sell's alpha fee is sold into the pool for it; without one both are burned. Default true.
   */
  readonly blockAuthor?: boolean
}

/** What `add_stake` / `add_stake_limit` do to the caller and the pool. */
export type AddStakeResult = {
  /** The pool afterwards. */
  readonly pool: BalancerPool
  /** TAO taken from the caller's free balance (the possibly clipped amount), rao. */
  readonly taoSpent: TaoBalance
  /** Alpha credited to the caller's stake, rao. */
  readonly alphaStaked: AlphaBalance
  /** The swap itself (TAO net of fee into the reserve, alpha out, fee). */
  readonly swap: SwapResult<TaoBalance, AlphaBalance>
  /** TAO paid to the block author (the fee), rao; 0 without an author. */
  readonly blockAuthorTao: TaoBalance
  /** TAO burned (the fee when there is no author), rao. */
  readonly burnedTao: TaoBalance
  /** TAO moved to the subnet account but not swapped (not refunded on buys), rao. */
  readonly unspentTao: TaoBalance
  /** The caller's free balance afterwards, if `freeBalance` was given. */
  readonly freeBalanceAfter: TaoBalance | undefined
}

/** What `remove_stake` / `remove_stake_limit` do to the caller and the pool. */
export type RemoveStakeResult = {
  /** The pool afterwards, including the fee sale. */
  readonly pool: BalancerPool
  /** Alpha removed from the caller's stake, net of the refund, rao. */
  readonly alphaUnstaked: AlphaBalance
  /** Alpha refunded to the stake (only when a limit clipped the order), rao. */
  readonly alphaRefunded: AlphaBalance
  /** TAO credited to the caller's free balance, rao. */
  readonly taoReceived: TaoBalance
  /** The swap itself (alpha net of fee into the reserve, TAO out, alpha fee). */
  readonly swap: SwapResult<AlphaBalance, TaoBalance>
  /** TAO the block author gets from selling the alpha fee into the same pool, rao. */
  readonly blockAuthorTao: TaoBalance
  /** Alpha burned (the fee when there is no author), rao. */
  readonly burnedAlpha: AlphaBalance
  /** The caller's stake afterwards, if `stake` was given. */
  readonly stakeAfter: AlphaBalance | undefined
}

/** What a cross- or same-subnet move (`move_stake`, `swap_stake`, `transfer_stake`) does. */
export type MoveStakeResult = {
  /** The origin pool afterwards. */
  readonly origin: BalancerPool
  /** The destination pool afterwards (the same object as `origin` for a same-subnet move). */
  readonly destination: BalancerPool
  /** Alpha taken from the origin stake (net of any refund), rao. */
  readonly alphaMoved: AlphaBalance
  /** TAO the sell leg produced (for a same-subnet move: the TAO equivalent at the spot price), rao. */
  readonly taoMoved: TaoBalance
  /** Alpha credited on the destination, rao (0 when the TAO was below the minimum stake and stays free). */
  readonly alphaReceived: AlphaBalance
  /** TAO left as free balance of the destination coldkey (when below the minimum stake), rao. */
  readonly taoLeftFree: TaoBalance
  /** The sell leg, if any. */
  readonly sell: RemoveStakeResult | undefined
  /** The buy leg, if any. */
  readonly buy: AddStakeResult | undefined
}

/** `validate_add_stake`'s minimum: DefaultMinStake + the fee of a simulated min-stake buy. */
function minAddAmount(pool: BalancerPool, rules: ChainRules): bigint {
  const min = rules.minStake
  let fee: bigint
  try {
    fee = doSwap(pool, 'buy', min, { simulate: true, rules }).feePaid
  } catch {
    fee = pool.mechanism === 1 ? feeAmount(min, pool.feeRate, false) : 0n
  }
  return u64SatAdd(min, fee)
}

function simOrInsufficient(
  pool: BalancerPool,
  side: 'buy' | 'sell',
  amount: bigint,
  rules: ChainRules,
): ReturnType<typeof doSwap> {
  try {
    return doSwap(pool, side, amount, { simulate: true, rules })
  } catch {
    throw new InsufficientLiquidityError({ netuid: pool.netuid, requested: amount, available: 0n })
  }
}

function stakeIntoSubnet(
  pool: BalancerPool,
  tao: bigint,
  limitPriceRao: bigint,
  dropFees: boolean,
  rules: ChainRules,
  blockAuthor: boolean,
): Omit<AddStakeResult, 'freeBalanceAfter'> {
  const r = doSwap(pool, 'buy', tao, { limitPriceRao, dropFees, rules })
  if (r.amountPaidOut === 0n) {
    throw new AmountTooLowError({ amount: r.amountPaidOut, minimum: 1n, what: 'Alpha out' })
  }
  const swap: SwapResult<TaoBalance, AlphaBalance> = {
    amountPaidIn: r.amountPaidIn as TaoBalance,
    amountPaidOut: r.amountPaidOut as AlphaBalance,
    feePaid: r.feePaid as TaoBalance,
    feeToBlockAuthor: r.feeToBlockAuthor as TaoBalance,
  }
  const consumed = r.amountPaidIn + r.feeToBlockAuthor
  return {
    pool: applySwap(pool, 'buy', swap),
    taoSpent: tao as TaoBalance,
    alphaStaked: swap.amountPaidOut,
    swap,
    blockAuthorTao: (blockAuthor ? r.feeToBlockAuthor : 0n) as TaoBalance,
    burnedTao: (blockAuthor ? 0n : r.feeToBlockAuthor) as TaoBalance,
    unspentTao: (tao > consumed ? tao - consumed : 0n) as TaoBalance,
  }
}

function unstakeFromSubnet(
  pool: BalancerPool,
  alpha: bigint,
  limitPriceRao: bigint,
  dropFees: boolean,
  rules: ChainRules,
  blockAuthor: boolean,
): Omit<RemoveStakeResult, 'stakeAfter'> {
  const r = doSwap(pool, 'sell', alpha, { limitPriceRao, dropFees, rules })
  const swap: SwapResult<AlphaBalance, TaoBalance> = {
    amountPaidIn: r.amountPaidIn as AlphaBalance,
    amountPaidOut: r.amountPaidOut as TaoBalance,
    feePaid: r.feePaid as AlphaBalance,
    feeToBlockAuthor: r.feeToBlockAuthor as AlphaBalance,
  }
  const refund = u64SatSub(alpha, u64SatAdd(r.amountPaidIn, r.feePaid))
  let after = applySwap(pool, 'sell', swap)
  let authorTao = 0n
  let burned = 0n
  if (blockAuthor) {
    // The alpha fee is sold again into the same pool, fee-free, at min_price (errors propagate).
    const sale = doSwap(after, 'sell', r.feeToBlockAuthor, {
      limitPriceRao: rules.minPriceRao,
      dropFees: true,
      rules,
    })
    after = applySwap(after, 'sell', sale)
    authorTao = sale.amountPaidOut
  } else {
    burned = r.feeToBlockAuthor
  }
  return {
    pool: after,
    alphaUnstaked: (alpha - refund) as AlphaBalance,
    alphaRefunded: refund as AlphaBalance,
    taoReceived: swap.amountPaidOut,
    swap,
    blockAuthorTao: authorTao as TaoBalance,
    burnedAlpha: burned as AlphaBalance,
  }
}

/**
 * Emulates `add_stake` (no `limitPriceRao`) or `add_stake_limit` on a Balancer-era pool: the 1000×
 * input cap, `get_max_amount_add`, `validate_add_stake` (minimum stake + fee, fill-or-kill unless
 * `allowPartial`, simulated output), then `stake_into_subnet` with the fee to the block author.
 *
 * Not modelled: the transaction fee, and the existential deposit (`transfer_tao_to_subnet` moves
 * min(amount, reducible balance); `freeBalance` is checked as fully spendable). Any TAO the swap
 * does not consume stays in the subnet account (`unspentTao`; 0 in practice, as the amount is
 * pre-sized by `get_max_amount_add`).
 *
 * @param pool - The pool.
 * @param tao - TAO to stake, rao.
 * @param options - `limitPriceRao` (rao per alpha; see {@link limitPriceForBuy}), `allowPartial`
 * (default false), `freeBalance` (checks `NotEnoughBalanceToStake`), `blockAuthor`, `rules`.
 * @returns The caller's and the pool's state afterwards.
 * @throws {@link InsufficientLiquidityError} Above 1000 × SubnetTAO, or the simulation fails.
 * @throws {@link AmountTooLowError} Below DefaultMinStake + fee, or a zero output.
 * @throws {@link SlippageTooHighError} Fill-or-kill that the limit cannot fill.
 * @throws {@link PriceLimitExceededError} A limit not above the spot price.
 * @throws {@link InsufficientBalanceError} More than `freeBalance`.
 * @example
 * ```ts
 * import { addStake, balancerPool } from '@dtao/amm'
 * import { taoBalance } from '@dtao/fixed'
 *
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 12n, alphaReserve: 4n * 10n ** 12n })
 * const r = addStake(pool, taoBalance(1_000_000_000n))
 * // r.swap.feePaid: 503547n (⌊10⁹·33/65535⌋), r.blockAuthorTao: 503547n
 * ```
 * @see subtensor `pallets/subtensor/src/staking/add_stake.rs` · `do_add_stake`, `do_add_stake_limit`
 */
export function addStake(
  pool: BalancerPool,
  tao: TaoBalance,
  options: StakingOptions & {
    /** `limit_price` in rao per alpha (`add_stake_limit`); absent for plain `add_stake`. */
    readonly limitPriceRao?: TaoBalance
    /** `allow_partial` of `add_stake_limit`. Default false. */
    readonly allowPartial?: boolean
    /** The coldkey's free balance, to check and report. */
    readonly freeBalance?: TaoBalance
  } = {},
): AddStakeResult {
  const rules = balancerRules(options.rules)
  const amount = taoBalance(tao)
  const blockAuthor = options.blockAuthor ?? true
  if (rules.extrinsicInputCap && pool.netuid !== 0 && pool.mechanism === 1) {
    const max = u64SatMul(pool.taoReserve, 1000n)
    if (amount > max)
      throw new InsufficientLiquidityError({
        netuid: pool.netuid,
        requested: amount,
        available: max,
      })
  }
  const limit = options.limitPriceRao
  const maxAmount = limit === undefined ? amount : getMaxAmountAdd(pool, limit, { rules })
  const possible = amount > maxAmount ? maxAmount : amount
  // validate_add_stake(amount, maxAmount, allowPartial)
  const minAmount = minAddAmount(pool, rules)
  if (amount < minAmount) throw new AmountTooLowError({ amount, minimum: minAmount, what: 'Stake' })
  let toStake: bigint = amount
  if (options.allowPartial !== true || limit === undefined) {
    if (amount > maxAmount) throw new SlippageTooHighError({ amount, maxAmount })
  } else {
    toStake = possible
  }
  if (options.freeBalance !== undefined && options.freeBalance < toStake) {
    throw new InsufficientBalanceError({
      chainError: 'NotEnoughBalanceToStake',
      amount: toStake,
      balance: options.freeBalance,
    })
  }
  const sim = simOrInsufficient(pool, 'buy', toStake, rules)
  if (sim.amountPaidIn < rules.minStake) {
    throw new AmountTooLowError({
      amount: sim.amountPaidIn,
      minimum: rules.minStake,
      what: 'Stake net of fee',
    })
  }
  if (sim.amountPaidOut === 0n) {
    throw new InsufficientLiquidityError({ netuid: pool.netuid, requested: toStake, available: 0n })
  }
  const r = stakeIntoSubnet(pool, possible, limit ?? rules.maxPriceRao, false, rules, blockAuthor)
  return {
    ...r,
    freeBalanceAfter:
      options.freeBalance === undefined
        ? undefined
        : ((options.freeBalance - possible) as TaoBalance),
  }
}

/**
 * Emulates `remove_stake` (no `limitPriceRao`) or `remove_stake_limit`: the 1000× input cap,
 * `get_max_amount_remove`, `validate_remove_stake` (minimum 0.002 TAO out unless the whole position
 * goes, fill-or-kill unless `allowPartial`), then `unstake_from_subnet` — the swap, the refund of
 * unspent alpha, and the **fee sale**: the alpha fee is sold again into the same pool for the block
 * author, so the pool afterwards reflects both sales.
 *
 * @param pool - The pool.
 * @param alpha - Alpha to unstake, rao.
 * @param options - `limitPriceRao` (see {@link limitPriceForSell}), `allowPartial`, `stake` (the
 * position; without it the minimum-output rule always applies), `blockAuthor`, `rules`.
 * @returns The caller's and the pool's state afterwards.
 * @throws {@link InsufficientLiquidityError} Above 1000 × SubnetAlphaIn, or the simulation fails.
 * @throws {@link AmountTooLowError} Zero, or output below DefaultMinStake for a partial unstake.
 * @throws {@link SlippageTooHighError} Fill-or-kill that the limit cannot fill.
 * @throws {@link InsufficientBalanceError} More than `stake` (limit orders).
 * @throws {@link ReservesTooLowError} The fee sale pays out 0 (dust positions).
 * @example
 * ```ts
 * import { balancerPool, removeStake } from '@dtao/amm'
 * import { alphaBalance } from '@dtao/fixed'
 *
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 12n, alphaReserve: 4n * 10n ** 12n })
 * const r = removeStake(pool, alphaBalance(4_000_000_000n))
 * // r.swap.feePaid: 2014190n alpha (⌊4·10⁹·⌊33·2⁶⁴/65535⌋/2⁶⁴⌋), sold for the block author
 * ```
 * @see subtensor `pallets/subtensor/src/staking/remove_stake.rs` · `do_remove_stake`, `do_remove_stake_limit`
 */
export function removeStake(
  pool: BalancerPool,
  alpha: AlphaBalance,
  options: StakingOptions & {
    /** `limit_price` in rao per alpha (`remove_stake_limit`); absent for plain `remove_stake`. */
    readonly limitPriceRao?: TaoBalance
    /** `allow_partial` of `remove_stake_limit`. Default false. */
    readonly allowPartial?: boolean
    /** The caller's stake on this hotkey and subnet (the position). */
    readonly stake?: AlphaBalance
  } = {},
): RemoveStakeResult {
  const rules = balancerRules(options.rules)
  const blockAuthor = options.blockAuthor ?? true
  const limit = options.limitPriceRao
  let amount: bigint = alphaBalance(alpha)
  // do_remove_stake clamps to the stake held; the limit variant does not.
  if (limit === undefined && options.stake !== undefined && amount > options.stake)
    amount = options.stake
  if (rules.extrinsicInputCap && pool.netuid !== 0 && pool.mechanism === 1) {
    const max = u64SatMul(pool.alphaReserve, 1000n)
    if (amount > max)
      throw new InsufficientLiquidityError({
        netuid: pool.netuid,
        requested: amount,
        available: max,
      })
  }
  const maxAmount = limit === undefined ? amount : getMaxAmountRemove(pool, limit, { rules })
  const possible = amount > maxAmount ? maxAmount : amount
  // validate_remove_stake(amount, maxAmount, allowPartial)
  if (amount === 0n) throw new AmountTooLowError({ amount, minimum: 1n, what: 'Unstake amount' })
  if (options.stake !== undefined && amount > options.stake) {
    throw new InsufficientBalanceError({
      chainError: 'NotEnoughStakeToWithdraw',
      amount,
      balance: options.stake,
    })
  }
  const remaining = options.stake === undefined ? 1n : options.stake - amount
  const sim = simOrInsufficient(pool, 'sell', amount, rules)
  if (remaining !== 0n && sim.amountPaidOut < rules.minStake) {
    throw new AmountTooLowError({
      amount: sim.amountPaidOut,
      minimum: rules.minStake,
      what: 'Unstaked TAO',
    })
  }
  if (options.allowPartial !== true && amount > maxAmount) {
    throw new SlippageTooHighError({ amount, maxAmount })
  }
  const r = unstakeFromSubnet(pool, possible, limit ?? rules.minPriceRao, false, rules, blockAuthor)
  return {
    ...r,
    stakeAfter:
      options.stake === undefined ? undefined : ((options.stake - r.alphaUnstaked) as AlphaBalance),
  }
}

/**
 * Emulates `move_stake`, `swap_stake`, `transfer_stake` and `swap_stake_limit`
 * (`transition_stake_internal`), which share the same pool math; they differ only in which keys
 * own the stake. Across subnets: sell on the origin at `min_price` (fee charged unless the origin is
 * root, then sold for the author), then — if the TAO is at least DefaultMinStake — buy on the
 * destination at `max_price` with the fee **dropped** (unless the origin is root). Within one subnet:
 * a share transfer, no swap, whose TAO equivalent must reach DefaultMinStake.
 *
 * @param origin - The pool the stake leaves.
 * @param destination - The pool it enters (pass the same pool for a same-subnet move).
 * @param alpha - Alpha to move, rao.
 * @param options - `limitPriceRao` (ratio × 10⁹, `swap_stake_limit`; see {@link limitPriceForMove}),
 * `allowPartial`, `stake` (the origin position; the amount is clamped to it), `blockAuthor`, `rules`.
 * @returns Both pools afterwards and what moved.
 * @throws {@link InsufficientLiquidityError} The origin simulation fails.
 * @throws {@link AmountTooLowError} TAO equivalent not above DefaultMinStake (at least, within a subnet).
 * @throws {@link SlippageTooHighError} `allowPartial: false` and the limit allows less.
 * @example
 * ```ts
 * import { balancerPool, moveStake } from '@dtao/amm'
 * import { alphaBalance } from '@dtao/fixed'
 *
 * const a = balancerPool({ netuid: 1, taoReserve: 10n ** 12n, alphaReserve: 4n * 10n ** 12n })
 * const b = balancerPool({ netuid: 2, taoReserve: 10n ** 12n, alphaReserve: 10n ** 12n })
 * const r = moveStake(a, b, alphaBalance(40_000_000_000n))
 * // r.buy?.swap.feePaid: 0n (the buy leg is fee-free), r.sell?.swap.feePaid > 0n
 * ```
 * @see subtensor `pallets/subtensor/src/staking/move_stake.rs` · `transition_stake_internal`
 */
export function moveStake(
  origin: BalancerPool,
  destination: BalancerPool,
  alpha: AlphaBalance,
  options: StakingOptions & {
    /** `swap_stake_limit`'s ratio limit (origin/destination price × 10⁹). */
    readonly limitPriceRao?: TaoBalance
    /** `allow_partial` of `swap_stake_limit`. */
    readonly allowPartial?: boolean
    /** The origin position (the amount is clamped to it). */
    readonly stake?: AlphaBalance
  } = {},
): MoveStakeResult {
  const rules = balancerRules(options.rules)
  const blockAuthor = options.blockAuthor ?? true
  let amount: bigint = alphaBalance(alpha)
  if (options.stake !== undefined && amount > options.stake) amount = options.stake
  const same = origin.netuid === destination.netuid
  const limit = options.limitPriceRao
  const maxAmount =
    !same && limit !== undefined ? getMaxAmountMove(origin, destination, limit, { rules }) : amount
  // validate_stake_transition
  if (!same) {
    const sim = simOrInsufficient(origin, 'sell', amount, rules)
    if (!(sim.amountPaidOut > rules.minStake)) {
      throw new AmountTooLowError({
        amount: sim.amountPaidOut,
        minimum: rules.minStake + 1n,
        what: 'Moved TAO',
      })
    }
    if (limit !== undefined && options.allowPartial === false && amount > maxAmount) {
      throw new SlippageTooHighError({ amount, maxAmount })
    }
  }
  const moveAmount = amount < maxAmount ? amount : maxAmount
  if (same) {
    const taoEquivalent = toU64(satMul(spotPrice(origin), fromU64(moveAmount)))
    if (taoEquivalent < rules.minStake) {
      throw new AmountTooLowError({
        amount: taoEquivalent,
        minimum: rules.minStake,
        what: 'TAO equivalent',
      })
    }
    return {
      origin,
      destination: origin,
      alphaMoved: moveAmount as AlphaBalance,
      taoMoved: taoEquivalent as TaoBalance,
      alphaReceived: moveAmount as AlphaBalance,
      taoLeftFree: 0n as TaoBalance,
      sell: undefined,
      buy: undefined,
    }
  }
  const dropFeeOrigin = origin.netuid === 0
  const sell = unstakeFromSubnet(
    origin,
    moveAmount,
    rules.minPriceRao,
    dropFeeOrigin,
    rules,
    blockAuthor,
  )
  const tao = sell.taoReceived as bigint
  const sellResult: RemoveStakeResult = { ...sell, stakeAfter: undefined }
  if (tao < rules.minStake) {
    return {
      origin: sell.pool,
      destination,
      alphaMoved: sell.alphaUnstaked,
      taoMoved: tao as TaoBalance,
      alphaReceived: 0n as AlphaBalance,
      taoLeftFree: tao as TaoBalance,
      sell: sellResult,
      buy: undefined,
    }
  }
  const buy = stakeIntoSubnet(
    destination,
    tao,
    rules.maxPriceRao,
    !dropFeeOrigin,
    rules,
    blockAuthor,
  )
  return {
    origin: sell.pool,
    destination: buy.pool,
    alphaMoved: sell.alphaUnstaked,
    taoMoved: tao as TaoBalance,
    alphaReceived: buy.alphaStaked,
    taoLeftFree: 0n as TaoBalance,
    sell: sellResult,
    buy: { ...buy, freeBalanceAfter: undefined },
  }
}
