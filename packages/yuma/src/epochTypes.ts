import type { SparseMatrix, SparseRowU16 } from './types.js'

/**
 * A v2 (`WeightCommits`) commit queue of one uid: entries in stored (FIFO) order.
 *
 * @example
 * ```ts
 * import type { WeightCommitV2 } from '@dtao/yuma'
 * const q: WeightCommitV2 = { uid: 3, queue: [{ commitEpoch: 12n, commitBlock: 4_000n }] }
 * ```
 */
export type WeightCommitV2 = {
  /** The committing validator's uid (the chain maps its hotkey to a uid). */
  readonly uid: number
  /** `(commit_epoch, commit_block)` entries in stored order. */
  readonly queue: readonly {
    /** The epoch the commit was made in (`is_commit_expired` input). */
    readonly commitEpoch: bigint
    /** The block the commit was made at. */
    readonly commitBlock: bigint
  }[]
}

/**
 * A v4 (`TimelockedWeightCommits`) entry: all commits made in one `commit_epoch`.
 *
 * @example
 * ```ts
 * import type { TimelockedCommitV4 } from '@dtao/yuma'
 * const c: TimelockedCommitV4 = { commitEpoch: 12n, queue: [{ uid: 3, commitBlock: 4_000n }] }
 * ```
 */
export type TimelockedCommitV4 = {
  /** The epoch the commits were made in. */
  readonly commitEpoch: bigint
  /** `(uid, commit_block)` entries. */
  readonly queue: readonly {
    /** The committing validator's uid. */
    readonly uid: number
    /** The block the commit was made at. */
    readonly commitBlock: bigint
  }[]
}

/**
 * Everything `epoch_mechanism(netuid, mecid, E)` reads from storage, for one subnet and one
 * mechanism. Per-uid arrays are indexed by uid; u16/u32/i16 are `number`, u64 are `bigint`.
 *
 * @example
 * ```ts
 * import type { EpochInput } from '@dtao/yuma'
 * const input: EpochInput = {
 *   n: 2, currentBlock: 1000n, tempo: 360, activityCutoffFactorMilli: 13889,
 *   lastUpdate: [990n, 990n], blockAtRegistration: [0n, 0n],
 *   alphaStake: [10n ** 12n, 0n], taoStake: [0n, 0n], taoWeight: 0n, stakeThreshold: 0n,
 *   ownerUid: null, validatorPermit: [true, false], maxAllowedValidators: 64,
 *   weights: [[[1, 65535]], []], bonds: [[], []],
 *   kappa: 32767, bondsPenalty: 65535, bondsMovingAverage: 900_000n,
 *   yuma3Enabled: true, liquidAlphaEnabled: false, alphaLow: 45875, alphaHigh: 58982,
 *   alphaSigmoidSteepness: 1000, lastMechanismStepBlock: 0n, raoEmission: 10n ** 9n,
 * }
 * ```
 * @see subtensor `pallets/subtensor/src/epoch/run_epoch.rs` · `epoch_mechanism`
 */
