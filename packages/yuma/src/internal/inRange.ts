/**
 * The epoch's fused kernels, each in two forms: a checked one that follows the chain's
 * saturating arithmetic per entry, and an in-range one without per-entry range checks, for
 * operands the caller has shown (once per vector or matrix) to lie where no saturation, clamp or
 * overflow can occur. Each BigInt comparison is a runtime call in V8, and they were most of these
 * kernels' time. Both forms give the same bits (the property tests compare them on random inputs,
 * edge values included).
 *
 * @internal
 */

import { inplaceNormalize, inplaceNormalize64 } from '../math/vector.js'
import {
  type Csr,
  csrColSums,
  csrScratch,
  divF,
  storeDivF,
  storeMulAddF,
  storeMulF,
} from './csr.js'
import { fx64to32, MAX, MAX64, ONE } from './fx.js'

/** Clipped weights, validator trust and ranks. @internal */
export type Clipped = { clipped: Csr; vtA: BigInt64Array; ranks: BigInt64Array }

/**
 * `col_clip_sparse` (W̄ᵢⱼ = min(Wᵢⱼ, Cⱼ), dropping entries clipped to zero), `row_sum_sparse` (validator
 * trust, wrapping) and `matmul_sparse` (ranks Rⱼ = Σᵢ Aᵢ·W̄ᵢⱼ, saturating) in one pass, in the
 * chain's order of operations.
 */
export function clipChecked(
  weights: Csr,
  consensusA: BigInt64Array,
  activeA: BigInt64Array,
  n: number,
): Clipped {
  const clipped = csrScratch(2, n, weights.ptr[n] as number)
  const vtA = new BigInt64Array(n)
  const ranks = new BigInt64Array(n)
  let cw = 0
  for (let i = 0; i < n; i++) {
    const a = activeA[i] as bigint
    for (let q = weights.ptr[i] as number; q < (weights.ptr[i + 1] as number); q++) {
      const j = weights.col[q] as number
      const x = weights.val[q] as bigint
      const th = consensusA[j] as bigint
      clipped.col[cw] = j
      if (th < x) {
        if (!(th > 0n)) continue
        clipped.val[cw] = th
      } else clipped.val[cw] = x
      const y = clipped.val[cw] as bigint
      cw++
      vtA[i] = BigInt.asIntN(64, (vtA[i] as bigint) + y)
      if (a !== 0n) storeMulAddF(ranks, j, a, y)
    }
    clipped.ptr[i + 1] = cw
  }
  return { clipped, vtA, ranks }
}

/** Every value in [0, 2^32) (I32F32 in [0, 1)). */
export function allBelowOne(a: BigInt64Array): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as bigint
    if (x < 0n || x >= ONE) return false
  }
  return true
}

/**
 * {@link clipChecked} without per-entry range checks (each BigInt comparison is a runtime call
 * in V8), for weights in [0, 2^32] and active stake in [0, 2^32), checked once by the caller.
 * Consensus values are weights or 0, so also in [0, 2^32], and min(W, C) is too. Then Aᵢ·W̄ᵢⱼ <
 * 2^64, its fast-path product is exact and < 2^32 (saturating_mul never clamps), and a rank is a
 * sum of fewer than 2^31 such terms (saturating_add never clamps): the same bits. A zero stake
 * adds a zero product, which changes nothing. An entry is dropped exactly when Cⱼ = 0 < Wᵢⱼ.
 */
