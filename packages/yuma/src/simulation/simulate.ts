import { BaseError } from '@dtao/errors'
import { runEpoch } from '../epoch.js'
import type { EpochInput, EpochOutput } from '../epochTypes.js'
import { type ApproxEpochOutput, approxEpoch, toApproxEpochInput } from '../float/approxEpoch.js'
import type { SparseRowU16 } from '../types.js'

/**
 * The hyperparameters a scenario step may change (the epoch's own fields of {@link EpochInput}).
 *
 * @example
 * ```ts
 * import type { SimulationHyperparameters } from '@dtao/yuma'
 * const h: SimulationHyperparameters = { liquidAlphaEnabled: true, bondsPenalty: 0 }
 * ```
 */
export type SimulationHyperparameters = Partial<
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
    | 'taoWeight'
    | 'ownerUid'
    | 'raoEmission'
  >
>

/**
 * What happens before one epoch of {@link simulate} (all optional), applied in this order at the
 * current block: registrations, stake changes, bond resets, weights, hyperparameters.
 *
 * @example
 * ```ts
 * import type { SimulationStep } from '@dtao/yuma'
 * const step: SimulationStep = { setWeights: { 0: [[3, 65535]] }, stakeDelta: { 1: -10n ** 9n } }
 * ```
 */
export type SimulationStep = {
  /** Blocks to advance after this epoch (default: tempo). */
  readonly blocks?: bigint
  /** New weight rows (u16, as stored); also sets that uid's `LastUpdate` to the current block. */
  readonly setWeights?: Readonly<Record<number, SparseRowU16>>
  /** Alpha stake changes in rao (a result below 0 is an error). */
  readonly stakeDelta?: Readonly<Record<number, bigint>>
  /**
   * Re-registrations (`replace_neuron`): the uid's own weight and bond rows are removed, weights
   * towards it are set to 0 (entries stay), its registration block and `LastUpdate` become the
   * current block, its permit is cleared and its stake set to `stake` (default 0).
   */
  readonly register?: readonly {
    /** The uid being replaced. */
    readonly uid: number
    /** The new occupant's alpha stake, rao (default 0). */
    readonly stake?: bigint
  }[]
  /** `do_reset_bonds`: remove every bond entry towards these uids. */
  readonly resetBondsTo?: readonly number[]
  /** Hyperparameter changes from this epoch on. */
  readonly hyperparameters?: SimulationHyperparameters
}

/**
 * One epoch of a {@link simulate} run: the state it ran on, its output, and the state after the
 * chain persisted the output.
 *
 * @example
 * ```ts
 * import { simulate, type SimulationEpoch } from '@dtao/yuma'
 * const [first]: SimulationEpoch[] = simulate(input, [{}])
 * first?.output.dividend
 * ```
 */
export type SimulationEpoch = {
  /** Epoch index, from 0. */
  readonly epoch: number
  /** The input the epoch ran on. */
  readonly input: EpochInput
  /** The state after persisting (permits, bonds, step block) and advancing the block. */
  readonly next: EpochInput
  /** The exact output (`arithmetic: 'exact'`). */
  readonly output: EpochOutput
}

/**
 * One epoch of a float-mode {@link simulateFloat} run.
 *
 * @example
 * ```ts
 * import { simulateFloat, type FloatSimulationEpoch } from '@dtao/yuma'
 * const [first]: FloatSimulationEpoch[] = simulateFloat(input, [{}])
 * first?.output.dividends // Float64Array
 * ```
 */
export type FloatSimulationEpoch = {
  /** Epoch index, from 0. */
  readonly epoch: number
  /** The input the epoch ran on. */
  readonly input: EpochInput
  /** The state after persisting and advancing the block. */
  readonly next: EpochInput
  /** The float output. */
  readonly output: ApproxEpochOutput
}

/**
 * Options of {@link simulate} and {@link simulateFloat}.
 *
 * @example
 * ```ts
 * import type { SimulateOptions } from '@dtao/yuma'
 * const o: SimulateOptions<unknown> = { epochs: 100, onProgress: (e, total) => console.log(e, total) }
 * ```
 */
