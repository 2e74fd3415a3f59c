import { I32F32, I64F64 } from '@dtao/fixed'
import {
  ONE,
  safeDiv as safeDivImport,
  satAdd as satAddImport,
  satDiv as satDivImport,
  satMul as satMulImport,
  satSub as satSubImport,
  U16_MAX_FX,
} from './internal/fx.js'
import { clampValue as clampValueImport, expSafe as expSafeImport } from './math/scalar.js'
import type { DenseMatrix, SparseMatrix } from './types.js'

// Module-local references: cheaper than a live-binding read per call in hot loops.
const clampValue = clampValueImport
const expSafe = expSafeImport
const safeDiv = safeDivImport
const satAdd = satAddImport
const satDiv = satDivImport
const satMul = satMulImport
const satSub = satSubImport

const half = 1n << 31n
const minusHundred = -100n << 32n

/**
 * `alpha_sigmoid`: the per-pair liquid alpha of Yuma 3.
 *
 * d = clamp(w ⊖ C, 0, 1) if w ≥ b else clamp(b ⊖ w, 0, 1);
 * σ = 1 ⊘ (1 ⊕ exp_safe((s ⊘ −100) ⊗ (d ⊖ ½))); α = clamp(α_low ⊕ σ ⊗ (α_high ⊖ α_low), α_low, α_high).
 *
 * @param consensus - Cⱼ (I32F32 bits).
 * @param weight - w (I32F32 bits).
 * @param bond - b (I32F32 bits).
 * @param options - `alphaLow`, `alphaHigh`, `alphaSigmoidSteepness` (all I32F32 bits).
 * @returns α (I32F32 bits).
 * @example
 * ```ts
 * import { alphaSigmoid } from '@dtao/yuma'
 * alphaSigmoid(1n << 32n, 1n << 32n, 0n, {
 *   alphaLow: 429490176n, alphaHigh: 1288470528n, alphaSigmoidSteepness: 1000n << 32n,
 * }) // ≈ 0.1013 (d = 0)
 * ```
 * @see subtensor pallets/subtensor/src/epoch/run_epoch.rs · alpha_sigmoid
 */
export function alphaSigmoid(
  consensus: bigint,
  weight: bigint,
  bond: bigint,
  options: {
    /** α_low (I32F32 bits). */
    readonly alphaLow: bigint
    /** α_high (I32F32 bits). */
    readonly alphaHigh: bigint
    /** Steepness s (I32F32 bits of the i16). */
    readonly alphaSigmoidSteepness: bigint
  },
): bigint {
  const { alphaLow, alphaHigh, alphaSigmoidSteepness } = options
  const d =
    weight >= bond
      ? clampValue(satSub(weight, consensus), 0n, ONE)
      : clampValue(satSub(bond, weight), 0n, ONE)
  return alphaFromDiff(d, alphaLow, alphaHigh, satDiv(alphaSigmoidSteepness, minusHundred))
}

/** α as a function of the combined difference; `slope` = s ⊘ −100. @internal */
export function alphaFromDiff(d: bigint, low: bigint, high: bigint, slope: bigint): bigint {
  const sigmoid = satDiv(ONE, satAdd(ONE, expSafe(satMul(slope, satSub(d, half)))))
  const alpha = satAdd(low, satMul(sigmoid, satSub(high, low)))
  return clampValue(alpha, low, high)
}

/** The I32F32 constants of liquid alpha from storage values. @internal */
export function liquidAlphaParams(
  alphaLowU16: number,
  alphaHighU16: number,
  steepnessI16: number,
): { low: bigint; high: bigint; slope: bigint; steepness: bigint } {
  const steepness = BigInt(steepnessI16) << 32n
  return {
    low: safeDiv(BigInt(alphaLowU16) << 32n, U16_MAX_FX),
    high: safeDiv(BigInt(alphaHighU16) << 32n, U16_MAX_FX),
    slope: satDiv(steepness, minusHundred),
    steepness,
  }
}

/**
 * Storage values of the liquid-alpha hyperparameters.
 *
 * @example
 * ```ts
 * import type { LiquidAlphaSettings } from '@dtao/yuma'
 * const s: LiquidAlphaSettings = { alphaLow: 45875, alphaHigh: 58982, alphaSigmoidSteepness: 1000 }
 * ```
 */
export type LiquidAlphaSettings = {
  /** `AlphaValues.0` (u16). */
  readonly alphaLow: number
  /** `AlphaValues.1` (u16). */
  readonly alphaHigh: number
  /** `AlphaSigmoidSteepness` (i16). */
  readonly alphaSigmoidSteepness: number
}

/**
 * `compute_liquid_alpha_values` (dense): α for every (i, j) over the zipped rows, bonds and
 * consensus; `[]` when weights and bonds have different row counts.
 *
 * @example
 * ```ts
 * import { computeLiquidAlphaValues } from '@dtao/yuma'
 * computeLiquidAlphaValues([[1n << 32n]], [[0n]], [1n << 32n], { alphaLow: 45875, alphaHigh: 58982, alphaSigmoidSteepness: 1000 })
 * // [[α]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/run_epoch.rs · compute_liquid_alpha_values
 */
export function computeLiquidAlphaValues(
  weights: DenseMatrix,
  bonds: DenseMatrix,
  consensus: readonly bigint[],
  settings: LiquidAlphaSettings,
): bigint[][] {
  if (weights.length !== bonds.length) return []
  const p = liquidAlphaParams(settings.alphaLow, settings.alphaHigh, settings.alphaSigmoidSteepness)
  const o = { alphaLow: p.low, alphaHigh: p.high, alphaSigmoidSteepness: p.steepness }
  return weights.map((w, i) => {
    const b = bonds[i] as readonly bigint[]
    const m = Math.min(w.length, b.length, consensus.length)
    const row: bigint[] = []
    for (let j = 0; j < m; j++)
      row.push(alphaSigmoid(consensus[j] as bigint, w[j] as bigint, b[j] as bigint, o))
    return row
  })
}

