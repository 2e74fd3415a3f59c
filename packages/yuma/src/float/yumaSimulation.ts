import { InvalidFloatInputError } from './errors.js'
import type { FloatMatrix } from './floatMatrix.js'
import {
  colSums,
  type Dtype,
  f32,
  f64,
  innerSum,
  nanToNum,
  rowSums,
  toInt32X86,
} from './internal/torchMath.js'

/**
 * The six Yuma versions of bactensor/yuma-simulation (`YumaSimulationNames`), by their keys:
 * `YUMA1` = "Yuma 1" (`YumaRust`), `YUMA2` = "Yuma 2 (subtensor)" (`Yuma`), `YUMA2B` = "Yuma 2B
 * (Adrian-Fish)" (`Yuma2b`), `YUMA2C` = "Yuma 2C (Rhef+reset)" (`Yuma2c`), `YUMA3` and
 * `YUMA3_LIQUID` = "Yuma 3 (Rhef+relative bonds)" (`Yuma3`, liquid alpha off/on per the config).
 *
 * These are research models in float arithmetic, not the chain: see the module notes of
 * {@link yumaSimulationEpoch} for how each differs from `runEpoch`.
 *
 * @example
 * ```ts
 * import type { YumaSimulationVariant } from '@dtao/yuma'
 * const v: YumaSimulationVariant = 'YUMA3_LIQUID'
 * ```
 */
export type YumaSimulationVariant =
  | 'YUMA1'
  | 'YUMA2'
  | 'YUMA2B'
  | 'YUMA2C'
  | 'YUMA3'
  | 'YUMA3_LIQUID'

/** Every {@link YumaSimulationVariant}, in upstream order. */
export const YUMA_SIMULATION_VARIANTS: readonly YumaSimulationVariant[] = Object.freeze([
  'YUMA1',
  'YUMA2',
  'YUMA2B',
  'YUMA2C',
  'YUMA3',
  'YUMA3_LIQUID',
])

/**
 * yuma-simulation's flattened `YumaConfig` (`SimulationHyperparameters` + `YumaParams`), with
 * upstream's defaults. Only the knobs the Yuma functions read are here.
 *
 * @example
 * ```ts
 * import type { YumaSimulationConfig } from '@dtao/yuma'
 * const yuma3Liquid: YumaSimulationConfig = {
 *   bondMovingAvg: 0.975, liquidAlpha: true, alphaLow: 0.1, alphaHigh: 0.3,
 * }
 * ```
 */
export type YumaSimulationConfig = {
  /** Consensus majority (default 0.5). */
  readonly kappa?: number
  /** β of the bond penalty (upstream default `None`, which makes Yuma 1/2/2B fail; here 1). */
  readonly bondPenalty?: number
  /** `bond_moving_avg` (default 0.1): alpha = 1 − bond_moving_avg (not read by Yuma 1). */
  readonly bondMovingAvg?: number
  /** Liquid alpha (default false); used from the second epoch (when a previous consensus exists). */
  readonly liquidAlpha?: boolean
  /** Upper liquid alpha (default 0.3). */
  readonly alphaHigh?: number
  /** Lower liquid alpha (default 0.1). */
  readonly alphaLow?: number
  /** Yuma 2C bond decay rate (default 0.1). */
  readonly decayRate?: number
  /** Yuma 2C purchase capacity fraction (default 0.1). */
  readonly capacityAlpha?: number
  /** Liquid-alpha sigmoid steepness (default 10, the chain's 1000/100). */
  readonly alphaSigmoidSteepness?: number
  /** Which consensus feeds Yuma 3's liquid alpha (default `'CURRENT'`; MIXED = elementwise max). */
  readonly liquidAlphaConsensusMode?: 'CURRENT' | 'PREVIOUS' | 'MIXED'
  /** Equal incentive among the argmax ties instead of R/ΣR (default false). */
  readonly winnerTakesAll?: boolean
  /** `'optimized'` (default) or the `LEGACY_CONSENSUS=1` bisection, `'binarySearch'`. */
  readonly consensus?: 'optimized' | 'binarySearch'
  /** Bisection precision of `'binarySearch'` (default 100000). */
  readonly consensusPrecision?: number
  /** Yuma 2C's `maxint` (default 2^64, what torch ≥ 2.3 makes of `2**64 - 1`). */
  readonly maxint?: number
}

/**
 * One epoch's input to a yuma-simulation variant: the raw (unnormalised) weights and stakes, and
 * the state carried from the previous epoch (absent at epoch 0).
 *
 * @example
 * ```ts
 * import { floatMatrixFromRows, type YumaSimulationEpochInput } from '@dtao/yuma'
 * const input: YumaSimulationEpochInput = {
 *   weights: floatMatrixFromRows([[1, 0], [1, 0], [0, 1]]),
 *   stake: Float64Array.of(0.8, 0.1, 0.1),
 * }
 * ```
 */
