import { BaseError } from '@dtao/errors'
import { I96F32, I110F18, U96F32, U110F18 } from '@dtao/fixed'
import { assertU64, cpVariant } from './internal/variant.js'
import type { ConstantProductPool } from './pool.js'

/**
 * `DefaultStakingFee` of the constant-product era: 50 000 rao, kept in the pool's TAO reserve.
 *
 * @example
 * ```ts
 * import { DEFAULT_STAKING_FEE } from '@dtao/amm'
 * DEFAULT_STAKING_FEE // 50000n
 * ```
 * @see subtensor `pallets/subtensor/src/lib.rs` · `DefaultStakingFee` (@ e2b8367b8, 4c9836f8c)
 */
export const DEFAULT_STAKING_FEE = 50_000n

/**
 * `DefaultMinStake` of the constant-product era: 500 000 rao.
 *
 * @example
 * ```ts
 * import { DEFAULT_MIN_STAKE_CP } from '@dtao/amm'
 * DEFAULT_MIN_STAKE_CP // 500000n
 * ```
 * @see subtensor `pallets/subtensor/src/lib.rs` · `DefaultMinStake` (@ e2b8367b8, 4c9836f8c)
 */
export const DEFAULT_MIN_STAKE_CP = 500_000n

/**
 * `DefaultMinimumPoolLiquidity`: 10⁷ rao as I96F32 bits, the reserve a constant-product swap
 * must leave behind.
 *
 * @example
 * ```ts
 * import { DEFAULT_MINIMUM_POOL_LIQUIDITY } from '@dtao/amm'
 * DEFAULT_MINIMUM_POOL_LIQUIDITY // 42949672960000000n (10⁷ · 2³²)
 * ```
 * @see subtensor `pallets/subtensor/src/lib.rs` · `DefaultMinimumPoolLiquidity` (@ e2b8367b8)
 */
export const DEFAULT_MINIMUM_POOL_LIQUIDITY: I96F32 = I96F32.saturatingFromNum(10_000_000n)

type Fmt = typeof I110F18 | typeof U110F18

function swapFormat(unsigned: boolean): Fmt {
  return unsigned ? U110F18 : I110F18
}

/** `new_reserve >= DefaultMinimumPoolLiquidity`, compared across formats as `PartialOrd` does. */
function aboveFloor(f: Fmt, reserve: bigint): boolean {
  return f.cmpFixed(reserve, I96F32, DEFAULT_MINIMUM_POOL_LIQUIDITY) >= 0
}

/** @internal `sim_swap_tao_for_alpha` with a resolved format. */
export function simBuy(
  pool: ConstantProductPool,
  tao: bigint,
  unsigned: boolean,
): bigint | undefined {
  if (pool.mechanism !== 1) return tao
  const f = swapFormat(unsigned)
  const y = f.saturatingFromNum(pool.taoReserve)
  const x = f.saturatingFromNum(pool.alphaReserve)
  const k = f.saturatingMul(x, y)
  const newX = f.safeDiv(k, f.saturatingAdd(y, f.saturatingFromNum(tao)))
  if (!aboveFloor(f, newX)) return undefined
  return f.saturatingToNum(f.saturatingSub(x, newX), 'u64')
}

/** @internal `sim_swap_alpha_for_tao` with a resolved format. */
export function simSell(
  pool: ConstantProductPool,
  alpha: bigint,
  unsigned: boolean,
): bigint | undefined {
  if (pool.mechanism !== 1) return alpha
  const f = swapFormat(unsigned)
  const y = f.saturatingFromNum(pool.taoReserve)
  const x = f.saturatingFromNum(pool.alphaReserve)
  const k = f.saturatingMul(x, y)
  const newY = f.checkedDiv(k, f.saturatingAdd(x, f.saturatingFromNum(alpha))) ?? f.ZERO
  if (!aboveFloor(f, newY)) return undefined
  return f.saturatingToNum(f.saturatingSub(y, newY), 'u64')
}

/**
 * `sim_swap_tao_for_alpha` of the constant-product era: k = x·y, x' = ⌊k/(y + τ)⌋ at 18
 * fractional bits (I110F18 before spec 261, U110F18 from 261), out = ⟦x − x'⟧. Stable subnets
 * (mechanism ≠ 1) convert 1:1.
 *
 * @param pool - The pool.
 * @param tao - TAO in rao (the amount already net of the flat fee).
 * @param options - `specVersion` (233–282, default 274).
 * @returns Alpha out in rao, or `undefined` (the chain's `None`) when x' would fall below
 * `DefaultMinimumPoolLiquidity` (10⁷ rao).
 * @throws {@link CpInvalidAmountError} If `tao` is not a `u64`.
 * @throws {@link EraMismatchError} If the spec is not a constant-product spec.
 * @example
 * ```ts
 * import { simSwapTaoForAlphaCp } from '@dtao/amm'
 * // y = 1000 TAO, x = 4000 α, buy 10 TAO: ⌊4·10¹²·10¹⁰/1.01·10¹²⌋ = 39 603 960 396 α rao
 * simSwapTaoForAlphaCp(pool, 10_000_000_000n) // 39603960396n
 * ```
 * @see subtensor `pallets/subtensor/src/staking/stake_utils.rs` · `sim_swap_tao_for_alpha` (@ e2b8367b8, 4c9836f8c)
 */
