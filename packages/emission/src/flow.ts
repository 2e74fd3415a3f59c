import { I32F32, U64F64 } from '@dtao/fixed'

const i32Max = 2_147_483_647n
const u64Max = (1n << 64n) - 1n

/**
 * The legacy TAO-flow share normaliser (dead code at spec 425, live for specs 334–420): scales the
 * offset flows to a max of 1, then to the largest factor that keeps `Σ xᵖ` inside I32F32, and
 * returns `xᵢᵖ / Σ xᵖ` computed through I32F32 `exp(p·ln x)`. Flows too small to register in
 * I32F32 come back scaled to max 1 but not normalised, as on chain.
 *
 * @param offsetFlows - netuid → offset flow (U64F64 bits), iterated in ascending netuid order.
 * @param p - `FlowNormExponent` (U64F64 bits; default 1.0 on chain).
 * @returns netuid → normalised share (U64F64 bits), a new map.
 * @example
 * ```ts
 * import { inplacePowNormalize } from '@dtao/emission'
 * const one = 1n << 64n
 * const r = inplacePowNormalize(new Map([[1, 2n * one], [2, 3n * one], [3, 5n * one]]), one)
 * // ≈ 0.2, 0.3, 0.5 (each within 0.001, as in the chain's own test)
 * ```
 * @see subtensor pallets/subtensor/src/coinbase/subnet_emissions.rs · inplace_pow_normalize
 */
export function inplacePowNormalize(
  offsetFlows: ReadonlyMap<number, bigint>,
  p: bigint,
): Map<number, U64F64> {
  const keys = [...offsetFlows.keys()].sort((a, b) => a - b)
  const flows = new Map<number, bigint>(keys.map((k) => [k, offsetFlows.get(k) as bigint]))
  const zero = U64F64.ZERO
  const maxOf = (): bigint => {
    let m: bigint = zero
    for (const v of flows.values()) if (v > m) m = v
    return m
  }
  // inplace_scale
  const scale = U64F64.safeDiv(U64F64.ONE, maxOf())
  for (const [k, v] of flows) flows.set(k, U64F64.saturatingMul(scale, v))
  const flowMax = maxOf()
  const estimate = U64F64.saturatingMul(flowMax, flowMax)
  const maxTimesCount = U64F64.saturatingMul(U64F64.saturatingFromNum(BigInt(flows.size)), estimate)
  const i32f32Max = U64F64.saturatingFromNum(i32Max)
  const precisionMin = U64F64.safeDiv(i32f32Max, U64F64.saturatingFromNum(u64Max))
  if (maxTimesCount >= precisionMin) {
    const epsilon = U64F64.safeDiv(U64F64.ONE, U64F64.saturatingFromNum(1000n))
    const factor = U64F64.checkedSqrt(U64F64.safeDiv(i32f32Max, maxTimesCount), epsilon) ?? zero
    const powed = new Map<number, bigint>()
    for (const [k, v] of flows) powed.set(k, safePow(U64F64.saturatingMul(factor, v), p))
    const total = U64F64.sum(powed.values())
    for (const [k, v] of powed) flows.set(k, U64F64.safeDiv(v, total))
  }
  return flows as Map<number, U64F64>
}

function safePow(val: bigint, p: bigint): bigint {
  const lnVal = I32F32.ln(I32F32.saturatingFromFixed(U64F64, val))
  if (lnVal === undefined) return U64F64.ZERO
  const e = I32F32.exp(I32F32.saturatingMul(I32F32.saturatingFromFixed(U64F64, p), lnVal))
  return U64F64.saturatingFromFixed(I32F32, e ?? I32F32.saturatingFromNum(i32Max))
}