export type YumaSimulationEpochInput = {
  /** W: validators × servers (or the full (V+S)² matrix), raw. */
  readonly weights: FloatMatrix
  /** S: one stake per validator row, raw. */
  readonly stake: ArrayLike<number>
  /** The bond state of the previous epoch (`validator_ema_bond` or `validator_bonds`). */
  readonly bondsOld?: FloatMatrix | undefined
  /** The previous epoch's `server_consensus_weight`. */
  readonly consensusOld?: ArrayLike<number> | undefined
  /** Yuma 2B only: the previous epoch's normalised weights. */
  readonly weightsPrev?: FloatMatrix | undefined
  /** Validator rows (default: all rows); used to slice the liquid-alpha block in full mode. */
  readonly numValidators?: number
  /** Server columns (default: all columns); the last `numServers` columns in full mode. */
  readonly numServers?: number
  /** Whether `weights` is the full (V+S)² matrix (default false). */
  readonly useFullMatrices?: boolean
}

/**
 * What a yuma-simulation variant returns (upstream's dict, camel-cased). Fields a variant does
 * not return are absent.
 *
 * @example
 * ```ts
 * import { yumaSimulationEpoch } from '@dtao/yuma'
 * const out = yumaSimulationEpoch('YUMA3', input, { config: { bondMovingAvg: 0.975 } })
 * out.validatorRewardNormalized // Float64Array per validator
 * ```
 */
export type YumaSimulationEpochOutput = {
  /** `weight`: W/(ΣW + 1e-6) per row. */
  weight: FloatMatrix
  /** `stake`: S/ΣS. */
  stake: Float64Array
  /** `server_prerank`: Σᵢ stake·weight. */
  serverPrerank: Float64Array
  /** `server_consensus_weight`: consensus, renormalised and quantised to 1/65535. */
  serverConsensusWeight: Float64Array
  /** `consensus_clipped_weight`: min(W, C) (Yuma 2B clips the previous weights). */
  consensusClippedWeight: FloatMatrix
  /** `server_rank`. */
  serverRank: Float64Array
  /** `server_incentive`. */
  serverIncentive: Float64Array
  /** `server_trust` (not returned by Yuma 3). */
  serverTrust?: Float64Array
  /** `validator_trust` (NaN for an all-zero row; not returned by Yuma 3). */
  validatorTrust?: Float64Array
  /** `weight_for_bond`: (1−β)W + β·clipped (Yuma 2, 2B). */
  weightForBond?: FloatMatrix
  /** `validator_bond`: instant bonds, column-normalised (Yuma 1, 2, 2B). */
  validatorBond?: FloatMatrix
  /** `validator_ema_bond` (Yuma 1, 2, 2B): the bond state. */
  validatorEmaBond?: FloatMatrix
  /** `validator_bonds` (Yuma 2C, 3): the bond state. */
  validatorBonds?: FloatMatrix
  /** `validator_reward`: dividends D. */
  validatorReward: Float64Array
  /** `validator_reward_normalized`: D/(ΣD + 1e-6). */
  validatorRewardNormalized: Float64Array
  /** `alpha`: the EMA rate (a number) or the liquid-alpha matrix (Yuma 1, 2, 2B). */
  alpha?: number | FloatMatrix
  /** `alpha_a`, `alpha_b`: always NaN upstream (Yuma 1, 2, 2B). */
  alphaA?: number
  /** See `alphaA`. */
  alphaB?: number
}

/**
 * Options of {@link yumaSimulationEpoch} and {@link runYumaSimulation}.
 *
 * @example
 * ```ts
 * import type { YumaSimulationOptions } from '@dtao/yuma'
 * const o: YumaSimulationOptions = { precision: 'float64', config: { kappa: 0.5 } }
 * ```
 */
export type YumaSimulationOptions = {
  /** The variant's hyperparameters (upstream defaults when omitted). */
  readonly config?: YumaSimulationConfig
  /**
   * `'float32'` (default) reproduces torch's float32 default dtype (every op rounded to float32,
   * ATen's summation order); `'float64'` runs the same code as torch with float64 default dtype.
   */
  readonly precision?: 'float32' | 'float64'
}