export function simSwapTaoForAlphaCp(
  pool: ConstantProductPool,
  tao: bigint,
  options: { readonly specVersion?: number } = {},
): bigint | undefined {
  assertU64('tao', tao)
  return simBuy(pool, tao, cpVariant(options.specVersion ?? 274).unsigned)
}

/**
 * `sim_swap_alpha_for_tao` of the constant-product era: y' = ⌊x·y/(x + α)⌋ at 18 fractional
 * bits, out = ⟦y − y'⟧; 1:1 on stable subnets.
 *
 * @param pool - The pool.
 * @param alpha - Alpha in rao.
 * @param options - `specVersion` (233–282, default 274).
 * @returns TAO out in rao (before the flat fee), or `undefined` when y' would fall below 10⁷ rao.
 * @throws {@link CpInvalidAmountError} If `alpha` is not a `u64`.
 * @throws {@link EraMismatchError} If the spec is not a constant-product spec.
 * @example
 * ```ts
 * import { simSwapAlphaForTaoCp } from '@dtao/amm'
 * // same pool: ⌊10¹²·4·10¹⁰/4.04·10¹²⌋ = 9 900 990 099 rao
 * simSwapAlphaForTaoCp(pool, 40_000_000_000n) // 9900990099n
 * ```
 * @see subtensor `pallets/subtensor/src/staking/stake_utils.rs` · `sim_swap_alpha_for_tao` (@ e2b8367b8, 4c9836f8c)
 */
export function simSwapAlphaForTaoCp(
  pool: ConstantProductPool,
  alpha: bigint,
  options: { readonly specVersion?: number } = {},
): bigint | undefined {
  assertU64('alpha', alpha)
  return simSell(pool, alpha, cpVariant(options.specVersion ?? 274).unsigned)
}

/** @internal `get_alpha_price` with a resolved format. */
export function alphaPrice(pool: ConstantProductPool, unsigned: boolean): bigint {
  const f = unsigned ? U96F32 : I96F32
  if (pool.netuid === 0 || pool.mechanism === 0) return f.saturatingFromNum(1n)
  if (pool.alphaReserve === 0n) return f.ZERO
  return (
    f.checkedDiv(f.saturatingFromNum(pool.taoReserve), f.saturatingFromNum(pool.alphaReserve)) ??
    f.ZERO
  )
}

/**
 * `get_alpha_price` of the constant-product era: y/x (I96F32 before spec 261, U96F32 from 261;
 * the bits are the same), 1 for root and stable subnets, 0 for an empty alpha reserve.
 *
 * @param pool - The pool.
 * @param options - `specVersion` (233–282, default 274).
 * @returns The price's raw bits (32 fractional bits).
 * @throws {@link EraMismatchError} If the spec is not a constant-product spec.
 * @example
 * ```ts
 * import { getAlphaPriceCp } from '@dtao/amm'
 * getAlphaPriceCp({ ...pool, netuid: 0 }) // 4294967296n (1.0)
 * ```
 * @see subtensor `pallets/subtensor/src/staking/stake_utils.rs` · `get_alpha_price` (@ e2b8367b8, 4c9836f8c)
 */
export function getAlphaPriceCp(
  pool: ConstantProductPool,
  options: { readonly specVersion?: number } = {},
): I96F32 | U96F32 {
  return alphaPrice(pool, cpVariant(options.specVersion ?? 274).unsigned) as I96F32 | U96F32
}

/**
 * A user-level quote in the constant-product era: the flat fee is taken from the TAO side (the
 * input of a buy, the output of a sell) and stays in the pool.
 *
 * @example
 * ```ts
 * import type { CpQuote } from '@dtao/amm'
 * const out = (q: CpQuote): bigint => q.amountOut
 * ```
 */
export type CpQuote = {
  /** What the user receives, in rao (alpha for buys, TAO after the fee for sells). */
  readonly amountOut: bigint
  /** The flat fee in rao TAO (`DefaultStakingFee` unless overridden), kept in SubnetTAO. */
  readonly fee: bigint
  /** The pool after the trade (fee included in the TAO reserve). */
  readonly poolAfter: ConstantProductPool
}

/**
 * Quotes a stake (`'buy'`, TAO in) or unstake (`'sell'`, alpha in) on a constant-product pool,
 * as `stake_into_subnet` / `unstake_from_subnet` move the reserves, rejecting inputs the chain's
 * extrinsics would refuse or silently zero.
 *
 * @param pool - A dynamic pool with both reserves positive.
 * @param order - `side`, `amount` (rao, > 0), `fee` (default {@link DEFAULT_STAKING_FEE}).
 * @param options - `specVersion` (233–282, default 274).
 * @returns The output, fee and post-trade pool.
 * @throws {@link CpInvalidAmountError} Zero, negative or above `u64::MAX`; a buy not larger than the fee.
 * @throws {@link CpEmptyPoolError} A reserve is zero or the subnet is not dynamic.
 * @throws {@link CpInsufficientLiquidityError} The trade would leave less than 10⁷ rao.
 * @example
 * ```ts
 * import { quoteSwapCp } from '@dtao/amm'
 * // 10 TAO after the 50 000 rao fee, y = 1000 TAO, x = 4000 α
 * quoteSwapCp(pool, { side: 'buy', amount: 10_000_050_000n }).amountOut // 39603960396n
 * ```
 * @see subtensor `pallets/subtensor/src/staking/stake_utils.rs` · `stake_into_subnet`, `unstake_from_subnet` (@ 4c9836f8c)
 */
