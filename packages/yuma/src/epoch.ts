import type { EpochInput, EpochOptions, EpochOutput, EpochTrace } from './epochTypes.js'
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
import {
  type Csr,
  csrColMaxUpscale,
  csrColNormalize,
  csrCopy,
  csrEma,
  csrEmaBounded,
  csrInterpolate,
  csrMaskRecentlyRegistered,
  csrScratch,
  csrToTuples,
  divF as divFImport,
} from './internal/csr.js'
import { MAX, MIN, ONE } from './internal/fx.js'
import {
  allBelowOne,
  bondDividendsChecked,
  bondDividendsInRange,
  clipChecked,
  clipInRange,
  csrColMaxUpscaleInRange,
  csrColNormalizeNonNeg,
  emaDividendsChecked,
  emaDividendsInRange,
  inplaceNormalizeNonNeg,
  normalizedStake,
  rowHadamardChecked,
  rowHadamardInRange,
} from './internal/inRange.js'
import { emaAlphaCsr, liquidAlphaCsr } from './internal/liquidAlphaCsr.js'
import { medianOfVoters, medianTyped as medianTypedImport, voterLists } from './internal/median.js'
import { validateEpochInput } from './internal/validate.js'
import {
  computeDisabledLiquidAlpha,
  emaBondsNormalAlpha,
  getFloatBondsPenalty,
  getFloatKappa,
  liquidAlphaParams,
} from './liquidAlpha.js'
import {
  inplaceColNormalizeSparse,
  maskDiagSparse,
  maskDiagSparseExceptIndex,
  maskRowsSparse,
  vecMaskSparseMatrix,
} from './math/sparse.js'
import { inplaceMaskVector, isTopkNonzero, vecMul } from './math/vector.js'
import type { SparseEntry, SparseEntryU16 } from './types.js'

// Module-local references (a live-binding read per call costs in hot loops).
const divF = divFImport
const medianTyped = medianTypedImport
const ONE_BITS = ONE

const U64_MAX = 18446744073709551615n

/**
 * u16 → I32F32 bits (`fx`) and u16 → u16-proportion bits (`prop`), filled per value on first
 * use, so that loading weights and bonds is mostly a typed-array copy.
 */
const fx = new BigInt64Array(65536)
const prop = new BigInt64Array(65536)
const fxSet = new Uint8Array(65536)
const propSet = new Uint8Array(65536)
function fillFx(w: number): void {
  fx[w] = BigInt(w) << 32n
  fxSet[w] = 1
}
function fillProp(w: number): void {
  prop[w] = (BigInt(w) << 32n) / 65535n
  propSet[w] = 1
}

/**
 * `fixed_proportion_to_u16` for many values at once, without `Number(bigint)` (a runtime call)
 * per value: each u16 is computed as a BigInt into `u16Bits` and read back as the low 32 bits
 * through an Int32Array view of the same memory. x < 0 ⇒ 0, x > 1 ⇒ 65535 (the clamp), else
 * ⌊x·65535 / 2^32⌋ with x·65535 ≤ 65535·2^32 < 2^48.
 */
let u16Bits = new BigInt64Array(1024)
let u16View = new Int32Array(u16Bits.buffer)
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1 // little-endian: low word first
/** `u16Bits` with room for `size` values (its view follows it). */
function u16Cells(size: number): BigInt64Array {
  if (u16Bits.length < size) {
    u16Bits = new BigInt64Array(2 * size)
    u16View = new Int32Array(u16Bits.buffer)
  }
  return u16Bits
}
function u16PropsInto(src: BigInt64Array, k0: number, k1: number): void {
  const b = u16Cells(k1 - k0)
  for (let k = k0; k < k1; k++) {
    const x = src[k] as bigint
    if (x < 0n) b[k - k0] = 0n
    else if (x > ONE_BITS) b[k - k0] = 65535n
    else b[k - k0] = BigInt.asIntN(64, BigInt.asIntN(64, x * 65535n) >> 32n)
  }
}
/** {@link u16PropsInto} for values known to be in [0, 2^32], where neither clamp applies. */
function u16PropsInRange(src: BigInt64Array, k0: number, k1: number): void {
  const b = u16Cells(k1 - k0)
  for (let k = k0; k < k1; k++)
    b[k - k0] = BigInt.asIntN(64, BigInt.asIntN(64, (src[k] as bigint) * 65535n) >> 32n)
}
/** `fixed_proportion_to_u16` of every value. */
function toU16Props(src: readonly bigint[] | BigInt64Array): number[] {
  const a = src instanceof BigInt64Array ? src : typedOf(src)
  u16PropsInto(a, 0, a.length)
  const out = new Array<number>(a.length)
  for (let k = 0; k < a.length; k++) out[k] = u16View[2 * k + LOW] as number
  return out
}