/**
 * `compute_liquid_alpha_values_sparse`: a dense α matrix (rows × consensus length), looking up
 * w and b with a monotone merge scan that assumes rows sorted by column (an entry after a larger
 * column is never read).
 *
 * @example
 * ```ts
 * import { computeLiquidAlphaValuesSparse } from '@dtao/yuma'
 * computeLiquidAlphaValuesSparse([[[0, 1n << 32n]]], [[]], [1n << 32n], { alphaLow: 45875, alphaHigh: 58982, alphaSigmoidSteepness: 1000 })
 * // [[α]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/run_epoch.rs · compute_liquid_alpha_values_sparse
 */
export function computeLiquidAlphaValuesSparse(
  weights: SparseMatrix,
  bonds: SparseMatrix,
  consensus: readonly bigint[],
  settings: LiquidAlphaSettings,
): bigint[][] {
  if (weights.length !== bonds.length) return []
  const p = liquidAlphaParams(settings.alphaLow, settings.alphaHigh, settings.alphaSigmoidSteepness)
  return liquidAlphaSparse(weights, bonds, consensus, p.low, p.high, p.slope)
}

/** The merge-scan α matrix with the sigmoid memoised by its argument. @internal */
export function liquidAlphaSparse(
  weights: SparseMatrix,
  bonds: SparseMatrix,
  consensus: readonly bigint[],
  low: bigint,
  high: bigint,
  slope: bigint,
): bigint[][] {
  const memo = new Map<bigint, bigint>()
  const cols = consensus.length
  const out: bigint[][] = []
  const rows = Math.min(weights.length, bonds.length)
  for (let i = 0; i < rows; i++) {
    const wr = weights[i] as SparseMatrix[number]
    const br = bonds[i] as SparseMatrix[number]
    let wi = 0
    let bi = 0
    const row = new Array<bigint>(cols)
    for (let j = 0; j < cols; j++) {
      let w = 0n
      while (wi < wr.length) {
        const e = wr[wi] as SparseMatrix[number][number]
        if (e[0] < j) wi++
        else {
          if (e[0] === j) w = e[1]
          break
        }
      }
      let b = 0n
      while (bi < br.length) {
        const e = br[bi] as SparseMatrix[number][number]
        if (e[0] < j) bi++
        else {
          if (e[0] === j) b = e[1]
          break
        }
      }
      const d =
        w >= b
          ? clampValue(satSub(w, consensus[j] as bigint), 0n, ONE)
          : clampValue(satSub(b, w), 0n, ONE)
      let a = memo.get(d)
      if (a === undefined) {
        a = alphaFromDiff(d, low, high, slope)
        memo.set(d, a)
      }
      row[j] = a
    }
    out.push(row)
  }
  return out
}

/**
 * `get_float_kappa`: κ = Kappa ⊘ 65535.
 *
 * @example
 * ```ts
 * import { getFloatKappa } from '@dtao/yuma'
 * getFloatKappa(32767) // 2147450879n
 * ```
 * @see subtensor pallets/subtensor/src/epoch/run_epoch.rs · get_float_kappa
 */
export function getFloatKappa(kappa: number): bigint {
  return safeDiv(BigInt(kappa) << 32n, U16_MAX_FX)
}

/**
 * `get_float_bonds_penalty`: β = BondsPenalty ⊘ 65535.
 *
 * @example
 * ```ts
 * import { getFloatBondsPenalty } from '@dtao/yuma'
 * getFloatBondsPenalty(65535) // 4294967296n
 * ```
 * @see subtensor pallets/subtensor/src/epoch/run_epoch.rs · get_float_bonds_penalty
 */
export function getFloatBondsPenalty(bondsPenalty: number): bigint {
  return safeDiv(BigInt(bondsPenalty) << 32n, U16_MAX_FX)
}

/**
 * `compute_disabled_liquid_alpha`: α = 1 ⊖ I32F32::from_num(I64F64::from_num(BMA) ⊘sat 10⁶)
 * with the plain (wrapping) conversions the chain uses here.
 *
 * @example
 * ```ts
 * import { computeDisabledLiquidAlpha } from '@dtao/yuma'
 * computeDisabledLiquidAlpha(900_000n) // 429496730n
 * ```
 * @see subtensor pallets/subtensor/src/epoch/run_epoch.rs · compute_disabled_liquid_alpha
 */
export function computeDisabledLiquidAlpha(bondsMovingAverage: bigint): bigint {
  const bma = I64F64.saturatingDiv(I64F64.fromNum(bondsMovingAverage), I64F64.fromNum(1_000_000n))
  return I32F32.saturatingSub(ONE, I32F32.fromFixed(I64F64, bma))
}

/**
 * α of `compute_ema_bonds_normal_sparse`: 1 ⊖ I32F32::saturating_from_num(I64F64(BMA) ⊘safe 10⁶).
 *
 * @example
 * ```ts
 * import { emaBondsNormalAlpha } from '@dtao/yuma'
 * emaBondsNormalAlpha(900_000n) // 429496730n
 * ```
 * @see subtensor pallets/subtensor/src/epoch/run_epoch.rs · compute_ema_bonds_normal_sparse
 */
export function emaBondsNormalAlpha(bondsMovingAverage: bigint): bigint {
  const bma = I64F64.safeDiv(
    I64F64.saturatingFromNum(bondsMovingAverage),
    I64F64.saturatingFromNum(1_000_000n),
  )
  return I32F32.saturatingSub(ONE, I32F32.saturatingFromFixed(I64F64, bma))
}
