import { BaseError } from '@dtao/errors'
import type { TimelockedCommitV4, WeightCommitV2 } from '@dtao/yuma'
import { type BlockRef, resolveBlock, runtimeAt } from './chainClient.js'
import { inheritedStake } from './inheritedStake.js'
import { toPlain } from './internal/plain.js'
import type { Provenance } from './pool.js'
import {
  assertSnapshotBlock,
  SnapshotMissingError,
  type Source,
  snapshotRecord,
} from './snapshotLookup.js'
import { hasStorage, readStorage, readStorageEntries, readStorageMany } from './storage.js'

/** Sparse rows: for each uid, its `(uid, value)` pairs as the chain stores them (`Vec<(u16, u16)>`). */
export type SparseRows = readonly (readonly (readonly [number, number])[])[]

/**
 * Everything Yuma's epoch reads for one subnet, at one block (`SubtensorModule` storage).
 *
 * Per-uid arrays are indexed by uid (length `n`).
 */
export type EpochInputs = {
  /** Subnet id. */
  readonly netuid: number
  /** `SubnetworkN`: number of uids. */
  readonly n: number
  /** `Keys[netuid][uid]`: hotkeys (SS58). */
  readonly hotkeys: readonly string[]
  /** `Weights[netuid][uid]`: each row's (uid, weight u16) pairs. */
  readonly weights: SparseRows
  /** `Bonds[netuid][uid]`: each row's (uid, bond u16) pairs. */
  readonly bonds: SparseRows
  /** `LastUpdate[netuid]`: block of each uid's last weight set. */
  readonly lastUpdate: readonly bigint[]
  /** `ValidatorPermit[netuid]`. */
  readonly validatorPermit: readonly boolean[]
  /** `BlockAtRegistration[netuid][uid]`. */
  readonly blockAtRegistration: readonly bigint[]
  /** `TotalHotkeyAlpha[hotkey][netuid]`: each uid's alpha stake, alpha rao. */
  readonly alphaStake: readonly bigint[]
  /** `TotalHotkeyAlpha[hotkey][0]`: each uid's root stake, rao. */
  readonly rootStake: readonly bigint[]
  /** `ChildKeys[hotkey][netuid]`: each uid's (proportion of `u64::MAX`, child hotkey) pairs. */
  readonly childKeys: readonly (readonly (readonly [bigint, string])[])[]
  /** `ParentKeys[hotkey][netuid]`: each uid's (proportion, parent hotkey) pairs. */
  readonly parentKeys: readonly (readonly (readonly [bigint, string])[])[]
  /** The alpha stake the epoch weighs: {@link inheritedStake} over `alphaStake` and the child keys. */
  readonly inheritedAlphaStake: readonly bigint[]
  /** The TAO (root) stake the epoch weighs: {@link inheritedStake} over `rootStake` and the child keys. */
  readonly inheritedTaoStake: readonly bigint[]
  /**
   * The epoch's hyperparameters by storage item name (`Tempo`, `Kappa`, `Rho`, `ActivityCutoff`,
   * `BondsMovingAverage`, `LiquidAlphaOn`, `Yuma3On`, `AlphaValues`, `TaoWeight`, …): only the
   * items the runtime at the block has.
   */
  readonly hyperparameters: Readonly<Record<string, unknown>>
  /** The mechanism (`MechId`) whose weights, bonds, `LastUpdate` and commits were read (0 when absent). */
  readonly mecid?: number
  /** `SubnetOwnerHotkey[netuid]`, when the runtime has the item. */
  readonly ownerHotkey?: string
  /** `Uids[netuid][SubnetOwnerHotkey]` (`get_owner_uid`): `null` when the owner hotkey has no uid. */
  readonly ownerUid?: number | null
  /** `WeightCommits[netuid_index]`: each committing uid's `(commit_epoch, commit_block)` queue. */
  readonly weightCommitsV2?: readonly WeightCommitV2[]
  /** `TimelockedWeightCommits[netuid_index]`: `(uid, commit_block)` entries per `commit_epoch`. */
  readonly timelockedCommitsV4?: readonly TimelockedCommitV4[]
  /** Where and when they were read. */
  readonly provenance: Provenance
}

/** The chain's `GLOBAL_MAX_SUBNET_COUNT`: mechanism storage index = `mecid · 4096 + netuid`. */
const GLOBAL_MAX_SUBNET_COUNT = 4096

const perSubnetItems = [
  'Tempo',
  'Kappa',
  'Rho',
  'ActivityCutoff',
  'ImmunityPeriod',
  'MaxAllowedValidators',
  'MinAllowedWeights',
  'MaxWeightsLimit',
  'BondsMovingAverage',
  'BondsPenalty',
  'BondsResetOn',
  'LiquidAlphaOn',
  'Yuma3On',
  'AlphaValues',
  'AlphaSigmoidSteepness',
  'CommitRevealWeightsEnabled',
  'MaxAllowedUids',
  'LastMechansimStepBlock',
  'BlocksSinceLastStep',
  'ActivityCutoffFactorMilli',
  'RevealPeriodEpochs',
  'SubnetEpochIndex',
  'LastEpochBlock',
  'PendingEpochAt',
  'MechanismCountCurrent',
  'MechanismEmissionSplit',
  'PendingServerEmission',
  'PendingValidatorEmission',
  'PendingRootAlphaDivs',
  'PendingOwnerCut',
] as const
const globalItems = ['TaoWeight', 'StakeThreshold'] as const