export type EpochInput = {
  /** `SubnetworkN`: the number of uids (0…65535). */
  readonly n: number
  /** The current block. */
  readonly currentBlock: bigint
  /** `Tempo` (u16). */
  readonly tempo: number
  /** `ActivityCutoffFactorMilli` (u32): cutoff = max(1, ⌊factor·tempo/1000⌋) blocks. */
  readonly activityCutoffFactorMilli: number
  /** `LastUpdate` of the mechanism (zero-padded to n; extra entries are ignored, as on chain). */
  readonly lastUpdate: readonly bigint[]
  /** `BlockAtRegistration` per uid (length n). */
  readonly blockAtRegistration: readonly bigint[]
  /** Inherited alpha stake per uid, rao (length n). */
  readonly alphaStake: readonly bigint[]
  /** Inherited root TAO stake per uid, rao (length n). */
  readonly taoStake: readonly bigint[]
  /** `TaoWeight`, raw u64 (the weight is `taoWeight / (2^64 − 1)`). */
  readonly taoWeight: bigint
  /** `StakeThreshold`, rao. */
  readonly stakeThreshold: bigint
  /** uid of `SubnetOwnerHotkey`, or `null` when there is none. */
  readonly ownerUid: number | null
  /** `ValidatorPermit` written by the previous epoch (missing entries count as forbidden). */
  readonly validatorPermit: readonly boolean[]
  /** `MaxAllowedValidators` (u16). */
  readonly maxAllowedValidators: number
  /** `Weights` rows (length n), entries in stored order. */
  readonly weights: readonly SparseRowU16[]
  /** `Bonds` rows (length n), entries in stored order. */
  readonly bonds: readonly SparseRowU16[]
  /** `Kappa` (u16); κ = kappa/65535. */
  readonly kappa: number
  /** `BondsPenalty` (u16); β = bondsPenalty/65535. */
  readonly bondsPenalty: number
  /** `BondsMovingAverage` (u64, per million). */
  readonly bondsMovingAverage: bigint
  /** `Yuma3On`. */
  readonly yuma3Enabled: boolean
  /** `LiquidAlphaOn` (used only when Yuma 3 is on). */
  readonly liquidAlphaEnabled: boolean
  /** `AlphaValues.0` (u16). */
  readonly alphaLow: number
  /** `AlphaValues.1` (u16). */
  readonly alphaHigh: number
  /** `AlphaSigmoidSteepness` (i16). */
  readonly alphaSigmoidSteepness: number
  /** `LastMechansimStepBlock`; `0n` means "use currentBlock − tempo". */
  readonly lastMechanismStepBlock: bigint
  /** `CommitRevealWeightsEnabled` (default false). */
  readonly commitRevealEnabled?: boolean
  /** `current_epoch_with_lookahead` for `is_commit_expired` (default 0). */
  readonly currentEpochWithLookahead?: bigint
  /** `RevealPeriodEpochs` (default 0). */
  readonly revealPeriod?: bigint
  /** `WeightCommits` of the mechanism (default none). */
  readonly weightCommitsV2?: readonly WeightCommitV2[]
  /** `TimelockedWeightCommits` of the mechanism (default none). */
  readonly timelockedCommitsV4?: readonly TimelockedCommitV4[]
  /** The alpha emission (rao) this mechanism distributes. */
  readonly raoEmission: bigint
}

/**
 * Every intermediate the chain logs inside `epoch_mechanism`, as raw bits, keyed like the
 * log lines. Vectors are I32F32 bits unless noted; matrices are sparse I32F32.
 *
 * @example
 * ```ts
 * import { runEpoch, type EpochTrace } from '@dtao/yuma'
 * const trace: EpochTrace | undefined = runEpoch(input, { trace: true }).trace
 * trace?.consensus // I32F32 bits per uid
 * ```
 */
export type EpochTrace = {
  /** `Filtered stake`: I64F64 bits, before normalisation. */
  filteredStake: bigint[]
  /** `Normalised Stake` S. */
  normalisedStake: bigint[]
  /** `Inactive` mask. */
  inactive: boolean[]
  /** `validator_permits` (previous epoch, owner forced). */
  validatorPermits: boolean[]
  /** `new_validator_permits`. */
  newValidatorPermits: boolean[]
  /** `Active Stake` A. */
  activeStake: bigint[]
  /** `Weights`: I32F32(u16) raw. */
  weights: SparseMatrix
  /** `Weights (permit)`. */
  weightsPermit: SparseMatrix
  /** `Weights (permit+diag)`. */
  weightsPermitDiag: SparseMatrix
  /** `Weights (permit+diag+outdate)` (before the commit-reveal mask). */
  weightsPermitDiagOutdate: SparseMatrix
  /** `Weights (mask+norm)`. */
  weightsMaskNorm: SparseMatrix
  /** `Consensus` C. */
  consensus: bigint[]
  /** `Clipped Weights`. */
  clippedWeights: SparseMatrix
  /** `Validator Trust`. */
  validatorTrust: bigint[]
  /** `Incentive (=Rank)`. */
  incentive: bigint[]
  /** `weights_for_bonds` (Yuma 3). */
  weightsForBonds?: SparseMatrix
  /** Yuma 2 `B` / Yuma 3 `Bonds`: bonds as loaded. */
  bonds: SparseMatrix
  /** Yuma 2 `B (outdatedmask)` / Yuma 3 `Bonds: (mask)`. */
  bondsMasked: SparseMatrix
  /** Yuma 2 `B (mask+norm)`. */
  bondsMaskNorm?: SparseMatrix
  /** Yuma 2 `ΔB`. */
  bondsDelta?: SparseMatrix
  /** Yuma 2 `ΔB (norm)`. */
  bondsDeltaNorm?: SparseMatrix
  /** Yuma 2 `Exponential Moving Average Bonds Normal` (before the column normalisation). */
  emaBondsNormal?: SparseMatrix
  /** Yuma 2 `Exponential Moving Average Bonds` / Yuma 3 `emaB`. */
  emaBonds: SparseMatrix
  /** Yuma 3 `emaB norm`. */
  emaBondsNorm?: SparseMatrix
  /** Yuma 3 with liquid alpha: the dense `alphas` matrix (when some consensus is non-zero). */
  alphas?: bigint[][]
  /** Yuma 3 `total_bonds_per_validator`. */
  totalBondsPerValidator?: bigint[]
  /** `Dividends`. */
  dividends: bigint[]
  /** `Normalized Server Emission`. */
  normalizedServerEmission: bigint[]
  /** `Normalized Validator Emission`. */
  normalizedValidatorEmission: bigint[]
  /** `Normalized Combined Emission`. */
  normalizedCombinedEmission: bigint[]
  /** `Server Emission`, rao. */
  serverEmission: bigint[]
  /** `Validator Emission`, rao. */
  validatorEmission: bigint[]
  /** `Combined Emission`, rao. */
  combinedEmission: bigint[]
}

