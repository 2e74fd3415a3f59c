import { BaseError } from '@dtao/errors'
import type { Runtime } from './chainClient.js'
import { type ChainClient, runtimeAt } from './chainClient.js'
import { toPlain } from './internal/plain.js'
import { MalformedResponseError } from './rpc.js'

/** True when the runtime's metadata declares the storage item. * @example
 * ```ts
 * import { createClient, hasStorage, resolveBlock, runtimeAt } from '@dtao/client'
 *
 * const client = createClient('ws://127.0.0.1:9944')
 * const runtime = await runtimeAt(client, (await resolveBlock(client)).hash)
 * hasStorage(runtime, 'Swap', 'AlphaSqrtPrice') // true at spec 343, false from 423
 * ```
 */
export function hasStorage(runtime: Runtime, pallet: string, item: string): boolean {
  return (
    runtime.metadata.pallets
      .find((p) => p.name === pallet)
      ?.storage?.items.some((i) => i.name === item) ?? false
  )
}

/** True when the runtime's metadata declares the runtime-API method. * @example
 * ```ts
 * import { createClient, hasRuntimeApi, resolveBlock, runtimeAt } from '@dtao/client'
 *
 * const client = createClient('ws://127.0.0.1:9944')
 * const runtime = await runtimeAt(client, (await resolveBlock(client)).hash)
 * hasRuntimeApi(runtime, 'SwapRuntimeApi', 'sim_swap_tao_for_alpha') // true from spec 302
 * ```
 */
export function hasRuntimeApi(runtime: Runtime, api: string, method: string): boolean {
  return (
    runtime.metadata.apis.find((a) => a.name === api)?.methods.some((m) => m.name === method) ??
    false
  )
}

const storageCodec = (runtime: Runtime, pallet: string, item: string) => {
  if (!hasStorage(runtime, pallet, item))
    throw new MissingStorageError({ pallet, item, specVersion: runtime.specVersion })
  return runtime.builder.buildStorage(pallet, item)
}

const decodeValue = (runtime: Runtime, pallet: string, item: string, hex: unknown): unknown => {
  const codec = storageCodec(runtime, pallet, item)
  if (hex === null || hex === undefined) return codec.fallback
  if (typeof hex !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(hex))
    throw new MalformedResponseError({
      method: `${pallet}.${item}`,
      reason: 'storage value is not hex',
    })
  try {
    return codec.value.dec(hex)
  } catch (cause) {
    throw new MalformedResponseError({
      method: `${pallet}.${item}`,
      reason: 'SCALE does not decode',
      cause,
    })
  }
}

/** Keys per `state_queryStorageAt` request (nodes cap request and response sizes). */
const queryChunk = 1000

/** `state_queryStorageAt` in chunks: lowercase key → raw value hex (or null). */
const queryStorageAt = async (
  client: ChainClient,
  at: `0x${string}`,
  keys: readonly string[],
): Promise<Map<string, unknown>> => {
  const values = new Map<string, unknown>()
  for (let i = 0; i < keys.length; i += queryChunk) {
    const answer = await client.rpc.request('state_queryStorageAt', [
      keys.slice(i, i + queryChunk),
      at,
    ])
    if (!Array.isArray(answer))
      throw new MalformedResponseError({ method: 'state_queryStorageAt', reason: 'not an array' })
    for (const set of answer as { changes?: unknown }[]) {
      if (!Array.isArray(set?.changes))
        throw new MalformedResponseError({
          method: 'state_queryStorageAt',
          reason: 'no changes list',
        })
      for (const change of set.changes as unknown[]) {
        if (!Array.isArray(change) || typeof change[0] !== 'string')
          throw new MalformedResponseError({
            method: 'state_queryStorageAt',
            reason: 'bad change entry',
          })
        values.set(change[0].toLowerCase(), change[1])
      }
    }
  }
  return values
}

/**
 * Reads one storage value (the item's default when the key is absent).
 *
 * @param client - The client.
 * @param at - The block hash.
 * @param query - Pallet, item and the map keys (none for a plain item).
 * @returns The value as polkadot-api decodes it (`bigint` for u64+, `number` below).
 * @throws {@link MissingStorageError} If the runtime at `at` has no such item.
 * @throws {@link MalformedResponseError} If the value does not decode.
 * @example
 * ```ts
 * import { createClient, readStorage, resolveBlock } from '@dtao/client'
 *
 * const client = createClient('ws://127.0.0.1:9944')
 * const { hash } = await resolveBlock(client)
 * await readStorage(client, hash, { pallet: 'SubtensorModule', item: 'Tempo', keys: [23] }) // 1000
 * ```
 */
