import type { Perquintill } from '@dtao/fixed'
import { calculatePrice, expScaled } from '../balancer.js'
import type { ExpOptions } from './balancerRules.js'
import { fromU64, ONE, satMul, satSub, toU64, u64SatAdd, u64SatSub } from './u64f64.js'

/** @internal `SwapStep<Tao, Alpha>::convert_deltas` on primitives. */
export function convertBuy(
  quote: Perquintill,
  tao: bigint,
  alpha: bigint,
  deltaIn: bigint,
  exp: ExpOptions,
): bigint {
  const e = expScaled(quote, tao, deltaIn, {
    baseQuote: false,
    precision: exp.precision,
    clampToOne: exp.clampToOne,
  })
  return toU64(satMul(fromU64(alpha), satSub(ONE, e)))
}

/** @internal `SwapStep<Alpha, Tao>::convert_deltas` on primitives. */
export function convertSell(
  quote: Perquintill,
  tao: bigint,
  alpha: bigint,
  deltaIn: bigint,
  exp: ExpOptions,
): bigint {
  const e = expScaled(quote, alpha, deltaIn, {
    baseQuote: true,
    precision: exp.precision,
    clampToOne: exp.clampToOne,
  })
  return toU64(satMul(fromU64(tao), satSub(ONE, e)))
}

/** @internal `SwapStep<Tao, Alpha>::price_target` given the step's output `out = convert_deltas(deltaIn)`. */
export function priceAfterBuy(
  quote: Perquintill,
  tao: bigint,
  alpha: bigint,
  deltaIn: bigint,
  out: bigint,
): bigint {
  return calculatePrice(quote, u64SatSub(alpha, out), u64SatAdd(tao, deltaIn))
}

/** @internal `SwapStep<Alpha, Tao>::price_target` given the step's output `out = convert_deltas(deltaIn)`. */
export function priceAfterSell(
  quote: Perquintill,
  tao: bigint,
  alpha: bigint,
  deltaIn: bigint,
  out: bigint,
): bigint {
  return calculatePrice(quote, u64SatAdd(alpha, deltaIn), u64SatSub(tao, out))
}
