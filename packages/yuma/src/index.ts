/**
 * The Bittensor Yuma consensus epoch, bit-exact with the chain: every math primitive of
 * subtensor's `epoch/math.rs` on raw I32F32/I64F64 bits, the live sparse `epoch_mechanism`
 * (`runEpoch`), the dense test variant and the mechanism split.
 *
 * @packageDocumentation
 */
// biome-ignore-all lint/performance/noBarrelFile: the package's one entry lists its exports by name

export { runEpoch } from './epoch.js'
export { runEpochDense } from './epochDense.js'
export type {
  DenseEpochOutput,
  EpochInput,
  EpochOptions,
  EpochOutput,
  EpochTrace,
  TimelockedCommitV4,
  WeightCommitV2,
} from './epochTypes.js'
export { InvalidValueError, LengthMismatchError, UidOutOfRangeError } from './errors.js'
export {
  type ApproxEpochInput,
  type ApproxEpochOptions,
  type ApproxEpochOutput,
  type ApproxSparseRow,
  approxEpoch,
  approxEpochEngine,
  type FloatCsr,
  toApproxEpochInput,
  toFloatCsr,
} from './float/approxEpoch.js'
// float mode and the yuma-simulation variants (see also metagraph/, simulation/, weights/)
export { InvalidFloatInputError } from './float/errors.js'
export { type FloatMatrix, floatMatrixFromRows, floatMatrixToRows } from './float/floatMatrix.js'
export {
  runYumaSimulation,
  YUMA_SIMULATION_VARIANTS,
  type YumaSimulationCase,
  type YumaSimulationConfig,
  type YumaSimulationEpochInput,
  type YumaSimulationEpochOutput,
  type YumaSimulationOptions,
  type YumaSimulationVariant,
  yumaSimulationConsensus,
  yumaSimulationEpoch,
  yumaSimulationIncentive,
  yumaSimulationLiquidAlpha,
} from './float/yumaSimulation.js'
export {
  alphaSigmoid,
  computeDisabledLiquidAlpha,
  computeLiquidAlphaValues,
  computeLiquidAlphaValuesSparse,
  emaBondsNormalAlpha,
  getFloatBondsPenalty,
  getFloatKappa,
  type LiquidAlphaSettings,
} from './liquidAlpha.js'

export {
  inplaceColClip,
  inplaceColMaxUpscale,
  inplaceColNormalize,
  inplaceMaskCols,
  inplaceMaskDiag,
  inplaceMaskDiagExceptIndex,
  inplaceMaskMatrix,
  inplaceMaskRows,
  inplaceRowNormalize,
  interpolate,
  matEma,
  matEmaAlpha,
  matmul,
  matmulTranspose,
  matVecMul,
  rowHadamard,
  rowSum,
} from './math/dense.js'
export {
  clampValue,
  expSafe,
  fixed,
  fixed32ToFixed64,
  fixed64ToFixed32,
  fixed64ToU64,
  fixedProportionToU16,
  fixedToFixedU16Proportion,
  fixedToU16,
  fixedToU64,
  getSafe,
  safeLn,
  sigmoidSafe,
  u16ProportionToFixed,
  u16ToFixed,
} from './math/scalar.js'
export {
  colClipSparse,
  inplaceColMaxUpscaleSparse,
  inplaceColNormalizeSparse,
  inplaceRowNormalizeSparse,
  interpolateSparse,
  maskDiagSparse,
  maskDiagSparseExceptIndex,
  maskRowsSparse,
  matEmaAlphaSparse,
  matEmaSparse,
  matmulSparse,
  matmulTransposeSparse,
  matVecMulSparse,
  rowHadamardSparse,
  rowSumSparse,
  scalarVecMaskSparseMatrix,
  vecMaskSparseMatrix,
} from './math/sparse.js'
export {
  checkedSum,
  checkVecMaxLimited,
  inplaceMaskVector,
  inplaceNormalize,
  inplaceNormalize64,
  inplaceNormalizeUsingSum,
  inplaceRowNormalize64,
  isTopk,
  isTopkNonzero,
  isZero,
  normalize,
  sum,
  vecdiv,
  vecFixed32ToFixed64,
  vecFixed32ToU64,
  vecFixed64ToFixed32,
  vecFixed64ToU64,
  vecFixedProportionsToU16,
  vecMaxUpscaleToU16,
  vecMul,
  vecU16MaxUpscaleToU16,
} from './math/vector.js'
export {
  weightedMedian,
  weightedMedianCol,
  weightedMedianColSparse,
} from './math/weightedMedian.js'
export {
  type AggregatedEpochTerms,
  type MechanismInput,
  type MechanismsInput,
  type MechanismsOutput,
  runEpochWithMechanisms,
  splitEmissions,
} from './mechanisms.js'
export {
  InvalidMetagraphError,
  type MetagraphSnapshot,
  type MetagraphToEpochInputOptions,
  metagraphToEpochInput,
  parseMetagraphSnapshot,
} from './metagraph/metagraphToEpochInput.js'
export {
  applyEpoch,
  type FloatSimulationEpoch,
  InvalidScenarioError,
  type SimulateOptions,
  type SimulationEpoch,
  type SimulationHyperparameters,
  type SimulationStep,
  simulate,
  simulateFloat,
} from './simulation/simulate.js'
export type {
  DenseMatrix,
  SparseEntry,
  SparseEntryU16,
  SparseMatrix,
  SparseRow,
  SparseRowU16,
} from './types.js'
export {
  convertAndNormalizeWeightsAndUids,
  convertMaybeSplitToU16,
  convertWeightsAndUidsForEmit,
} from './weights/emit.js'
export { InvalidWeightsError } from './weights/errors.js'
export { type NormalizeMaxWeightOptions, normalizeMaxWeight } from './weights/normalizeMaxWeight.js'
export {
  type ProcessedWeights,
  type ProcessWeightsOptions,
  processWeights,
} from './weights/processWeights.js'
export {
  convertBondUidsAndValsToTensor,
  convertRootWeightUidsAndValsToTensor,
  convertWeightUidsAndValsToTensor,
} from './weights/toTensor.js'
