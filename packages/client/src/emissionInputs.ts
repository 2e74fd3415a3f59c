import { type BlockRef, resolveBlock, runtimeAt } from './chainClient.js'
import { toPlain } from './internal/plain.js'
import type { Provenance } from './pool.js'
import { getNetuids } from './pool.js'
import { assertSnapshotBlock, SnapshotMissingError, type Source } from './snapshotLookup.js'
import { hasStorage, readStorageMany } from './storage.js'

/**
 * What the coinbase reads to split a block's emission among subnets (emission.md §2–§3), by
 * storage item name. Only the items the runtime at the block has are present, so a missing
 * key means "not in this era" (e.g. `MinerBurned` before spec 421).
 */
export type EmissionInputs = {
  /** Network-wide items: `TotalIssuance`, `BlockEmission`, `TaoWeight`, `SubnetOwnerCut`, `SubnetMovingAlpha`, … */
  readonly global: Readonly<Record<string, unknown>>
  /** Per-subnet items (`SubnetMovingPrice` I96F32 bits, `MinerBurned`, `SubnetEmissionEnabled`, reserves, …), by netuid. */
  readonly subnets: Readonly<Record<number, Readonly<Record<string, unknown>>>>
  /** Where and when they were read. */
  readonly provenance: Provenance
}

const globalItems = [
  'TotalIssuance',
  'BlockEmission',
  'TaoWeight',
  'SubnetOwnerCut',
  'SubnetMovingAlpha',
  'TotalStake',
  'MaxEpochsPerBlock',
] as const
const subnetItems = [
  'SubnetMechanism',
  'SubnetTAO',
  'SubnetAlphaIn',
  'SubnetAlphaOut',
  'SubnetMovingPrice',
  'EMAPriceHalvingBlocks',
  'MinerBurned',
  'SubnetEmissionEnabled',
  'SubtokenEnabled',
  'FirstEmissionBlockNumber',
  'NetworkRegistrationAllowed',
  'PendingServerEmission',
  'PendingValidatorEmission',
  'PendingRootAlphaDivs',
  'PendingOwnerCut',
  'SubnetTaoInEmission',
  'SubnetAlphaInEmission',
  'SubnetAlphaOutEmission',
  'Tempo',
  'BlocksSinceLastStep',
  'LastMechansimStepBlock',
  'LastEpochBlock',
  'PendingEpochAt',
  'OwnerCutEnabled',
] as const

/**
 * Reads the emission inputs at a block: issuance, moving prices, `MinerBurned`, flags.
 *
 * @param source - A node client or a snapshot.
 * @param options - `netuids` (all subnets when omitted), `block`.
 * @returns The inputs, by item name.
 * @throws {@link SnapshotMissingError} If a snapshot holds no emission inputs.
 * @see subtensor pallets/subtensor/src/coinbase/run_coinbase.rs · run_coinbase
 * @example
 * ```ts
 * import { createClient, getEmissionInputs } from '@dtao/client'
 *
 * const { global } = await getEmissionInputs(createClient('ws://127.0.0.1:9944'))
 * global.TotalIssuance // rao, bigint
 * ```
 */
export async function getEmissionInputs(
  source: Source,
  options: { readonly netuids?: readonly number[]; readonly block?: BlockRef | undefined } = {},
): Promise<EmissionInputs> {
  if (source.kind === 'snapshot') {
    assertSnapshotBlock(source, options.block)
    if (source.emissionInputs === undefined)
      throw new SnapshotMissingError({ what: 'emission inputs', source: source.provenance.source })
    return source.emissionInputs
  }
  const client = source
  const at = await resolveBlock(client, options)
  const runtime = await runtimeAt(client, at.hash)
  const netuids = options.netuids ?? (await getNetuids(client, { block: at.hash }))
  const g = globalItems.filter((i) => hasStorage(runtime, 'SubtensorModule', i))
  const s = subnetItems.filter((i) => hasStorage(runtime, 'SubtensorModule', i))
  const values = await readStorageMany(client, at.hash, [
    ...g.map((item) => ({ pallet: 'SubtensorModule', item })),
    ...netuids.flatMap((netuid) =>
      s.map((item) => ({ pallet: 'SubtensorModule', item, keys: [netuid] })),
    ),
  ])
  const global = Object.fromEntries(g.map((item, i) => [item, toPlain(values[i])]))
  const subnets = Object.fromEntries(
    netuids.map((netuid, n) => [
      netuid,
      Object.fromEntries(s.map((item, i) => [item, toPlain(values[g.length + n * s.length + i])])),
    ]),
  )
  return {
    global,
    subnets,
    provenance: {
      block: at.number,
      blockHash: at.hash,
      specVersion: runtime.specVersion,
      source: client.rpc.url,
    },
  }
}
