import { BaseError } from '@dtao/errors'
import {
  type BlockRef,
  type ChainClient,
  type ResolvedBlock,
  resolveBlock,
  runtimeAt,
} from './chainClient.js'
import { toPlain } from './internal/plain.js'
import type { Provenance } from './pool.js'
import {
  assertSnapshotBlock,
  type Snapshot,
  type Source,
  snapshotRecord,
} from './snapshotLookup.js'
import { callRuntimeApi, hasRuntimeApi } from './storage.js'

/**
 * A runtime-API answer decoded with the chain's own metadata, as plain data: field names are
 * the Rust ones (`num_uids`, `alpha_in`, …), u64+ are `bigint`, byte vectors are `0x` hex,
 * accounts are SS58 strings.
 */
export type Decoded = {
  /** The decoded struct. */
  readonly value: Readonly<Record<string, unknown>>
  /** Where and when it was read. */
  readonly provenance: Provenance
}

const provenanceOf = async (client: ChainClient, at: ResolvedBlock): Promise<Provenance> => ({
  block: at.number,
  blockHash: at.hash,
  specVersion: (await runtimeAt(client, at.hash)).specVersion,
  source: client.rpc.url,
})

const fromSnapshot = (
  snapshot: Snapshot,
  what: 'dynamicInfo' | 'hyperparameters',
  options: { readonly netuid: number; readonly block?: BlockRef | undefined },
): Decoded => {
  assertSnapshotBlock(snapshot, options.block)
  return {
    value: snapshotRecord(snapshot, what, snapshot[what], options.netuid),
    provenance: snapshot.provenance,
  }
}

const callOption = async (
  client: ChainClient,
  at: ResolvedBlock,
  api: string,
  method: string,
  args: readonly unknown[],
  netuid: number,
): Promise<Decoded> => {
  const value = toPlain(await callRuntimeApi(client, at.hash, { api, method, args }))
  if (value === undefined || value === null)
    throw new SubnetNotFoundError({ netuid, block: at.number })
  return { value: value as Record<string, unknown>, provenance: await provenanceOf(client, at) }
}

/**
 * `SubnetInfoRuntimeApi.get_dynamic_info(netuid)`: reserves, emissions, moving price, volume.
 *
 * @param source - A node client or a snapshot.
 * @param options - `netuid`, `block`.
 * @returns The decoded `DynamicInfo`.
 * @throws {@link SubnetNotFoundError} If the subnet does not exist at the block.
 * @throws {@link MissingRuntimeApiError} If the runtime predates the API.
 * @see subtensor pallets/subtensor/src/rpc_info/dynamic_info.rs · get_dynamic_info
 * @example
 * ```ts
 * import { createClient, getDynamicInfo } from '@dtao/client'
 *
 * const { value } = await getDynamicInfo(createClient('ws://127.0.0.1:9944'), { netuid: 1 })
 * value.tao_in // 22079400556774n
 * ```
 */
export async function getDynamicInfo(
  source: Source,
  options: { readonly netuid: number; readonly block?: BlockRef | undefined },
): Promise<Decoded> {
  if (source.kind === 'snapshot') return fromSnapshot(source, 'dynamicInfo', options)
  const client = source
  const at = await resolveBlock(client, options)
  return callOption(
    client,
    at,
    'SubnetInfoRuntimeApi',
    'get_dynamic_info',
    [options.netuid],
    options.netuid,
  )
}

/**
 * The subnet hyperparameters (`get_subnet_hyperparams_v3`, `_v2` or the original, whichever the
 * runtime has, newest first).
 *
 * @param source - A node client or a snapshot.
 * @param options - `netuid`, `block`, and `version` to force `get_subnet_hyperparams` (1), `_v2` or `_v3`.
 * @returns The decoded `SubnetHyperparams`.
 * @throws {@link SubnetNotFoundError} If the subnet does not exist at the block.
 * @see subtensor pallets/subtensor/src/rpc_info/subnet_info.rs · get_subnet_hyperparams
 * @example
 * ```ts
 * import { createClient, getHyperparameters } from '@dtao/client'
 *
 * const { value } = await getHyperparameters(createClient('ws://127.0.0.1:9944'), { netuid: 23 })
 * value.tempo // 1000
 * ```
 */
