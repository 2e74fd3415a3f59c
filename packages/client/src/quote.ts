import {
  currentAlphaPrice,
  currentPriceV3,
  getAlphaPriceCp,
  type PoolEra,
  quoteSwapCp,
  type SimSwapResult,
  type SwapSide,
  simSwapV3,
  swapAlphaForTao,
  swapTaoForAlpha,
  swapV3,
} from '@dtao/amm'
import { BaseError } from '@dtao/errors'
import { alphaBalance, parseTao, taoBalance, U96F32 } from '@dtao/fixed'
import { toAmmPool } from './ammPool.js'
import type { BlockRef } from './chainClient.js'
import { getPoolState, type PoolState, type Provenance } from './pool.js'
import { simSwap } from './simSwap.js'
import type { Source } from './snapshotLookup.js'

/** A swap quote computed locally with the rules of the spec the pool was read at. */
export type Quote = {
  /** Subnet id. */
  readonly netuid: number
  /** `'buy'` = TAO in, alpha out; `'sell'` = alpha in, TAO out. */
  readonly side: SwapSide
  /** Gross input, rao of the input token. */
  readonly amountIn: bigint
  /** Input that entered the pool, net of the fee. */
  readonly amountPaidIn: bigint
  /** Fee, in the input token (constant-product era: the flat TAO fee, on either side). */
  readonly fee: bigint
  /** Output, rao of the output token. */
  readonly amountOut: bigint
  /** Spot price before the swap, rao per alpha, as `current_alpha_price` reports it (truncated). */
  readonly spotPriceRao: bigint
  /** With `tolerance`: the least output to accept, ⌊amountOut·(1 − tolerance)⌋. */
  readonly minAmountOut: bigint | undefined
  /**
   * With `tolerance`: the `limit_price` (rao per alpha) for `add_stake_limit` (buy:
   * ⌈spot·(1 + tolerance)⌉) or `remove_stake_limit` (sell: ⌊spot·(1 − tolerance)⌋).
   */
  readonly limitPriceRao: bigint | undefined
  /** Pool design of the spec. */
  readonly era: PoolEra
  /** With `verify`: the node's own `sim_swap` result, which matched to the rao. */
  readonly verified: SimSwapResult | undefined
  /** Where and when the pool state was read. */
  readonly provenance: Provenance
}

const billion = 1_000_000_000n

/**
 * Quotes an exact-in swap locally: reads the pool state (node or snapshot) and runs
 * `@dtao/amm`'s math for the era and rules of the block's spec, as `sim_swap` would.
 *
 * With `verify: true` it also asks the node's `SwapRuntimeApi.sim_swap_*` at the same block
 * and throws if any field differs by one rao.
 *
 * @param source - A node client or a snapshot.
 * @param options - `netuid`; `side`; `amount` in rao of the input token; `tolerance` as a
 *   decimal fraction string (`'0.005'` = 0.5 %); `limit`: a limit price in rao per alpha the
 *   swap must respect (partial fill, as the `*_limit` extrinsics); `verify`; `block`.
 * @returns The quote.
 * @throws {@link QuoteMismatchError} If `verify` and the node's result differs.
 * @throws {@link InvalidQuoteOptionsError} On a bad tolerance, or `verify` with a snapshot or a `limit`.
 * @throws {@link SimSwapFailedError} If `verify` and the node cannot simulate the swap.
 * @see subtensor pallets/swap/src/pallet/impls.rs · SwapHandler::sim_swap
 * @example
 * ```ts
 * import { embeddedSnapshot, quote } from '@dtao/client'
 *
 * const q = await quote(embeddedSnapshot(), { netuid: 1, side: 'buy', amount: 10n ** 9n, tolerance: '0.005' })
 * q.amountOut // alpha rao for 1 TAO at block 6852690
 * ```
 */