export function quoteSwapCp(
  pool: ConstantProductPool,
  order: { readonly side: 'buy' | 'sell'; readonly amount: bigint; readonly fee?: bigint },
  options: { readonly specVersion?: number } = {},
): CpQuote {
  const { side, amount, fee = DEFAULT_STAKING_FEE } = order
  assertU64('amount', amount)
  assertU64('fee', fee)
  if (amount === 0n) throw new CpAmountTooLowError({ side })
  const v = cpVariant(options.specVersion ?? 274)
  if (pool.mechanism !== 1 || pool.taoReserve === 0n || pool.alphaReserve === 0n) {
    throw new CpEmptyPoolError({ netuid: pool.netuid })
  }
  if (side === 'buy') {
    if (amount <= fee) throw new CpAmountTooLowError({ side, fee })
    const net = amount - fee
    const out = simBuy(pool, net, v.unsigned)
    if (out === undefined || out === 0n)
      throw new CpInsufficientLiquidityError({ netuid: pool.netuid, side, amount })
    return Object.freeze({
      amountOut: out,
      fee,
      poolAfter: Object.freeze({
        ...pool,
        taoReserve: pool.taoReserve + net + fee,
        alphaReserve: pool.alphaReserve - out,
        alphaOutstanding: pool.alphaOutstanding + out,
      }),
    })
  }
  const tao = simSell(pool, amount, v.unsigned)
  if (tao === undefined || tao === 0n)
    throw new CpInsufficientLiquidityError({ netuid: pool.netuid, side, amount })
  const paid = tao > fee ? tao - fee : 0n
  return Object.freeze({
    amountOut: paid,
    fee: tao - paid,
    poolAfter: Object.freeze({
      ...pool,
      taoReserve: pool.taoReserve - tao + (tao - paid),
      alphaReserve: pool.alphaReserve + amount,
      alphaOutstanding: pool.alphaOutstanding > amount ? pool.alphaOutstanding - amount : 0n,
    }),
  })
}

/**
 * A zero amount, or a stake that does not exceed its fee: the chain would swap nothing.
 *
 * @example
 * ```ts
 * import { quoteSwapCp } from '@dtao/amm'
 * quoteSwapCp(pool, { side: 'buy', amount: 0n }) // throws Amm.AmountTooLowError
 * ```
 */
export class CpAmountTooLowError extends BaseError {
  override readonly name = 'Amm.AmountTooLowError'
  /** The order direction. */
  readonly side: 'buy' | 'sell'

  constructor({ side, fee }: { side: 'buy' | 'sell'; fee?: bigint }) {
    super(
      fee === undefined
        ? `A ${side} of 0 rao swaps nothing.`
        : `A stake must exceed the ${fee} rao fee to buy any alpha.`,
    )
    this.side = side
  }
}

/**
 * The pool cannot quote: a reserve is zero, or the subnet is not dynamic.
 *
 * @example
 * ```ts
 * import { quoteSwapCp } from '@dtao/amm'
 * quoteSwapCp({ ...pool, alphaReserve: 0n }, { side: 'buy', amount: 10n ** 9n }) // throws Amm.EmptyPoolError
 * ```
 */
export class CpEmptyPoolError extends BaseError {
  override readonly name = 'Amm.EmptyPoolError'
  /** The subnet. */
  readonly netuid: number

  constructor({ netuid }: { netuid: number }) {
    super(`Pool ${netuid} has an empty reserve or is not a dynamic subnet.`)
    this.netuid = netuid
  }
}

/**
 * The chain's `InsufficientLiquidity` in the constant-product era: the swap would leave less than
 * `DefaultMinimumPoolLiquidity` (10⁷ rao) in the output reserve, or pay out nothing.
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * isDtaoError(err, 'Amm.InsufficientLiquidityError')
 * ```
 */
export class CpInsufficientLiquidityError extends BaseError {
  override readonly name = 'Amm.InsufficientLiquidityError'
  /** The subnet. */
  readonly netuid: number
  /** The order direction. */
  readonly side: 'buy' | 'sell'
  /** The amount asked for, in rao. */
  readonly amount: bigint

  constructor({ netuid, side, amount }: { netuid: number; side: 'buy' | 'sell'; amount: bigint }) {
    super(
      `Pool ${netuid} cannot absorb a ${side} of ${amount} rao: it would drop below 10000000 rao.`,
    )
    this.netuid = netuid
    this.side = side
    this.amount = amount
  }
}