type Ctx = {
  readonly d: Dtype
  readonly kappa: number
  readonly bondPenalty: number
  readonly bondMovingAvg: number
  readonly liquidAlpha: boolean
  readonly alphaHigh: number
  readonly alphaLow: number
  readonly decayRate: number
  readonly capacityAlpha: number
  readonly steepness: number
  readonly mode: 'CURRENT' | 'PREVIOUS' | 'MIXED'
  readonly winnerTakesAll: boolean
  readonly consensus: 'optimized' | 'binarySearch'
  readonly consensusPrecision: number
  readonly maxint: number
}

function context(options: YumaSimulationOptions): Ctx {
  const c = options.config ?? {}
  return {
    d: options.precision === 'float64' ? f64 : f32,
    kappa: c.kappa ?? 0.5,
    bondPenalty: c.bondPenalty ?? 1,
    bondMovingAvg: c.bondMovingAvg ?? 0.1,
    liquidAlpha: c.liquidAlpha ?? false,
    alphaHigh: c.alphaHigh ?? 0.3,
    alphaLow: c.alphaLow ?? 0.1,
    decayRate: c.decayRate ?? 0.1,
    capacityAlpha: c.capacityAlpha ?? 0.1,
    steepness: c.alphaSigmoidSteepness ?? 10,
    mode: c.liquidAlphaConsensusMode ?? 'CURRENT',
    winnerTakesAll: c.winnerTakesAll ?? false,
    consensus: c.consensus ?? 'optimized',
    consensusPrecision: c.consensusPrecision ?? 100_000,
    maxint: c.maxint ?? 2 ** 64,
  }
}

function mat(rows: number, cols: number, data?: Float64Array): FloatMatrix {
  return { rows, cols, data: data ?? new Float64Array(rows * cols) }
}

/** Elementwise map over a matrix. */
function map(
  m: FloatMatrix,
  f: (x: number, i: number, j: number, k: number) => number,
): FloatMatrix {
  const out = new Float64Array(m.data.length)
  for (let i = 0, k = 0; i < m.rows; i++)
    for (let j = 0; j < m.cols; j++, k++) out[k] = f(m.data[k] as number, i, j, k)
  return mat(m.rows, m.cols, out)
}

function check(input: YumaSimulationEpochInput): void {
  const w = input.weights
  if (w.data.length !== w.rows * w.cols)
    throw new InvalidFloatInputError({ field: 'weights', reason: 'has data of the wrong length' })
  if (input.stake.length !== w.rows)
    throw new InvalidFloatInputError({
      field: 'stake',
      reason: `has ${input.stake.length} entries for ${w.rows} weight rows`,
    })
  for (const [name, m] of [
    ['bondsOld', input.bondsOld],
    ['weightsPrev', input.weightsPrev],
  ] as const) {
    if (m !== undefined && (m.rows !== w.rows || m.cols !== w.cols))
      throw new InvalidFloatInputError({
        field: name,
        reason: `is ${m.rows}×${m.cols}, expected ${w.rows}×${w.cols}`,
      })
  }
  if (input.consensusOld !== undefined && input.consensusOld.length !== w.cols)
    throw new InvalidFloatInputError({
      field: 'consensusOld',
      reason: `has ${input.consensusOld.length} entries, expected ${w.cols}`,
    })
}

/** Steps shared by every variant: normalisation, prerank, consensus, clipping, rank, incentive. */
type Common = {
  W: FloatMatrix
  S: Float64Array
  P: Float64Array
  C: Float64Array
}

function normaliseInputs(input: YumaSimulationEpochInput, x: Ctx): Common {
  const { d } = x
  const r = d.r
  const raw = map(input.weights, (v) => r(v))
  const eps = r(1e-6)
  const rs = rowSums(raw.data, raw.rows, raw.cols, d)
  const W = map(raw, (v, i) => r(v / r((rs[i] as number) + eps)))
  const s = Float64Array.from(input.stake, (v) => r(v))
  const sSum = innerSum(s, 0, s.length, d)
  const S = s.map((v) => r(v / sSum))
  const P = colSums(map(W, (v, i) => r((S[i] as number) * v)).data, W.rows, W.cols, d)
  const C0 = x.consensus === 'optimized' ? consensusOptimized(W, S, x) : consensusBisection(W, S, x)
  const cSum = innerSum(C0, 0, C0.length, d)
  const C = C0.map((c) => r(toInt32X86(r(r(c / cSum) * 65_535)) / 65_535))
  return { W, S, P, C }
}