export function clipInRange(
  weights: Csr,
  consensusA: BigInt64Array,
  activeA: BigInt64Array,
  n: number,
): Clipped {
  const clipped = csrScratch(2, n, weights.ptr[n] as number)
  const vtA = new BigInt64Array(n)
  const ranks = new BigInt64Array(n)
  const zeroC = new Uint8Array(n)
  for (let j = 0; j < n; j++) zeroC[j] = consensusA[j] === 0n ? 1 : 0
  const wc = weights.col
  const wv = weights.val
  const cc = clipped.col
  const cv = clipped.val
  let cw = 0
  for (let i = 0; i < n; i++) {
    const a = activeA[i] as bigint
    for (let q = weights.ptr[i] as number, q1 = weights.ptr[i + 1] as number; q < q1; q++) {
      const j = wc[q] as number
      const x = wv[q] as bigint
      if (zeroC[j] === 1) {
        if (x > 0n) continue
        cc[cw] = j
        cv[cw] = 0n
        cw++
        continue
      }
      // min(x, th), branch-free: d & (d >> 63) is d when d < 0, else 0 (|d| ≤ 2^32)
      const th = consensusA[j] as bigint
      const d = BigInt.asIntN(64, x - th)
      const y = BigInt.asIntN(64, th + BigInt.asIntN(64, d & BigInt.asIntN(64, d >> 63n)))
      cc[cw] = j
      cv[cw] = y
      cw++
      vtA[i] = BigInt.asIntN(64, (vtA[i] as bigint) + y)
      ranks[j] = BigInt.asIntN(
        64,
        (ranks[j] as bigint) + BigInt.asIntN(64, BigInt.asUintN(64, a * y) >> 32n),
      )
    }
    clipped.ptr[i + 1] = cw
  }
  return { clipped, vtA, ranks }
}

/**
 * Yuma 3's bond-weighted dividends before the stake product: Σⱼ (B′ᵢⱼ ⊘ colsumⱼ) ⊗ Iⱼ per row,
 * summed wrapping; terms with Iⱼ = 0 are dropped, as the chain does.
 */
export function bondDividendsChecked(ema: Csr, incA: BigInt64Array, n: number): BigInt64Array {
  const sums = csrColSums(ema, n)
  const acc = new BigInt64Array(n)
  const tmp = new BigInt64Array(2)
  for (let i = 0; i < n; i++) {
    for (let q = ema.ptr[i] as number; q < (ema.ptr[i + 1] as number); q++) {
      const j = ema.col[q] as number
      if (j >= n) continue
      const inc = incA[j] as bigint
      if (inc === 0n) continue
      const d = sums[j] as bigint
      const v = ema.val[q] as bigint
      if (d !== 0n) storeDivF(tmp, 0, v, d)
      else tmp[0] = v
      storeMulF(tmp, 1, tmp[0] as bigint, inc)
      acc[i] = BigInt.asIntN(64, (acc[i] as bigint) + (tmp[1] as bigint))
    }
  }
  return acc
}

/**
 * {@link bondDividendsChecked} without per-entry range checks, when every bond is in (0, 2^32]
 * with no column repeated in a row, and every incentive in [0, 2^32), as the caller checked.
 * Then a column sum d (< n·2^32 < 2^62, so saturating_add never clamps) includes each of its
 * values v, so 0 < v ≤ d and the quotient q = ⌊v·2^32 / d⌋ ≤ 2^32 never overflows: for
 * v < 2^31 one int64 division, else storeDivF (which also covers v = 2^32, d = 2^32). q·Iⱼ < 2^64 has an exact fast-path product below
 * 2^32. A term with Iⱼ = 0 is 0, so it need not be skipped. The same bits.
 */
export function bondDividendsInRange(ema: Csr, incA: BigInt64Array, n: number): BigInt64Array {
  const end = ema.ptr[n] as number
  const col = ema.col
  const val = ema.val
  const sums = new BigInt64Array(n)
  for (let q = 0; q < end; q++) {
    const j = col[q] as number
    if (j < n) sums[j] = BigInt.asIntN(64, (sums[j] as bigint) + (val[q] as bigint))
  }
  const acc = new BigInt64Array(n)
  const tmp = new BigInt64Array(1)
  for (let i = 0; i < n; i++) {
    for (let q = ema.ptr[i] as number, q1 = ema.ptr[i + 1] as number; q < q1; q++) {
      const j = col[q] as number
      if (j >= n) continue
      const v = val[q] as bigint
      const d = sums[j] as bigint
      // each branch stores its own result (a BigInt merged from two branches is boxed)
      if (v < 2147483648n) {
        const r = BigInt.asIntN(64, BigInt.asIntN(64, v << 32n) / d)
        const t = BigInt.asIntN(64, BigInt.asUintN(64, r * (incA[j] as bigint)) >> 32n)
        acc[i] = BigInt.asIntN(64, (acc[i] as bigint) + t)
      } else {
        storeDivF(tmp, 0, v, d)
        const t = BigInt.asIntN(
          64,
          BigInt.asUintN(64, (tmp[0] as bigint) * (incA[j] as bigint)) >> 32n,
        )
        acc[i] = BigInt.asIntN(64, (acc[i] as bigint) + t)
      }
    }
  }
  return acc
}

