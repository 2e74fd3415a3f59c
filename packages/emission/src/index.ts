/**
 * Bittensor dTAO emission exactly as the chain computes it: block emission and halvings, subnet
 * shares for every rule era, per-block injection and the coinbase split, the epoch schedule, and
 * projections and yields built on them.
 *
 * @packageDocumentation
 */
// biome-ignore-all lint/performance/noBarrelFile: the package's one entry lists its exports by name
export {
  blockEmissionForIssuance,
  estimateHalvingBlock,
  halvingIndex,
  halvingThreshold,
  InvalidHalvingIndexError,
  type NextHalving,
  nextHalving,
} from './blockEmission.js'

export {
  type BuyOutcome,
  type CoinbaseIntermediates,
  type CoinbaseOptions,
  type CoinbasePool,
  type CoinbaseResult,
  type CoinbaseState,
  type CoinbaseSubnet,
  type EmitResult,
  emitToSubnets,
  type PoolView,
  runCoinbase,
  UnknownNetuidError,
  UnsupportedCoinbaseRulesError,
} from './coinbase.js'

export {
  BLOCKS_PER_YEAR,
  DEFAULT_ADMIN_FREEZE_WINDOW,
  DEFAULT_BLOCK_EMISSION,
  DEFAULT_EMA_PRICE_HALVING_BLOCKS,
  DEFAULT_MAX_EPOCHS_PER_BLOCK,
  DEFAULT_SUBNET_MOVING_ALPHA,
  DEFAULT_SUBNET_OWNER_CUT,
  LATEST_SPEC_VERSION,
  MAINNET_TAO_WEIGHT,
  MAX_TEMPO,
  TOTAL_SUPPLY,
} from './constants.js'

export {
  delegateTake,
  dividendDistribution,
  minerBurned,
  type ParentChildInput,
  type ParentStake,
  parentChildDividends,
  rootClaimableIncrement,
  rootOwed,
  splitMechanismEmission,
} from './distribution.js'

export { DuplicateNetuidError, InvalidAmountError } from './errors.js'

export { inplacePowNormalize } from './flow.js'

export { type MovingPriceInput, updateMovingPrice } from './movingPrice.js'
export {
  type EpochRecord,
  InvalidHorizonError,
  InvalidPricePathError,
  type PricePath,
  type Projection,
  type ProjectionOptions,
  type ProjectionSnapshot,
  type ProjectionSubnet,
  projectEmissions,
  type RoleTotals,
  type SubnetProjection,
} from './projection.js'
export { alphaIssuance, rootProportion, taoWeight } from './rootProportion.js'

export { type RuleSet, rulesForSpec, UnknownSpecError } from './rules.js'

export {
  blocksUntilNextAutoEpoch,
  type DrainResult,
  type DrainSubnet,
  drainPending,
  type EpochEvent,
  type EpochSchedule,
  epochsDeferredThisBlock,
  epochsPerYear,
  InvalidTempoError,
  initialLastEpochBlock,
  isInAdminFreezeWindow,
  legacyBlocksUntilNextEpoch,
  migrateLegacySchedule,
  nextEpochBlock,
  shouldRunEpoch,
} from './schedule.js'

export {
  MissingShareInputError,
  movingAlphaPrice,
  rootSellFlag,
  type ShareOptions,
  type SubnetShareInput,
  subnetBlockEmissions,
  subnetShares,
  subnetsToEmitTo,
} from './shares.js'

export {
  type AlphaOutSplit,
  type AlphaOutSplitInput,
  alphaOutSplit,
  ownerCutFraction,
} from './split.js'

export {
  type SubnetTerms,
  type SubnetTermsInput,
  subnetTerms,
  UnsupportedRuleError,
} from './subnetTerms.js'

export {
  alphaStakeYield,
  InvalidShareError,
  MissingEpochRecordsError,
  rootStakeYield,
  type Yield,
  ZeroStakeError,
} from './yields.js'