/** The commit-reveal mask's `commit_blocks` (u64::MAX = no active commit). */
function commitBlocks(input: EpochInput): bigint[] {
  const n = input.n
  const cb = new Array<bigint>(n).fill(U64_MAX)
  const current = input.currentEpochWithLookahead ?? 0n
  const reveal = input.revealPeriod ?? 0n
  const expired = (epoch: bigint): boolean => {
    const s = epoch + reveal
    return current > (s > U64_MAX ? U64_MAX : s)
  }
  for (const { uid, queue } of input.weightCommitsV2 ?? []) {
    for (const { commitEpoch, commitBlock } of queue) {
      if (!expired(commitEpoch)) {
        if (uid < n && commitBlock < (cb[uid] as bigint)) cb[uid] = commitBlock
        break
      }
    }
  }
  for (const { commitEpoch, queue } of input.timelockedCommitsV4 ?? []) {
    if (expired(commitEpoch)) continue
    for (const { uid, commitBlock } of queue)
      if (uid < n && commitBlock < (cb[uid] as bigint)) cb[uid] = commitBlock
  }
  return cb
}

/** `get_weights_sparse` as tuples (traces only). */
function weightsTuples(input: EpochInput): SparseEntry[][] {
  const n = input.n
  const out: SparseEntry[][] = new Array(n)
  for (let i = 0; i < n; i++) {
    const r: SparseEntry[] = []
    for (const [j, w] of input.weights[i] ?? []) if (j < n) r.push([j, BigInt(w) << 32n])
    out[i] = r
  }
  return out
}

/** A block-number array as a typed array (u64), padded with 0 to n. */
function u64sOf(a: readonly bigint[], n: number): BigUint64Array {
  const out = new BigUint64Array(n)
  for (let i = 0; i < n && i < a.length; i++) out[i] = a[i] as bigint
  return out
}

/**
 * `get_weights_sparse`, then `mask_rows_sparse` (permits), the diagonal mask (except the owner),
 * `vec_mask_sparse_matrix` (outdated: last_update[i] ≤ block_at_registration[j]) and the
 * commit-reveal mask (commit_block[i] < block_at_registration[j]), in one pass. The kept entries'
 * u16 go to `rawU16`; their values are written by {@link rowNormalizeU16}.
 */
function loadWeights(
  input: EpochInput,
  forbids: readonly boolean[],
  lastUpdate: readonly bigint[],
  cb: readonly bigint[] | undefined,
): { weights: Csr; rawU16: Int32Array } {
  const n = input.n
  const owner = input.ownerUid
  let cap = 0
  for (let i = 0; i < n; i++) cap += (input.weights[i] ?? []).length
  const weights = csrScratch(0, n, cap)
  weights.val.fill(0n) // rowNormalizeU16 leaves zero weights and all-zero rows as loaded
  const rawU16 = rawScratch(cap) // the stored u16 of each kept entry
  const bar = u64sOf(input.blockAtRegistration, n)
  const lu = u64sOf(lastUpdate, n)
  const cbs = cb === undefined ? undefined : u64sOf(cb, n)
  const col = weights.col
  let wr = 0
  for (let i = 0; i < n; i++) {
    if (!(forbids[i] ?? true)) {
      const row = input.weights[i] ?? []
      const lui = lu[i] as bigint
      for (let q = 0; q < row.length; q++) {
        const e = row[q] as SparseEntryU16
        const j = e[0]
        if (j >= n) continue
        if (j === i && i !== owner) continue
        if (lui <= (bar[j] as bigint)) continue
        if (cbs !== undefined && (cbs[i] as bigint) < (bar[j] as bigint)) continue
        const w = e[1]
        col[wr] = j
        rawU16[wr] = w
        if (fxSet[w] === 0) fillFx(w)
        wr++
      }
    }
    weights.ptr[i + 1] = wr
  }
  return { weights, rawU16 }
}