export type SimulateOptions<TEpoch> = {
  /** Number of epochs (default: the number of steps; steps beyond the list are `{}`). */
  readonly epochs?: number
  /** Called after every epoch with its index, the planned total and the epoch's record. */
  readonly onProgress?: (epoch: number, total: number, result: TEpoch) => void
}

/**
 * Persist an epoch's output as the chain does (`persist_*_epoch_terms`): `ValidatorPermit` ←
 * the new permits, every `Bonds` row ← the new row (empty without a new permit), and
 * `LastMechansimStepBlock` ← the current block.
 *
 * @param state - The input the epoch ran on.
 * @param output - Its output (`bond` rows are u16).
 * @returns The state after persistence (same block).
 * @example
 * ```ts
 * import { applyEpoch, runEpoch } from '@dtao/yuma'
 * const after = applyEpoch(input, runEpoch(input))
 * after.validatorPermit // the new permits
 * ```
 */
export function applyEpoch(
  state: EpochInput,
  output: Pick<EpochOutput, 'newValidatorPermit' | 'bond'>,
): EpochInput {
  return {
    ...state,
    validatorPermit: output.newValidatorPermit.slice(),
    bonds: output.bond.map((row) => row.map(([j, v]) => [j, v] as const)),
    lastMechanismStepBlock: state.currentBlock,
  }
}

/** Apply a scenario step to a state, at its current block. */
function applyStep(state: EpochInput, step: SimulationStep): EpochInput {
  const n = state.n
  const at = state.currentBlock
  const check = (uid: number, what: string) => {
    if (!Number.isInteger(uid) || uid < 0 || uid >= n)
      throw new InvalidScenarioError({ what, uid, n })
  }
  const weights = state.weights.slice()
  const bonds = state.bonds.slice()
  const lastUpdate = Array.from({ length: n }, (_, i) => state.lastUpdate[i] ?? 0n)
  const bar = state.blockAtRegistration.slice()
  const permit = state.validatorPermit.slice()
  const alpha = state.alphaStake.slice()
  for (const { uid, stake } of step.register ?? []) {
    check(uid, 'register')
    weights[uid] = []
    bonds[uid] = []
    for (let i = 0; i < n; i++) {
      const row = weights[i] as SparseRowU16
      if (row.some(([j]) => j === uid))
        weights[i] = row.map(([j, v]) => [j, j === uid ? 0 : v] as const)
    }
    bar[uid] = at
    lastUpdate[uid] = at
    if (uid < permit.length) permit[uid] = false
    alpha[uid] = stake ?? 0n
  }
  for (const [key, delta] of Object.entries(step.stakeDelta ?? {})) {
    const uid = Number(key)
    check(uid, 'stakeDelta')
    const v = (alpha[uid] as bigint) + delta
    if (v < 0n) throw new InvalidScenarioError({ what: 'stakeDelta (stake below 0)', uid, n })
    alpha[uid] = v
  }
  for (const uid of step.resetBondsTo ?? []) {
    check(uid, 'resetBondsTo')
    for (let i = 0; i < n; i++) bonds[i] = (bonds[i] as SparseRowU16).filter(([j]) => j !== uid)
  }
  for (const [key, row] of Object.entries(step.setWeights ?? {})) {
    const uid = Number(key)
    check(uid, 'setWeights')
    weights[uid] = row
    lastUpdate[uid] = at
  }
  return {
    ...state,
    ...(step.hyperparameters ?? {}),
    weights,
    bonds,
    lastUpdate,
    blockAtRegistration: bar,
    validatorPermit: permit,
    alphaStake: alpha,
  }
}

function plan(steps: Iterable<SimulationStep>, epochs: number | undefined): SimulationStep[] {
  const list = Array.from(steps)
  const total = epochs ?? list.length
  if (!Number.isInteger(total) || total < 0)
    throw new InvalidScenarioError({ what: `epochs = ${total}`, uid: -1, n: 0 })
  return Array.from({ length: total }, (_, e) => list[e] ?? {})
}

function advance(state: EpochInput, step: SimulationStep): EpochInput {
  return { ...state, currentBlock: state.currentBlock + (step.blocks ?? BigInt(state.tempo)) }
}