export async function quote(
  source: Source,
  options: {
    readonly netuid: number
    readonly side: SwapSide
    readonly amount: bigint
    readonly tolerance?: string | undefined
    readonly limit?: bigint | undefined
    readonly verify?: boolean | undefined
    readonly block?: BlockRef | undefined
  },
): Promise<Quote> {
  const { netuid, side, amount, limit } = options
  const tolerance = options.tolerance === undefined ? undefined : parseTolerance(options.tolerance)
  if (options.verify && source.kind === 'snapshot')
    throw new InvalidQuoteOptionsError({ reason: 'verify needs a node (--url), not a snapshot' })
  if (options.verify && limit !== undefined)
    throw new InvalidQuoteOptionsError({
      reason: "verify compares with the node's sim_swap, which only uses the default price limit",
    })
  const state = await getPoolState(source, { netuid, block: options.block })
  const { pool, rules } = toAmmPool(state)
  let paidIn: bigint
  let out: bigint
  let fee: bigint
  const spotPriceRao = poolPriceRao(state)
  if (pool.era === 'balancer') {
    const swapOptions = {
      rules,
      simulate: true,
      ...(limit === undefined ? {} : { limitPriceRao: limit }),
    }
    const r =
      side === 'buy'
        ? swapTaoForAlpha(pool, taoBalance(amount), swapOptions)
        : swapAlphaForTao(pool, alphaBalance(amount), swapOptions)
    ;({ amountPaidIn: paidIn, amountPaidOut: out, feePaid: fee } = r)
  } else if (pool.era === 'constantProduct') {
    if (limit !== undefined)
      throw new InvalidQuoteOptionsError({
        reason: 'limit prices are not modelled for constant-product blocks (spec < 283)',
      })
    const r = quoteSwapCp(pool, { side, amount }, { specVersion: state.provenance.specVersion })
    // The flat fee is TAO: taken from the input on buys, from the output on sells.
    paidIn = side === 'buy' ? amount - r.fee : amount
    out = r.amountOut
    fee = r.fee
  } else {
    const r =
      limit === undefined
        ? simSwapV3(pool, { side, amount })
        : swapV3(pool, { side, amount, limitPriceRao: limit, shouldRollback: true })
    ;({ amountPaidIn: paidIn, amountPaidOut: out, feePaid: fee } = r)
  }
  let verified: SimSwapResult | undefined
  if (options.verify && source.kind === 'chain') {
    const { result } = await simSwap(source, {
      netuid,
      side,
      amount,
      block: state.provenance.blockHash,
    })
    const node =
      side === 'buy'
        ? { paidIn: result.taoAmount, out: result.alphaAmount, fee: result.taoFee }
        : { paidIn: result.alphaAmount, out: result.taoAmount, fee: result.alphaFee }
    if (node.paidIn !== paidIn || node.out !== out || node.fee !== fee)
      throw new QuoteMismatchError({ netuid, side, amount, local: { paidIn, out, fee }, node })
    verified = result
  }
  return {
    netuid,
    side,
    amountIn: amount,
    amountPaidIn: paidIn,
    fee,
    amountOut: out,
    spotPriceRao,
    minAmountOut: tolerance === undefined ? undefined : (out * (billion - tolerance)) / billion,
    limitPriceRao:
      tolerance === undefined
        ? undefined
        : side === 'buy'
          ? (spotPriceRao * (billion + tolerance) + billion - 1n) / billion
          : (spotPriceRao * (billion - tolerance)) / billion,
    era: state.era,
    verified,
    provenance: state.provenance,
  }
}

/**
 * The pool's spot price in rao per alpha, as the node's `current_alpha_price` computes it for
 * the era (Balancer: `(w_base/w_quote)·(tao/alpha)` × 10⁹; V3: √P² in U96F32 × 10⁹; constant
 * product: `get_alpha_price` × 10⁹; all truncated).
 *
 * @param state - The pool state.
 * @returns Rao per alpha.
 * @see subtensor runtime/src/lib.rs · SwapRuntimeApi::current_alpha_price
 * @example
 * ```ts
 * import { embeddedSnapshot, poolPriceRao } from '@dtao/client'
 *
 * poolPriceRao(embeddedSnapshot().pools[0]) // ≈ 9531940n rao per alpha
 * ```
 */
