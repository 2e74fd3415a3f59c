import { type AlphaBalance, alphaBalance, type TaoBalance, taoBalance } from '@dtao/fixed'
import { InvalidArgumentError } from './errors.js'
import { doSwap } from './internal/doSwap.js'
import { fromU64, safeDiv, satMul, toU64, u64SatSub } from './internal/u64f64.js'
import type { BalancerPool } from './pool.js'
import { spotPrice } from './price.js'
import type { ChainRules } from './rules.js'

/**
 * The runtime API's `SimSwapResult` (six u64 fields from spec 391; the first four before).
 *
 * For a buy, `taoAmount` is the TAO that enters the pool **net of fee** and `taoFee` the fee; for a
 * sell, `alphaAmount` is the net alpha and `alphaFee` the fee. Any error gives all zeros.
 */
export type SimSwapResult = {
  /** Buy: TAO net of fee; sell: TAO out. */
  readonly taoAmount: TaoBalance
  /** Buy: alpha out; sell: alpha net of fee. */
  readonly alphaAmount: AlphaBalance
  /** Buy: the TAO fee; sell: 0. */
  readonly taoFee: TaoBalance
  /** Sell: the alpha fee; buy: 0. */
  readonly alphaFee: AlphaBalance
  /** Sell: ⟦alpha · P⟧ ⊖ TAO out; buy: 0 (spec ≥ 391). */
  readonly taoSlippage: TaoBalance
  /** Buy: ⟦tao / P⟧ ⊖ alpha out; sell: 0 (spec ≥ 391). */
  readonly alphaSlippage: AlphaBalance
}

const zero: SimSwapResult = Object.freeze({
  taoAmount: 0n as TaoBalance,
  alphaAmount: 0n as AlphaBalance,
  taoFee: 0n as TaoBalance,
  alphaFee: 0n as AlphaBalance,
  taoSlippage: 0n as TaoBalance,
  alphaSlippage: 0n as AlphaBalance,
})

/**
 * `SwapRuntimeApi::sim_swap_tao_for_alpha`: a simulated buy with the fee and the default limit
 * (`max_price`), exactly as the runtime API answers it — including all zeros on any error. On a
 * stable subnet the swap is 1:1 with no fee.
 *
 * @param pool - The pool.
 * @param tao - TAO offered, rao.
 * @param options - `rules` (default: the latest known spec).
 * @returns The `SimSwapResult`.
 * @example
 * ```ts
 * import { balancerPool, simSwapTaoForAlpha } from '@dtao/amm'
 * import { taoBalance } from '@dtao/fixed'
 *
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 4n * 10n ** 9n })
 * simSwapTaoForAlpha(pool, taoBalance(2000n))
 * // { taoAmount: 1999n, alphaAmount: 7995n, taoFee: 1n, alphaFee: 0n, taoSlippage: 0n, alphaSlippage: 5n }
 * ```
 * @see subtensor `runtime/src/lib.rs` · `SwapRuntimeApi::sim_swap_tao_for_alpha`
 */
export function simSwapTaoForAlpha(
  pool: BalancerPool,
  tao: TaoBalance,
  options: {
    /** Chain rules (Balancer era). */
    readonly rules?: ChainRules
  } = {},
): SimSwapResult {
  const amount = taoBalance(tao)
  const price = spotPrice(pool)
  const noSlippageAlpha = toU64(safeDiv(fromU64(amount), price))
  let r: ReturnType<typeof doSwap>
  try {
    r = doSwap(pool, 'buy', amount, {
      simulate: true,
      ...(options.rules ? { rules: options.rules } : {}),
    })
  } catch {
    return zero
  }
  return Object.freeze({
    taoAmount: r.amountPaidIn as TaoBalance,
    alphaAmount: r.amountPaidOut as AlphaBalance,
    taoFee: r.feePaid as TaoBalance,
    alphaFee: 0n as AlphaBalance,
    taoSlippage: 0n as TaoBalance,
    alphaSlippage: u64SatSub(noSlippageAlpha, r.amountPaidOut) as AlphaBalance,
  })
}

/**
 * `SwapRuntimeApi::sim_swap_alpha_for_tao`: a simulated sell with the fee and the default limit
 * (`min_price`), all zeros on any error. Not included (as on chain): the fee sale that follows a
 * real unstake, move-leg fee rules, min-stake checks.
 *
 * @param pool - The pool.
 * @param alpha - Alpha offered, rao.
 * @param options - `rules` (default: the latest known spec).
 * @returns The `SimSwapResult`.
 * @example
 * ```ts
 * import { balancerPool, simSwapAlphaForTao } from '@dtao/amm'
 * import { alphaBalance } from '@dtao/fixed'
 *
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 4n * 10n ** 9n })
 * simSwapAlphaForTao(pool, alphaBalance(2000n))
 * // { taoAmount: 499n, alphaAmount: 1999n, taoFee: 0n, alphaFee: 1n, taoSlippage: 1n, alphaSlippage: 0n }
 * ```
 * @see subtensor `runtime/src/lib.rs` · `SwapRuntimeApi::sim_swap_alpha_for_tao`
 */