/**
 * `inplace_row_normalize_sparse` of the loaded weights. Values are I32F32(u16): with S = Σ u16
 * (an exact integer sum of u16 inputs, < 2^53 as a number), the row sum is S·2^32 unless it
 * wraps (S ≥ 2^31), and (w·2^32 · 2^32) / (S·2^32) truncates to exactly (w·2^32) / S: one
 * int64 division per entry.
 *
 * Returns whether every value is in [0, 2^32] (I32F32 in [0, 1]): true unless a row wrapped,
 * since w ≤ S gives (w·2^32) / S ≤ 2^32, and all-zero rows stay 0.
 */
function rowNormalizeU16(weights: Csr, rawU16: Int32Array, n: number): boolean {
  const val = weights.val
  const cell = new BigInt64Array(1)
  let atMostOne = true
  for (let i = 0; i < n; i++) {
    const k0 = weights.ptr[i] as number
    const k1 = weights.ptr[i + 1] as number
    if (k0 === k1) continue
    let su = 0
    for (let k = k0; k < k1; k++) su += rawU16[k] as number
    if (su === 0) continue // all zeros: the row stays as loaded (val is zero-filled)
    if (su < 2 ** 31) {
      cell[0] = BigInt(su) // read back from the cell, the divisor is a known int64
      const sb = cell[0] as bigint
      for (let k = k0; k < k1; k++) {
        const u = rawU16[k] as number
        if (u !== 0) val[k] = (fx[u] as bigint) / sb
      }
    } else {
      atMostOne = false
      for (let k = k0; k < k1; k++) val[k] = fx[rawU16[k] as number] as bigint
      let s = 0n
      for (let k = k0; k < k1; k++) s = BigInt.asIntN(64, s + (val[k] as bigint))
      if (s > 0n)
        for (let k = k0; k < k1; k++) {
          const x = val[k] as bigint
          if (x !== 0n) val[k] = divF(x, s)
        }
    }
  }
  return atMostOne
}

/**
 * `get_bonds_sparse(_fixed_proportion)`: every column kept, stored order. With `lastTempo`, the
 * `scalar_vec_mask_sparse_matrix(last_tempo <= block_at_registration[j])` of the recently
 * registered is applied while loading (the same entries {@link csrMaskRecentlyRegistered} keeps).
 */
function loadBonds(input: EpochInput, proportion: boolean, lastTempo?: bigint): Csr {
  const n = input.n
  const bar = input.blockAtRegistration
  let cap = 0
  for (let i = 0; i < n; i++) cap += (input.bonds[i] ?? []).length
  const m = csrScratch(1, n, cap)
  const drop = new Uint8Array(n)
  if (lastTempo !== undefined)
    for (let j = 0; j < n; j++) drop[j] = lastTempo <= (bar[j] ?? 0n) ? 1 : 0
  let w = 0
  for (let i = 0; i < n; i++) {
    const row = input.bonds[i] ?? []
    for (let k = 0; k < row.length; k++) {
      const e = row[k] as SparseEntryU16
      const b = e[1]
      const j = e[0]
      if (lastTempo !== undefined && (j < n ? drop[j] === 1 : lastTempo <= (bar[j] ?? 0n))) continue
      m.col[w] = j
      if (proportion) {
        if (propSet[b] === 0) fillProp(b)
        m.val[w] = prop[b] as bigint
      } else {
        if (fxSet[b] === 0) fillFx(b)
        m.val[w] = fx[b] as bigint
      }
      w++
    }
    m.ptr[i + 1] = w
  }
  return m
}

