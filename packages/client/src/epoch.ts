import { BaseError } from '@dtao/errors'
import { type EpochInput, type EpochOutput, runEpoch, splitEmissions } from '@dtao/yuma'
import type { BlockRef } from './chainClient.js'
import { type EpochInputs, getEpochInputs } from './epochInputs.js'
import { nextEpoch } from './nextEpoch.js'
import type { Provenance } from './pool.js'
import type { Source } from './snapshotLookup.js'

/** A subnet's next epoch, run with `@dtao/yuma`'s exact `runEpoch` on the state read at one block. */
export type SubnetEpoch = {
  /** Subnet id. */
  readonly netuid: number
  /** Mechanism id. */
  readonly mecid: number
  /** The block the epoch runs at (`current_block` inside `epoch_mechanism`). */
  readonly block: bigint
  /** `Keys`: the hotkey of each uid, so `output` arrays can be read per hotkey. */
  readonly hotkeys: readonly string[]
  /** The exact input handed to `runEpoch`. */
  readonly input: EpochInput
  /** `runEpoch`'s output (`EpochTerms` per uid). */
  readonly output: EpochOutput
  /** Figures that were derived rather than read, one sentence each (empty when all were read). */
  readonly derived: readonly string[]
  /** Where and when the state was read. */
  readonly provenance: Provenance
}

/** Options of {@link toEpochInput}. */
export type ToEpochInputOptions = {
  /** `current_block` of the epoch (usually {@link nextEpoch}'s block). */
  readonly currentBlock: bigint
  /** The alpha (rao) the mechanism distributes; default: pending server + validator + root alpha, split by mechanism. */
  readonly raoEmission?: bigint | undefined
}

const isNum = (x: unknown): x is number => typeof x === 'number'
const isBig = (x: unknown): x is bigint => typeof x === 'bigint'
const isBool = (x: unknown): x is boolean => typeof x === 'boolean'

/**
 * Turns epoch inputs read from storage into `@dtao/yuma`'s `EpochInput`, item by item as
 * `epoch_mechanism` reads them. Items the block's runtime lacks are derived and listed in
 * `derived`: before `ActivityCutoffFactorMilli` the factor that reproduces the era's
 * `ActivityCutoff` blocks; before `SubnetEpochIndex` the legacy epoch index
 * `⌊(block + netuid + 1) / (tempo + 1)⌋` for commit expiry; a missing hyperparameter its
 * storage default.
 *
 * @param inputs - From {@link getEpochInputs}.
 * @param options - `currentBlock`, `raoEmission`.
 * @returns The input and the list of derived figures.
 * @throws {@link EpochUnavailableError} If an item the epoch cannot do without is absent (`Tempo`, `Kappa`, `MaxAllowedValidators`, `BondsMovingAverage`, the emission).
 * @see subtensor pallets/subtensor/src/epoch/run_epoch.rs · epoch_mechanism
 * @example
 * ```ts
 * import { embeddedSnapshot, getEpochInputs, toEpochInput } from '@dtao/client'
 *
 * const inputs = await getEpochInputs(snapshotFile, { netuid: 1 })
 * toEpochInput(inputs, { currentBlock: 6_852_697n }).input.tempo // 99
 * ```
 */