export async function readStorage(
  client: ChainClient,
  at: `0x${string}`,
  query: { readonly pallet: string; readonly item: string; readonly keys?: readonly unknown[] },
): Promise<unknown> {
  const runtime = await runtimeAt(client, at)
  const key = storageCodec(runtime, query.pallet, query.item).keys.enc(...(query.keys ?? []))
  const hex = await client.rpc.request('state_getStorage', [key, at])
  return decodeValue(runtime, query.pallet, query.item, hex)
}

/**
 * Reads many storage values of one or several items in one `state_queryStorageAt` round trip.
 *
 * @param client - The client.
 * @param at - The block hash.
 * @param queries - The values to read.
 * @returns The decoded values, in the order of `queries`.
 * @throws {@link MissingStorageError} If an item is not in the runtime.
 * @throws {@link MalformedResponseError} If the answer or a value is malformed.
 * @example
 * ```ts
 * import { createClient, readStorageMany, resolveBlock } from '@dtao/client'
 *
 * const client = createClient('ws://127.0.0.1:9944')
 * const { hash } = await resolveBlock(client)
 * await readStorageMany(client, hash, [
 *   { pallet: 'SubtensorModule', item: 'SubnetTAO', keys: [1] },
 *   { pallet: 'SubtensorModule', item: 'SubnetAlphaIn', keys: [1] },
 * ]) // [22079400556774n, 2316467425363654n]
 * ```
 */
export async function readStorageMany(
  client: ChainClient,
  at: `0x${string}`,
  queries: readonly {
    readonly pallet: string
    readonly item: string
    readonly keys?: readonly unknown[]
  }[],
): Promise<unknown[]> {
  if (queries.length === 0) return []
  const runtime = await runtimeAt(client, at)
  const keys = queries.map((q) =>
    storageCodec(runtime, q.pallet, q.item).keys.enc(...(q.keys ?? [])),
  )
  const values = await queryStorageAt(client, at, keys as string[])
  return queries.map((q, i) =>
    decodeValue(runtime, q.pallet, q.item, values.get((keys[i] as string).toLowerCase()) ?? null),
  )
}

/**
 * Reads every entry of a storage map under a key prefix (`state_getKeysPaged` + `state_queryStorageAt`).
 *
 * @param client - The client.
 * @param at - The block hash.
 * @param query - Pallet, item and the leading keys that fix the prefix (e.g. `[netuid]`).
 * @returns The entries: full decoded keys and values.
 * @throws {@link MissingStorageError} If the item is not in the runtime.
 * @throws {@link MalformedResponseError} If an answer is malformed.
 * @example
 * ```ts
 * import { createClient, readStorageEntries, resolveBlock } from '@dtao/client'
 *
 * const client = createClient('ws://127.0.0.1:9944')
 * const { hash } = await resolveBlock(client)
 * await readStorageEntries(client, hash, { pallet: 'SubtensorModule', item: 'Weights', keys: [23] })
 * // [{ keys: [23, 10], value: [[10, 65535]] }]
 * ```
 */
export async function readStorageEntries(
  client: ChainClient,
  at: `0x${string}`,
  query: { readonly pallet: string; readonly item: string; readonly keys?: readonly unknown[] },
): Promise<
  {
    /** The entry's decoded keys, the query's prefix keys included. */
    readonly keys: readonly unknown[]
    /** The decoded value. */
    readonly value: unknown
  }[]
> {
  const runtime = await runtimeAt(client, at)
  const codec = storageCodec(runtime, query.pallet, query.item)
  const prefix = codec.keys.enc(...(query.keys ?? []))
  const all: string[] = []
  let start = prefix
  // Page until the node returns no new key, whatever page size it caps at.
  for (;;) {
    const page = await client.rpc.request('state_getKeysPaged', [prefix, 1000, start, at])
    if (!Array.isArray(page) || page.some((k) => typeof k !== 'string'))
      throw new MalformedResponseError({
        method: 'state_getKeysPaged',
        reason: 'not a list of keys',
      })
    const fresh = (page as string[]).filter((k) => k.toLowerCase() !== start.toLowerCase())
    if (fresh.length === 0) break
    all.push(...fresh)
    start = fresh[fresh.length - 1] as string
  }
  if (all.length === 0) return []
  const values = await queryStorageAt(client, at, all)
  return all.map((key) => {
    let keys: unknown[]
    try {
      keys = codec.keys.dec(key) as unknown[]
    } catch (cause) {
      throw new MalformedResponseError({
        method: `${query.pallet}.${query.item}`,
        reason: 'key does not decode',
        cause,
      })
    }
    return {
      keys,
      value: decodeValue(runtime, query.pallet, query.item, values.get(key.toLowerCase()) ?? null),
    }
  })
}