/**
 * Runs the chain's live epoch (`epoch_mechanism`) for one subnet and mechanism, bit for bit:
 * stake (alpha + τ·root TAO, threshold, owner exemption), permits (the previous epoch's mask
 * this one; new top-k permits apply next epoch), activity, weight masks (permit, diagonal except
 * the owner, outdated, commit-reveal), consensus by weighted median with κ, clipping, validator
 * trust, incentive, bonds (Yuma 2 EMA or Yuma 3 per pair with optional liquid alpha), dividends,
 * the emission split in rao and the u16 outputs. Sparse rows keep their stored order.
 *
 * n = 0 gives empty outputs.
 *
 * @param input - Storage the epoch reads (see {@link EpochInput}).
 * @param options - `trace: true` records every intermediate as raw bits; `uidRange`.
 * @returns Per-uid `EpochTerms` as arrays, and the trace when asked for.
 * @throws {@link LengthMismatchError} When a per-uid array does not have n entries.
 * @throws {@link UidOutOfRangeError} When a weight/bond/owner uid is ≥ n (unless `uidRange: 'chain'`).
 * @throws {@link InvalidValueError} When a value is outside its chain integer type.
 * @example
 * ```ts
 * import { runEpoch } from '@dtao/yuma'
 * const out = runEpoch(input)
 * out.incentive // [0, 65535]
 * out.serverEmission // [0n, 500000000n]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/run_epoch.rs · epoch_mechanism
 */
export function runEpoch(input: EpochInput, options: EpochOptions = {}): EpochOutput {
  validateEpochInput(input, options)
  return runEpochCore(options.uidRange === 'chain' ? chainShaped(input) : input, options)
}

