import type { V3Tick } from '@dtao/amm'
import {
  type ChainRules,
  FIRST_DTAO_SPEC_VERSION,
  LATEST_KNOWN_SPEC_VERSION,
  type PoolEra,
  rulesForSpec,
} from '@dtao/amm'
import { BaseError } from '@dtao/errors'
import { type AlphaBalance, alphaBalance, type TaoBalance, taoBalance } from '@dtao/fixed'
import {
  type BlockRef,
  type ChainClient,
  type ResolvedBlock,
  resolveBlock,
  runtimeAt,
} from './chainClient.js'
import { MalformedResponseError } from './rpc.js'
import { assertSnapshotBlock, type Source, snapshotRecord } from './snapshotLookup.js'
import { hasStorage, readStorageEntries, readStorageMany } from './storage.js'

/**
 * The pool design a runtime spec runs (amm.md §1.1): constant product for 233–282, V3 for
 * 283–422, Balancer from 423, per `@dtao/amm`'s `rulesForSpec`.
 *
 * @param specVersion - `spec_version`.
 * @returns The era.
 * @throws {@link UnknownSpecError} If the spec predates dTAO or is newer than the rules known.
 * @example
 * ```ts
 * import { poolEraForSpec } from '@dtao/client'
 *
 * poolEraForSpec(343) // 'v3'
 * ```
 */
export function poolEraForSpec(specVersion: number): PoolEra {
  return chainRulesForSpec(specVersion).era
}

/**
 * `@dtao/amm`'s `rulesForSpec`, with an unknown spec reported as {@link UnknownSpecError}.
 *
 * @param specVersion - `spec_version`.
 * @returns The quote-relevant rules of that runtime.
 * @throws {@link UnknownSpecError} If the spec predates dTAO or is newer than the rules known.
 * @example
 * ```ts
 * import { chainRulesForSpec } from '@dtao/client'
 *
 * chainRulesForSpec(343).simSwapLayout // 'fourField'
 * ```
 */
export function chainRulesForSpec(specVersion: number): ChainRules {
  try {
    return rulesForSpec(specVersion)
  } catch (cause) {
    throw new UnknownSpecError({ specVersion, cause })
  }
}

/** Where and when a value was read. */
export type Provenance = {
  /** Block number. */
  readonly block: number
  /** Block hash. */
  readonly blockHash: `0x${string}`
  /** Runtime `spec_version` at the block. */
  readonly specVersion: number
  /** Where it came from: a node URL, a snapshot file, or a description. */
  readonly source: string
}

/**
 * A subnet pool's state at a block, with the storage items of its era (amm.md §2.1, §3.1, §3.2).
 *
 * Fields an era does not have are `undefined`. Fixed-point values are raw bits.
 */
export type PoolState = {
  /** Subnet id. */
  readonly netuid: number
  /** Pool design of the runtime at the block. */
  readonly era: PoolEra
  /** `SubnetMechanism` (1 = dynamic pool, 0 = stable/root: 1:1, no fee). */
  readonly mechanism: number
  /** TAO reserve `SubnetTAO`, rao. */
  readonly taoReserve: TaoBalance
  /** Alpha reserve `SubnetAlphaIn`, alpha rao. */
  readonly alphaReserve: AlphaBalance
  /** `Swap.FeeRate` (u16, fraction of 65 535); `undefined` before the swap pallet. */
  readonly feeRate: number | undefined
  /** `SubtokenEnabled`, if the runtime has it. */
  readonly subtokenEnabled: boolean | undefined
  /** Era B: `Swap.AlphaSqrtPrice`, U64F64 raw bits. */
  readonly alphaSqrtPrice: bigint | undefined
  /** Era B: `Swap.CurrentLiquidity`. */
  readonly currentLiquidity: bigint | undefined
  /** Era B: `Swap.CurrentTick`. */
  readonly currentTick: number | undefined
  /** Era B: `Swap.SwapV3Initialized`; era C: `Swap.PalSwapInitialized`. */
  readonly initialized: boolean | undefined
  /** Era B: `SubnetTaoProvided`. */
  readonly taoProvided: TaoBalance | undefined
  /** Era B: `SubnetAlphaInProvided`. */
  readonly alphaProvided: AlphaBalance | undefined
  /** Era C: `Swap.SwapBalancer` quote (TAO) weight, Perquintill parts (10^18 = 1). */
  readonly quoteWeight: bigint | undefined
  /** Era A: `SubnetAlphaOut` (staked alpha), alpha rao. */
  readonly alphaOutstanding: AlphaBalance | undefined
  /** Era B: the initialised ticks (`Swap.Ticks[netuid]`), sorted by index. */
  readonly ticks: readonly V3Tick[] | undefined
  /** Where and when it was read. */
  readonly provenance: Provenance
}

type Item = { readonly pallet: string; readonly item: string }
const subtensor = (item: string): Item => ({ pallet: 'SubtensorModule', item })
const swap = (item: string): Item => ({ pallet: 'Swap', item })

