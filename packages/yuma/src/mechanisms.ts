import { runEpoch } from './epoch.js'
import type { EpochInput, EpochOptions, EpochOutput } from './epochTypes.js'
import { InvalidValueError } from './errors.js'

const U64_MAX = 18446744073709551615n
const ONE64 = 1n << 64n

/**
 * The per-mechanism storage an epoch reads: weights, bonds, `LastUpdate` and weight commits.
 *
 * @example
 * ```ts
 * import type { MechanismInput } from '@dtao/yuma'
 * const m: MechanismInput = { weights: [[], [[0, 65535]]], bonds: [[], []], lastUpdate: [10n, 10n] }
 * ```
 */
export type MechanismInput = Pick<
  EpochInput,
  'weights' | 'bonds' | 'lastUpdate' | 'weightCommitsV2' | 'timelockedCommitsV4'
>

/**
 * Input of {@link runEpochWithMechanisms}: the shared subnet storage, one {@link MechanismInput}
 * per mechanism (`MechanismCountCurrent` = their number) and the optional
 * `MechanismEmissionSplit`. `raoEmission` is the subnet's total.
 *
 * @example
 * ```ts
 * import type { MechanismsInput } from '@dtao/yuma'
 * const { weights, bonds, lastUpdate, ...shared } = input
 * const mi: MechanismsInput = { ...shared, mechanisms: [{ weights, bonds, lastUpdate }] }
 * ```
 */
export type MechanismsInput = Omit<EpochInput, keyof MechanismInput> & {
  /** One entry per mechanism, mechanism 0 first. */
  readonly mechanisms: readonly MechanismInput[]
  /** `MechanismEmissionSplit` (u16 parts of 65535), or absent for an even split. */
  readonly emissionSplit?: readonly number[]
}

/**
 * The per-hotkey terms after aggregation over mechanisms (`epoch_with_mechanisms`), by uid.
 *
 * @example
 * ```ts
 * import { runEpochWithMechanisms, type AggregatedEpochTerms } from '@dtao/yuma'
 * const agg: AggregatedEpochTerms = runEpochWithMechanisms(mi).aggregated
 * ```
 */
export type AggregatedEpochTerms = {
  /** Σ server emission over mechanisms (saturating), rao. */
  serverEmission: bigint[]
  /** Σ validator emission over mechanisms (saturating), rao. */
  validatorEmission: bigint[]
  /** Weighted dividend, floored at every step. */
  dividend: number[]
  /** Weighted stake weight. */
  stakeWeight: number[]
  /** Weighted consensus. */
  consensus: number[]
  /** Weighted validator trust. */
  validatorTrust: number[]
  /** Mechanism 0's incentive × its weight (the chain aggregates no further). */
  incentive: number[]
  /** Weighted combined emission (u64), rao. */
  emission: bigint[]
  /** OR over mechanisms. */
  active: boolean[]
  /** OR over mechanisms. */
  newValidatorPermit: boolean[]
  /** Σ stake over mechanisms (saturating; informational). */
  stake: bigint[]
}

/**
 * What {@link runEpochWithMechanisms} returns.
 *
 * @example
 * ```ts
 * import { runEpochWithMechanisms, type MechanismsOutput } from '@dtao/yuma'
 * const out: MechanismsOutput = runEpochWithMechanisms(mi)
 * out.perMechanism[0]?.bond // mechanism 0's bond rows
 * ```
 */
export type MechanismsOutput = {
  /** Each mechanism's {@link EpochOutput}, mechanism 0 first (their bonds are persisted per mechanism). */
  perMechanism: EpochOutput[]
  /** The per-hotkey terms after aggregation. */
  aggregated: AggregatedEpochTerms
}

/**
 * `split_emissions`: ⌊E·sₘ/65535⌋ per mechanism with a split (padded with 0 or trimmed to
 * `mechanismCount`), ⌊E/count⌋ without; the remainder goes to mechanism 0.
 *
 * @param total - E, rao.
 * @param mechanismCount - `MechanismCountCurrent` (u8).
 * @param options - `split`: `MechanismEmissionSplit`.
 * @returns Eₘ per mechanism, rao.
 * @throws {@link InvalidValueError} When the count is not a u8 or a split part not a u16.
 * @example
 * ```ts
 * import { splitEmissions } from '@dtao/yuma'
 * splitEmissions(10n, 4) // [4n, 2n, 2n, 2n]
 * splitEmissions(1_000_000_000n, 2, { split: [16384, 49151] }) // [250003815n, 749996185n]
 * ```
 * @see subtensor pallets/subtensor/src/subnets/mechanism.rs · split_emissions
 */