/** `optimized_compute_consensus_weights`: first position, weights descending, with Σstake ≥ κ. */
function consensusOptimized(W: FloatMatrix, S: Float64Array, x: Ctx): Float64Array {
  const r = x.d.r
  const kappa = r(x.kappa)
  const C = new Float64Array(W.cols)
  const idx: number[] = []
  for (let j = 0; j < W.cols; j++) {
    idx.length = 0
    for (let i = 0; i < W.rows; i++) idx.push(i)
    const w = (i: number) => W.data[i * W.cols + j] as number
    // stable descending sort (NaN sorts first, as torch puts NaN at the top of a descending sort)
    idx.sort((a, b) => {
      const wa = w(a)
      const wb = w(b)
      if (Number.isNaN(wa) || Number.isNaN(wb))
        return Number.isNaN(wa) ? (Number.isNaN(wb) ? 0 : -1) : 1
      return wb - wa
    })
    let cum = 0
    let first = 0
    for (let k = 0; k < idx.length; k++) {
      cum += S[idx[k] as number] as number
      if (r(cum) >= kappa) {
        first = k
        break
      }
    }
    C[j] = idx.length === 0 ? 0 : w(idx[first] as number)
  }
  return C
}

/** `binary_search_compute_consensus_weights` (`LEGACY_CONSENSUS=1`). */
function consensusBisection(W: FloatMatrix, S: Float64Array, x: Ctx): Float64Array {
  const { d } = x
  const r = d.r
  const kappa = r(x.kappa)
  const C = new Float64Array(W.cols)
  const masked = new Float64Array(W.rows)
  for (let j = 0; j < W.cols; j++) {
    let hi = 1.0
    let lo = 0.0
    while (hi - lo > 1 / x.consensusPrecision) {
      const mid = (hi + lo) / 2.0
      const m32 = r(mid)
      for (let i = 0; i < W.rows; i++)
        masked[i] = (W.data[i * W.cols + j] as number) > m32 ? (S[i] as number) : 0
      if (innerSum(masked, 0, W.rows, d) > kappa) lo = mid
      else hi = mid
    }
    C[j] = r(hi)
  }
  return C
}

function clipAndRank(
  W: FloatMatrix,
  toClip: FloatMatrix,
  S: Float64Array,
  C: Float64Array,
  x: Ctx,
): {
  Wc: FloatMatrix
  R: Float64Array
  I: Float64Array
  T: Float64Array
  Tv: Float64Array
  P: Float64Array
} {
  const { d } = x
  const r = d.r
  const Wc = map(toClip, (v, _i, j) => Math.min(v, C[j] as number))
  const R = colSums(map(Wc, (v, i) => r((S[i] as number) * v)).data, W.rows, W.cols, d)
  const I = incentive(R, x)
  const P = colSums(map(W, (v, i) => r((S[i] as number) * v)).data, W.rows, W.cols, d)
  const T = R.map((v, j) => nanToNum(r(v / (P[j] as number)), d))
  const wcs = rowSums(Wc.data, Wc.rows, Wc.cols, d)
  const ws = rowSums(W.data, W.rows, W.cols, d)
  const Tv = wcs.map((v, i) => r(v / (ws[i] as number)))
  return { Wc, R, I, T, Tv, P }
}

/** `compute_incentive`. */
function incentive(R: Float64Array, x: Ctx): Float64Array {
  const { d } = x
  if (!x.winnerTakesAll) {
    const s = innerSum(R, 0, R.length, d)
    return R.map((v) => nanToNum(d.r(v / s), d))
  }
  const I = new Float64Array(R.length)
  if (R.length === 0) return I
  let max = R[0] as number
  for (const v of R) if (Number.isNaN(v) || v > max) max = Number.isNaN(max) ? max : v
  const winners: number[] = []
  R.forEach((v, j) => {
    if (v === max) winners.push(j)
  })
  for (const j of winners) I[j] = d.r(1.0 / winners.length)
  return I
}

/** `_compute_liquid_alpha` (with the full-matrix slicing of its decorator). */
function liquidAlphaMatrix(
  W: FloatMatrix,
  B: FloatMatrix,
  C: Float64Array,
  input: YumaSimulationEpochInput,
  x: Ctx,
): FloatMatrix {
  const r = x.d.r
  const full = input.useFullMatrices === true
  const nv = full ? (input.numValidators ?? W.rows) : W.rows
  const ns = full ? (input.numServers ?? W.cols) : W.cols
  const c0 = W.cols - ns
  const low = r(x.alphaLow)
  const high = r(x.alphaHigh)
  const span = r(x.alphaHigh - x.alphaLow)
  const negSteep = r(-x.steepness)
  const half = r(0.5)
  const out = mat(W.rows, W.cols)
  for (let i = 0; i < nv; i++)
    for (let j = c0; j < W.cols; j++) {
      const k = i * W.cols + j
      const w = W.data[k] as number
      const b = B.data[k] as number
      const diff = w >= b ? clamp01(r(w - (C[j] as number))) : clamp01(r(b - w))
      const e = r(Math.exp(r(negSteep * r(diff - half))))
      const s = r(1.0 / r(1.0 + e))
      const a = r(low + r(s * span))
      out.data[k] = Math.min(Math.max(a, low), high)
    }
  return out
}