const eraItems: Record<PoolEra, readonly Item[]> = {
  constantProduct: [subtensor('SubnetAlphaOut')],
  v3: [
    swap('FeeRate'),
    swap('AlphaSqrtPrice'),
    swap('CurrentLiquidity'),
    swap('CurrentTick'),
    swap('SwapV3Initialized'),
    subtensor('SubnetTaoProvided'),
    subtensor('SubnetAlphaInProvided'),
  ],
  balancer: [swap('FeeRate'), swap('SwapBalancer'), swap('PalSwapInitialized')],
}
const baseItems: readonly Item[] = [
  subtensor('SubnetTAO'),
  subtensor('SubnetAlphaIn'),
  subtensor('SubnetMechanism'),
  subtensor('SubtokenEnabled'),
]

// Absent from the metadata, these make the read fail with MissingStorageError; the rest are optional.
const requiredItems = new Set(['SubnetTAO', 'SubnetAlphaIn', 'AlphaSqrtPrice', 'SwapBalancer'])

const asU64 = (x: unknown, what: string): bigint => {
  if (typeof x === 'bigint') return x
  if (typeof x === 'number' && Number.isSafeInteger(x)) return BigInt(x)
  if (typeof x === 'object' && x !== null) {
    const inner = Object.values(x)
    if (inner.length === 1) return asU64(inner[0], what)
  }
  throw new MalformedResponseError({ method: what, reason: 'not an integer' })
}
const asNumber = (x: unknown, what: string): number => {
  if (typeof x === 'number') return x
  throw new MalformedResponseError({ method: what, reason: 'not a small integer' })
}

/**
 * Reads the pool state of several (or all) subnets at one block in a single storage round trip.
 *
 * @param source - A node client or a snapshot.
 * @param options - `netuids` (every subnet when omitted), and `block` (best when omitted).
 * @returns One {@link PoolState} per netuid, in order.
 * @throws {@link UnknownSpecError} If the spec's pool rules are unknown.
 * @throws {@link MissingStorageError} If a storage item of the era is missing from the metadata.
 * @throws {@link SnapshotMissingError} If a snapshot lacks a subnet.
 * @see subtensor pallets/subtensor/src/lib.rs · SubnetTAO, SubnetAlphaIn; pallets/swap/src/pallet/mod.rs · FeeRate, AlphaSqrtPrice, SwapBalancer
 * @example
 * ```ts
 * import { createClient, getPoolStates } from '@dtao/client'
 *
 * const [pool] = await getPoolStates(createClient('ws://127.0.0.1:9944'), { netuids: [1] })
 * pool.era // 'v3' at spec 343
 * ```
 */
export async function getPoolStates(
  source: Source,
  options: {
    readonly netuids?: readonly number[] | undefined
    readonly block?: BlockRef | undefined
  } = {},
): Promise<PoolState[]> {
  if (source.kind === 'snapshot') {
    assertSnapshotBlock(source, options.block)
    if (options.netuids === undefined) return [...source.pools]
    const byNetuid = Object.fromEntries(source.pools.map((p) => [p.netuid, p]))
    return options.netuids.map((netuid) => snapshotRecord(source, 'pool state', byNetuid, netuid))
  }
  const at = await resolveBlock(source, options)
  const netuids = options.netuids ?? (await getNetuids(source, { block: at.hash }))
  return poolStatesAt(source, at, netuids)
}

/**
 * Reads one subnet's pool state (see {@link getPoolStates}).
 *
 * @param source - A node client or a snapshot.
 * @param options - `netuid`, and `block` (best when omitted).
 * @returns The pool state.
 * @throws {@link UnknownSpecError} If the spec's pool rules are unknown.
 * @example
 * ```ts
 * import { createClient, getPoolState } from '@dtao/client'
 *
 * const pool = await getPoolState(createClient('ws://127.0.0.1:9944'), { netuid: 1 })
 * pool.taoReserve // 22079400556774n (TAO rao)
 * ```
 */
export async function getPoolState(
  source: Source,
  options: { readonly netuid: number; readonly block?: BlockRef | undefined },
): Promise<PoolState> {
  const [pool] = await getPoolStates(source, { netuids: [options.netuid], block: options.block })
  return pool as PoolState
}

/**
 * The netuids of every subnet at a block (keys of `SubtensorModule.NetworksAdded`).
 *
 * @param client - The client.
 * @param options - `block` (best when omitted).
 * @returns Netuids, ascending.
 * @example
 * ```ts
 * import { createClient, getNetuids } from '@dtao/client'
 *
 * await getNetuids(createClient('ws://127.0.0.1:9944')) // [0, 1, 2, …]
 * ```
 */
export async function getNetuids(
  client: ChainClient,
  options: { readonly block?: BlockRef | undefined } = {},
): Promise<number[]> {
  const at = await resolveBlock(client, options)
  const entries = await readStorageEntries(client, at.hash, subtensor('NetworksAdded'))
  return entries
    .filter((e) => e.value === true)
    .map((e) => e.keys[0] as number)
    .sort((a, b) => a - b)
}