/**
 * What `epoch_mechanism` returns (`EpochTerms` per uid, sorted by uid), as per-uid arrays.
 *
 * @example
 * ```ts
 * import { runEpoch, type EpochOutput } from '@dtao/yuma'
 * const out: EpochOutput = runEpoch(input)
 * out.incentive // u16 per uid
 * ```
 */
export type EpochOutput = {
  /** `stake`: ⌊alpha + τ·tao⌋ per uid (unfiltered), rao. */
  stake: bigint[]
  /** `stake_weight`: ⌊S·65535⌋. */
  stakeWeight: number[]
  /** `consensus`: ⌊C·65535⌋. */
  consensus: number[]
  /** `incentive`: ⌊I·65535⌋. */
  incentive: number[]
  /** `dividend`: ⌊D·65535⌋. */
  dividend: number[]
  /** `validator_trust`: ⌊VT·65535⌋. */
  validatorTrust: number[]
  /** `active`. */
  active: boolean[]
  /** `new_validator_permit` (takes effect next epoch). */
  newValidatorPermit: boolean[]
  /** `server_emission`, rao. */
  serverEmission: bigint[]
  /** `validator_emission`, rao. */
  validatorEmission: bigint[]
  /** `emission` (combined), rao. */
  emission: bigint[]
  /** `bond`: the new `Bonds` row per uid, entries in produced order (empty = cleared). */
  bond: [number, number][][]
  /** Every intermediate as raw bits, when `options.trace` is set. */
  trace?: EpochTrace
}

/**
 * Options of {@link runEpoch}.
 *
 * @example
 * ```ts
 * import type { EpochOptions } from '@dtao/yuma'
 * const o: EpochOptions = { trace: true, uidRange: 'chain' }
 * ```
 */
export type EpochOptions = {
  /** Record every intermediate in `output.trace` (default false). */
  readonly trace?: boolean
  /**
   * Weight/bond entries whose uid is ≥ n: `'throw'` (default) raises
   * {@link UidOutOfRangeError}; `'chain'` does what the chain does (weights towards such
   * uids are dropped on load, bonds are kept and ignored where a column is looked up).
   */
  readonly uidRange?: 'throw' | 'chain'
}

/**
 * The dense test-only variant's result (`epoch_dense_mechanism`): emissions and what it
 * writes to storage.
 *
 * @example
 * ```ts
 * import { runEpochDense, type DenseEpochOutput } from '@dtao/yuma'
 * const out: DenseEpochOutput = runEpochDense(input)
 * out.stored.bonds // [{ uid, row }] for the rows it writes
 * ```
 */
export type DenseEpochOutput = {
  /** Server emission per uid, rao. */
  serverEmission: bigint[]
  /** Validator emission per uid, rao. */
  validatorEmission: bigint[]
  /** The storage items it writes. */
  stored: {
    /** `StakeWeight`. */
    stakeWeight: number[]
    /** `Active`. */
    active: boolean[]
    /** `Emission` (combined), rao. */
    emission: bigint[]
    /** `Consensus`. */
    consensus: number[]
    /** `Incentive`. */
    incentive: number[]
    /** `Dividends`. */
    dividends: number[]
    /** `ValidatorTrust`. */
    validatorTrust: number[]
    /** `ValidatorPermit` (the new permits). */
    validatorPermit: boolean[]
    /** The `Bonds` rows written: full-length rows for uids with a new or an old permit. */
    bonds: {
      /** The row's uid. */
      uid: number
      /** `(uid, u16)` for every column 0…n−1. */
      row: [number, number][]
    }[]
  }
}