/**
 * Calls a runtime API method through `state_call`, with argument and result codecs from the
 * runtime's V15 metadata.
 *
 * @param client - The client.
 * @param at - The block hash.
 * @param call - API name, method name and arguments.
 * @returns The decoded result.
 * @throws {@link MissingRuntimeApiError} If the runtime at `at` does not have the method.
 * @throws {@link MalformedResponseError} If the result does not decode.
 * @example
 * ```ts
 * import { callRuntimeApi, createClient, resolveBlock } from '@dtao/client'
 *
 * const client = createClient('ws://127.0.0.1:9944')
 * const { hash } = await resolveBlock(client)
 * await callRuntimeApi(client, hash, { api: 'SubnetInfoRuntimeApi', method: 'get_subnet_hyperparams', args: [23] })
 * // { rho: 2560, kappa: 32767, tempo: 1000, … }
 * ```
 */
export async function callRuntimeApi(
  client: ChainClient,
  at: `0x${string}`,
  call: { readonly api: string; readonly method: string; readonly args: readonly unknown[] },
): Promise<unknown> {
  const hex = await callRuntimeApiRaw(client, at, call)
  const runtime = await runtimeAt(client, at)
  try {
    return runtime.builder.buildRuntimeCall(call.api, call.method).value.dec(hex)
  } catch (cause) {
    throw new MalformedResponseError({
      method: `${call.api}_${call.method}`,
      reason: 'SCALE does not decode',
      cause,
    })
  }
}

/**
 * Like {@link callRuntimeApi}, but returns the raw SCALE bytes (hex) for a fixed-layout decoder.
 *
 * @param client - The client.
 * @param at - The block hash.
 * @param call - API name, method name and arguments.
 * @returns The result's SCALE bytes as `0x` hex.
 * @throws {@link MissingRuntimeApiError} If the runtime at `at` does not have the method.
 * @throws {@link MalformedResponseError} If the answer is not hex.
 * @example
 * ```ts
 * import { callRuntimeApiRaw, createClient, resolveBlock } from '@dtao/client'
 *
 * const client = createClient('ws://127.0.0.1:9944')
 * const { hash } = await resolveBlock(client)
 * await callRuntimeApiRaw(client, hash, { api: 'SwapRuntimeApi', method: 'current_alpha_price', args: [1] })
 * // '0x…' (8 bytes, u64 little-endian)
 * ```
 */
export async function callRuntimeApiRaw(
  client: ChainClient,
  at: `0x${string}`,
  call: { readonly api: string; readonly method: string; readonly args: readonly unknown[] },
): Promise<`0x${string}`> {
  const runtime = await runtimeAt(client, at)
  if (!hasRuntimeApi(runtime, call.api, call.method))
    throw new MissingRuntimeApiError({
      api: call.api,
      method: call.method,
      specVersion: runtime.specVersion,
    })
  const args = toPlain(
    runtime.builder.buildRuntimeCall(call.api, call.method).args.enc([...call.args]),
  )
  const hex = await client.rpc.request('state_call', [`${call.api}_${call.method}`, args, at])
  if (typeof hex !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(hex))
    throw new MalformedResponseError({
      method: `${call.api}_${call.method}`,
      reason: 'result is not hex',
    })
  return hex as `0x${string}`
}

/** The runtime at the block has no such storage item (it belongs to another era of the chain).
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 *
 * function explain(e: unknown): string {
 *   return isDtaoError(e, 'Client.MissingStorageError') ? e.shortMessage : String(e)
 * }
 * ``` */
export class MissingStorageError extends BaseError {
  override readonly name = 'Client.MissingStorageError'
  /** Pallet name. */
  readonly pallet: string
  /** Storage item name. */
  readonly item: string
  /** The runtime's spec version. */
  readonly specVersion: number

  constructor({
    pallet,
    item,
    specVersion,
  }: { pallet: string; item: string; specVersion: number }) {
    super(`Storage ${pallet}.${item} does not exist in runtime spec ${specVersion}.`)
    this.pallet = pallet
    this.item = item
    this.specVersion = specVersion
  }
}

/** The runtime at the block has no such runtime-API method.
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 *
 * function explain(e: unknown): string {
 *   return isDtaoError(e, 'Client.MissingRuntimeApiError') ? e.shortMessage : String(e)
 * }
 * ``` */
export class MissingRuntimeApiError extends BaseError {
  override readonly name = 'Client.MissingRuntimeApiError'
  /** Runtime API name. */
  readonly api: string
  /** Method name. */
  readonly method: string
  /** The runtime's spec version. */
  readonly specVersion: number

  constructor({ api, method, specVersion }: { api: string; method: string; specVersion: number }) {
    super(`Runtime API ${api}.${method} does not exist in runtime spec ${specVersion}.`, {
      metaMessages: [
        'Runtime APIs need V15 metadata; SwapRuntimeApi.sim_swap_* exists from spec 302.',
      ],
    })
    this.api = api
    this.method = method
    this.specVersion = specVersion
  }
}
