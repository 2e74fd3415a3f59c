import { legacyBlocksUntilNextEpoch, nextEpochBlock, rulesForSpec } from '@dtao/emission'
import { type BlockRef, resolveBlock, runtimeAt } from './chainClient.js'
import type { Provenance } from './pool.js'
import { assertSnapshotBlock, SnapshotMissingError, type Source } from './snapshotLookup.js'
import { hasStorage, readStorageMany } from './storage.js'

/** When a subnet's next epoch runs, by the schedule rule of the block's spec. */
export type NextEpoch = {
  /** Subnet id. */
  readonly netuid: number
  /** `Tempo`; 0 means epochs are stopped. */
  readonly tempo: number
  /** `'legacy-modulo'` (spec < 423: `(block + netuid + 1) mod (tempo + 1)`) or `'stateful'` (`LastEpochBlock`, `PendingEpochAt`). */
  readonly schedule: 'legacy-modulo' | 'stateful'
  /** The block the next epoch runs at (the read block itself when it is due); `undefined` when tempo is 0. */
  readonly block: bigint | undefined
  /** Blocks from the read block to it. */
  readonly blocksUntil: bigint | undefined
  /** Where and when the schedule was read. */
  readonly provenance: Provenance
}

/**
 * The block of a subnet's next epoch, from `Tempo` and, from spec 423, `LastEpochBlock` and
 * `PendingEpochAt` (`@dtao/emission`'s schedule functions for the spec's rule).
 *
 * @param source - A node client, or a snapshot with epoch or emission inputs for the subnet.
 * @param options - `netuid`, `block`.
 * @returns The next epoch.
 * @throws {@link SnapshotMissingError} If a snapshot holds no tempo for the subnet.
 * @see subtensor pallets/subtensor/src/coinbase/run_coinbase.rs · should_run_epoch, blocks_until_next_epoch
 * @example
 * ```ts
 * import { createClient, nextEpoch } from '@dtao/client'
 *
 * const e = await nextEpoch(createClient('ws://127.0.0.1:9944'), { netuid: 1 })
 * e.blocksUntil // e.g. 6n
 * ```
 */
export async function nextEpoch(
  source: Source,
  options: { readonly netuid: number; readonly block?: BlockRef | undefined },
): Promise<NextEpoch> {
  const { netuid } = options
  let tempo: unknown
  let last: unknown = 0n
  let pending: unknown = 0n
  let provenance: Provenance
  if (source.kind === 'snapshot') {
    assertSnapshotBlock(source, options.block)
    provenance = source.provenance
    const items = {
      ...source.emissionInputs?.subnets[netuid],
      ...source.epochInputs[netuid]?.hyperparameters,
    } as Record<string, unknown>
    tempo = items.Tempo
    last = items.LastEpochBlock ?? 0n
    pending = items.PendingEpochAt ?? 0n
    if (typeof tempo !== 'number')
      throw new SnapshotMissingError({ what: 'Tempo', netuid, source: provenance.source })
  } else {
    const at = await resolveBlock(source, options)
    const runtime = await runtimeAt(source, at.hash)
    provenance = {
      block: at.number,
      blockHash: at.hash,
      specVersion: runtime.specVersion,
      source: source.rpc.url,
    }
    const stateful = ['LastEpochBlock', 'PendingEpochAt'].filter((i) =>
      hasStorage(runtime, 'SubtensorModule', i),
    )
    const values = await readStorageMany(source, at.hash, [
      { pallet: 'SubtensorModule', item: 'Tempo', keys: [netuid] },
      ...stateful.map((item) => ({ pallet: 'SubtensorModule', item, keys: [netuid] })),
    ])
    tempo = values[0]
    if (stateful.includes('LastEpochBlock')) last = values[1 + stateful.indexOf('LastEpochBlock')]
    if (stateful.includes('PendingEpochAt'))
      pending = values[1 + stateful.indexOf('PendingEpochAt')]
  }
  const t = tempo as number
  const now = BigInt(provenance.block)
  const schedule = rulesForSpec(provenance.specVersion).schedule
  let block: bigint | undefined
  if (schedule === 'legacy-modulo') {
    block = t === 0 ? undefined : now + legacyBlocksUntilNextEpoch(netuid, t, now)
  } else {
    const next = nextEpochBlock({
      tempo: t,
      lastEpochBlock: last as bigint,
      pendingEpochAt: pending as bigint,
    })
    block = next === undefined ? undefined : next > now ? next : now
  }
  return {
    netuid,
    tempo: t,
    schedule,
    block,
    blocksUntil: block === undefined ? undefined : block - now,
    provenance,
  }
}