function clamp01(v: number): number {
  return Math.min(Math.max(v, 0.0), 1.0)
}

function emaWith(
  alpha: number | FloatMatrix,
  B: FloatMatrix,
  Bold: FloatMatrix,
  x: Ctx,
): FloatMatrix {
  const r = x.d.r
  if (typeof alpha === 'number') {
    const a = r(alpha)
    const oneMinus = r(1 - alpha)
    return map(B, (v, _i, _j, k) => r(r(a * v) + r(oneMinus * (Bold.data[k] as number))))
  }
  return map(B, (v, _i, _j, k) => {
    const a = alpha.data[k] as number
    return r(r(a * v) + r(r(1 - a) * (Bold.data[k] as number)))
  })
}

function dividends(Bn: FloatMatrix, I: Float64Array, x: Ctx): Float64Array {
  const r = x.d.r
  const prod = map(Bn, (v, _i, j) => r(v * (I[j] as number)))
  return rowSums(prod.data, prod.rows, prod.cols, x.d)
}

function normaliseD(D: Float64Array, x: Ctx): Float64Array {
  const r = x.d.r
  const den = r(innerSum(D, 0, D.length, x.d) + r(1e-6))
  return D.map((v) => r(v / den))
}

function colNormalise(B: FloatMatrix, eps: boolean, x: Ctx, nan: boolean): FloatMatrix {
  const r = x.d.r
  const cs = colSums(B.data, B.rows, B.cols, x.d)
  const e = r(1e-6)
  return map(B, (v, _i, j) => {
    const q = r(v / (eps ? r((cs[j] as number) + e) : (cs[j] as number)))
    return nan ? nanToNum(q, x.d) : q
  })
}

/**
 * Run one epoch of a yuma-simulation variant (bactensor/yuma-simulation `yumas.py`), in float32
 * like the notebooks (or float64). The result reproduces upstream's returned dict; the run
 * driver {@link runYumaSimulation} carries the state between epochs as upstream's
 * `_run_simulation` does.
 *
 * How these differ from the chain (`runEpoch`): weights and dividends are normalised with a
 * +1e-6 bias; stake is S/ΣS over the listed validators (no activity, permits or threshold); the
 * consensus is renormalised to ΣC = 1 and quantised to 1/65535 before clipping (the chain never
 * renormalises); Yuma 1 has no EMA memory (alpha = 1); Yuma 2's `bondMovingAvg` is 1 − α (its
 * default 0.1 means α = 0.9, the chain's default is α = 0.1) and its EMA is not renormalised; Yuma 3
 * ignores β, starts liquid alpha only at the second epoch, keeps bonds in float (no u16 round
 * trip) and decays absent weights instead of the chain's sparse drop. When every server's
 * consensus is 0, upstream's `(C/ΣC·65535).int()` casts NaN; this port reproduces the x86 result
 * (INT_MIN, C = −32768.5), which corrupts the rest of the run exactly as upstream does.
 *
 * @param variant - Which version to run.
 * @param input - Raw weights, stakes and the carried state.
 * @param options - Config and precision.
 * @returns Upstream's output fields.
 * @throws {@link InvalidFloatInputError} when shapes disagree.
 * @see yuma-simulation `src/yuma_simulation/_internal/yumas.py` · `YumaRust`, `Yuma`, `Yuma2b`, `Yuma2c`, `Yuma3`
 * @example
 * ```ts
 * import { floatMatrixFromRows, yumaSimulationEpoch } from '@dtao/yuma'
 * const out = yumaSimulationEpoch('YUMA3', {
 *   weights: floatMatrixFromRows([[1, 0], [1, 0], [1, 0]]),
 *   stake: Float64Array.of(0.8, 0.1, 0.1),
 * }, { config: { bondMovingAvg: 0.975 } })
 * out.serverConsensusWeight // Float64Array [1, 0]
 * ```
 */