export async function getHyperparameters(
  source: Source,
  options: {
    readonly netuid: number
    readonly block?: BlockRef | undefined
    readonly version?: 1 | 2 | 3 | undefined
  },
): Promise<Decoded> {
  if (source.kind === 'snapshot') return fromSnapshot(source, 'hyperparameters', options)
  const client = source
  const at = await resolveBlock(client, options)
  const runtime = await runtimeAt(client, at.hash)
  const names = {
    1: 'get_subnet_hyperparams',
    2: 'get_subnet_hyperparams_v2',
    3: 'get_subnet_hyperparams_v3',
  }
  const method =
    options.version !== undefined
      ? names[options.version]
      : (['get_subnet_hyperparams_v3', 'get_subnet_hyperparams_v2'].find((m) =>
          hasRuntimeApi(runtime, 'SubnetInfoRuntimeApi', m),
        ) ?? 'get_subnet_hyperparams')
  return callOption(client, at, 'SubnetInfoRuntimeApi', method, [options.netuid], options.netuid)
}

/**
 * The metagraph of one mechanism of a subnet: `get_selective_mechagraph(netuid, mechid, all
 * fields)` where the runtime has it (as the Python SDK asks), else `get_metagraph(netuid)`.
 *
 * @param client - The client.
 * @param options - `netuid`, `mechid` (default 0), `block`.
 * @returns The decoded metagraph (`num_uids`, `hotkeys`, `alpha_stake`, `last_update`, …).
 * @throws {@link SubnetNotFoundError} If the subnet does not exist at the block.
 * @see subtensor pallets/subtensor/src/rpc_info/metagraph.rs · get_selective_mechagraph
 * @example
 * ```ts
 * import { createClient, getMetagraph } from '@dtao/client'
 *
 * const { value } = await getMetagraph(createClient('ws://127.0.0.1:9944'), { netuid: 1, block: 6852690 })
 * value.num_uids // 1024
 * ```
 */
export async function getMetagraph(
  client: ChainClient,
  options: {
    readonly netuid: number
    readonly mechid?: number
    readonly block?: BlockRef | undefined
  },
): Promise<Decoded> {
  const at = await resolveBlock(client, options)
  const runtime = await runtimeAt(client, at.hash)
  const { netuid } = options
  const mechid = options.mechid ?? 0
  if (hasRuntimeApi(runtime, 'SubnetInfoRuntimeApi', 'get_selective_mechagraph')) {
    const api = runtime.metadata.apis.find((a) => a.name === 'SubnetInfoRuntimeApi')
    const output = api?.methods.find((m) => m.name === 'get_selective_mechagraph')?.output
    const fields = output === undefined ? 0 : countStructFields(runtime, output)
    // One index per field of the struct, in order (as the Python SDK asks for all of them).
    const indexes = Array.from({ length: fields }, (_, i) => i)
    return callOption(
      client,
      at,
      'SubnetInfoRuntimeApi',
      'get_selective_mechagraph',
      [netuid, mechid, indexes],
      netuid,
    )
  }
  if (mechid === 0 || !hasRuntimeApi(runtime, 'SubnetInfoRuntimeApi', 'get_mechagraph'))
    return callOption(client, at, 'SubnetInfoRuntimeApi', 'get_metagraph', [netuid], netuid)
  return callOption(client, at, 'SubnetInfoRuntimeApi', 'get_mechagraph', [netuid, mechid], netuid)
}

const countStructFields = (
  runtime: {
    readonly metadata: {
      readonly lookup: readonly { readonly id: number; readonly def: unknown }[]
    }
  },
  type: number,
): number => {
  let entry = runtime.metadata.lookup.find((l) => l.id === type)
  for (let depth = 0; entry && depth < 4; depth++) {
    const def = entry.def as { tag: string; value: unknown }
    if (def.tag === 'composite') return (def.value as unknown[]).length
    if (def.tag === 'variant') {
      // Option<T>: follow Some's single field.
      const some = (def.value as { name: string; fields: { type: number }[] }[]).find(
        (v) => v.name === 'Some',
      )
      const inner = some?.fields[0]?.type
      entry = inner === undefined ? undefined : runtime.metadata.lookup.find((l) => l.id === inner)
    } else return 0
  }
  return 0
}

/** The subnet does not exist at the block (the runtime API answered `None`).
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 *
 * function explain(e: unknown): string {
 *   return isDtaoError(e, 'Client.SubnetNotFoundError') ? e.shortMessage : String(e)
 * }
 * ``` */
export class SubnetNotFoundError extends BaseError {
  override readonly name = 'Client.SubnetNotFoundError'
  /** Subnet id. */
  readonly netuid: number
  /** Block number. */
  readonly block: number

  constructor({ netuid, block }: { netuid: number; block: number }) {
    super(`Subnet ${netuid} does not exist at block ${block}.`)
    this.netuid = netuid
    this.block = block
  }
}
