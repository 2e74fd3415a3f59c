import { MAX, MIN, ONE } from './fx.js'

/** `transcendental::E` (I9F23 bits 22802600) widened to I32F32. */
const E32 = 22802600n << 9n

/**
 * `substrate_fixed::transcendental::exp::<I32F32, I32F32>` inlined on raw bits: the Taylor
 * series to x^31/31! with checked steps, `exp(1)` = the I9F23 constant E, and 1 ⊘ r for x < 0.
 * `undefined` is Rust's `Err` (an intermediate overflowed). Same algorithm as `@dtao/fixed`'s
 * `exp(I32F32, x)`, without the format-object indirection in the liquid-alpha hot loop.
 *
 * @internal
 */
export function expI32F32(x: bigint): bigint | undefined {
  if (x === 0n) return ONE
  if (x === ONE) return E32
  const neg = x < 0n
  const v = neg ? -x : x
  if (v > MAX) return undefined
  let result = v + ONE
  if (result > MAX) return undefined
  let term = v
  for (let i = 2n; i < 32n; i++) {
    const t1 = (term * v) >> 32n
    if (t1 > MAX || t1 < MIN) return undefined
    term = t1 / i // (t1·2^32) / (i·2^32), truncating
    result += term
    if (result > MAX || result < MIN) return undefined
  }
  if (neg) {
    if (result === 0n) return undefined
    const q = (ONE << 32n) / result
    return q > MAX || q < MIN ? undefined : q
  }
  return result
}
