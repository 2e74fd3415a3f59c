import type { DenseEpochOutput, EpochInput, EpochOptions } from './epochTypes.js'
import {
  activityCutoff,
  chainShaped,
  emissionParts,
  inactiveMask,
  lastTempo,
  paddedLastUpdate,
  totalStake64,
  u64Of64,
} from './internal/common.js'
import { fx64to32, proportionToU16 } from './internal/fx.js'
import { validateEpochInput } from './internal/validate.js'
import {
  computeDisabledLiquidAlpha,
  computeLiquidAlphaValues,
  emaBondsNormalAlpha,
  getFloatBondsPenalty,
  getFloatKappa,
} from './liquidAlpha.js'
import {
  inplaceColClip,
  inplaceColMaxUpscale,
  inplaceColNormalize,
  inplaceMaskCols,
  inplaceMaskDiag,
  inplaceMaskDiagExceptIndex,
  inplaceMaskMatrix,
  inplaceMaskRows,
  inplaceRowNormalize,
  interpolate,
  matEma,
  matEmaAlpha,
  matmul,
  matmulTranspose,
  matVecMul,
  rowHadamard,
  rowSum,
} from './math/dense.js'
import {
  inplaceMaskVector,
  inplaceNormalize,
  inplaceNormalize64,
  isTopkNonzero,
  vecMul,
} from './math/vector.js'
import { weightedMedianCol } from './math/weightedMedian.js'

function denseOf(rows: EpochInput['weights'], n: number, value: (u: number) => bigint): bigint[][] {
  const m: bigint[][] = []
  for (let i = 0; i < n; i++) {
    const r = new Array<bigint>(n).fill(0n)
    for (const [j, w] of rows[i] ?? []) if (j < n) r[j] = value(w)
    m.push(r)
  }
  return m
}

/**
 * Runs the chain's dense, test-only epoch (`epoch_dense_mechanism`). It differs from
 * {@link runEpoch} where the chain's does: no owner exemptions (the owner's self-weight is
 * masked too), no commit-reveal mask, dense liquid-alpha EMA (absent weights decay bonds), and
 * full-length bond rows written only for uids with a new or an old permit.
 *
 * @param input - Storage the epoch reads (see {@link EpochInput}).
 * @param options - `uidRange` as for {@link runEpoch}.
 * @returns Emissions and the storage it writes.
 * @throws {@link LengthMismatchError} When a per-uid array does not have n entries.
 * @throws {@link UidOutOfRangeError} When a weight/bond/owner uid is ≥ n (unless `uidRange: 'chain'`).
 * @throws {@link InvalidValueError} When a value is outside its chain integer type.
 * @example
 * ```ts
 * import { runEpochDense } from '@dtao/yuma'
 * const { stored } = runEpochDense(input)
 * stored.incentive // u16 per uid
 * ```
 * @see subtensor pallets/subtensor/src/epoch/run_epoch.rs · epoch_dense_mechanism
 */
export function runEpochDense(input: EpochInput, options: EpochOptions = {}): DenseEpochOutput {
  validateEpochInput(input, options)
  return runEpochDenseCore(options.uidRange === 'chain' ? chainShaped(input) : input)
}