export function simSwapAlphaForTao(
  pool: BalancerPool,
  alpha: AlphaBalance,
  options: {
    /** Chain rules (Balancer era). */
    readonly rules?: ChainRules
  } = {},
): SimSwapResult {
  const amount = alphaBalance(alpha)
  const price = spotPrice(pool)
  const noSlippageTao = toU64(satMul(fromU64(amount), price))
  let r: ReturnType<typeof doSwap>
  try {
    r = doSwap(pool, 'sell', amount, {
      simulate: true,
      ...(options.rules ? { rules: options.rules } : {}),
    })
  } catch {
    return zero
  }
  return Object.freeze({
    taoAmount: r.amountPaidOut as TaoBalance,
    alphaAmount: r.amountPaidIn as AlphaBalance,
    taoFee: 0n as TaoBalance,
    alphaFee: r.feePaid as AlphaBalance,
    taoSlippage: u64SatSub(noSlippageTao, r.amountPaidOut) as TaoBalance,
    alphaSlippage: 0n as AlphaBalance,
  })
}

const fields = [
  'taoAmount',
  'alphaAmount',
  'taoFee',
  'alphaFee',
  'taoSlippage',
  'alphaSlippage',
] as const

/**
 * SCALE-encodes a `SimSwapResult` as the RPC returns it: six little-endian u64 (48 bytes), or the
 * first four (32 bytes) for runtimes before spec 391.
 *
 * @param result - The result.
 * @param options - `layout`: `'sixField'` (default) or `'fourField'`.
 * @returns The bytes.
 * @example
 * ```ts
 * import { encodeSimSwapResult } from '@dtao/amm'
 *
 * encodeSimSwapResult({ taoAmount: 1n, alphaAmount: 0n, taoFee: 0n, alphaFee: 0n,
 *   taoSlippage: 0n, alphaSlippage: 0n } as never).length // 48
 * ```
 * @see subtensor `pallets/swap/runtime-api/src/lib.rs` · `SimSwapResult`
 */
export function encodeSimSwapResult(
  result: SimSwapResult,
  options: {
    /** Field layout: 6 fields (spec ≥ 391) or 4. */
    readonly layout?: 'sixField' | 'fourField'
  } = {},
): Uint8Array {
  const n = options.layout === 'fourField' ? 4 : 6
  const out = new Uint8Array(8 * n)
  const view = new DataView(out.buffer)
  for (let i = 0; i < n; i++) {
    const key = fields[i] as (typeof fields)[number]
    view.setBigUint64(8 * i, result[key], true)
  }
  return out
}

/**
 * Decodes the SCALE bytes of `swap_simSwapTaoForAlpha` / `swap_simSwapAlphaForTao`: 48 bytes (six
 * u64, spec ≥ 391) or 32 bytes (four u64; the slippage fields are then 0).
 *
 * @param bytes - The RPC's bytes.
 * @returns The result.
 * @throws {@link InvalidArgumentError} For any other length.
 * @example
 * ```ts
 * import { decodeSimSwapResult } from '@dtao/amm'
 *
 * decodeSimSwapResult(new Uint8Array(32)).taoSlippage // 0n
 * ```
 * @see subtensor `pallets/swap/runtime-api/src/lib.rs` · `SimSwapResult`
 */
export function decodeSimSwapResult(bytes: Uint8Array): SimSwapResult {
  if (bytes.length !== 32 && bytes.length !== 48) {
    throw new InvalidArgumentError({
      argument: 'bytes',
      value: `${bytes.length} bytes`,
      expected: '32 (4 × u64, spec < 391) or 48 (6 × u64) bytes',
    })
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const get = (i: number) => (8 * i < bytes.length ? view.getBigUint64(8 * i, true) : 0n)
  return Object.freeze({
    taoAmount: get(0) as TaoBalance,
    alphaAmount: get(1) as AlphaBalance,
    taoFee: get(2) as TaoBalance,
    alphaFee: get(3) as AlphaBalance,
    taoSlippage: get(4) as TaoBalance,
    alphaSlippage: get(5) as AlphaBalance,
  })
}
