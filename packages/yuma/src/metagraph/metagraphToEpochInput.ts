import { BaseError } from '@dtao/errors'
import type { EpochInput } from '../epochTypes.js'
import type { SparseRowU16 } from '../types.js'
import { convertWeightsAndUidsForEmit } from '../weights/emit.js'

/**
 * A metagraph snapshot as archived by bactensor/yuma-simulation (and stored in
 * `../shared/data/metagraphs/*.json`): per-uid stake in TAO (float), each uid's weight row as
 * sparse float `[uid, weight]` pairs, and optionally hotkeys.
 *
 * @example
 * ```ts
 * import type { MetagraphSnapshot } from '@dtao/yuma'
 * const m: MetagraphSnapshot = { n: 2, block: 100, stake: [1000, 0], weights: [[[1, 1]], []] }
 * ```
 */
export type MetagraphSnapshot = {
  /** Number of uids. */
  readonly n: number
  /** The block it was taken at. */
  readonly block: number
  /** The subnet, if known. */
  readonly netuid?: number
  /** Stake per uid, TAO. */
  readonly stake: readonly number[]
  /** Each uid's weight row, `[uid, weight]` floats. */
  readonly weights: readonly (readonly (readonly [number, number])[])[]
  /** SS58 hotkeys per uid. */
  readonly hotkeys?: readonly string[]
}

/**
 * Validate a parsed JSON value as a {@link MetagraphSnapshot}.
 *
 * @param json - The parsed file.
 * @returns The snapshot.
 * @throws {@link InvalidMetagraphError} when a field is missing or malformed.
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs'
 * import { parseMetagraphSnapshot } from '@dtao/yuma'
 * const snap = parseMetagraphSnapshot(JSON.parse(readFileSync('subnet15-block4769998.json', 'utf8')))
 * snap.n // 256
 * ```
 */
export function parseMetagraphSnapshot(json: unknown): MetagraphSnapshot {
  if (typeof json !== 'object' || json === null)
    throw new InvalidMetagraphError({ field: '(root)', reason: 'is not an object' })
  const o = json as Record<string, unknown>
  const n = o.n
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidMetagraphError({ field: 'n', reason: `is ${String(n)}` })
  if (typeof o.block !== 'number' || !Number.isInteger(o.block) || o.block < 0)
    throw new InvalidMetagraphError({ field: 'block', reason: `is ${String(o.block)}` })
  const stake = o.stake
  if (
    !Array.isArray(stake) ||
    stake.length !== n ||
    stake.some((s) => typeof s !== 'number' || !(s >= 0) || !Number.isFinite(s))
  )
    throw new InvalidMetagraphError({
      field: 'stake',
      reason: `must be ${n} finite non-negative numbers`,
    })
  const weights = o.weights
  if (!Array.isArray(weights) || weights.length !== n)
    throw new InvalidMetagraphError({ field: 'weights', reason: `must have ${n} rows` })
  weights.forEach((row, i) => {
    if (
      !Array.isArray(row) ||
      row.some(
        (e) =>
          !Array.isArray(e) ||
          e.length !== 2 ||
          !Number.isInteger(e[0]) ||
          e[0] < 0 ||
          e[0] >= n ||
          typeof e[1] !== 'number' ||
          !(e[1] >= 0) ||
          !Number.isFinite(e[1]),
      )
    )
      throw new InvalidMetagraphError({
        field: `weights[${i}]`,
        reason: 'must hold [uid < n, weight ≥ 0] pairs',
      })
  })
  const hotkeys = o.hotkeys
  if (
    hotkeys !== undefined &&
    (!Array.isArray(hotkeys) || hotkeys.length !== n || hotkeys.some((h) => typeof h !== 'string'))
  )
    throw new InvalidMetagraphError({ field: 'hotkeys', reason: `must be ${n} strings` })
  return {
    n,
    block: o.block,
    ...(typeof o.netuid === 'number' ? { netuid: o.netuid } : {}),
    stake: stake as number[],
    weights: weights as [number, number][][],
    ...(hotkeys !== undefined ? { hotkeys: hotkeys as string[] } : {}),
  }
}

/**
 * Options of {@link metagraphToEpochInput}: the hyperparameters and state the snapshot lacks.
 * Defaults are those of a subnet registered today (`init_new_network`: Yuma 3 on, 64
 * validators) with the storage defaults for the rest.
 *
 * @example
 * ```ts
 * import type { MetagraphToEpochInputOptions } from '@dtao/yuma'
 * const o: MetagraphToEpochInputOptions = { yuma3Enabled: false, raoEmission: 10n ** 9n }
 * ```
 */
export type MetagraphToEpochInputOptions = Partial<
  Pick<
    EpochInput,
    | 'tempo'
    | 'activityCutoffFactorMilli'
    | 'maxAllowedValidators'
    | 'kappa'
    | 'bondsPenalty'
    | 'bondsMovingAverage'
    | 'yuma3Enabled'
    | 'liquidAlphaEnabled'
    | 'alphaLow'
    | 'alphaHigh'
    | 'alphaSigmoidSteepness'
    | 'stakeThreshold'
    | 'ownerUid'
    | 'raoEmission'
  >