/**
 * `inplace_normalize_64` of the (non-negative) filtered stake, then `I32F32::saturating_from_num`
 * of each share. When the exact sum s is positive and does not wrap, each share is
 * q = ⌊x·2^64 / s⌋ ≤ 2^64 (x ≤ s), within safe_div's range, and its I32F32 is
 * ⌊q / 2^32⌋ = ⌊x·2^32 / s⌋ ≤ 2^32 (nested floors), with no clamp: one smaller division. Otherwise
 * the two steps as written.
 */
export function normalizedStake(filtered: bigint[]): bigint[] {
  let s = 0n
  for (let i = 0; i < filtered.length; i++) s += filtered[i] as bigint
  if (s === 0n || s > MAX64) {
    inplaceNormalize64(filtered)
    return filtered.map(fx64to32)
  }
  const out = new Array<bigint>(filtered.length)
  for (let i = 0; i < filtered.length; i++) {
    const x = filtered[i] as bigint
    out[i] = x === 0n ? 0n : (x << 32n) / s
  }
  return out
}

/**
 * `inplace_col_normalize_sparse` for non-negative values (the caller's precondition): the same
 * bits as csrColNormalize with the per-entry checks moved to one per column. For x ≥ 0 the
 * saturating column sum is s + x, wrapping negative exactly when it passes i64::MAX (then
 * MAX); zeros divide to zero, so they need no skip; a whole sum D·2^32 divides as x / D; else
 * x < 2^31 is one int64 division (x·2^32 < 2^63, so safe_div never overflows), and larger x take
 * storeDivF.
 *
 * @internal
 */
export function csrColNormalizeNonNeg(m: Csr, columns: number): void {
  const end = m.ptr[m.ptr.length - 1] as number
  const col = m.col
  const val = m.val
  const sums = new BigInt64Array(columns)
  for (let k = 0; k < end; k++) {
    const j = col[k] as number
    if (j >= columns) continue
    const s = BigInt.asIntN(64, (sums[j] as bigint) + (val[k] as bigint))
    if (s < 0n) sums[j] = MAX
    else sums[j] = s
  }
  // per column: 0 = zero sum (untouched), 1 = whole sum (÷ D), 2 = general divisor
  const kind = new Uint8Array(columns)
  const whole = new BigInt64Array(columns)
  for (let j = 0; j < columns; j++) {
    const d = sums[j] as bigint
    if (d === 0n) continue
    if (BigInt.asIntN(64, d & 0xffffffffn) === 0n) {
      kind[j] = 1
      whole[j] = BigInt.asIntN(64, d >> 32n)
    } else kind[j] = 2
  }
  for (let k = 0; k < end; k++) {
    const j = col[k] as number
    if (j >= columns) continue
    const c = kind[j] as number
    if (c === 0) continue
    const x = val[k] as bigint
    if (c === 1) val[k] = BigInt.asIntN(64, x / (whole[j] as bigint))
    else if (x < 2147483648n)
      val[k] = BigInt.asIntN(64, BigInt.asIntN(64, x << 32n) / (sums[j] as bigint))
    else storeDivF(val, k, x, sums[j] as bigint)
  }
}

/**
 * `inplace_col_max_upscale_sparse` for values in [0, 2^32] (the caller's precondition): x ≤ the
 * column maximum d ≤ 2^32, so x / d ≤ 1 never overflows; x < 2^31 is one int64 division, larger x
 * take storeDivF; zeros stay zero and all-zero columns are untouched. The same bits as
 * csrColMaxUpscale.
 *
 * @internal
 */
export function csrColMaxUpscaleInRange(m: Csr, columns: number): void {
  const end = m.ptr[m.ptr.length - 1] as number
  const col = m.col
  const val = m.val
  const maxes = new BigInt64Array(columns)
  for (let k = 0; k < end; k++) {
    const j = col[k] as number
    const x = val[k] as bigint
    if (j < columns && (maxes[j] as bigint) < x) maxes[j] = x
  }
  const zero = new Uint8Array(columns)
  for (let j = 0; j < columns; j++) zero[j] = maxes[j] === 0n ? 1 : 0
  for (let k = 0; k < end; k++) {
    const j = col[k] as number
    if (j >= columns || zero[j] === 1) continue
    const x = val[k] as bigint
    if (x < 2147483648n)
      val[k] = BigInt.asIntN(64, BigInt.asIntN(64, x << 32n) / (maxes[j] as bigint))
    else storeDivF(val, k, x, maxes[j] as bigint)
  }
}