export function yumaSimulationEpoch(
  variant: YumaSimulationVariant,
  input: YumaSimulationEpochInput,
  options: YumaSimulationOptions = {},
): YumaSimulationEpochOutput {
  if (!YUMA_SIMULATION_VARIANTS.includes(variant))
    throw new InvalidFloatInputError({
      field: 'variant',
      reason: `is not a variant (${String(variant)})`,
    })
  check(input)
  const x = context(options)
  const { d } = x
  const r = d.r
  const { W, S, P, C } = normaliseInputs(input, x)
  const Wprev = variant === 'YUMA2B' ? (input.weightsPrev ?? W) : W
  const { Wc, R, I, T, Tv } = clipAndRank(W, Wprev, S, C, x)
  const base = {
    weight: W,
    stake: S,
    serverPrerank: P,
    serverConsensusWeight: C,
    consensusClippedWeight: Wc,
    serverRank: R,
    serverIncentive: I,
  }
  const Bold = input.bondsOld
  const Cold = input.consensusOld
  const liquid = (Ccur: Float64Array): FloatMatrix | undefined =>
    x.liquidAlpha && Cold !== undefined && Bold !== undefined
      ? liquidAlphaMatrix(W, Bold, Ccur, input, x)
      : undefined

  if (variant === 'YUMA1' || variant === 'YUMA2' || variant === 'YUMA2B') {
    const beta = x.bondPenalty
    const oneMinusBeta = r(1 - beta)
    const b32 = r(beta)
    const Wb = map(Wprev, (v, _i, _j, k) =>
      r(r(oneMinusBeta * v) + r(b32 * (Wc.data[k] as number))),
    )
    const SWb = map(Wb, (v, i) => r((S[i] as number) * v))
    const B = colNormalise(SWb, variant === 'YUMA1', x, true)
    let alpha: number | FloatMatrix = variant === 'YUMA1' ? 1 : 1 - x.bondMovingAvg
    alpha = liquid(C) ?? alpha
    let Bema = Bold !== undefined ? emaWith(alpha, B, Bold, x) : B
    if (variant === 'YUMA1') Bema = colNormalise(Bema, true, x, true)
    const D = dividends(Bema, I, x)
    const out: YumaSimulationEpochOutput = {
      ...base,
      serverTrust: T,
      validatorTrust: Tv,
      validatorBond: B,
      validatorEmaBond: Bema,
      validatorReward: D,
      validatorRewardNormalized: normaliseD(D, x),
      alpha,
      alphaA: Number.NaN,
      alphaB: Number.NaN,
    }
    if (variant !== 'YUMA1') out.weightForBond = Wb
    return out
  }

  if (variant === 'YUMA2C') {
    const old = Bold ?? mat(W.rows, W.cols)
    const maxint = r(x.maxint)
    const capacity = S.map((s) => r(s * maxint))
    const capA = r(x.capacityAlpha)
    const decay = r(1 - x.decayRate)
    const B = map(W, (w, i, _j, k) => {
      const cap = capacity[i] as number
      const rem = Math.max(r(cap - (old.data[k] as number)), 0.0)
      const pc = Math.min(r(capA * cap), rem)
      const purchase = r(pc * w)
      const b = r(r(decay * (old.data[k] as number)) + purchase)
      return Math.min(b, cap)
    })
    const D = dividends(colNormalise(B, true, x, false), I, x)
    return {
      ...base,
      serverTrust: T,
      validatorTrust: Tv,
      validatorBonds: B,
      validatorReward: D,
      validatorRewardNormalized: normaliseD(D, x),
    }
  }

  // YUMA3 / YUMA3_LIQUID
  const old = Bold ?? mat(W.rows, W.cols)
  let liquidC = C
  if (Cold !== undefined) {
    if (x.mode === 'PREVIOUS') liquidC = Float64Array.from(Cold)
    else if (x.mode === 'MIXED') liquidC = C.map((c, j) => maxNaN(c, Cold[j] as number))
  }
  const la =
    x.liquidAlpha && Cold !== undefined ? liquidAlphaMatrix(W, old, liquidC, input, x) : undefined
  const aScalar = 1 - x.bondMovingAvg
  const a32 = r(aScalar)
  const keep32 = r(1 - aScalar)
  const B = map(W, (w, _i, _j, k) => {
    const a = la === undefined ? a32 : (la.data[k] as number)
    const keep = la === undefined ? keep32 : r(1 - a)
    const dec = r((old.data[k] as number) * keep)
    const rem = Math.max(r(1.0 - dec), 0.0)
    const purchase = Math.min(r(a * w), rem)
    return Math.min(r(dec + purchase), 1.0)
  })
  const tb = dividends(colNormalise(B, true, x, false), I, x)
  const D = S.map((s, i) => r(s * (tb[i] as number)))
  return {
    ...base,
    validatorBonds: B,
    validatorReward: D,
    validatorRewardNormalized: normaliseD(D, x),
  }
}

/** `torch.max(a, b)` elementwise: NaN propagates. */
function maxNaN(a: number, b: number): number {
  return Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : Math.max(a, b)
}