function runEpochCore(input: EpochInput, options: EpochOptions): EpochOutput {
  const tracing = options.trace === true
  const n = input.n
  const cutoff = activityCutoff(input)
  const lastUpdate = paddedLastUpdate(input)
  const inactive = inactiveMask(input, cutoff)
  const bar = input.blockAtRegistration
  const owner = input.ownerUid

  // ===== Stake (I64F64, then I32F32)
  const total = totalStake64(input)
  const minStake = input.stakeThreshold
  // u64Of64 is never negative, so a zero threshold filters nothing
  const filtered =
    minStake === 0n
      ? total.slice()
      : total.map((s, uid) => (owner !== uid && u64Of64(s) < minStake ? 0n : s))
  const filteredTrace = tracing ? filtered.slice() : []
  const stake = normalizedStake(filtered)

  // ===== Validator permits
  const validatorPermits = input.validatorPermit.slice()
  if (owner !== null && owner < validatorPermits.length) validatorPermits[owner] = true
  const forbids = validatorPermits.map((b) => !b)
  const newPermits = isTopkNonzero(stake, input.maxAllowedValidators)
  if (owner !== null && owner < newPermits.length) newPermits[owner] = true

  // ===== Active stake
  const activeStake = stake.slice()
  inplaceMaskVector(inactive, activeStake)
  inplaceMaskVector(forbids, activeStake)
  inplaceNormalizeNonNeg(activeStake)

  // ===== Weights: load, mask rows (permit), diagonal (except owner), outdated, commit-reveal
  const cb = input.commitRevealEnabled === true ? commitBlocks(input) : undefined
  const { weights, rawU16 } = loadWeights(input, forbids, lastUpdate, cb)
  const t: Partial<EpochTrace> = {}
  if (tracing) {
    t.weights = weightsTuples(input)
    t.weightsPermit = maskRowsSparse(forbids, t.weights)
    t.weightsPermitDiag =
      owner !== null
        ? maskDiagSparseExceptIndex(t.weightsPermit, owner)
        : maskDiagSparse(t.weightsPermit)
    t.weightsPermitDiagOutdate = vecMaskSparseMatrix(
      t.weightsPermitDiag,
      lastUpdate,
      bar,
      'first[i] <= second[j]',
    )
  }
  const weightsAtMostOne = rowNormalizeU16(weights, rawU16, n)

  // ===== Consensus (weighted_median_col_sparse)
  const kappa = getFloatKappa(input.kappa)
  const useStake = activeStake.filter((x) => x > 0n)
  inplaceNormalizeNonNeg(useStake)
  const m = useStake.length
  const stakeTyped = typedOf(useStake)
  let exactTotal = 0n
  let nonNegative = true
  for (const x of useStake) {
    exactTotal += x
    if (x < 0n) nonNegative = false
  }
  const stakeSum = BigInt.asIntN(64, exactTotal) // the wrapping sum()
  const minority = satSubI(stakeSum, kappa)
  const noOverflow = nonNegative && exactTotal <= MAX
  // Columns nobody votes on are all zeros: the quickselect returns its pivot 0 at once, so
  // only voted columns are searched. Without saturation, also each column's voters are listed
  // (with their stake), so that the search skips the zeros of those who did not vote.
  const scores = scoresScratch(n * m) // column c at [c·m, c·m + m), zero-filled
  const voted = new Uint8Array(n)
  const lists = voterLists(noOverflow ? n : 0, m)
  const { uid: lUid, len: lLen, stake: lStake, last: lLast } = lists
  const wCol = weights.col
  const wVal = weights.val
  let kk = 0
  for (let i = 0; i < n; i++) {
    if ((activeStake[i] as bigint) > 0n) {
      for (let q = weights.ptr[i] as number, q1 = weights.ptr[i + 1] as number; q < q1; q++) {
        const c = wCol[q] as number
        if (c >= n || kk >= m) continue
        voted[c] = 1
        scores[c * m + kk] = wVal[q] as bigint
        if (noOverflow && lLast[c] !== kk) {
          lLast[c] = kk
          const l = lLen[c] as number
          lUid[c * m + l] = kk
          lLen[c] = l + 1
          lStake[c] = BigInt.asIntN(64, (lStake[c] as bigint) + (stakeTyped[kk] as bigint))
        }
      }
      kk++
    }
  }
  const consensus = new Array<bigint>(n)
  const scratch = new Int32Array(3 * m + 3)
  if (noOverflow)
    for (let c = 0; c < n; c++)
      consensus[c] =
        voted[c] === 0
          ? 0n
          : medianOfVoters(stakeTyped, scores, c, m, minority, stakeSum, lists, scratch)
  else
    for (let c = 0; c < n; c++)
      consensus[c] =
        voted[c] === 0 ? 0n : medianTyped(stakeTyped, scores, c * m, m, minority, stakeSum, scratch)

  // ===== Clip, validator trust, ranks (fused; same order of operations)
  const consensusA = typedOf(consensus)
  const activeA = typedOf(activeStake)
  const stakeBelowOne = allBelowOne(activeA)
  const { clipped, vtA, ranks } =
    weightsAtMostOne && stakeBelowOne
      ? clipInRange(weights, consensusA, activeA, n)
      : clipChecked(weights, consensusA, activeA, n)
  const validatorTrust = arrayOf(vtA)
  const incentive = arrayOf(ranks)
  inplaceNormalizeNonNeg(incentive)

  // ===== Bonds penalty
  const beta = getFloatBondsPenalty(input.bondsPenalty)
  const wfb =
    beta === 0n ? weights : beta === ONE ? clipped : csrInterpolate(weights, clipped, n, beta)
  // the weights for bonds are in [0, 1] when the weights are, loaded or clipped (interpolated
  // rows are not tracked and take the checked kernels)
  const wfbAtMostOne = weightsAtMostOne && (beta === 0n || beta === ONE)
  const lt = lastTempo(input)
  let dividends: bigint[]
  let ema: Csr
  // Every new bond is in [0, 2^32] (I32F32 in [0, 1]); for Yuma 3 also no column repeats in a row
  let emaAtMostOne = false
  if (input.yuma3Enabled) {
    const loaded = tracing ? loadBonds(input, true) : undefined
    const bonds =
      loaded !== undefined ? csrMaskRecentlyRegistered(loaded, lt, bar) : loadBonds(input, true, lt)
    if (input.liquidAlphaEnabled && n > 0 && consensus.some((c) => c !== 0n)) {
      const p = liquidAlphaParams(input.alphaLow, input.alphaHigh, input.alphaSigmoidSteepness)
      const alphas = liquidAlphaCsr(wfb, bonds, consensus, p.low, p.high, p.slope, tracing)
      if (tracing) t.alphas = alphas.map((r) => (r === undefined ? [] : Array.from(r)))
      ema = emaAlphaCsr(wfb, bonds, alphas, n)
    } else {
      const alpha = computeDisabledLiquidAlpha(input.bondsMovingAverage)
      // Bonds are u16 proportions, in [0, 2^32]
      if (wfbAtMostOne && alpha > 0n && alpha < ONE_BITS) {
        const r = csrEmaBounded(wfb, bonds, alpha)
        ema = r.ema
        emaAtMostOne = r.atMostOne
      } else ema = csrEma(wfb, bonds, alpha)
    }
    const incA = typedOf(incentive)
    const acc =
      emaAtMostOne && allBelowOne(incA)
        ? bondDividendsInRange(ema, incA, n)
        : bondDividendsChecked(ema, incA, n)
    const tbpv = arrayOf(acc)
    dividends = vecMul(tbpv, activeStake)
    inplaceNormalizeNonNeg(dividends)
    if (tracing) {
      t.bonds = loaded !== undefined ? csrToTuples(loaded) : []
      t.bondsMasked = csrToTuples(bonds)
      t.weightsForBonds = csrToTuples(wfb)
      t.emaBonds = csrToTuples(ema)
      const norm = csrToTuples(ema)
      inplaceColNormalizeSparse(norm, n)
      t.emaBondsNorm = norm
      t.totalBondsPerValidator = tbpv
    }
  } else {
    const loaded = tracing ? loadBonds(input, false) : undefined
    const bonds =
      loaded !== undefined
        ? csrMaskRecentlyRegistered(loaded, lt, bar)
        : loadBonds(input, false, lt)
    if (loaded !== undefined) {
      t.bonds = csrToTuples(loaded)
      t.bondsMasked = csrToTuples(bonds)
    }
    const alpha = emaBondsNormalAlpha(input.bondsMovingAverage)
    // Every operand below is provably in range when the weights for bonds are in [0, 1]
    // (loaded or clipped, not interpolated), stakes in [0, 1) and 0 < α < 1: bonds and ΔB are
    // non-negative, normalised columns are in [0, 1], and so on (see internal/inRange.ts).
    const inRange = stakeBelowOne && wfbAtMostOne && alpha > 0n && alpha < ONE_BITS
    if (inRange) csrColNormalizeNonNeg(bonds, n)
    else csrColNormalize(bonds, n)
    // ΔB = W̃ ◦ A (row_hadamard_sparse keeps explicit zeros)
    const delta = csrCopy(wfb)
    if (inRange) rowHadamardInRange(delta, activeA, n)
    else rowHadamardChecked(delta, activeA, n)
    if (tracing) {
      t.bondsMaskNorm = csrToTuples(bonds)
      t.bondsDelta = csrToTuples(delta)
    }
    if (inRange) {
      csrColNormalizeNonNeg(delta, n)
      ema = csrEmaBounded(delta, bonds, alpha).ema
    } else {
      csrColNormalize(delta, n)
      ema = csrEma(delta, bonds, alpha)
    }
    if (tracing) {
      t.bondsDeltaNorm = csrToTuples(delta)
      t.emaBondsNormal = csrToTuples(ema)
    }
    if (inRange) csrColNormalizeNonNeg(ema, n)
    else csrColNormalize(ema, n)
    if (tracing) t.emaBonds = csrToTuples(ema)
    const incA = typedOf(incentive)
    const acc =
      inRange && allBelowOne(incA)
        ? emaDividendsInRange(ema, incA, n)
        : emaDividendsChecked(ema, incA, n)
    dividends = arrayOf(acc)
    inplaceNormalizeNonNeg(dividends)
    if (inRange) {
      csrColMaxUpscaleInRange(ema, n)
      emaAtMostOne = true // normalised, then divided by the column maximum: all in [0, 1]
    } else csrColMaxUpscale(ema, n)
  }

  // ===== Emission
  const e = emissionParts(incentive, dividends, activeStake, stake, input.raoEmission)

  const bond: [number, number][][] = new Array(n)
  const emaRows = csrRowsOf(ema)
  for (let uid = 0; uid < n; uid++) {
    if (newPermits[uid] === true && uid < emaRows) {
      const q0 = ema.ptr[uid] as number
      const q1 = ema.ptr[uid + 1] as number
      if (emaAtMostOne) u16PropsInRange(ema.val, q0, q1)
      else u16PropsInto(ema.val, q0, q1)
      const row = new Array<[number, number]>(q1 - q0)
      for (let q = 0; q < row.length; q++)
        row[q] = [ema.col[q0 + q] as number, u16View[2 * q + LOW] as number]
      bond[uid] = row
    } else bond[uid] = []
  }
  const at = <T>(a: readonly T[], d: T): T[] => {
    const out = new Array<T>(n)
    for (let i = 0; i < n; i++) out[i] = a[i] ?? d
    return out
  }
  const out: EpochOutput = {
    stake: total.map(u64Of64),
    stakeWeight: toU16Props(stake),
    consensus: toU16Props(consensusA),
    incentive: toU16Props(incentive),
    dividend: at(toU16Props(dividends), 0),
    validatorTrust: toU16Props(vtA),
    active: at(
      inactive.map((b) => !b),
      false,
    ),
    newValidatorPermit: at(newPermits, false),
    serverEmission: at(e.server, 0n),
    validatorEmission: at(e.validator, 0n),
    emission: at(e.combined, 0n),
    bond,
  }
  if (tracing) {
    out.trace = {
      filteredStake: filteredTrace,
      normalisedStake: stake,
      inactive,
      validatorPermits,
      newValidatorPermits: newPermits,
      activeStake,
      weights: t.weights ?? [],
      weightsPermit: t.weightsPermit ?? [],
      weightsPermitDiag: t.weightsPermitDiag ?? [],
      weightsPermitDiagOutdate: t.weightsPermitDiagOutdate ?? [],
      weightsMaskNorm: csrToTuples(weights),
      consensus,
      clippedWeights: csrToTuples(clipped),
      validatorTrust,
      incentive,
      bonds: t.bonds ?? [],
      bondsMasked: t.bondsMasked ?? [],
      emaBonds: t.emaBonds ?? [],
      dividends,
      normalizedServerEmission: e.nSE,
      normalizedValidatorEmission: e.nVE,
      normalizedCombinedEmission: e.nCE,
      serverEmission: e.server,
      validatorEmission: e.validator,
      combinedEmission: e.combined,
      ...optionalTrace(t),
    }
  }
  return out
}

