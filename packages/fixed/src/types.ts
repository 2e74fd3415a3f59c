import { type FixedBits, type FixedFormat, fixedFormat } from './format.js'

/**
 * `I32F32` (`FixedI64<U32>`): the Yuma epoch's type (weights, bonds, consensus, trust).
 *
 * @example
 * ```ts
 * import { I32F32 } from '@dtao/fixed'
 * I32F32.fromNum(0.1) // 429496730n
 * ```
 * @see substrate-fixed `src/types/mod.rs`
 */
export const I32F32: FixedFormat<'I32F32'> = /* @__PURE__ */ fixedFormat({
  name: 'I32F32',
  signed: true,
  intBits: 32,
  fracBits: 32,
})
/** Raw bits of an `I32F32` value. */
export type I32F32 = FixedBits<'I32F32'>

/**
 * `I64F64` (`FixedI128<U64>`): stake normalisation in the epoch, conviction decay, flow EMAs.
 *
 * @example
 * ```ts
 * import { I64F64 } from '@dtao/fixed'
 * I64F64.div(I64F64.fromNum(900000n), I64F64.fromNum(1000000n)) // 16602069666338596454n
 * ```
 * @see substrate-fixed `src/types/mod.rs`
 */
export const I64F64: FixedFormat<'I64F64'> = /* @__PURE__ */ fixedFormat({
  name: 'I64F64',
  signed: true,
  intBits: 64,
  fracBits: 64,
})
/** Raw bits of an `I64F64` value. */
export type I64F64 = FixedBits<'I64F64'>

/**
 * `U64F64` (`FixedU128<U64>`): prices (TAO per alpha), swap deltas and fees, limit prices.
 *
 * @example
 * ```ts
 * import { U64F64 } from '@dtao/fixed'
 * U64F64.div(U64F64.fromNum(1n), U64F64.fromNum(3n)) // 6148914691236517205n
 * ```
 * @see substrate-fixed `src/types/mod.rs`
 */
export const U64F64: FixedFormat<'U64F64'> = /* @__PURE__ */ fixedFormat({
  name: 'U64F64',
  signed: false,
  intBits: 64,
  fracBits: 64,
})
/** Raw bits of a `U64F64` value. */
export type U64F64 = FixedBits<'U64F64'>

/**
 * `U96F32` (`FixedU128<U32>`): coinbase quantities (tao_in, alpha_in, root proportion, owner cut).
 *
 * @example
 * ```ts
 * import { U96F32 } from '@dtao/fixed'
 * U96F32.div(U96F32.fromNum(11796n), U96F32.fromNum(65535n)) // 773074452n
 * ```
 * @see substrate-fixed `src/types/mod.rs`
 */
export const U96F32: FixedFormat<'U96F32'> = /* @__PURE__ */ fixedFormat({
  name: 'U96F32',
  signed: false,
  intBits: 96,
  fracBits: 32,
})
/** Raw bits of a `U96F32` value. */
export type U96F32 = FixedBits<'U96F32'>

/**
 * `I96F32` (`FixedI128<U32>`): block emission's log2 curve, moving prices, root claims.
 *
 * @example
 * ```ts
 * import { I96F32 } from '@dtao/fixed'
 * I96F32.fromNum(0.000003) // 12885n (DefaultMovingAlpha)
 * ```
 * @see substrate-fixed `src/types/mod.rs`
 */
export const I96F32: FixedFormat<'I96F32'> = /* @__PURE__ */ fixedFormat({
  name: 'I96F32',
  signed: true,
  intBits: 96,
  fracBits: 32,
})
/** Raw bits of an `I96F32` value. */
export type I96F32 = FixedBits<'I96F32'>

/**
 * `U110F18` (`FixedU128<U18>`): used by safe-math's `checked_sqrt` tests only.
 *
 * @example
 * ```ts
 * import { U110F18 } from '@dtao/fixed'
 * U110F18.fromNum(0.0001) // 26n
 * ```
 * @see substrate-fixed `src/types/mod.rs`
 */
export const U110F18: FixedFormat<'U110F18'> = /* @__PURE__ */ fixedFormat({
  name: 'U110F18',
  signed: false,
  intBits: 110,
  fracBits: 18,
})
/** Raw bits of a `U110F18` value. */
export type U110F18 = FixedBits<'U110F18'>

/**
 * `I110F18` (`FixedI128<U18>`): tests only on chain.
 *
 * @example
 * ```ts
 * import { I110F18 } from '@dtao/fixed'
 * I110F18.fromNum(-1n) // -262144n
 * ```
 * @see substrate-fixed `src/types/mod.rs`
 */
export const I110F18: FixedFormat<'I110F18'> = /* @__PURE__ */ fixedFormat({
  name: 'I110F18',
  signed: true,
  intBits: 110,
  fracBits: 18,
})
/** Raw bits of an `I110F18` value. */
export type I110F18 = FixedBits<'I110F18'>

/**
 * `I9F23` (`FixedI32<U23>`): the type of substrate-fixed's transcendental constants (E, LOG2_E).
 *
 * @example
 * ```ts
 * import { I9F23 } from '@dtao/fixed'
 * I9F23.toDecimalString(22802600n) // '2.71828174591064453125' (transcendental::E)
 * ```
 * @see substrate-fixed `src/transcendental.rs`
 */
export const I9F23: FixedFormat<'I9F23'> = /* @__PURE__ */ fixedFormat({
  name: 'I9F23',
  signed: true,
  intBits: 9,
  fracBits: 23,
})
/** Raw bits of an `I9F23` value. */
export type I9F23 = FixedBits<'I9F23'>