export function toEpochInput(
  inputs: EpochInputs,
  options: ToEpochInputOptions,
): {
  /** The input of `runEpoch`. */
  readonly input: EpochInput
  /** Figures derived rather than read. */
  readonly derived: readonly string[]
} {
  const { netuid } = inputs
  const hp = inputs.hyperparameters
  const derived: string[] = []
  const need = <T>(item: string, check: (x: unknown) => x is T): T => {
    const v = hp[item]
    if (!check(v)) throw new EpochUnavailableError({ item, netuid })
    return v
  }
  const orDefault = <T>(item: string, check: (x: unknown) => x is T, fallback: T): T => {
    const v = hp[item]
    if (check(v)) return v
    derived.push(`${item}: not in this runtime; its storage default ${String(fallback)} is used.`)
    return fallback
  }
  const tempo = need('Tempo', isNum)
  let factor: number
  if (isNum(hp.ActivityCutoffFactorMilli)) factor = hp.ActivityCutoffFactorMilli
  else {
    // get_activity_cutoff_blocks = max(1, ⌊factor·tempo/1000⌋): the least factor reaching the
    // era's ActivityCutoff blocks, ⌈cutoff·1000/tempo⌉, reproduces it when tempo ≤ 1000.
    const cutoff = need('ActivityCutoff', isNum)
    const t = BigInt(tempo)
    const f = t === 0n ? 0n : (BigInt(cutoff) * 1000n + t - 1n) / t
    factor = Number(f > 0xffffffffn ? 0xffffffffn : f)
    const back = (BigInt(factor) * t) / 1000n
    const blocks = back < 1n ? 1n : back
    derived.push(
      `activityCutoffFactorMilli: derived as ⌈${cutoff}·1000/${tempo}⌉ = ${factor} from the era's ActivityCutoff (${cutoff} blocks)${blocks === BigInt(cutoff) ? '' : `; it gives ${blocks} blocks, not exactly ${cutoff}`}.`,
    )
  }
  const alphaValues = hp.AlphaValues
  let alphaLow = 45875
  let alphaHigh = 58982
  if (Array.isArray(alphaValues) && isNum(alphaValues[0]) && isNum(alphaValues[1]))
    [alphaLow, alphaHigh] = [alphaValues[0], alphaValues[1]]
  else derived.push('AlphaValues: not in this runtime; the default (45875, 58982) is used.')
  // get_owner_uid: Uids[netuid][SubnetOwnerHotkey], None when either is absent.
  const ownerUid = typeof inputs.ownerUid === 'number' ? inputs.ownerUid : null
  if (inputs.ownerHotkey === undefined)
    derived.push(
      'ownerUid: SubnetOwnerHotkey not read (absent from the runtime or the snapshot); no owner uid.',
    )
  // current_epoch_with_lookahead at the epoch block: the epoch is due there, so index + 1.
  let currentEpoch: bigint
  if (isBig(hp.SubnetEpochIndex)) currentEpoch = hp.SubnetEpochIndex + 1n
  else {
    currentEpoch = (options.currentBlock + BigInt(netuid) + 1n) / (BigInt(tempo) + 1n)
    derived.push(
      `currentEpochWithLookahead: no SubnetEpochIndex; the legacy epoch index ⌊(block + netuid + 1)/(tempo + 1)⌋ = ${currentEpoch} is used.`,
    )
  }
  let raoEmission = options.raoEmission
  if (raoEmission === undefined) {
    const parts = ['PendingServerEmission', 'PendingValidatorEmission', 'PendingRootAlphaDivs']
    if (!parts.every((p) => isBig(hp[p])))
      throw new EpochUnavailableError({ item: 'PendingServerEmission', netuid })
    // drain_pending_emission: server + validator + root alpha (the owner cut is not distributed by the epoch).
    const total = parts.reduce((acc, p) => acc + (hp[p] as bigint), 0n)
    const count = isNum(hp.MechanismCountCurrent) ? hp.MechanismCountCurrent : 1
    const split = hp.MechanismEmissionSplit
    const shares = splitEmissions(
      total,
      count,
      Array.isArray(split) && split.every(isNum) ? { split } : {},
    )
    raoEmission = shares[inputs.mecid ?? 0] ?? 0n
    derived.push(
      `raoEmission: the pending alpha at the read block (${total} rao), as if no block emitted before the epoch${count > 1 ? `; mechanism ${inputs.mecid ?? 0}'s share of ${count}` : ''}.`,
    )
  }
  const input: EpochInput = {
    n: inputs.n,
    currentBlock: options.currentBlock,
    tempo,
    activityCutoffFactorMilli: factor,
    lastUpdate: inputs.lastUpdate,
    blockAtRegistration: inputs.blockAtRegistration,
    alphaStake: inputs.inheritedAlphaStake,
    taoStake: inputs.inheritedTaoStake,
    taoWeight: orDefault('TaoWeight', isBig, 0n),
    stakeThreshold: orDefault('StakeThreshold', isBig, 0n),
    ownerUid,
    validatorPermit: inputs.validatorPermit,
    maxAllowedValidators: need('MaxAllowedValidators', isNum),
    weights: inputs.weights,
    bonds: inputs.bonds,
    kappa: need('Kappa', isNum),
    bondsPenalty: orDefault('BondsPenalty', isNum, 0),
    bondsMovingAverage: need('BondsMovingAverage', isBig),
    yuma3Enabled: orDefault('Yuma3On', isBool, false),
    liquidAlphaEnabled: orDefault('LiquidAlphaOn', isBool, false),
    alphaLow,
    alphaHigh,
    alphaSigmoidSteepness: orDefault('AlphaSigmoidSteepness', isNum, 1000),
    lastMechanismStepBlock: orDefault('LastMechansimStepBlock', isBig, 0n),
    commitRevealEnabled: orDefault('CommitRevealWeightsEnabled', isBool, false),
    currentEpochWithLookahead: currentEpoch,
    revealPeriod: orDefault('RevealPeriodEpochs', isBig, 0n),
    weightCommitsV2: inputs.weightCommitsV2 ?? [],
    timelockedCommitsV4: inputs.timelockedCommitsV4 ?? [],
    raoEmission,
  }
  return { input, derived }
}

