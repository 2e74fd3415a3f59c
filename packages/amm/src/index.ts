/**
 * Rao-exact Bittensor subnet pool math for every pool era: spot prices, exact-in and exact-out
 * quotes, limit prices, fees, staking-extrinsic emulation and pool-state evolution.
 *
 * @packageDocumentation
 */
// biome-ignore-all lint/performance/noBarrelFile: the package's one entry lists its exports by name
export {
  ACCURACY,
  baseWeight,
  calculateBaseDeltaIn,
  calculatePrice,
  calculateQuoteDeltaIn,
  checkConstraints,
  DEFAULT_QUOTE_WEIGHT,
  expScaled,
  getBaseNeededForQuote,
  initQuoteWeightFromPrice,
  MIN_WEIGHT,
  mulPerquintillRound,
  updateWeightsForAddedLiquidity,
} from './balancer.js'
export {
  getMaxAmountAddCp,
  getMaxAmountMoveCp,
  getMaxAmountRemoveCp,
  ZeroMaxStakeAmountError,
} from './constantProduct/maxAmount.js'
export { updateMovingPriceCp } from './constantProduct/movingPrice.js'
export {
  type ConstantProductPool,
  CpInvalidAmountError,
  EraMismatchError,
} from './constantProduct/pool.js'
export {
  PY_SDK_UNITS,
  type PySdkBalance,
  type PySdkDynamicInfo,
  type PySdkValue,
  PythonSdkError,
  pySdkAlphaToTao,
  pySdkAlphaToTaoWithSlippage,
  pySdkBalance,
  pySdkBalanceFromRao,
  pySdkBalanceFromTao,
  pySdkBalanceOp,
  pySdkBalanceTao,
  pySdkDynamicInfo,
  pySdkFixedToFloat,
  pySdkFormatBalance,
  pySdkGetUnit,
  pySdkRichBalance,
  pySdkSimSwapFromDict,
  pySdkTaoToAlpha,
  pySdkTaoToAlphaWithSlippage,
} from './constantProduct/pythonSdk.js'
export {
  type CpStakeState,
  stakeIntoSubnetCp,
  unstakeFromSubnetCp,
} from './constantProduct/stake.js'
export { calculateStakingFeeCp } from './constantProduct/stakingFee.js'
export {
  CpAmountTooLowError,
  CpEmptyPoolError,
  CpInsufficientLiquidityError,
  type CpQuote,
  DEFAULT_MIN_STAKE_CP,
  DEFAULT_MINIMUM_POOL_LIQUIDITY,
  DEFAULT_STAKING_FEE,
  getAlphaPriceCp,
  quoteSwapCp,
  simSwapAlphaForTaoCp,
  simSwapTaoForAlphaCp,
} from './constantProduct/swap.js'
export {
  AmountTooLowError,
  ExactOutUnreachableError,
  InsufficientBalanceError,
  InsufficientLiquidityError,
  InvalidArgumentError,
  InvalidPoolError,
  PriceLimitExceededError,
  ReservesTooLowError,
  SlippageTooHighError,
  SwapInputTooLargeError,
  type SwapSide,
} from './errors.js'
export {
  getMaxAmountAdd,
  getMaxAmountMove,
  getMaxAmountRemove,
  maxAmountForLimit,
} from './maxAmount.js'
export { type BalancerPool, balancerPool, effectiveQuoteWeight, type Pool } from './pool.js'
export { currentAlphaPrice, getAlphaAmountForTao, priceLimitFromRao, spotPrice } from './price.js'
export {
  type QuoteOptions,
  quoteBuy,
  quoteBuyExactOut,
  quoteSell,
  quoteSellExactOut,
  type SwapQuote,
} from './quote.js'
export {
  type ChainRules,
  type FeeDestination,
  FIRST_DTAO_SPEC_VERSION,
  type InjectionModel,
  LATEST_KNOWN_SPEC_VERSION,
  type MoveFeeLegs,
  type PoolEra,
  type RemoveFeeModel,
  rulesForSpec,
  UnsupportedSpecVersionError,
} from './rules.js'
export {
  decodeSimSwapResult,
  encodeSimSwapResult,
  type SimSwapResult,
  simSwapAlphaForTao,
  simSwapTaoForAlpha,
} from './simSwap.js'
export {
  limitPriceForBuy,
  limitPriceForMove,
  limitPriceForSell,
  maximumIn,
  minimumOut,
} from './slippage.js'
export {
  type AddStakeResult,
  addStake,
  type MoveStakeResult,
  moveStake,
  type RemoveStakeResult,
  removeStake,
  type StakingOptions,
} from './staking.js'
export { applyInjection, applySwap } from './state.js'
export { type SwapOptions, type SwapResult, swapAlphaForTao, swapTaoForAlpha } from './swap.js'
export { convertDeltasBuy, convertDeltasSell, priceTarget } from './swapStep.js'
// --- V3 era (spec 283–422) and constant-product era (spec 233–282) ---
export { calculateFeeAmountV3 } from './v3/fee.js'
export { maybeInitializeV3 } from './v3/initialize.js'
export {
  adjustProtocolLiquidityV3,
  getProportionalAlphaTaoAndRemainders,
  toTokenAmounts,
  V3InvalidTickRangeError,
} from './v3/liquidity.js'
export { migrateSwapV3ToBalancer, type V3MigrationResult } from './v3/migrate.js'
export type { V3Pool, V3Position, V3Tick } from './v3/pool.js'
export {
  currentPriceV3,
  getAlphaAmountForTaoV3,
  limitSqrtPriceV3,
  simSwapV3,
  swapV3,
  V3_MAX_PRICE_RAO,
  V3_MIN_PRICE_RAO,
  V3InvalidAmountError,
  V3PriceLimitExceededError,
  type V3SwapResult,
  V3TooManySwapStepsError,
} from './v3/swap.js'
export {
  convertDeltasV3,
  deltaInV3,
  sqrtPriceTargetV3,
  swapStepV3,
  V3InsufficientLiquidityError,
  V3ReservesTooLowError,
  V3SpecNotModelledError,
  type V3SwapStepResult,
} from './v3/swapStep.js'
export {
  isTickIndex,
  MAX_SQRT_PRICE,
  MAX_TICK_INDEX,
  MIN_SQRT_PRICE,
  MIN_TICK_INDEX,
  sqrtPriceToTick,
  sqrtPriceToTickBounded,
  tickToSqrtPrice,
  tickToSqrtPriceBounded,
} from './v3/tickMath.js'
