/**
 * Chain-exact numerics for Bittensor: substrate-fixed formats on raw `bigint` bits with the
 * chain's release semantics, safe-math, safe-bigmath's `pow_ratio_scaled`, per-things,
 * `SafeFloat`, and TAO/alpha units.
 *
 * @packageDocumentation
 */
// biome-ignore-all lint/performance/noBarrelFile: the package's one entry lists its exports by name
export { bitLength, floorDiv, gcd, nthRootFloor, truncDiv } from './bigmath.js'
export {
  DivisionByZeroError,
  FixedOverflowError,
  InvalidArgumentError,
  NonFiniteError,
} from './errors.js'
export { f64FromRawBits, rawF64Bits } from './f64Bits.js'
export { checkedFloor, checkedLn, checkedLog, checkedPow, checkedSqrt } from './fixedExt.js'
export {
  type Brand,
  type FixedBits,
  type FixedFormat,
  type FixedSpec,
  type FromFloatOptions,
  fixedFormat,
  type IntName,
  type IntValue,
} from './format.js'
export {
  Perbill,
  Percent,
  Permill,
  Perquintill,
  PerThingDecodeError,
  type PerThingFormat,
  type PerThingRounding,
} from './perThing.js'
export { powRatioScaled } from './powRatioScaled.js'
export { SafeFloat, safeFloat } from './safeFloat.js'
export {
  getValue,
  resolveLegacy,
  type SharePoolView,
  sharesPerUpdate,
  simUpdateValueForOne,
  updateValueForAll,
  updateValueForOne,
} from './sharePool.js'

export { E_I9F23, exp, LOG2_E_I9F23, ln, log2 } from './transcendental.js'

export { I9F23, I32F32, I64F64, I96F32, I110F18, U64F64, U96F32, U110F18 } from './types.js'

export {
  type AlphaBalance,
  AmountOutOfRangeError,
  alphaBalance,
  formatAlpha,
  formatTao,
  InvalidAmountError,
  isAlphaBalance,
  isTaoBalance,
  MAX_U64,
  PrecisionLossError,
  parseAlpha,
  parseTao,
  RAO_PER_TAO,
  type RoundingMode,
  type TaoBalance,
  taoBalance,
} from './units.js'
