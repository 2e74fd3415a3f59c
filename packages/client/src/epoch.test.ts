import { type EpochInput, runEpoch } from '@dtao/yuma'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type ChainClient, closeClient, createClient } from './chainClient.js'
import { embeddedSnapshot } from './embeddedSnapshot.js'
import { EpochUnavailableError, epoch, toEpochInput } from './epoch.js'
import { getEpochInputs } from './epochInputs.js'
import {
  loadRecording,
  recordedBuilder,
  startTestNode,
  syntheticHandler,
  type TestNode,
} from './internal/testNode.js'
import { parseSnapshot, serializeSnapshot } from './snapshot.js'

const recording = loadRecording()
describe.skipIf(recording === undefined)('epoch (a local node, spec-343 metadata)', () => {
  const rec = recording as NonNullable<typeof recording>
  const builder = recordedBuilder(rec)
  const hex = (u: Uint8Array): string => `0x${Buffer.from(u).toString('hex')}`
  const a = '5Cf4LPRv6tiyuFsfLRQaFYEEn3zJRGi4bAE9DwbbKmbCSHpV'
  const b = '5DkzsviNQr4ZePXMmEfNPDcE7cQ9cVyepmQbgUw6YT3odcwh'
  const tao = 10n ** 9n
  const storage = new Map<string, string>()
  const put = (item: string, keys: unknown[], value: unknown): void => {
    const codec = builder.buildStorage('SubtensorModule', item)
    storage.set((codec.keys.enc(...keys) as string).toLowerCase(), hex(codec.value.enc(value)))
  }
  // Subnet 1: validator a (uid 0, 1000 α staked) puts all its weight on miner b (uid 1), the
  // subnet owner. 1 α of emission is pending: 0.3 server, 0.3 validator, 0.4 root.
  put('SubnetworkN', [1], 2)
  put('Keys', [1, 0], a)
  put('Keys', [1, 1], b)
  put('Weights', [1, 0], [[1, 65535]])
  put('LastUpdate', [1], [5000n, 4990n])
  put('ValidatorPermit', [1], [true, false])
  put('Tempo', [1], 360)
  put('ActivityCutoff', [1], 5000)
  put('Kappa', [1], 32767)
  put('MaxAllowedValidators', [1], 64)
  put('BondsMovingAverage', [1], 900_000n)
  put('TotalHotkeyAlpha', [a, 1], 1000n * tao)
  put('SubnetOwnerHotkey', [1], b)
  put('Uids', [1, b], 1)
  put('PendingServerEmission', [1], 300_000_000n)
  put('PendingValidatorEmission', [1], 300_000_000n)
  put('PendingRootAlphaDivs', [1], 400_000_000n)
  let node: TestNode
  let client: ChainClient
  beforeAll(async () => {
    node = await startTestNode(
      syntheticHandler({ spec: 343, block: 5000, storage, calls: new Map() }, rec),
    )
    client = createClient(node.url, { timeout: 5_000 })
  })
  afterAll(async () => {
    closeClient(client)
    await node.close()
  })

  test('reads every epoch input and runs runEpoch on exactly what a hand-built input gives', async () => {
    const e = await epoch(client, { netuid: 1 })
    // Legacy schedule (spec 343): 360 − ((5000 + 1 + 1) mod 361) = 360 − 309 = 51 → block 5051.
    expect(e.block).toBe(5051n)
    // ⌈5000·1000/360⌉ = 13889 (the chain's INITIAL_ACTIVITY_CUTOFF_FACTOR_MILLI: 13889·360/1000 = 5000).
    expect(e.input.activityCutoffFactorMilli).toBe(13_889)
    expect(e.input.ownerUid).toBe(1) // Uids[1][SubnetOwnerHotkey[1] = b]
    expect(e.input.raoEmission).toBe(1_000_000_000n) // 0.3 + 0.3 + 0.4 α
    // Legacy epoch index ⌊(5051 + 1 + 1)/361⌋ = ⌊5053/361⌋ = 13.
    expect(e.input.currentEpochWithLookahead).toBe(13n)
    expect(e.derived.some((d) => d.startsWith('activityCutoffFactorMilli'))).toBe(true)
    const hand: EpochInput = {
      n: 2,
      currentBlock: 5051n,
      tempo: 360,
      activityCutoffFactorMilli: 13_889,
      lastUpdate: [5000n, 4990n],
      blockAtRegistration: [0n, 0n],
      alphaStake: [1000n * tao, 0n],
      taoStake: [0n, 0n],
      taoWeight: 0n,
      stakeThreshold: 0n,
      ownerUid: 1,
      validatorPermit: [true, false],
      maxAllowedValidators: 64,
      weights: [[[1, 65535]], []],
      bonds: [[], []],
      kappa: 32767,
      bondsPenalty: e.input.bondsPenalty,
      bondsMovingAverage: 900_000n,
      yuma3Enabled: e.input.yuma3Enabled,
      liquidAlphaEnabled: e.input.liquidAlphaEnabled,
      alphaLow: e.input.alphaLow,
      alphaHigh: e.input.alphaHigh,
      alphaSigmoidSteepness: e.input.alphaSigmoidSteepness,
      lastMechanismStepBlock: 0n,
      commitRevealEnabled: e.input.commitRevealEnabled ?? false,
      currentEpochWithLookahead: 13n,
      revealPeriod: e.input.revealPeriod ?? 0n,
      weightCommitsV2: [],
      timelockedCommitsV4: [],
      raoEmission: 1_000_000_000n,
    }
    expect(e.output).toEqual(runEpoch(hand, { uidRange: 'chain' }))
    // One validator, one weighted miner: the miner takes all incentive, the validator all dividends,
    // and the split is half and half (up to fixed-point flooring).
    expect(e.output.incentive).toEqual([0, 65535])
    expect(e.output.dividend).toEqual([65535, 0])
    const total = e.output.emission.reduce((x, y) => x + y, 0n)
    expect(total <= 1_000_000_000n && total >= 999_999_998n).toBe(true)
    expect(e.provenance).toMatchObject({ block: 5000, specVersion: 343 })
  })

  test('from a snapshot holding the same epoch inputs: the same epoch', async () => {
    const inputs = await getEpochInputs(client, { netuid: 1 })
    const snap = parseSnapshot(
      serializeSnapshot({
        ...embeddedSnapshot(),
        provenance: inputs.provenance,
        epochInputs: { 1: inputs },
      }),
    )
    const fromNode = await epoch(client, { netuid: 1 })
    const fromSnap = await epoch(snap, { netuid: 1 })
    expect(fromSnap.output).toEqual(fromNode.output)
    expect(fromSnap.block).toBe(5051n)
    expect(fromSnap.input.ownerUid).toBe(1)
  })

  test('overrides: raoEmission and currentBlock', async () => {
    const e = await epoch(client, { netuid: 1, raoEmission: 10n, currentBlock: 5001n })
    expect(e.input).toMatchObject({ raoEmission: 10n, currentBlock: 5001n })
  })

  test('a mechanism the snapshot was not read for is a typed error', async () => {
    const inputs = await getEpochInputs(client, { netuid: 1 })
    const snap = {
      ...embeddedSnapshot(),
      provenance: inputs.provenance,
      epochInputs: { 1: inputs },
    }
    await expect(epoch(snap, { netuid: 1, mecid: 1 })).rejects.toMatchObject({
      name: 'Client.SnapshotMissingError',
    })
    await expect(epoch(snap, { netuid: 1, mecid: 16 })).rejects.toMatchObject({
      name: 'Client.InvalidMechanismError',
    })
  })
})