/**
 * The consensus score matrix (n·m cells, 128 KiB at n = 256, m = 64) is reused between calls up
 * to 2^20 cells (runEpoch is synchronous, so no two calls share it at once): a fresh ArrayBuffer
 * of that size per epoch costs an off-heap allocation and more frequent garbage collection.
 */
let scoresBuf = new BigInt64Array(0)
function scoresScratch(size: number): BigInt64Array {
  if (size > 1 << 20) return new BigInt64Array(size) // > 8 MiB: not kept alive between calls
  if (scoresBuf.length < size) scoresBuf = new BigInt64Array(size)
  else scoresBuf.fill(0n, 0, size)
  return scoresBuf
}

let rawBuf = new Int32Array(0)
/** The loaded weights' u16 (reused between calls up to 2^20 entries, like the score matrix). */
function rawScratch(size: number): Int32Array {
  if (size > 1 << 20) return new Int32Array(size)
  if (rawBuf.length < size) rawBuf = new Int32Array(size)
  return rawBuf.subarray(0, size)
}

/** A plain array's values as a BigInt64Array (`BigInt64Array.from` goes through the iterator). */
function typedOf(a: readonly bigint[]): BigInt64Array {
  const out = new BigInt64Array(a.length)
  for (let i = 0; i < a.length; i++) out[i] = a[i] as bigint
  return out
}

