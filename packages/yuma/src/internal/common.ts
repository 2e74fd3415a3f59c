import type { EpochInput } from '../epochTypes.js'
import { inplaceNormalizeUsingSum, isZero, normalize, sum } from '../math/vector.js'
import { MAX64, satAdd as satAddImport } from './fx.js'

// Module-local references: cheaper than a live-binding read per call in hot loops.
const satAdd = satAddImport

const U64_MAX = 18446744073709551615n
const I96_MAX = (1n << 127n) - 1n

/** `get_tao_weight` (U96F32 bits) widened to I64F64 bits. @internal */
export function taoWeight64(taoWeight: bigint): bigint {
  return ((taoWeight << 32n) / U64_MAX) << 32n
}

/**
 * `get_stake_weights_for_network`'s total stake (I64F64 bits): α ⊕ t ⊗ τ, saturating.
 *
 * @internal
 */
export function totalStake64(input: EpochInput): bigint[] {
  const tw = taoWeight64(input.taoWeight)
  const out = new Array<bigint>(input.n)
  for (let i = 0; i < input.n; i++) {
    let a = (input.alphaStake[i] as bigint) << 64n
    if (a > MAX64) a = MAX64
    let t = (input.taoStake[i] as bigint) << 64n
    if (t > MAX64) t = MAX64
    let p = (t * tw) >> 64n
    if (p > MAX64) p = MAX64
    const s = a + p
    out[i] = s > MAX64 ? MAX64 : s
  }
  return out
}

/** `saturating_to_num::<u64>()` of I64F64 bits. @internal */
export function u64Of64(x: bigint): bigint {
  const q = x >> 64n
  return q <= 0n ? 0n : q >= U64_MAX ? U64_MAX : q
}

/** `max(1, ⌊factor·tempo/1000⌋)` (`get_activity_cutoff_blocks`). @internal */
export function activityCutoff(input: EpochInput): bigint {
  let p = BigInt(input.activityCutoffFactorMilli) * BigInt(input.tempo)
  if (p > U64_MAX) p = U64_MAX
  const c = p / 1000n
  return c > 1n ? c : 1n
}

/** `last_tempo` of the recently-registered bond mask. @internal */
export function lastTempo(input: EpochInput): bigint {
  const lms = input.lastMechanismStepBlock
  if (lms === 0n) {
    const d = input.currentBlock - BigInt(input.tempo)
    return d < 0n ? 0n : d
  }
  return lms + 1n > U64_MAX ? U64_MAX : lms + 1n
}

/** The inactive mask over the whole `lastUpdate` (padded to n with 0). @internal */
export function inactiveMask(input: EpochInput, cutoff: bigint): boolean[] {
  const lu = paddedLastUpdate(input)
  return lu.map((u) => {
    const s = u + cutoff
    return (s > U64_MAX ? U64_MAX : s) < input.currentBlock
  })
}

/** `get_last_update`: `LastUpdate` zero-padded to n (never truncated). @internal */
export function paddedLastUpdate(input: EpochInput): readonly bigint[] {
  const lu = input.lastUpdate
  if (lu.length >= input.n) return lu
  const out = lu.slice()
  while (out.length < input.n) out.push(0n)
  return out
}

/** What the emission step produces. @internal */
export type EmissionParts = {
  nSE: bigint[]
  nVE: bigint[]
  nCE: bigint[]
  server: bigint[]
  validator: bigint[]
  combined: bigint[]
}

/** I32F32 share × rao emission, floored and clamped to u64 (I96F32 product). @internal */
export function toRao(x: bigint, e: bigint): bigint {
  let v = x * e
  if (v > I96_MAX) v = I96_MAX
  const q = v >> 32n
  return q <= 0n ? 0n : q >= U64_MAX ? U64_MAX : q
}

/**
 * {@link toRao} of every value. For 0 ≤ x ≤ 2^32 (I32F32 in [0, 1], every normalised share) and
 * e = eₕ·2^32 + eₗ < 2^64: x·e ≤ 2^96 is below the I96F32 clamp and
 * ⌊x·e / 2^32⌋ = x·eₕ + ⌊x·eₗ / 2^32⌋ ≤ e, so neither clamp applies, and both products are
 * < 2^64: u64 arithmetic, the same value.
 *
 * @internal
 */
export function raoOf(xs: readonly bigint[], e: bigint): bigint[] {
  const out = new Array<bigint>(xs.length)
  const eh = BigInt.asUintN(64, e >> 32n)
  const el = BigInt.asUintN(64, e & 0xffffffffn)
  const fast = e >= 0n && e <= U64_MAX
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as bigint
    if (fast && x >= 0n && x <= 4294967296n)
      out[i] = BigInt.asUintN(64, BigInt.asUintN(64, x * eh) + (BigInt.asUintN(64, x * el) >> 32n))
    else out[i] = toRao(x, e)
  }
  return out
}

/** Emission normalisation and the rao amounts (shared by the sparse and dense epochs). @internal */
export function emissionParts(
  incentive: readonly bigint[],
  dividends: readonly bigint[],
  activeStake: readonly bigint[],
  stake: readonly bigint[],
  raoEmission: bigint,
): EmissionParts {
  const m = Math.min(incentive.length, dividends.length)
  const combinedFx = new Array<bigint>(m)
  for (let i = 0; i < m; i++) combinedFx[i] = satAdd(incentive[i] as bigint, dividends[i] as bigint)
  const emissionSum = sum(combinedFx)
  let nSE = incentive.slice()
  let nVE = dividends.slice()
  inplaceNormalizeUsingSum(nSE, emissionSum)
  inplaceNormalizeUsingSum(nVE, emissionSum)
  let nCE = normalize(combinedFx)
  if (emissionSum === 0n) {
    const src = isZero(activeStake) ? stake : activeStake
    nVE = src.slice()
    nCE = src.slice()
  }
  nSE = nSE.slice()
  return {
    nSE,
    nVE,
    nCE,
    server: raoOf(nSE, raoEmission),
    validator: raoOf(nVE, raoEmission),
    combined: raoOf(nCE, raoEmission),
  }
}

function fit<T>(a: readonly T[], n: number, d: T): readonly T[] {
  if (a.length === n) return a
  const out = a.slice(0, n)
  while (out.length < n) out.push(d)
  return out
}

/**
 * What the chain's storage getters make of per-uid data under `uidRange: 'chain'`: uids without
 * an entry read as 0 / an empty row, entries of uids ≥ n are never read.
 *
 * @internal
 */
export function chainShaped(input: EpochInput): EpochInput {
  const n = input.n
  return {
    ...input,
    alphaStake: fit(input.alphaStake, n, 0n),
    taoStake: fit(input.taoStake, n, 0n),
    blockAtRegistration: fit(input.blockAtRegistration, n, 0n),
    weights: fit(input.weights, n, []),
    bonds: fit(input.bonds, n, []),
  }
}