/**
 * A scenario for {@link runYumaSimulation}: per-epoch raw weights and stakes, like
 * yuma-simulation's `BaseCase` (`weights_epochs`, `stakes_epochs`, bond reset settings).
 *
 * @example
 * ```ts
 * import { floatMatrixFromRows, type YumaSimulationCase } from '@dtao/yuma'
 * const w = floatMatrixFromRows([[1, 0], [1, 0], [1, 0]])
 * const c: YumaSimulationCase = { weights: [w, w], stakes: [[0.8, 0.1, 0.1], [0.8, 0.1, 0.1]] }
 * ```
 */
export type YumaSimulationCase = {
  /** W per epoch. */
  readonly weights: readonly FloatMatrix[]
  /** S per epoch. */
  readonly stakes: readonly ArrayLike<number>[]
  /** Validator rows (full-matrix mode). */
  readonly numValidators?: number
  /** Server columns (full-matrix mode). */
  readonly numServers?: number
  /** Whether weights are full (V+S)² matrices (default false). */
  readonly useFullMatrices?: boolean
  /** Zero one server's bond column at `resetBondsEpoch` (Yuma 2C and 3 only, as upstream). */
  readonly resetBonds?: boolean
  /** The server index whose bonds are reset. */
  readonly resetBondsIndex?: number
  /** The epoch at which the reset happens. */
  readonly resetBondsEpoch?: number
}

/**
 * Run a yuma-simulation variant over every epoch of a case, carrying bonds, consensus and (Yuma
 * 2B) weights between epochs and applying the case's bond reset, as upstream's
 * `simulation_utils._run_simulation` / `_call_yuma` do.
 *
 * @param variant - Which version.
 * @param scenario - The per-epoch inputs.
 * @param options - Config, precision and an `onEpoch(epoch, output)` progress callback.
 * @returns One output per epoch.
 * @throws {@link InvalidFloatInputError} when epochs disagree in count or shape.
 * @see yuma-simulation `src/yuma_simulation/_internal/simulation_utils.py` · `_run_simulation`, `_call_yuma`
 * @example
 * ```ts
 * import { floatMatrixFromRows, runYumaSimulation } from '@dtao/yuma'
 * const w = floatMatrixFromRows([[1, 0], [1, 0], [0, 1]])
 * const outs = runYumaSimulation('YUMA2', { weights: [w, w], stakes: [[8, 1, 1], [8, 1, 1]] })
 * outs[1]?.validatorRewardNormalized // dividends at epoch 1
 * ```
 */
export function runYumaSimulation(
  variant: YumaSimulationVariant,
  scenario: YumaSimulationCase,
  options: YumaSimulationOptions & {
    /** Called after every epoch. */
    readonly onEpoch?: (epoch: number, output: YumaSimulationEpochOutput) => void
  } = {},
): YumaSimulationEpochOutput[] {
  if (scenario.weights.length !== scenario.stakes.length)
    throw new InvalidFloatInputError({
      field: 'stakes',
      reason: `has ${scenario.stakes.length} epochs, weights has ${scenario.weights.length}`,
    })
  const resets = variant === 'YUMA2C' || variant === 'YUMA3' || variant === 'YUMA3_LIQUID'
  const stateKey = resets ? 'validatorBonds' : 'validatorEmaBond'
  let bonds: FloatMatrix | undefined
  let cons: Float64Array | undefined
  let wPrev: FloatMatrix | undefined
  const outs: YumaSimulationEpochOutput[] = []
  scenario.weights.forEach((weights, e) => {
    if (
      resets &&
      scenario.resetBonds === true &&
      bonds !== undefined &&
      e === scenario.resetBondsEpoch
    ) {
      const col =
        (scenario.useFullMatrices === true ? (scenario.numValidators ?? 0) : 0) +
        (scenario.resetBondsIndex ?? 0)
      const data = Float64Array.from(bonds.data)
      for (let i = 0; i < bonds.rows; i++) data[i * bonds.cols + col] = 0
      bonds = mat(bonds.rows, bonds.cols, data)
    }
    const out = yumaSimulationEpoch(
      variant,
      {
        weights,
        stake: scenario.stakes[e] as ArrayLike<number>,
        bondsOld: bonds,
        consensusOld: cons,
        weightsPrev: wPrev,
        ...(scenario.numValidators !== undefined ? { numValidators: scenario.numValidators } : {}),
        ...(scenario.numServers !== undefined ? { numServers: scenario.numServers } : {}),
        ...(scenario.useFullMatrices !== undefined
          ? { useFullMatrices: scenario.useFullMatrices }
          : {}),
      },
      options,
    )
    bonds = out[stateKey]
    cons = out.serverConsensusWeight
    if (variant === 'YUMA2B') wPrev = out.weight
    outs.push(out)
    options.onEpoch?.(e, out)
  })
  return outs
}