/** A typed array's values as a plain array (`Array.from` goes through the iterator protocol). */
function arrayOf(a: BigInt64Array): bigint[] {
  const out = new Array<bigint>(a.length)
  for (let i = 0; i < a.length; i++) out[i] = a[i] as bigint
  return out
}

function csrRowsOf(m: Csr): number {
  return m.ptr.length - 1
}

function satSubI(a: bigint, b: bigint): bigint {
  const s = a - b
  return s > MAX ? MAX : s < MIN ? MIN : s
}

function optionalTrace(t: Partial<EpochTrace>): Partial<EpochTrace> {
  const o: Partial<EpochTrace> = {}
  if (t.weightsForBonds) o.weightsForBonds = t.weightsForBonds
  if (t.bondsMaskNorm) o.bondsMaskNorm = t.bondsMaskNorm
  if (t.bondsDelta) o.bondsDelta = t.bondsDelta
  if (t.bondsDeltaNorm) o.bondsDeltaNorm = t.bondsDeltaNorm
  if (t.emaBondsNormal) o.emaBondsNormal = t.emaBondsNormal
  if (t.emaBondsNorm) o.emaBondsNorm = t.emaBondsNorm
  if (t.alphas) o.alphas = t.alphas
  if (t.totalBondsPerValidator) o.totalBondsPerValidator = t.totalBondsPerValidator
  return o
}