/** Reads pool states at a resolved block. */
async function poolStatesAt(
  client: ChainClient,
  at: ResolvedBlock,
  netuids: readonly number[],
): Promise<PoolState[]> {
  const runtime = await runtimeAt(client, at.hash)
  const era = poolEraForSpec(runtime.specVersion)
  const items = [...baseItems, ...eraItems[era]].filter(
    (i) => requiredItems.has(i.item) || hasStorage(runtime, i.pallet, i.item),
  )
  const queries = netuids.flatMap((netuid) => items.map((i) => ({ ...i, keys: [netuid] })))
  const values = await readStorageMany(client, at.hash, queries)
  const provenance: Provenance = {
    block: at.number,
    blockHash: at.hash,
    specVersion: runtime.specVersion,
    source: client.rpc.url,
  }
  const ticks =
    era === 'v3' && hasStorage(runtime, 'Swap', 'Ticks')
      ? await Promise.all(netuids.map((netuid) => ticksAt(client, at.hash, netuid)))
      : undefined
  return netuids.map((netuid, n) => {
    const get = (item: string): unknown => {
      const i = items.findIndex((x) => x.item === item)
      return i < 0 ? undefined : values[n * items.length + i]
    }
    const opt = <T>(item: string, f: (x: unknown, what: string) => T): T | undefined => {
      const v = get(item)
      return v === undefined ? undefined : f(v, item)
    }
    return {
      netuid,
      era,
      mechanism: asNumber(get('SubnetMechanism') ?? 0, 'SubnetMechanism'),
      taoReserve: taoBalance(asU64(get('SubnetTAO'), 'SubnetTAO')),
      alphaReserve: alphaBalance(asU64(get('SubnetAlphaIn'), 'SubnetAlphaIn')),
      feeRate: opt('FeeRate', asNumber),
      subtokenEnabled: opt('SubtokenEnabled', (x) => x === true),
      alphaSqrtPrice: opt('AlphaSqrtPrice', asU64),
      currentLiquidity: opt('CurrentLiquidity', asU64),
      currentTick: opt('CurrentTick', asNumber),
      initialized: opt(
        era === 'balancer' ? 'PalSwapInitialized' : 'SwapV3Initialized',
        (x) => x === true,
      ),
      taoProvided: opt('SubnetTaoProvided', (x, w) => taoBalance(asU64(x, w))),
      alphaProvided: opt('SubnetAlphaInProvided', (x, w) => alphaBalance(asU64(x, w))),
      quoteWeight: opt('SwapBalancer', asU64),
      alphaOutstanding: opt('SubnetAlphaOut', (x, w) => alphaBalance(asU64(x, w))),
      ticks: ticks?.[n],
      provenance,
    }
  })
}

const asI128 = (x: unknown, what: string): bigint => {
  if (typeof x === 'bigint') return x
  if (typeof x === 'object' && x !== null && Object.values(x).length === 1)
    return asI128(Object.values(x)[0], what)
  throw new MalformedResponseError({ method: what, reason: 'not an integer' })
}

const ticksAt = async (
  client: ChainClient,
  at: `0x${string}`,
  netuid: number,
): Promise<V3Tick[]> => {
  const entries = await readStorageEntries(client, at, { ...swap('Ticks'), keys: [netuid] })
  return entries
    .map(({ keys, value }) => {
      const v = value as Record<string, unknown>
      return {
        index: asNumber(keys[1], 'Ticks key') | 0,
        liquidityNet: asI128(v.liquidity_net, 'Ticks.liquidity_net'),
        liquidityGross: asU64(v.liquidity_gross, 'Ticks.liquidity_gross'),
        feesOutTao: asI128(v.fees_out_tao, 'Ticks.fees_out_tao') as V3Tick['feesOutTao'],
        feesOutAlpha: asI128(v.fees_out_alpha, 'Ticks.fees_out_alpha') as V3Tick['feesOutAlpha'],
      }
    })
    .sort((a, b) => a.index - b.index)
}

/** The runtime's spec has no known pool rules (pre-dTAO, or newer than this package).
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 *
 * function explain(e: unknown): string {
 *   return isDtaoError(e, 'Client.UnknownSpecError') ? e.shortMessage : String(e)
 * }
 * ``` */
export class UnknownSpecError extends BaseError {
  override readonly name = 'Client.UnknownSpecError'
  /** The spec version found. */
  readonly specVersion: number

  constructor({ specVersion, cause }: { specVersion: number; cause?: unknown }) {
    super(
      `Runtime spec ${specVersion} has no known pool rules: they are known for specs ${FIRST_DTAO_SPEC_VERSION}–${LATEST_KNOWN_SPEC_VERSION}.`,
      {
        cause,
        metaMessages: [
          specVersion < FIRST_DTAO_SPEC_VERSION
            ? 'dTAO pools start at spec 233; read an older block with the plain storage reads.'
            : 'Upgrade @dtao/client, or quote with the node (verify: true / simSwap).',
        ],
      },
    )
    this.specVersion = specVersion
  }
}
