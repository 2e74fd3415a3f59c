import { balancerPool, spotPrice } from '@dtao/amm'
import {
  type Projection,
  type ProjectionSnapshot,
  type ProjectionSubnet,
  projectEmissions,
  rulesForSpec,
} from '@dtao/emission'
import { BaseError } from '@dtao/errors'
import type { BlockRef } from './chainClient.js'
import { type EmissionInputs, getEmissionInputs } from './emissionInputs.js'
import { getPoolStates, type PoolState, type Provenance } from './pool.js'
import type { Source } from './snapshotLookup.js'

const need = <T>(
  record: Readonly<Record<string, unknown>> | undefined,
  item: string,
  netuid: number | undefined,
  check: (x: unknown) => x is T,
): T => {
  const v = record?.[item]
  if (!check(v)) throw new ProjectionUnavailableError({ item, netuid })
  return v
}
const isBig = (x: unknown): x is bigint => typeof x === 'bigint'
const isNum = (x: unknown): x is number => typeof x === 'number'
const isBool = (x: unknown): x is boolean => typeof x === 'boolean'

/**
 * Builds `@dtao/emission`'s projection start state from emission inputs and Balancer pool states
 * read at one block (storage names as in subtensor; spot prices from `@dtao/amm`'s `spotPrice`).
 *
 * @param inputs - The emission inputs (every subnet, root included for its `SubnetTAO`).
 * @param pools - The pool states of the non-root subnets (Balancer era).
 * @returns The projection snapshot.
 * @throws {@link ProjectionUnavailableError} If an item the projection needs is absent (spec < 423 state).
 * @example
 * ```ts
 * import { getEmissionInputs, getPoolStates, toProjectionSnapshot } from '@dtao/client'
 *
 * const snapshot = toProjectionSnapshot(await getEmissionInputs(client), await getPoolStates(client))
 * snapshot.subnets.length // non-root subnets
 * ```
 */
export function toProjectionSnapshot(
  inputs: EmissionInputs,
  pools: readonly PoolState[],
): ProjectionSnapshot {
  const g = inputs.global
  const subnets: ProjectionSubnet[] = []
  for (const pool of pools) {
    const netuid = pool.netuid
    if (netuid === 0) continue
    const s = inputs.subnets[netuid]
    if (pool.era !== 'balancer')
      throw new ProjectionUnavailableError({ item: 'SwapBalancer', netuid })
    const first = s?.FirstEmissionBlockNumber
    const pending = [
      'PendingServerEmission',
      'PendingValidatorEmission',
      'PendingRootAlphaDivs',
      'PendingOwnerCut',
    ].map((item) => need(s, item, netuid, isBig)) as [bigint, bigint, bigint, bigint]
    subnets.push({
      netuid,
      mechanism: need(s, 'SubnetMechanism', netuid, isNum),
      movingPrice: need(s, 'SubnetMovingPrice', netuid, isBig),
      ...(isBig(s?.MinerBurned) ? { minerBurned: s.MinerBurned } : {}),
      firstEmissionBlock: isBig(first) ? first : null,
      subtokenEnabled: need(s, 'SubtokenEnabled', netuid, isBool),
      registrationAllowed: need(s, 'NetworkRegistrationAllowed', netuid, isBool),
      ...(isBool(s?.SubnetEmissionEnabled) ? { emissionEnabled: s.SubnetEmissionEnabled } : {}),
      alphaIn: need(s, 'SubnetAlphaIn', netuid, isBig),
      alphaOut: need(s, 'SubnetAlphaOut', netuid, isBig),
      spotPrice: spotPrice(
        balancerPool({
          netuid,
          taoReserve: pool.taoReserve,
          alphaReserve: pool.alphaReserve,
          mechanism: pool.mechanism,
          ...(pool.quoteWeight === undefined ? {} : { quoteWeight: pool.quoteWeight }),
          ...(pool.initialized === undefined ? {} : { initialized: pool.initialized }),
          ...(pool.feeRate === undefined ? {} : { feeRate: pool.feeRate }),
        }),
      ),
      tempo: need(s, 'Tempo', netuid, isNum),
      lastEpochBlock: need(s, 'LastEpochBlock', netuid, isBig),
      ...(isBig(s?.PendingEpochAt) ? { pendingEpochAt: s.PendingEpochAt } : {}),
      ...(isBig(s?.BlocksSinceLastStep) ? { blocksSinceLastStep: s.BlocksSinceLastStep } : {}),
      pending,
      ...(isBool(s?.OwnerCutEnabled) ? { ownerCutEnabled: s.OwnerCutEnabled } : {}),
    })
  }
  return {
    block: BigInt(inputs.provenance.block),
    totalIssuance: need(g, 'TotalIssuance', undefined, isBig),
    rootSubnetTao: need(inputs.subnets[0], 'SubnetTAO', 0, isBig),
    taoWeight: need(g, 'TaoWeight', undefined, isBig),
    ...(isNum(g.SubnetOwnerCut) ? { ownerCut: g.SubnetOwnerCut } : {}),
    ...(isNum(g.MaxEpochsPerBlock) ? { maxEpochsPerBlock: g.MaxEpochsPerBlock } : {}),
    subnets,
  }
}