/**
 * Run many epochs from a state and a scenario with the exact `runEpoch`: before each epoch the
 * step's changes are applied (registrations, stake, bond resets, weights, hyperparameters); after
 * it the output is persisted as the chain does ({@link applyEpoch}: permits, bonds, step block)
 * and the block advances by the step's `blocks` (default: tempo).
 *
 * @param initial - The starting state (an epoch input).
 * @param steps - One step per epoch.
 * @param options - `epochs` and an `onProgress` callback.
 * @returns One record per epoch.
 * @throws {@link InvalidScenarioError} when a step names a uid outside 0…n−1 or drives stake below 0.
 * @example
 * ```ts
 * import { simulate } from '@dtao/yuma'
 * const run = simulate(input, [], { epochs: 10 })
 * run.at(-1)?.output.dividend // u16 dividends at the tenth epoch
 * ```
 */
export function simulate(
  initial: EpochInput,
  steps: Iterable<SimulationStep>,
  options: SimulateOptions<SimulationEpoch> = {},
): SimulationEpoch[] {
  const list = plan(steps, options.epochs)
  const out: SimulationEpoch[] = []
  let state = initial
  list.forEach((step, epoch) => {
    const input = applyStep(state, step)
    const output = runEpoch(input)
    const next = advance(applyEpoch(input, output), step)
    const rec = { epoch, input, next, output }
    out.push(rec)
    options.onProgress?.(epoch, list.length, rec)
    state = next
  })
  return out
}

/**
 * {@link simulate} on the float pipeline ({@link approxEpoch}), for sweeps where exactness is not
 * needed. Bonds are persisted as u16 (as the chain stores them), so the state stays an exact
 * {@link EpochInput}; see `approxEpoch` for the expected deviation.
 *
 * @param initial - The starting state.
 * @param steps - One step per epoch.
 * @param options - `epochs`, `onProgress`.
 * @returns One record per epoch.
 * @throws {@link InvalidScenarioError} as {@link simulate}.
 * @example
 * ```ts
 * import { simulateFloat } from '@dtao/yuma'
 * const run = simulateFloat(input, [], { epochs: 100 })
 * run.at(-1)?.output.dividends // Float64Array
 * ```
 */
export function simulateFloat(
  initial: EpochInput,
  steps: Iterable<SimulationStep>,
  options: SimulateOptions<FloatSimulationEpoch> = {},
): FloatSimulationEpoch[] {
  const list = plan(steps, options.epochs)
  const out: FloatSimulationEpoch[] = []
  let state = initial
  list.forEach((step, epoch) => {
    const input = applyStep(state, step)
    const output = approxEpoch(toApproxEpochInput(input), { quantizeBondsU16: true })
    const next = advance(
      applyEpoch(input, { newValidatorPermit: output.newValidatorPermit, bond: output.bonds }),
      step,
    )
    const rec = { epoch, input, next, output }
    out.push(rec)
    options.onProgress?.(epoch, list.length, rec)
    state = next
  })
  return out
}

/**
 * A simulation scenario is invalid (a step names a uid outside the subnet, or drives a stake
 * below zero).
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * import { simulate } from '@dtao/yuma'
 * try { simulate(input, [{ setWeights: { 9999: [] } }]) } catch (e) {
 *   isDtaoError(e, 'Yuma.InvalidScenarioError') // true
 * }
 * ```
 */
export class InvalidScenarioError extends BaseError {
  override readonly name = 'Yuma.InvalidScenarioError'
  /** What the step tried. */
  readonly what: string
  /** The uid it named (−1 when none). */
  readonly uid: number
  /** The subnet size. */
  readonly n: number

  constructor({ what, uid, n }: { what: string; uid: number; n: number }) {
    super(
      `Invalid simulation step: ${what}${uid >= 0 ? ` for uid ${uid}` : ''} (subnet has ${n} uids).`,
      {
        metaMessages: ['Steps may only name uids 0…n−1 and may not drive a stake below 0.'],
      },
    )
    this.what = what
    this.uid = uid
    this.n = n
  }
}
