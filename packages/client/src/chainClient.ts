import { BaseError } from '@dtao/errors'
import { getDynamicBuilder, getLookupFn } from '@polkadot-api/metadata-builders'
import {
  Bytes,
  decAnyMetadata,
  Option,
  type UnifiedMetadata,
  unifyMetadata,
} from '@polkadot-api/substrate-bindings'
import { createRpc, MalformedResponseError, type Rpc } from './rpc.js'

/** A block to read at: a block number, a `0x` block hash, or omitted for the best block. */
export type BlockRef = number | `0x${string}`

/** The block a read was answered at. */
export type ResolvedBlock = {
  /** The block's hash. */
  readonly hash: `0x${string}`
  /** The block's number. */
  readonly number: number
}

/** polkadot-api's metadata-driven codec builder for one runtime. */
export type DynamicBuilder = ReturnType<typeof getDynamicBuilder>

/** One runtime version of the chain, with its metadata and codecs (cached per spec version). */
export type Runtime = {
  /** `spec_version` of the runtime. */
  readonly specVersion: number
  /** `spec_name`, `'node-subtensor'` on subtensor nodes. */
  readonly specName: string
  /** The unified (V14/V15) metadata. */
  readonly metadata: UnifiedMetadata
  /** Codecs built from the metadata. */
  readonly builder: DynamicBuilder
  /** The metadata version the node served (15 from `Metadata_metadata_at_version`, else 14). */
  readonly metadataVersion: number
}

/**
 * A connection to a subtensor node plus its caches (runtimes by spec, spec by block hash).
 *
 * Build with {@link createClient}; every read takes it first.
 */
export type ChainClient = {
  /** Discriminant: reads go to a live node. */
  readonly kind: 'chain'
  /** The JSON-RPC connection. */
  readonly rpc: Rpc
  /** Runtimes already built, by spec version. */
  readonly runtimes: Map<number, Runtime>
  /** Spec version per block hash (a hash's runtime never changes). */
  readonly specByHash: Map<
    string,
    {
      /** The runtime's `spec_version`. */
      readonly specVersion: number
      /** The runtime's `spec_name` (e.g. `'node-subtensor'`). */
      readonly specName: string
    }
  >
}

/**
 * Connects to a subtensor node over WebSocket JSON-RPC (legacy `state_*`/`chain_*` methods).
 *
 * @param url - The node's endpoint, `ws://` or `wss://`.
 * @param options - Per-request `timeout` and `connectTimeout`, in ms.
 * @returns The client; close it with {@link closeClient}.
 * @throws {@link InvalidUrlError} If `url` is not a WebSocket URL.
 * @example
 * ```ts
 * import { closeClient, createClient, getSpecVersion } from '@dtao/client'
 *
 * const client = createClient('ws://127.0.0.1:9944')
 * await getSpecVersion(client) // 343
 * closeClient(client)
 * ```
 */
export function createClient(
  url: string,
  options: { readonly timeout?: number; readonly connectTimeout?: number } = {},
): ChainClient {
  return { kind: 'chain', rpc: createRpc(url, options), runtimes: new Map(), specByHash: new Map() }
}

/**
 * Closes the client's socket.
 *
 * @param client - The client.
 * @example
 * ```ts
 * import { closeClient, createClient } from '@dtao/client'
 *
 * closeClient(createClient('ws://127.0.0.1:9944'))
 * ```
 */
export function closeClient(client: ChainClient): void {
  client.rpc.close()
}

const isHash = (x: unknown): x is `0x${string}` =>
  typeof x === 'string' && /^0x[0-9a-fA-F]{64}$/.test(x)

/**
 * Resolves a block reference to its hash and number (the best block when omitted).
 *
 * @param client - The client.
 * @param options - `block`: a number, a hash, or omitted for the best block.
 * @returns The block's hash and number.
 * @throws {@link BlockNotFoundError} If the node does not know the block.
 * @throws {@link MalformedResponseError} If the node's header is not well-formed.
 * @example
 * ```ts
 * import { createClient, resolveBlock } from '@dtao/client'
 *
 * await resolveBlock(createClient('ws://127.0.0.1:9944'), { block: 6852690 })
 * // { hash: '0xdb13c066…', number: 6852690 }
 * ```
 */
export async function resolveBlock(
  client: ChainClient,
  options: { readonly block?: BlockRef | undefined } = {},
): Promise<ResolvedBlock> {
  const { block } = options
  let hash: unknown
  if (block === undefined) hash = await client.rpc.request('chain_getBlockHash', [])
  else if (typeof block === 'number') {
    if (!Number.isSafeInteger(block) || block < 0) throw new BlockNotFoundError({ block })
    hash = await client.rpc.request('chain_getBlockHash', [block])
  } else hash = block
  if (hash === null) throw new BlockNotFoundError({ block: block ?? 'best' })
  if (!isHash(hash))
    throw new MalformedResponseError({ method: 'chain_getBlockHash', reason: 'not a 32-byte hash' })
  const header = (await client.rpc.request('chain_getHeader', [hash])) as {
    number?: unknown
  } | null
  if (header === null) throw new BlockNotFoundError({ block: block ?? 'best' })
  const number =
    typeof header?.number === 'string' ? Number.parseInt(header.number, 16) : Number.NaN
  if (!Number.isSafeInteger(number))
    throw new MalformedResponseError({ method: 'chain_getHeader', reason: 'no block number' })
  return { hash: hash.toLowerCase() as `0x${string}`, number }
}