const byUid = <T>(
  n: number,
  entries: { keys: readonly unknown[]; value: unknown }[],
  fill: T,
): T[] => {
  const out = Array.from({ length: n }, () => fill)
  for (const { keys, value } of entries) {
    const uid = keys[1] as number
    if (uid < n) out[uid] = value as T
  }
  return out
}

/**
 * Reads the inputs of a subnet's next epoch from chain storage.
 *
 * @param source - A node client or a snapshot.
 * @param options - `netuid`, `block` (best when omitted).
 * @returns The epoch inputs.
 * @throws {@link MissingStorageError} If the runtime lacks a core item (`Keys`, `Weights`, …).
 * @throws {@link SnapshotMissingError} If a snapshot lacks the subnet.
 * @see subtensor pallets/subtensor/src/epoch/run_epoch.rs · epoch_mechanism
 * @example
 * ```ts
 * import { createClient, getEpochInputs } from '@dtao/client'
 *
 * const inputs = await getEpochInputs(createClient('ws://127.0.0.1:9944'), { netuid: 23 })
 * inputs.hyperparameters.Tempo // 1000
 * ```
 */
export async function getEpochInputs(
  source: Source,
  options: {
    readonly netuid: number
    readonly block?: BlockRef | undefined
    readonly mecid?: number | undefined
  },
): Promise<EpochInputs> {
  const { netuid } = options
  const mecid = options.mecid ?? 0
  if (!Number.isInteger(mecid) || mecid < 0 || mecid > 15)
    throw new InvalidMechanismError({ mecid })
  // get_mechanism_storage_index: mecid · GLOBAL_MAX_SUBNET_COUNT + netuid (saturating u16).
  const index = Math.min(mecid * GLOBAL_MAX_SUBNET_COUNT + netuid, 0xffff)
  if (source.kind === 'snapshot') {
    assertSnapshotBlock(source, options.block)
    const record = snapshotRecord(source, 'epochInputs', source.epochInputs, netuid)
    if ((record.mecid ?? 0) !== mecid)
      throw new SnapshotMissingError({
        what: `epochInputs of mechanism ${mecid}`,
        netuid,
        source: source.provenance.source,
      })
    return record
  }
  const client = source
  const at = await resolveBlock(client, options)
  const runtime = await runtimeAt(client, at.hash)
  const item = (name: string) => ({ pallet: 'SubtensorModule', item: name })
  const n = (await readStorage(client, at.hash, {
    ...item('SubnetworkN'),
    keys: [netuid],
  })) as number
  const [keys, weights, bonds, registered] = await Promise.all(
    ['Keys', 'Weights', 'Bonds', 'BlockAtRegistration'].map((name) =>
      readStorageEntries(client, at.hash, {
        ...item(name),
        keys: [name === 'Weights' || name === 'Bonds' ? index : netuid],
      }),
    ),
  )
  const hotkeys = byUid<string>(n, keys ?? [], '')
  const present = perSubnetItems.filter((name) => hasStorage(runtime, 'SubtensorModule', name))
  const presentGlobal = globalItems.filter((name) => hasStorage(runtime, 'SubtensorModule', name))
  const values = await readStorageMany(client, at.hash, [
    { ...item('LastUpdate'), keys: [index] },
    { ...item('ValidatorPermit'), keys: [netuid] },
    ...present.map((name) => ({ ...item(name), keys: [netuid] })),
    ...presentGlobal.map((name) => item(name)),
    ...hotkeys.flatMap((hk) => [
      { ...item('TotalHotkeyAlpha'), keys: [hk, netuid] },
      { ...item('TotalHotkeyAlpha'), keys: [hk, 0] },
    ]),
  ])
  const hyperparameters: Record<string, unknown> = {}
  present.forEach((name, i) => {
    hyperparameters[name] = toPlain(values[2 + i])
  })
  presentGlobal.forEach((name, i) => {
    hyperparameters[name] = toPlain(values[2 + present.length + i])
  })
  const stakeBase = 2 + present.length + presentGlobal.length
  const alphaStake = hotkeys.map((_, uid) => values[stakeBase + 2 * uid] as bigint)
  const rootStake = hotkeys.map((_, uid) => values[stakeBase + 2 * uid + 1] as bigint)
  // Child keys (where the runtime has them), then the stakes of every parent named.
  type Links = [bigint, string][]
  const linked =
    hasStorage(runtime, 'SubtensorModule', 'ChildKeys') &&
    hasStorage(runtime, 'SubtensorModule', 'ParentKeys')
  const links = linked
    ? await readStorageMany(
        client,
        at.hash,
        hotkeys.flatMap((hk) => [
          { ...item('ChildKeys'), keys: [hk, netuid] },
          { ...item('ParentKeys'), keys: [hk, netuid] },
        ]),
      )
    : []
  const childKeys = hotkeys.map((_, uid) => (links[2 * uid] as Links | undefined) ?? [])
  const parentKeys = hotkeys.map((_, uid) => (links[2 * uid + 1] as Links | undefined) ?? [])
  const parents = [...new Set(parentKeys.flatMap((ps) => ps.map(([, p]) => p)))]
  const parentStakes = await readStorageMany(
    client,
    at.hash,
    parents.flatMap((p) => [
      { ...item('TotalHotkeyAlpha'), keys: [p, netuid] },
      { ...item('TotalHotkeyAlpha'), keys: [p, 0] },
    ]),
  )
  const stakeOf = (parent: string, root: boolean): bigint =>
    parentStakes[2 * parents.indexOf(parent) + (root ? 1 : 0)] as bigint
  const inherited = (own: readonly bigint[], root: boolean) =>
    own.map((stake, uid) =>
      inheritedStake({
        own: stake,
        children: (childKeys[uid] ?? []).map(([proportion]) => proportion),
        parents: (parentKeys[uid] ?? []).map(([proportion, parent]) => ({
          proportion,
          stake: stakeOf(parent, root),
        })),
      }),
    )
  // The owner's uid (get_owner_uid) and the commit-reveal queues of the mechanism.
  const has = (name: string): boolean => hasStorage(runtime, 'SubtensorModule', name)
  const ownerHotkey = has('SubnetOwnerHotkey')
    ? ((await readStorage(client, at.hash, { ...item('SubnetOwnerHotkey'), keys: [netuid] })) as
        | string
        | undefined)
    : undefined
  const ownerUidValue =
    ownerHotkey !== undefined && has('Uids')
      ? await readStorage(client, at.hash, { ...item('Uids'), keys: [netuid, ownerHotkey] })
      : undefined
  const uidOf = (hotkey: unknown): number => hotkeys.indexOf(hotkey as string)
  const v2 = has('WeightCommits')
    ? await readStorageEntries(client, at.hash, { ...item('WeightCommits'), keys: [index] })
    : undefined
  const v4 = has('TimelockedWeightCommits')
    ? await readStorageEntries(client, at.hash, {
        ...item('TimelockedWeightCommits'),
        keys: [index],
      })
    : undefined
  const weightCommitsV2: WeightCommitV2[] = (v2 ?? [])
    .map(({ keys, value }) => ({
      uid: uidOf(keys[1]),
      // (hash, commit_epoch, commit_block, reveal_epoch) in stored order.
      queue: (value as unknown[][]).map((t) => ({
        commitEpoch: t[1] as bigint,
        commitBlock: t[2] as bigint,
      })),
    }))
    .filter((c) => c.uid >= 0)
  const timelockedCommitsV4: TimelockedCommitV4[] = (v4 ?? []).map(({ keys, value }) => ({
    commitEpoch: keys[1] as bigint,
    // (who, commit_block, ciphertext, reveal_round); hotkeys without a uid are skipped, as on chain.
    queue: (value as unknown[][])
      .map((t) => ({ uid: uidOf(t[0]), commitBlock: t[1] as bigint }))
      .filter((c) => c.uid >= 0),
  }))
  return {
    netuid,
    n,
    hotkeys,
    weights: byUid<[number, number][]>(n, weights ?? [], []),
    bonds: byUid<[number, number][]>(n, bonds ?? [], []),
    lastUpdate: (values[0] as bigint[]) ?? [],
    validatorPermit: (values[1] as boolean[]) ?? [],
    blockAtRegistration: byUid<bigint>(n, registered ?? [], 0n),
    alphaStake,
    rootStake,
    childKeys,
    parentKeys,
    inheritedAlphaStake: netuid === 0 ? alphaStake : inherited(alphaStake, false),
    inheritedTaoStake: inherited(rootStake, true),
    hyperparameters,
    mecid,
    ...(ownerHotkey === undefined ? {} : { ownerHotkey }),
    ...(ownerHotkey === undefined
      ? {}
      : { ownerUid: typeof ownerUidValue === 'number' ? ownerUidValue : null }),
    ...(v2 === undefined ? {} : { weightCommitsV2 }),
    ...(v4 === undefined ? {} : { timelockedCommitsV4 }),
    provenance: {
      block: at.number,
      blockHash: at.hash,
      specVersion: runtime.specVersion,
      source: client.rpc.url,
    },
  }
}

/** A mechanism id outside `0…15` (`MAX_MECHANISM_COUNT_PER_SUBNET` is 16).
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 *
 * function explain(e: unknown): string {
 *   return isDtaoError(e, 'Client.InvalidMechanismError') ? e.shortMessage : String(e)
 * }
 * ``` */
export class InvalidMechanismError extends BaseError {
  override readonly name = 'Client.InvalidMechanismError'
  /** The mechanism id given. */
  readonly mecid: number

  constructor({ mecid }: { mecid: number }) {
    super(`Mechanism id ${mecid} is not an integer in 0…15.`)
    this.mecid = mecid
  }
}