export function poolPriceRao(state: PoolState): bigint {
  const { pool } = toAmmPool(state)
  if (pool.era === 'balancer') return currentAlphaPrice(pool)
  if (pool.era === 'constantProduct')
    // `get_alpha_price` (I96F32/U96F32, 32 fractional bits) × 10⁹, truncated.
    return (getAlphaPriceCp(pool, { specVersion: state.provenance.specVersion }) * billion) >> 32n
  // `current_alpha_price`: U96F32 price × 10⁹, saturating to u64.
  return U96F32.saturatingToNum(
    U96F32.saturatingMul(currentPriceV3(pool), U96F32.saturatingFromNum(billion)),
    'u64',
  )
}

/** Tolerance as parts per 10⁹, from a decimal fraction string in [0, 1). */
const parseTolerance = (text: string): bigint => {
  let ppb: bigint
  try {
    ppb = parseTao(text)
  } catch (cause) {
    throw new InvalidQuoteOptionsError({
      reason: `tolerance ${JSON.stringify(text)} is not a decimal fraction with at most 9 places`,
      cause,
    })
  }
  if (ppb >= billion)
    throw new InvalidQuoteOptionsError({
      reason: `tolerance ${text} must be below 1 (e.g. 0.005 for 0.5 %)`,
    })
  return ppb
}

/** The local quote and the node's `sim_swap` disagree (by at least one rao).
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 *
 * function explain(e: unknown): string {
 *   return isDtaoError(e, 'Client.QuoteMismatchError') ? e.shortMessage : String(e)
 * }
 * ``` */
export class QuoteMismatchError extends BaseError {
  override readonly name = 'Client.QuoteMismatchError'
  /** Subnet id. */
  readonly netuid: number
  /** Swap direction. */
  readonly side: SwapSide
  /** Input amount, rao. */
  readonly amount: bigint
  /** The local figures (net input, output, fee). */
  readonly local: {
    /** Net input the pool took, rao. */
    readonly paidIn: bigint
    /** Output, rao. */
    readonly out: bigint
    /** Fee, rao of the input side. */
    readonly fee: bigint
  }
  /** The node's figures. */
  readonly node: {
    /** Net input the pool took, rao. */
    readonly paidIn: bigint
    /** Output, rao. */
    readonly out: bigint
    /** Fee, rao of the input side. */
    readonly fee: bigint
  }

  constructor(args: {
    netuid: number
    side: SwapSide
    amount: bigint
    local: { paidIn: bigint; out: bigint; fee: bigint }
    node: { paidIn: bigint; out: bigint; fee: bigint }
  }) {
    const { netuid, side, amount, local, node } = args
    super(
      `Local ${side} quote of ${amount} rao on subnet ${netuid} differs from the node's sim_swap: out ${local.out} vs ${node.out}, fee ${local.fee} vs ${node.fee}, paid in ${local.paidIn} vs ${node.paidIn}.`,
      { metaMessages: ['Report it with the block hash: the local rules for this spec are wrong.'] },
    )
    this.netuid = netuid
    this.side = side
    this.amount = amount
    this.local = local
    this.node = node
  }
}

/** The options of {@link quote} do not make sense together, or a value is malformed.
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 *
 * function explain(e: unknown): string {
 *   return isDtaoError(e, 'Client.InvalidQuoteOptionsError') ? e.shortMessage : String(e)
 * }
 * ``` */
export class InvalidQuoteOptionsError extends BaseError {
  override readonly name = 'Client.InvalidQuoteOptionsError'

  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super(`Invalid quote options: ${reason}.`, { cause })
  }
}