/**
 * Reads the runtime version at a block (`state_getRuntimeVersion`).
 *
 * @param client - The client.
 * @param hash - The block hash.
 * @returns `specVersion` and `specName`.
 * @throws {@link MalformedResponseError} If the answer has no spec version.
 * @example
 * ```ts
 * import { createClient, resolveBlock, runtimeVersionAt } from '@dtao/client'
 *
 * const client = createClient('ws://127.0.0.1:9944')
 * await runtimeVersionAt(client, (await resolveBlock(client)).hash) // { specVersion: 343, specName: 'node-subtensor' }
 * ```
 */
export async function runtimeVersionAt(
  client: ChainClient,
  hash: `0x${string}`,
): Promise<{
  /** The runtime's `spec_version`. */
  readonly specVersion: number
  /** The runtime's `spec_name` (e.g. `'node-subtensor'`). */
  readonly specName: string
}> {
  const cached = client.specByHash.get(hash)
  if (cached) return cached
  const v = (await client.rpc.request('state_getRuntimeVersion', [hash])) as {
    specVersion?: unknown
    specName?: unknown
  } | null
  if (typeof v?.specVersion !== 'number')
    throw new MalformedResponseError({
      method: 'state_getRuntimeVersion',
      reason: 'no specVersion',
    })
  const out = {
    specVersion: v.specVersion,
    specName: typeof v.specName === 'string' ? v.specName : '',
  }
  client.specByHash.set(hash, out)
  return out
}

/**
 * The runtime spec version at a block (the best block when omitted).
 *
 * @param client - The client.
 * @param options - `block`: number, hash, or omitted.
 * @returns `spec_version`.
 * @throws {@link BlockNotFoundError} If the block is unknown.
 * @example
 * ```ts
 * import { createClient, getSpecVersion } from '@dtao/client'
 *
 * await getSpecVersion(createClient('ws://127.0.0.1:9944'), { block: 6852690 }) // 343
 * ```
 */
export async function getSpecVersion(
  client: ChainClient,
  options: { readonly block?: BlockRef | undefined } = {},
): Promise<number> {
  const { hash } = await resolveBlock(client, options)
  return (await runtimeVersionAt(client, hash)).specVersion
}

const decodeMetadata = (hex: string | Uint8Array, method: string): UnifiedMetadata => {
  try {
    return unifyMetadata(decAnyMetadata(hex))
  } catch (cause) {
    throw new MalformedResponseError({ method, reason: 'the metadata does not decode', cause })
  }
}

/**
 * The runtime (metadata and codecs) at a block; fetched once per spec version, so a runtime
 * upgrade between two calls is picked up by the next call.
 *
 * Asks `Metadata_metadata_at_version(15)` first (V15 carries the runtime APIs) and falls back to
 * `state_getMetadata` (V14).
 *
 * @param client - The client.
 * @param hash - The block hash.
 * @returns The runtime.
 * @throws {@link MalformedResponseError} If the metadata does not decode.
 * @example
 * ```ts
 * import { createClient, resolveBlock, runtimeAt } from '@dtao/client'
 *
 * const client = createClient('ws://127.0.0.1:9944')
 * const runtime = await runtimeAt(client, (await resolveBlock(client)).hash)
 * runtime.metadataVersion // 15
 * ```
 */
export async function runtimeAt(client: ChainClient, hash: `0x${string}`): Promise<Runtime> {
  const { specVersion, specName } = await runtimeVersionAt(client, hash)
  const cached = client.runtimes.get(specVersion)
  if (cached) return cached
  let metadata: UnifiedMetadata | undefined
  let metadataVersion = 15
  try {
    const answer = await client.rpc.request('state_call', [
      'Metadata_metadata_at_version',
      '0x0f000000',
      hash,
    ])
    if (typeof answer === 'string') {
      const opaque = Option(Bytes()).dec(answer)
      if (opaque !== undefined) metadata = decodeMetadata(opaque, 'Metadata_metadata_at_version')
    }
  } catch (e) {
    if (e instanceof BaseError && e.name !== 'Client.RpcResponseError') throw e
  }
  if (metadata === undefined) {
    metadataVersion = 14
    const hex = await client.rpc.request('state_getMetadata', [hash])
    if (typeof hex !== 'string')
      throw new MalformedResponseError({ method: 'state_getMetadata', reason: 'not a hex string' })
    metadata = decodeMetadata(hex, 'state_getMetadata')
  }
  const runtime: Runtime = {
    specVersion,
    specName,
    metadata,
    builder: getDynamicBuilder(getLookupFn(metadata)),
    metadataVersion,
  }
  client.runtimes.set(specVersion, runtime)
  return runtime
}

/** The node does not know the requested block.
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 *
 * function explain(e: unknown): string {
 *   return isDtaoError(e, 'Client.BlockNotFoundError') ? e.shortMessage : String(e)
 * }
 * ``` */
export class BlockNotFoundError extends BaseError {
  override readonly name = 'Client.BlockNotFoundError'
  /** The requested block. */
  readonly block: BlockRef | 'best'

  constructor({ block }: { block: BlockRef | 'best' }) {
    super(`Block ${block} is not known to the node.`, {
      metaMessages: [
        'Old state needs an archive node; block numbers must be non-negative integers.',
      ],
    })
    this.block = block
  }
}
