import { decodeSimSwapResult, type SimSwapResult, type SwapSide } from '@dtao/amm'
import { BaseError } from '@dtao/errors'
import { type BlockRef, type ChainClient, resolveBlock, runtimeAt } from './chainClient.js'
import type { Provenance } from './pool.js'
import { MalformedResponseError } from './rpc.js'
import { callRuntimeApiRaw } from './storage.js'

const u64le = (bytes: Uint8Array, offset: number): bigint => {
  let x = 0n
  for (let i = 7; i >= 0; i--) x = (x << 8n) | BigInt(bytes[offset + i] as number)
  return x
}

const hexBytes = (hex: string): Uint8Array =>
  Uint8Array.from(hex.slice(2).match(/../g) ?? [], (b) => Number.parseInt(b, 16))

/**
 * Decodes the node's `SimSwapResult` with `@dtao/amm`'s fixed-layout decoder (32 bytes before
 * spec 391, 48 after; the 32-byte layout has no slippage fields, read as 0) and refuses the
 * all-zero result, which is how the runtime reports *any* error.
 */
const decodeNodeResult = (
  hex: `0x${string}`,
  context: { readonly netuid: number; readonly side: SwapSide; readonly amount: bigint },
): { readonly result: SimSwapResult; readonly layout: 'fourField' | 'sixField' } => {
  const bytes = hexBytes(hex)
  let result: SimSwapResult
  try {
    result = decodeSimSwapResult(bytes)
  } catch (cause) {
    throw new MalformedResponseError({
      method: `sim_swap (${context.side})`,
      reason: `SimSwapResult is ${bytes.length} bytes, expected 32 or 48`,
      cause,
    })
  }
  if (bytes.every((b) => b === 0)) throw new SimSwapFailedError(context)
  return { result, layout: bytes.length === 32 ? 'fourField' : 'sixField' }
}

/**
 * Asks the node to simulate an exact-in swap (`SwapRuntimeApi.sim_swap_tao_for_alpha` /
 * `sim_swap_alpha_for_tao`), with the default price limit of the direction.
 *
 * @param client - The client.
 * @param options - `netuid`, `side`, `amount` (rao of the input side), `block`.
 * @returns The result (`@dtao/amm`'s `SimSwapResult`), its layout (`'fourField'` = 32 bytes,
 *   spec < 391, slippage fields absent and read as 0; `'sixField'` = 48 bytes) and provenance.
 * @throws {@link SimSwapFailedError} If the node returns the all-zero result (its error signal).
 * @throws {@link MissingRuntimeApiError} Before spec 302 (no `SwapRuntimeApi`).
 * @throws {@link MalformedResponseError} If the result is not 32 or 48 bytes.
 * @see subtensor pallets/swap/runtime-api/src/lib.rs · sim_swap_tao_for_alpha
 * @example
 * ```ts
 * import { createClient, simSwap } from '@dtao/client'
 *
 * const { result } = await simSwap(createClient('ws://127.0.0.1:9944'), { netuid: 1, side: 'buy', amount: 10n ** 9n })
 * result.alphaAmount // alpha rao out
 * ```
 */
export async function simSwap(
  client: ChainClient,
  options: {
    readonly netuid: number
    readonly side: SwapSide
    readonly amount: bigint
    readonly block?: BlockRef | undefined
  },
): Promise<{
  /** The node's decoded `SimSwapResult`. */
  readonly result: SimSwapResult
  /** Which encoding the runtime returned: 4 fields (32 bytes) or 6 fields. */
  readonly layout: 'fourField' | 'sixField'
  /** Where and when it was simulated. */
  readonly provenance: Provenance
}> {
  const { netuid, side, amount } = options
  if (amount < 0n || amount >= 2n ** 64n)
    throw new MalformedResponseError({
      method: 'sim_swap',
      reason: `amount ${amount} is not a u64`,
    })
  const at = await resolveBlock(client, options)
  const runtime = await runtimeAt(client, at.hash)
  const hex = await callRuntimeApiRaw(client, at.hash, {
    api: 'SwapRuntimeApi',
    method: side === 'buy' ? 'sim_swap_tao_for_alpha' : 'sim_swap_alpha_for_tao',
    args: [netuid, amount],
  })
  return {
    ...decodeNodeResult(hex, { netuid, side, amount }),
    provenance: {
      block: at.number,
      blockHash: at.hash,
      specVersion: runtime.specVersion,
      source: client.rpc.url,
    },
  }
}

/**
 * The node's alpha price (`SwapRuntimeApi.current_alpha_price`): rao per alpha, U64F64 × 10⁹
 * truncated (sub-rao precision lost).
 *
 * @param client - The client.
 * @param options - `netuid`, `block`.
 * @returns Rao per alpha.
 * @throws {@link MissingRuntimeApiError} If the runtime has no `SwapRuntimeApi`.
 * @throws {@link MalformedResponseError} If the answer is not a `u64`.
 * @see subtensor pallets/swap/runtime-api/src/lib.rs · current_alpha_price
 * @example
 * ```ts
 * import { createClient, getCurrentAlphaPrice } from '@dtao/client'
 *
 * await getCurrentAlphaPrice(createClient('ws://127.0.0.1:9944'), { netuid: 1 }) // 40869489n
 * ```
 */
export async function getCurrentAlphaPrice(
  client: ChainClient,
  options: { readonly netuid: number; readonly block?: BlockRef | undefined },
): Promise<bigint> {
  const at = await resolveBlock(client, options)
  const hex = await callRuntimeApiRaw(client, at.hash, {
    api: 'SwapRuntimeApi',
    method: 'current_alpha_price',
    args: [options.netuid],
  })
  if (hex.length !== 18)
    throw new MalformedResponseError({ method: 'current_alpha_price', reason: 'not 8 bytes' })
  return u64le(
    Uint8Array.from(hex.slice(2).match(/../g) ?? [], (b) => Number.parseInt(b, 16)),
    0,
  )
}

/**
 * The node's `sim_swap` returned all zeros: the runtime's only error signal (unknown subnet,
 * insufficient liquidity, amount below the minimum, price limit).
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 *
 * function explain(e: unknown): string {
 *   return isDtaoError(e, 'Client.SimSwapFailedError') ? e.shortMessage : String(e)
 * }
 * ```
 */
export class SimSwapFailedError extends BaseError {
  override readonly name = 'Client.SimSwapFailedError'
  /** Subnet id. */
  readonly netuid: number
  /** Swap direction. */
  readonly side: SwapSide
  /** Input amount, rao. */
  readonly amount: bigint

  constructor({ netuid, side, amount }: { netuid: number; side: SwapSide; amount: bigint }) {
    super(
      `The node could not simulate a ${side} of ${amount} ${side === 'buy' ? 'TAO' : 'alpha'} rao on subnet ${netuid}: it returned an all-zero SimSwapResult.`,
      {
        metaMessages: [
          'The runtime answers every swap error this way: check the subnet exists, the amount, and the pool liquidity.',
        ],
      },
    )
    this.netuid = netuid
    this.side = side
    this.amount = amount
  }
}