export function splitEmissions(
  total: bigint,
  mechanismCount: number,
  options: { readonly split?: readonly number[] } = {},
): bigint[] {
  if (!Number.isInteger(mechanismCount) || mechanismCount < 0 || mechanismCount > 255)
    throw new InvalidValueError({ field: 'mechanismCount', value: mechanismCount, expected: 'u8' })
  if (typeof total !== 'bigint' || total < 0n || total > U64_MAX)
    throw new InvalidValueError({ field: 'total', value: total, expected: 'u64' })
  const count = BigInt(mechanismCount)
  let result: bigint[]
  if (options.split !== undefined) {
    result = options.split.map((s) => {
      if (!Number.isInteger(s) || s < 0 || s > 65535)
        throw new InvalidValueError({ field: 'split', value: s, expected: 'u16' })
      return BigInt.asUintN(64, (total * BigInt(s)) / 65535n)
    })
  } else {
    const per = count === 0n ? 0n : total / count
    result = new Array<bigint>(mechanismCount).fill(per)
  }
  if (result.length !== mechanismCount) {
    result = result.slice(0, mechanismCount)
    while (result.length < mechanismCount) result.push(0n)
  }
  let s = 0n
  for (const x of result) s += x
  const err = total > s ? total - s : 0n
  if (result.length > 0) {
    const r0 = (result[0] as bigint) + err
    result[0] = r0 > U64_MAX ? U64_MAX : r0
  }
  return result
}

function accU16(existing: number, added: number, w: bigint): number {
  const q = ((BigInt(existing) << 64n) + BigInt(added) * w) >> 64n
  return q >= 65535n ? 65535 : Number(q)
}

function accU64(existing: bigint, added: bigint, w: bigint): bigint {
  const q = ((existing << 64n) + added * w) >> 64n
  return q >= U64_MAX ? U64_MAX : q
}

function satAddU64(a: bigint, b: bigint): bigint {
  const s = a + b
  return s > U64_MAX ? U64_MAX : s
}

/**
 * Runs `epoch_with_mechanisms`: splits the emission ({@link splitEmissions}), runs
 * {@link runEpoch} once per mechanism (all read the same previous permits) and aggregates per
 * hotkey with the chain's floored weighted accumulation (weight wₘ = Eₘ ⊘ E in U64F64; when
 * E = 0 mechanism 0 gets weight 1).
 *
 * @param input - Shared storage plus one entry per mechanism.
 * @param options - Passed to {@link runEpoch}.
 * @returns Each mechanism's output and the aggregated terms.
 * @throws {@link LengthMismatchError} As {@link runEpoch}.
 * @throws {@link UidOutOfRangeError} As {@link runEpoch}.
 * @throws {@link InvalidValueError} As {@link runEpoch} and {@link splitEmissions}.
 * @example
 * ```ts
 * import { runEpochWithMechanisms } from '@dtao/yuma'
 * const { perMechanism, aggregated } = runEpochWithMechanisms(mi)
 * aggregated.dividend // u16 per uid
 * ```
 * @see subtensor pallets/subtensor/src/subnets/mechanism.rs · epoch_with_mechanisms
 */
export function runEpochWithMechanisms(
  input: MechanismsInput,
  options: EpochOptions = {},
): MechanismsOutput {
  const { mechanisms, emissionSplit, ...shared } = input
  const total = input.raoEmission
  const split = splitEmissions(
    total,
    mechanisms.length,
    emissionSplit === undefined ? {} : { split: emissionSplit },
  )
  const n = input.n
  const agg: AggregatedEpochTerms = {
    serverEmission: new Array<bigint>(n).fill(0n),
    validatorEmission: new Array<bigint>(n).fill(0n),
    dividend: new Array<number>(n).fill(0),
    stakeWeight: new Array<number>(n).fill(0),
    consensus: new Array<number>(n).fill(0),
    validatorTrust: new Array<number>(n).fill(0),
    incentive: new Array<number>(n).fill(0),
    emission: new Array<bigint>(n).fill(0n),
    active: new Array<boolean>(n).fill(false),
    newValidatorPermit: new Array<boolean>(n).fill(false),
    stake: new Array<bigint>(n).fill(0n),
  }
  const perMechanism = mechanisms.map((mech, m) => {
    const e = split[m] as bigint
    const out = runEpoch({ ...shared, ...mech, raoEmission: e }, options)
    const w = total === 0n ? (m === 0 ? ONE64 : 0n) : (e << 64n) / total
    for (let i = 0; i < n; i++) {
      agg.serverEmission[i] = satAddU64(
        agg.serverEmission[i] as bigint,
        out.serverEmission[i] as bigint,
      )
      agg.validatorEmission[i] = satAddU64(
        agg.validatorEmission[i] as bigint,
        out.validatorEmission[i] as bigint,
      )
      agg.dividend[i] = accU16(agg.dividend[i] as number, out.dividend[i] as number, w)
      agg.stakeWeight[i] = accU16(agg.stakeWeight[i] as number, out.stakeWeight[i] as number, w)
      agg.consensus[i] = accU16(agg.consensus[i] as number, out.consensus[i] as number, w)
      agg.validatorTrust[i] = accU16(
        agg.validatorTrust[i] as number,
        out.validatorTrust[i] as number,
        w,
      )
      if (m === 0) agg.incentive[i] = accU16(0, out.incentive[i] as number, w)
      agg.emission[i] = accU64(agg.emission[i] as bigint, out.emission[i] as bigint, w)
      agg.active[i] = (agg.active[i] as boolean) || (out.active[i] as boolean)
      agg.newValidatorPermit[i] =
        (agg.newValidatorPermit[i] as boolean) || (out.newValidatorPermit[i] as boolean)
      agg.stake[i] = satAddU64(agg.stake[i] as bigint, out.stake[i] as bigint)
    }
    return out
  })
  return { perMechanism, aggregated: agg }
}