/**
 * `row_hadamard_sparse(W̃, A)` (ΔB = W̃ ◦ A, explicit zeros kept), checked: a zero stake zeroes
 * its row, other products saturate.
 *
 * @internal
 */
export function rowHadamardChecked(delta: Csr, activeA: BigInt64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const a = activeA[i] as bigint
    for (let q = delta.ptr[i] as number; q < (delta.ptr[i + 1] as number); q++)
      if (a === 0n) delta.val[q] = 0n
      else storeMulF(delta.val, q, delta.val[q] as bigint, a)
  }
}

/**
 * {@link rowHadamardChecked} for values in [0, 2^32] and stakes in [0, 2^32): every product is
 * < 2^64 with an exact fast-path result below 2^32, and a zero stake gives zero products.
 *
 * @internal
 */
export function rowHadamardInRange(delta: Csr, activeA: BigInt64Array, n: number): void {
  const val = delta.val
  for (let i = 0; i < n; i++) {
    const a = activeA[i] as bigint
    for (let q = delta.ptr[i] as number, q1 = delta.ptr[i + 1] as number; q < q1; q++)
      val[q] = BigInt.asIntN(64, BigInt.asUintN(64, a * (val[q] as bigint)) >> 32n)
  }
}

/**
 * Yuma 2's dividends before normalisation: Σⱼ Iⱼ ⊗ Bᵢⱼ per row, saturating, checked.
 *
 * @internal
 */
export function emaDividendsChecked(ema: Csr, incA: BigInt64Array, n: number): BigInt64Array {
  const acc = new BigInt64Array(n)
  for (let i = 0; i < n; i++) {
    for (let q = ema.ptr[i] as number; q < (ema.ptr[i + 1] as number); q++) {
      const j = ema.col[q] as number
      const inc = j < n ? (incA[j] as bigint) : 0n
      if (inc !== 0n) storeMulAddF(acc, i, inc, ema.val[q] as bigint)
    }
  }
  return acc
}

/**
 * {@link emaDividendsChecked} for bonds in [0, 2^32] and incentives in [0, 2^32): each product is
 * exact and below 2^32 and a row sums fewer than 2^31 of them (no clamp); zero terms add zero.
 *
 * @internal
 */
export function emaDividendsInRange(ema: Csr, incA: BigInt64Array, n: number): BigInt64Array {
  const acc = new BigInt64Array(n)
  const col = ema.col
  const val = ema.val
  for (let i = 0; i < n; i++) {
    for (let q = ema.ptr[i] as number, q1 = ema.ptr[i + 1] as number; q < q1; q++) {
      const j = col[q] as number
      if (j >= n) continue
      acc[i] = BigInt.asIntN(
        64,
        (acc[i] as bigint) +
          BigInt.asIntN(64, BigInt.asUintN(64, (incA[j] as bigint) * (val[q] as bigint)) >> 32n),
      )
    }
  }
  return acc
}

/**
 * `inplace_normalize` (mutates `x`), the same bits: when every value is ≥ 0 and their exact sum s
 * is ≤ i64::MAX (so the wrapping sum is s), each v ≤ s divides by safe_div to ⌊v·2^32 / s⌋ ≤ 2^32
 * with no overflow; for v < 2^31 that is one int64 division. Larger values take divF, and any
 * other input the general function.
 *
 * @internal
 */
export function inplaceNormalizeNonNeg(x: bigint[]): void {
  let s = 0n
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as bigint
    if (v < 0n) {
      inplaceNormalize(x)
      return
    }
    s += v
  }
  if (s === 0n) return
  if (s > MAX) {
    inplaceNormalize(x)
    return
  }
  const d = BigInt.asIntN(64, s)
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as bigint
    if (v === 0n) continue
    if (v < 2147483648n) x[i] = BigInt.asIntN(64, BigInt.asIntN(64, v << 32n) / d)
    else x[i] = divF(v, d)
  }
}