/**
 * Runs a subnet's next epoch from the current state: reads {@link getEpochInputs} and the
 * schedule ({@link nextEpoch}) at one block, builds the input ({@link toEpochInput}) and runs
 * `@dtao/yuma`'s exact `runEpoch` as of the epoch's block. State is taken as it is at the read
 * block (no weights set, no stake moved, no emission accrued in between); `derived` lists what
 * was not read.
 *
 * @param source - A node client, or a snapshot holding the subnet's epoch inputs.
 * @param options - `netuid`, `block`, `mecid` (default 0), `raoEmission` and `currentBlock` overrides.
 * @returns The epoch's input, output and provenance.
 * @throws {@link EpochUnavailableError} If tempo is 0 (epochs stopped) or a needed item is absent.
 * @throws {@link SnapshotMissingError} If a snapshot lacks the subnet's epoch inputs.
 * @see subtensor pallets/subtensor/src/epoch/run_epoch.rs · epoch_mechanism
 * @example
 * ```ts
 * import { createClient, epoch } from '@dtao/client'
 *
 * const e = await epoch(createClient('ws://127.0.0.1:9944'), { netuid: 23 })
 * e.output.incentive // u16 per uid
 * ```
 */
export async function epoch(
  source: Source,
  options: {
    readonly netuid: number
    readonly block?: BlockRef | undefined
    readonly mecid?: number | undefined
    readonly raoEmission?: bigint | undefined
    readonly currentBlock?: bigint | undefined
  },
): Promise<SubnetEpoch> {
  const { netuid } = options
  const inputs = await getEpochInputs(source, options)
  const at = source.kind === 'chain' ? inputs.provenance.blockHash : options.block
  let block = options.currentBlock
  if (block === undefined) {
    block = (await nextEpoch(source, { netuid, block: at })).block
    if (block === undefined) throw new EpochUnavailableError({ item: 'Tempo', netuid })
  }
  const { input, derived } = toEpochInput(inputs, {
    currentBlock: block,
    raoEmission: options.raoEmission,
  })
  return {
    netuid,
    mecid: inputs.mecid ?? 0,
    block,
    hotkeys: inputs.hotkeys,
    input,
    output: runEpoch(input, { uidRange: 'chain' }),
    derived,
    provenance: inputs.provenance,
  }
}

/** The state read lacks an item the epoch cannot do without (or tempo is 0: no epoch is due).
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 *
 * function explain(e: unknown): string {
 *   return isDtaoError(e, 'Client.EpochUnavailableError') ? e.shortMessage : String(e)
 * }
 * ``` */
export class EpochUnavailableError extends BaseError {
  override readonly name = 'Client.EpochUnavailableError'
  /** The missing storage item. */
  readonly item: string
  /** Subnet id. */
  readonly netuid: number

  constructor({ item, netuid }: { item: string; netuid: number }) {
    super(
      item === 'Tempo'
        ? `Subnet ${netuid} runs no epoch: Tempo is 0 or absent.`
        : `Cannot run the epoch of subnet ${netuid}: ${item} is not in the state read.`,
      {
        metaMessages: [
          'Pass `raoEmission` (or `currentBlock`) to supply what the state lacks, or read a newer block.',
        ],
      },
    )
    this.item = item
    this.netuid = netuid
  }
}
