import { BaseError } from '@dtao/errors'
import type { BlockRef, ChainClient } from './chainClient.js'
import type { EmissionInputs } from './emissionInputs.js'
import type { EpochInputs } from './epochInputs.js'
import type { PoolState, Provenance } from './pool.js'

/**
 * The same reads as a node, answered from a file: pool states, dynamic info, hyperparameters,
 * epoch and emission inputs of some subnets at one block, with their provenance.
 *
 * Build one with `snapshot(url, …)`, load one with `readSnapshot(file)` / `parseSnapshot(json)`.
 */
export type Snapshot = {
  /** Discriminant: reads come from this object. */
  readonly kind: 'snapshot'
  /** The block, spec and origin of every figure (unless a pool says otherwise). */
  readonly provenance: Provenance
  /** Labels of figures not read from the chain but derived (field → how). */
  readonly notes: readonly string[]
  /** Pool states. */
  readonly pools: readonly PoolState[]
  /** `get_dynamic_info` answers, by netuid. */
  readonly dynamicInfo: Readonly<Record<number, Readonly<Record<string, unknown>>>>
  /** Hyperparameters answers, by netuid. */
  readonly hyperparameters: Readonly<Record<number, Readonly<Record<string, unknown>>>>
  /** Epoch inputs, by netuid. */
  readonly epochInputs: Readonly<Record<number, EpochInputs>>
  /** Emission inputs, if captured. */
  readonly emissionInputs: EmissionInputs | undefined
}

/** Where reads come from: a live node ({@link ChainClient}) or a {@link Snapshot}. */
export type Source = ChainClient | Snapshot

/**
 * Checks that a read at `block` can be answered by the snapshot (its own block or the default).
 *
 * @param snapshot - The snapshot.
 * @param block - The requested block.
 * @throws {@link SnapshotBlockMismatchError} If `block` is another block.
 * @example
 * ```ts
 * import { assertSnapshotBlock, embeddedSnapshot } from '@dtao/client'
 *
 * assertSnapshotBlock(embeddedSnapshot(), 6852690) // ok
 * assertSnapshotBlock(embeddedSnapshot(), 1) // throws Client.SnapshotBlockMismatchError
 * ```
 */
export function assertSnapshotBlock(snapshot: Snapshot, block: BlockRef | undefined): void {
  if (block === undefined) return
  const p = snapshot.provenance
  if (
    block === p.block ||
    (typeof block === 'string' && block.toLowerCase() === p.blockHash.toLowerCase())
  )
    return
  throw new SnapshotBlockMismatchError({ requested: block, available: p.block })
}

/**
 * Looks a per-subnet record up in a snapshot.
 *
 * @param snapshot - The snapshot.
 * @param what - Which part (`'pools'`, `'dynamicInfo'`, …), for the error message.
 * @param table - The part's records by netuid.
 * @param netuid - Subnet id.
 * @returns The record.
 * @throws {@link SnapshotMissingError} If the snapshot does not hold it.
 * @example
 * ```ts
 * import { embeddedSnapshot, snapshotRecord } from '@dtao/client'
 *
 * const snap = embeddedSnapshot()
 * snapshotRecord(snap, 'dynamicInfo', snap.dynamicInfo, 1).tao_in // 22079400556774n
 * ```
 */
export function snapshotRecord<T>(
  snapshot: Snapshot,
  what: string,
  table: Readonly<Record<number, T>>,
  netuid: number,
): T {
  const value = table[netuid]
  if (value === undefined)
    throw new SnapshotMissingError({ what, netuid, source: snapshot.provenance.source })
  return value
}

/** The snapshot does not hold the requested figure.
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 *
 * function explain(e: unknown): string {
 *   return isDtaoError(e, 'Client.SnapshotMissingError') ? e.shortMessage : String(e)
 * }
 * ``` */
export class SnapshotMissingError extends BaseError {
  override readonly name = 'Client.SnapshotMissingError'
  /** What was asked (`'pools'`, `'epochInputs'`, …). */
  readonly what: string
  /** Subnet id, if per subnet. */
  readonly netuid: number | undefined

  constructor({
    what,
    netuid,
    source,
  }: { what: string; netuid?: number | undefined; source: string }) {
    super(
      `The snapshot ${source} has no ${what}${netuid === undefined ? '' : ` for subnet ${netuid}`}.`,
      {
        metaMessages: [
          'Take a snapshot that includes it: dtao snapshot --url <node> --netuids <list>.',
        ],
      },
    )
    this.what = what
    this.netuid = netuid
  }
}

/** A read at another block than the snapshot's.
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 *
 * function explain(e: unknown): string {
 *   return isDtaoError(e, 'Client.SnapshotBlockMismatchError') ? e.shortMessage : String(e)
 * }
 * ``` */
export class SnapshotBlockMismatchError extends BaseError {
  override readonly name = 'Client.SnapshotBlockMismatchError'
  /** The requested block. */
  readonly requested: BlockRef
  /** The snapshot's block. */
  readonly available: number

  constructor({ requested, available }: { requested: BlockRef; available: number }) {
    super(`The snapshot is of block ${available}; block ${requested} was requested.`)
    this.requested = requested
    this.available = available
  }
}