/**
 * Projects emissions over the next `blocks` blocks from the current state, with
 * `@dtao/emission`'s coinbase and schedule for the block's spec (prices held constant).
 *
 * Shares are always computed over every subnet, as on chain; `netuids` only filters the result.
 *
 * @param source - A node client, or a snapshot holding emission inputs and pools of every subnet.
 * @param options - `blocks` (the horizon), `netuids` to keep in the result, `block`, `recordEpochs`.
 * @returns The projection and the provenance of its start state.
 * @throws {@link ProjectionUnavailableError} Before spec 423 (no `LastEpochBlock`, no Balancer pools).
 * @see subtensor pallets/subtensor/src/coinbase/run_coinbase.rs · run_coinbase
 * @example
 * ```ts
 * import { createClient, project } from '@dtao/client'
 *
 * const { projection } = await project(createClient('ws://127.0.0.1:9944'), { blocks: 7200n })
 * projection.taoMinted // rao minted over a day
 * ```
 */
export async function project(
  source: Source,
  options: {
    readonly blocks: bigint
    readonly netuids?: readonly number[] | undefined
    readonly block?: BlockRef | undefined
    readonly recordEpochs?: boolean
  },
): Promise<{
  /** The projection (`@dtao/emission`'s `projectEmissions`), filtered to `netuids` if given. */
  readonly projection: Projection
  /** Where and when the start state was read. */
  readonly provenance: Provenance
}> {
  const inputs = await getEmissionInputs(source, { block: options.block })
  const at = inputs.provenance.blockHash
  const all = Object.keys(inputs.subnets).map(Number)
  const pools = await getPoolStates(source, {
    netuids: all.filter((n) => n !== 0),
    block: source.kind === 'chain' ? at : options.block,
  })
  const snapshot = toProjectionSnapshot(inputs, pools)
  const projection = projectEmissions(
    snapshot,
    { blocks: options.blocks },
    {
      rules: rulesForSpec(inputs.provenance.specVersion),
      ...(options.recordEpochs === undefined ? {} : { recordEpochs: options.recordEpochs }),
    },
  )
  const keep = options.netuids === undefined ? undefined : new Set(options.netuids)
  return {
    projection:
      keep === undefined
        ? projection
        : {
            ...projection,
            subnets: new Map([...projection.subnets].filter(([netuid]) => keep.has(netuid))),
          },
    provenance: inputs.provenance,
  }
}

/** The state at the block lacks something the projection needs (it models spec ≥ 423).
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 *
 * function explain(e: unknown): string {
 *   return isDtaoError(e, 'Client.ProjectionUnavailableError') ? e.shortMessage : String(e)
 * }
 * ``` */
export class ProjectionUnavailableError extends BaseError {
  override readonly name = 'Client.ProjectionUnavailableError'
  /** The missing storage item. */
  readonly item: string
  /** Subnet id, if per subnet. */
  readonly netuid: number | undefined

  constructor({ item, netuid }: { item: string; netuid?: number | undefined }) {
    super(
      `Cannot project emissions: ${item}${netuid === undefined ? '' : ` of subnet ${netuid}`} is not in the state read.`,
      {
        metaMessages: ['Projections start from spec ≥ 423 state (LastEpochBlock, Balancer pools).'],
      },
    )
    this.item = item
    this.netuid = netuid
  }
}