describe('toEpochInput', () => {
  const base = {
    netuid: 3,
    n: 0,
    hotkeys: [],
    weights: [],
    bonds: [],
    lastUpdate: [],
    validatorPermit: [],
    blockAtRegistration: [],
    alphaStake: [],
    rootStake: [],
    childKeys: [],
    parentKeys: [],
    inheritedAlphaStake: [],
    inheritedTaoStake: [],
    provenance: embeddedSnapshot().provenance,
  }
  const hp = {
    Tempo: 99,
    ActivityCutoff: 5000,
    Kappa: 32767,
    MaxAllowedValidators: 64,
    BondsMovingAverage: 900_000n,
  }

  test('an ActivityCutoff the factor cannot hit exactly is said so', () => {
    // tempo 3600: ⌈5001·1000/3600⌉ = 1390, and ⌊1390·3600/1000⌋ = 5004 ≠ 5001.
    const { input, derived } = toEpochInput(
      { ...base, hyperparameters: { ...hp, Tempo: 3600, ActivityCutoff: 5001 } },
      { currentBlock: 10n, raoEmission: 0n },
    )
    expect(input.activityCutoffFactorMilli).toBe(1390)
    expect(derived.join(' ')).toContain('it gives 5004 blocks, not exactly 5001')
  })

  test('ActivityCutoffFactorMilli and SubnetEpochIndex are used as read', () => {
    const { input } = toEpochInput(
      {
        ...base,
        hyperparameters: { ...hp, ActivityCutoffFactorMilli: 2000, SubnetEpochIndex: 7n },
      },
      { currentBlock: 10n, raoEmission: 0n },
    )
    expect(input.activityCutoffFactorMilli).toBe(2000)
    expect(input.currentEpochWithLookahead).toBe(8n) // due at the epoch block: index + 1
  })

  test('no pending emission and no override: a typed error, never a zero epoch', () => {
    expect(() => toEpochInput({ ...base, hyperparameters: hp }, { currentBlock: 10n })).toThrow(
      EpochUnavailableError,
    )
  })

  test('the pending alpha is split among mechanisms (split_emissions)', () => {
    const { input } = toEpochInput(
      {
        ...base,
        mecid: 1,
        hyperparameters: {
          ...hp,
          PendingServerEmission: 4n,
          PendingValidatorEmission: 3n,
          PendingRootAlphaDivs: 3n,
          MechanismCountCurrent: 4,
        },
      },
      { currentBlock: 10n },
    )
    expect(input.raoEmission).toBe(2n) // splitEmissions(10n, 4) = [4n, 2n, 2n, 2n]
  })
})