/**
 * yuma-simulation's consensus on already normalised weights and stakes, before the
 * renormalise-and-quantise step: `optimized_compute_consensus_weights` (the first position, weights
 * descending, where cumulative stake ≥ κ; 0 selects the largest weight when none is) or, with
 * `config.consensus: 'binarySearch'`, the legacy bisection (strict `>`, upper bound to within
 * 1/precision).
 *
 * @param weights - Row-normalised W (validators × servers).
 * @param stake - Normalised S.
 * @param options - `config.kappa`, `config.consensus`, `config.consensusPrecision`, `precision`.
 * @returns C per server.
 * @throws {@link InvalidFloatInputError} when shapes disagree.
 * @see yuma-simulation `src/yuma_simulation/_internal/yumas.py` · `optimized_compute_consensus_weights`, `binary_search_compute_consensus_weights`
 * @example
 * ```ts
 * import { floatMatrixFromRows, yumaSimulationConsensus } from '@dtao/yuma'
 * yumaSimulationConsensus(floatMatrixFromRows([[0.2], [0.8]]), [0.5, 0.5]) // Float64Array [0.800000011920929]
 * ```
 */
export function yumaSimulationConsensus(
  weights: FloatMatrix,
  stake: ArrayLike<number>,
  options: YumaSimulationOptions = {},
): Float64Array {
  check({ weights, stake })
  const x = context(options)
  const W = map(weights, (v) => x.d.r(v))
  const S = Float64Array.from(stake, (v) => x.d.r(v))
  return x.consensus === 'optimized' ? consensusOptimized(W, S, x) : consensusBisection(W, S, x)
}

/**
 * yuma-simulation's `_compute_liquid_alpha` (compact V × S form): per pair, a buy (W ≥ B) uses
 * the distance W − C, a sell B − W, both clamped to [0, 1], through a sigmoid of slope
 * `alphaSigmoidSteepness` around ½, scaled into [alphaLow, alphaHigh] and clamped (torch clamp:
 * alphaHigh wins when low > high).
 *
 * @param input - `weights` W, `bonds` B (same shape) and `consensus` C (one per column).
 * @param options - `config.alphaLow`, `config.alphaHigh`, `config.alphaSigmoidSteepness`, `precision`.
 * @returns The alpha matrix.
 * @throws {@link InvalidFloatInputError} when shapes disagree.
 * @see yuma-simulation `src/yuma_simulation/_internal/simulation_utils.py` · `_compute_liquid_alpha`
 * @example
 * ```ts
 * import { floatMatrixFromRows, yumaSimulationLiquidAlpha } from '@dtao/yuma'
 * const a = yumaSimulationLiquidAlpha({
 *   weights: floatMatrixFromRows([[1]]), bonds: floatMatrixFromRows([[0]]), consensus: [1],
 * })
 * a.data[0] // ≈ 0.1013 (buy at distance 0: low + (high − low)·σ(−5))
 * ```
 */
export function yumaSimulationLiquidAlpha(
  input: {
    readonly weights: FloatMatrix
    readonly bonds: FloatMatrix
    readonly consensus: ArrayLike<number>
  },
  options: YumaSimulationOptions = {},
): FloatMatrix {
  const { weights, bonds, consensus } = input
  check({
    weights,
    stake: new Float64Array(weights.rows),
    bondsOld: bonds,
    consensusOld: consensus,
  })
  const x = context(options)
  const r = x.d.r
  return liquidAlphaMatrix(
    map(weights, (v) => r(v)),
    map(bonds, (v) => r(v)),
    Float64Array.from(consensus, (v) => r(v)),
    { weights, stake: [] },
    x,
  )
}

/**
 * yuma-simulation's `compute_incentive`: R/ΣR (NaN → 0), or with `config.winnerTakesAll` an
 * equal share for every server tied at the maximum.
 *
 * @param ranks - R per server.
 * @param options - `config.winnerTakesAll`, `precision`.
 * @returns I per server.
 * @see yuma-simulation `src/yuma_simulation/_internal/yumas.py` · `compute_incentive`
 * @example
 * ```ts
 * import { yumaSimulationIncentive } from '@dtao/yuma'
 * yumaSimulationIncentive([1, 3], { config: { winnerTakesAll: true } }) // Float64Array [0, 1]
 * ```
 */
export function yumaSimulationIncentive(
  ranks: ArrayLike<number>,
  options: YumaSimulationOptions = {},
): Float64Array {
  const x = context(options)
  return incentive(
    Float64Array.from(ranks, (v) => x.d.r(v)),
    x,
  )
}