function runEpochDenseCore(input: EpochInput): DenseEpochOutput {
  const n = input.n
  const cutoff = activityCutoff(input)
  const lastUpdate = paddedLastUpdate(input)
  const inactive = inactiveMask(input, cutoff)
  const active = inactive.map((b) => !b)
  const bar = input.blockAtRegistration
  const outdated = lastUpdate.map((u) => bar.map((r) => u <= r))
  const lt = lastTempo(input)
  const recentlyRegistered = bar.map((r) => lt <= r)

  const total = totalStake64(input)
  const filtered = total.map((s) => (u64Of64(s) < input.stakeThreshold ? 0n : s))
  inplaceNormalize64(filtered)
  const stake = filtered.map(fx64to32)

  const validatorPermits = input.validatorPermit
  const forbids = validatorPermits.map((b) => !b)
  const newPermits = isTopkNonzero(stake, input.maxAllowedValidators)

  const activeStake = stake.slice()
  inplaceMaskVector(inactive, activeStake)
  inplaceMaskVector(forbids, activeStake)
  inplaceNormalize(activeStake)

  const weights = denseOf(input.weights, n, (w) => BigInt(w) << 32n)
  inplaceMaskRows(forbids, weights)
  if (input.ownerUid !== null) inplaceMaskDiagExceptIndex(weights, input.ownerUid)
  else inplaceMaskDiag(weights)
  inplaceMaskDiag(weights)
  inplaceMaskMatrix(outdated, weights)
  inplaceRowNormalize(weights)

  const consensus = weightedMedianCol(activeStake, weights, getFloatKappa(input.kappa))
  const clipped = weights.map((r) => r.slice())
  inplaceColClip(clipped, consensus)
  const validatorTrust = rowSum(clipped)
  const incentive = matmul(clipped, activeStake)
  inplaceNormalize(incentive)

  const wfb = interpolate(weights, clipped, getFloatBondsPenalty(input.bondsPenalty))
  let dividends: bigint[]
  let emaBonds: bigint[][]
  if (input.yuma3Enabled) {
    const bonds = denseOf(input.bonds, n, (b) => (BigInt(b) << 32n) / 65535n)
    inplaceMaskCols(recentlyRegistered, bonds)
    if (input.liquidAlphaEnabled && consensus.length > 0 && consensus.some((c) => c !== 0n)) {
      const alphas = computeLiquidAlphaValues(wfb, bonds, consensus, input)
      emaBonds = matEmaAlpha(wfb, bonds, alphas)
    } else {
      emaBonds = matEma(wfb, bonds, computeDisabledLiquidAlpha(input.bondsMovingAverage))
    }
    const emaNorm = emaBonds.map((r) => r.slice())
    inplaceColNormalize(emaNorm)
    const tbpv = rowSum(matVecMul(emaNorm, incentive))
    dividends = vecMul(tbpv, activeStake)
    inplaceNormalize(dividends)
  } else {
    const bonds = denseOf(input.bonds, n, (b) => BigInt(b) << 32n)
    inplaceMaskCols(recentlyRegistered, bonds)
    inplaceColNormalize(bonds)
    const delta = rowHadamard(wfb, activeStake)
    inplaceColNormalize(delta)
    emaBonds = matEma(delta, bonds, emaBondsNormalAlpha(input.bondsMovingAverage))
    inplaceColNormalize(emaBonds)
    dividends = matmulTranspose(emaBonds, incentive)
    inplaceNormalize(dividends)
    inplaceColMaxUpscale(emaBonds)
  }

  const e = emissionParts(incentive, dividends, activeStake, stake, input.raoEmission)

  const bonds: { uid: number; row: [number, number][] }[] = []
  const rows = Math.min(newPermits.length, validatorPermits.length, emaBonds.length)
  for (let i = 0; i < rows; i++) {
    if (newPermits[i] === true) {
      const u = (emaBonds[i] as bigint[]).map(proportionToU16)
      const row: [number, number][] = []
      for (let j = 0; j < n && j < u.length; j++) row.push([j, u[j] as number])
      bonds.push({ uid: i, row })
    } else if (validatorPermits[i] === true) bonds.push({ uid: i, row: [] })
  }
  const at = <T>(a: readonly T[], d: T): T[] => {
    const out = new Array<T>(n)
    for (let i = 0; i < n; i++) out[i] = a[i] ?? d
    return out
  }
  return {
    serverEmission: at(e.server, 0n),
    validatorEmission: at(e.validator, 0n),
    stored: {
      stakeWeight: stake.map(proportionToU16),
      active,
      emission: e.combined,
      consensus: consensus.map(proportionToU16),
      incentive: incentive.map(proportionToU16),
      dividends: dividends.map(proportionToU16),
      validatorTrust: validatorTrust.map(proportionToU16),
      validatorPermit: newPermits,
      bonds,
    },
  }
}
