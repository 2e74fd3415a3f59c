import { alphaBalance, taoBalance } from '@dtao/fixed'
import { describe, expect, test } from 'vitest'
import { closeClient, createClient } from './chainClient.js'
import type { EmissionInputs } from './emissionInputs.js'
import {
  loadRecording,
  recordedBuilder,
  startTestNode,
  syntheticHandler,
} from './internal/testNode.js'
import type { PoolState, Provenance } from './pool.js'
import { project, toProjectionSnapshot } from './project.js'
import type { Snapshot } from './snapshotLookup.js'

const tao = 10n ** 9n
const provenance: Provenance = {
  block: 1000,
  blockHash: `0x${'11'.repeat(32)}`,
  specVersion: 425,
  source: 'test',
}
const pool: PoolState = {
  netuid: 1,
  era: 'balancer',
  mechanism: 1,
  taoReserve: taoBalance(1000n * tao),
  alphaReserve: alphaBalance(4000n * tao),
  feeRate: 33,
  subtokenEnabled: true,
  alphaSqrtPrice: undefined,
  currentLiquidity: undefined,
  currentTick: undefined,
  initialized: true,
  taoProvided: undefined,
  alphaProvided: undefined,
  quoteWeight: 5n * 10n ** 17n,
  alphaOutstanding: undefined,
  ticks: undefined,
  provenance,
}
const inputs: EmissionInputs = {
  global: {
    TotalIssuance: 5_000_000n * tao,
    TaoWeight: 0n,
    SubnetOwnerCut: 11_796,
    MaxEpochsPerBlock: 2,
  },
  subnets: {
    0: { SubnetTAO: 100n * tao },
    1: {
      SubnetMechanism: 1,
      SubnetMovingPrice: 1n << 30n, // 0.25 in I96F32
      SubtokenEnabled: true,
      NetworkRegistrationAllowed: true,
      FirstEmissionBlockNumber: 10n,
      SubnetAlphaIn: 4000n * tao,
      SubnetAlphaOut: 1000n * tao,
      Tempo: 360,
      LastEpochBlock: 900n,
      PendingServerEmission: 0n,
      PendingValidatorEmission: 0n,
      PendingRootAlphaDivs: 0n,
      PendingOwnerCut: 0n,
    },
  },
  provenance,
}

describe('toProjectionSnapshot', () => {
  test('maps the storage items by name; spot price (½/½)·(1000/4000) = 0.25 = 2⁶² U64F64 bits', () => {
    const s = toProjectionSnapshot(inputs, [pool])
    expect(s).toMatchObject({
      block: 1000n,
      totalIssuance: 5_000_000n * tao,
      rootSubnetTao: 100n * tao,
      taoWeight: 0n,
    })
    expect(s.subnets).toHaveLength(1)
    expect(s.subnets[0]).toMatchObject({
      netuid: 1,
      movingPrice: 1n << 30n,
      firstEmissionBlock: 10n,
      alphaIn: 4000n * tao,
      alphaOut: 1000n * tao,
      spotPrice: 1n << 62n,
      tempo: 360,
      lastEpochBlock: 900n,
      pending: [0n, 0n, 0n, 0n],
    })
  })

  test('a V3 pool or a missing LastEpochBlock is Client.ProjectionUnavailableError', () => {
    expect(() => toProjectionSnapshot(inputs, [{ ...pool, era: 'v3' }])).toThrow(
      expect.objectContaining({ name: 'Client.ProjectionUnavailableError', item: 'SwapBalancer' }),
    )
    const { LastEpochBlock: _, ...old } = inputs.subnets[1] ?? {}
    expect(() =>
      toProjectionSnapshot({ ...inputs, subnets: { ...inputs.subnets, 1: old } }, [pool]),
    ).toThrow(
      expect.objectContaining({
        name: 'Client.ProjectionUnavailableError',
        item: 'LastEpochBlock',
        netuid: 1,
      }),
    )
  })
})

describe('project', () => {
  test('from a snapshot: 10 blocks at 5 M TAO issued mint 10 × 1 TAO (first halving at 10.5 M)', async () => {
    const snap: Snapshot = {
      kind: 'snapshot',
      provenance,
      notes: [],
      pools: [pool],
      dynamicInfo: {},
      hyperparameters: {},
      epochInputs: {},
      emissionInputs: inputs,
    }
    const { projection, provenance: p } = await project(snap, { blocks: 10n })
    expect(p).toEqual(provenance)
    expect(projection.taoMinted).toBe(10n * tao)
    expect([...projection.subnets.keys()]).toEqual([1])
  })

  const recording = loadRecording()
  test.skipIf(recording === undefined)(
    'a spec-343 node: Client.ProjectionUnavailableError, not numbers',
    async () => {
      const rec = recording as NonNullable<typeof recording>
      const builder = recordedBuilder(rec)
      const storage = new Map<string, string>()
      for (const netuid of [0, 1]) {
        const codec = builder.buildStorage('SubtensorModule', 'NetworksAdded')
        storage.set((codec.keys.enc(netuid) as string).toLowerCase(), '0x01')
      }
      const node = await startTestNode(
        syntheticHandler({ spec: 343, block: 50, storage, calls: new Map() }, rec),
      )
      const client = createClient(node.url, { timeout: 5_000 })
      try {
        await expect(project(client, { blocks: 10n })).rejects.toMatchObject({
          name: 'Client.ProjectionUnavailableError',
        })
      } finally {
        closeClient(client)
        await node.close()
      }
    },
  )
})