> & {
  /** Registration block of every uid (default: 0). */
  readonly blockAtRegistration?: readonly bigint[]
  /** `LastUpdate` of every uid (default: the snapshot block, so everyone is active). */
  readonly lastUpdate?: readonly bigint[]
  /** Previous permits (default: the top `maxAllowedValidators` by stake, ties to the higher uid). */
  readonly validatorPermit?: readonly boolean[]
}

/**
 * Turn a metagraph snapshot into the exact epoch's input: stake becomes alpha stake
 * ⌊stake·10⁹⌋ rao (no root TAO), every weight row is converted to u16 exactly as a validator's
 * SDK emits it ({@link convertWeightsAndUidsForEmit}: max → 65535, half-to-even, zeros dropped;
 * the chain's own max-upscale then leaves it unchanged), bonds start empty, and permits default
 * to the top-K stakes.
 *
 * @param snapshot - The snapshot.
 * @param options - Hyperparameters and state.
 * @returns An input for `runEpoch`.
 * @throws {@link InvalidMetagraphError} when option arrays do not have n entries.
 * @example
 * ```ts
 * import { metagraphToEpochInput, runEpoch } from '@dtao/yuma'
 * const input = metagraphToEpochInput({ n: 2, block: 100, stake: [1000, 0], weights: [[[1, 1]], []] })
 * runEpoch(input).incentive // [0, 65535]
 * ```
 */
export function metagraphToEpochInput(
  snapshot: MetagraphSnapshot,
  options: MetagraphToEpochInputOptions = {},
): EpochInput {
  const n = snapshot.n
  const block = BigInt(snapshot.block)
  const K = options.maxAllowedValidators ?? 64
  for (const f of ['blockAtRegistration', 'lastUpdate', 'validatorPermit'] as const) {
    const a = options[f]
    if (a !== undefined && a.length !== n)
      throw new InvalidMetagraphError({
        field: f,
        reason: `has ${a.length} entries, expected ${n}`,
      })
  }
  const alphaStake = snapshot.stake.map((s) => BigInt(Math.floor(s * 1e9)))
  const weights: SparseRowU16[] = snapshot.weights.map((row) => {
    if (row.length === 0 || row.every((e) => e[1] === 0)) return []
    const [uids, values] = convertWeightsAndUidsForEmit(
      row.map((e) => e[0]),
      row.map((e) => e[1]),
    )
    return uids.map((u, k) => [u, values[k] as number] as const)
  })
  return {
    n,
    currentBlock: block,
    tempo: options.tempo ?? 360,
    activityCutoffFactorMilli: options.activityCutoffFactorMilli ?? 13889,
    lastUpdate: options.lastUpdate ?? new Array<bigint>(n).fill(block),
    blockAtRegistration: options.blockAtRegistration ?? new Array<bigint>(n).fill(0n),
    alphaStake,
    taoStake: new Array<bigint>(n).fill(0n),
    taoWeight: 0n,
    stakeThreshold: options.stakeThreshold ?? 0n,
    ownerUid: options.ownerUid ?? null,
    validatorPermit: options.validatorPermit ?? topK(alphaStake, K),
    maxAllowedValidators: K,
    weights,
    bonds: new Array<SparseRowU16>(n).fill([]),
    kappa: options.kappa ?? 32767,
    bondsPenalty: options.bondsPenalty ?? 65535,
    bondsMovingAverage: options.bondsMovingAverage ?? 900_000n,
    yuma3Enabled: options.yuma3Enabled ?? true,
    liquidAlphaEnabled: options.liquidAlphaEnabled ?? false,
    alphaLow: options.alphaLow ?? 45875,
    alphaHigh: options.alphaHigh ?? 58982,
    alphaSigmoidSteepness: options.alphaSigmoidSteepness ?? 1000,
    lastMechanismStepBlock: 0n,
    raoEmission: options.raoEmission ?? 360n * 10n ** 9n,
  }
}

/** Top k non-zero stakes (stable ascending order: ties go to the higher uid). */
function topK(stake: readonly bigint[], k: number): boolean[] {
  const n = stake.length
  const out = stake.map((s) => s !== 0n)
  if (n < k) return out
  const idx = stake
    .map((_, i) => i)
    .sort((a, b) => {
      const d = (stake[a] as bigint) - (stake[b] as bigint)
      return d < 0n ? -1 : d > 0n ? 1 : a - b
    })
  for (let t = 0; t < n - k; t++) out[idx[t] as number] = false
  return out
}

/**
 * A metagraph snapshot (or an option given with it) is malformed.
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * import { parseMetagraphSnapshot } from '@dtao/yuma'
 * try { parseMetagraphSnapshot({ n: 1 }) } catch (e) { isDtaoError(e, 'Yuma.InvalidMetagraphError') } // true
 * ```
 */
export class InvalidMetagraphError extends BaseError {
  override readonly name = 'Yuma.InvalidMetagraphError'
  /** The offending field. */
  readonly field: string
  /** What is wrong with it. */
  readonly reason: string

  constructor({ field, reason }: { field: string; reason: string }) {
    super(`Invalid metagraph snapshot: ${field} ${reason}.`, {
      metaMessages: ['Expected { n, block, stake[n], weights[n][[uid, w]], hotkeys?[n] }.'],
    })
    this.field = field
    this.reason = reason
  }
}
