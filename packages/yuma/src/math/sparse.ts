import { ONE, safeDiv, satAdd, satMul, satSub, wrap64 } from '../internal/fx.js'
import type { SparseEntry, SparseMatrix } from '../types.js'

/**
 * `inplace_row_normalize_sparse`: rows with a positive (wrapping) sum are divided by it. Mutates `m`.
 *
 * @example
 * ```ts
 * import { inplaceRowNormalizeSparse } from '@dtao/yuma'
 * const m = [[[0, 1n], [2, 1n]] as const].map((r) => [...r])
 * inplaceRowNormalizeSparse(m) // m = [[[0, 2147483648n], [2, 2147483648n]]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · inplace_row_normalize_sparse
 */
export function inplaceRowNormalizeSparse(m: SparseEntry[][]): void {
  for (const row of m) {
    let s = 0n
    for (const e of row) s += e[1]
    s = wrap64(s)
    if (s > 0n)
      for (let k = 0; k < row.length; k++) {
        const e = row[k] as SparseEntry
        row[k] = [e[0], safeDiv(e[1], s)]
      }
  }
}

/**
 * `row_sum_sparse`: wrapping sum of each row.
 *
 * @example
 * ```ts
 * import { rowSumSparse } from '@dtao/yuma'
 * rowSumSparse([[[0, 1n], [3, 2n]], []]) // [3n, 0n]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · row_sum_sparse
 */
export function rowSumSparse(m: SparseMatrix): bigint[] {
  return m.map((row) => {
    let s = 0n
    for (const e of row) s += e[1]
    return wrap64(s)
  })
}

/**
 * `inplace_col_normalize_sparse`: entries divided by their column's saturating sum (columns
 * ≥ `columns` untouched). Mutates `m`.
 *
 * @example
 * ```ts
 * import { inplaceColNormalizeSparse } from '@dtao/yuma'
 * const m = [[[0, 1n]], [[0, 1n]]] as [number, bigint][][]
 * inplaceColNormalizeSparse(m, 1) // m = [[[0, 2147483648n]], [[0, 2147483648n]]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · inplace_col_normalize_sparse
 */
export function inplaceColNormalizeSparse(m: SparseEntry[][], columns: number): void {
  const sums = new Array<bigint>(columns).fill(0n)
  for (const row of m)
    for (const [j, v] of row) if (j < columns) sums[j] = satAdd(sums[j] as bigint, v)
  for (const row of m) {
    for (let k = 0; k < row.length; k++) {
      const [j, v] = row[k] as SparseEntry
      const d = sums[j] ?? 0n
      if (d !== 0n) row[k] = [j, safeDiv(v, d)]
    }
  }
}

/**
 * `inplace_col_max_upscale_sparse`: entries divided by their column's maximum. Mutates `m`.
 *
 * @example
 * ```ts
 * import { inplaceColMaxUpscaleSparse } from '@dtao/yuma'
 * const m = [[[0, 1n]], [[0, 2n]]] as [number, bigint][][]
 * inplaceColMaxUpscaleSparse(m, 1) // m = [[[0, 2147483648n]], [[0, 4294967296n]]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · inplace_col_max_upscale_sparse
 */
export function inplaceColMaxUpscaleSparse(m: SparseEntry[][], columns: number): void {
  const maxes = new Array<bigint>(columns).fill(0n)
  for (const row of m)
    for (const [j, v] of row) if (j < columns && (maxes[j] as bigint) < v) maxes[j] = v
  for (const row of m) {
    for (let k = 0; k < row.length; k++) {
      const [j, v] = row[k] as SparseEntry
      const d = maxes[j] ?? 0n
      if (d !== 0n) row[k] = [j, safeDiv(v, d)]
    }
  }
}

/**
 * `mask_rows_sparse`: masked rows (missing mask entries mask) become empty.
 *
 * @example
 * ```ts
 * import { maskRowsSparse } from '@dtao/yuma'
 * maskRowsSparse([true, false], [[[1, 1n]], [[0, 1n]]]) // [[], [[0, 1n]]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · mask_rows_sparse
 */
export function maskRowsSparse(mask: readonly boolean[], m: SparseMatrix): SparseEntry[][] {
  return m.map((row, i) => ((mask[i] ?? true) ? [] : row.slice()))
}

/**
 * `mask_diag_sparse`: drops entries (i, i).
 *
 * @example
 * ```ts
 * import { maskDiagSparse } from '@dtao/yuma'
 * maskDiagSparse([[[0, 1n], [1, 1n]]]) // [[[1, 1n]]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · mask_diag_sparse
 */
export function maskDiagSparse(m: SparseMatrix): SparseEntry[][] {
  return m.map((row, i) => row.filter((e) => e[0] !== i))
}

/**
 * `mask_diag_sparse_except_index`: drops entries (i, i) except (k, k).
 *
 * @example
 * ```ts
 * import { maskDiagSparseExceptIndex } from '@dtao/yuma'
 * maskDiagSparseExceptIndex([[[0, 1n]], [[1, 1n]]], 1) // [[], [[1, 1n]]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · mask_diag_sparse_except_index
 */
export function maskDiagSparseExceptIndex(m: SparseMatrix, exceptIndex: number): SparseEntry[][] {
  return m.map((row, i) => row.filter((e) => e[0] !== i || i === exceptIndex))
}

/**
 * `scalar_vec_mask_sparse_matrix` with the epoch's closure `scalar <= vector[j]`: drops
 * entries (i, j) with `scalar ≤ vector[j]` (a missing `vector[j]` is 0).
 *
 * @example
 * ```ts
 * import { scalarVecMaskSparseMatrix } from '@dtao/yuma'
 * scalarVecMaskSparseMatrix([[[0, 1n], [1, 1n]]], 10n, [5n, 10n]) // [[[0, 1n]]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · scalar_vec_mask_sparse_matrix
 */
export function scalarVecMaskSparseMatrix(
  m: SparseMatrix,
  scalar: bigint,
  vector: readonly bigint[],
): SparseEntry[][] {
  return m.map((row) => row.filter((e) => !(scalar <= (vector[e[0]] ?? 0n))))
}

/**
 * `vec_mask_sparse_matrix`: drops entries (i, j) where `maskFn(first[i], second[j])` (missing
 * values are 0). The epoch uses `'first[i] <= second[j]'` (outdated weights) and
 * `'first[i] < second[j]'` (commit-reveal).
 *
 * @example
 * ```ts
 * import { vecMaskSparseMatrix } from '@dtao/yuma'
 * vecMaskSparseMatrix([[[0, 1n], [1, 1n]]], [5n], [5n, 4n], 'first[i] <= second[j]') // [[[1, 1n]]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · vec_mask_sparse_matrix
 */
export function vecMaskSparseMatrix(
  m: SparseMatrix,
  first: readonly bigint[],
  second: readonly bigint[],
  maskFn: 'first[i] <= second[j]' | 'first[i] < second[j]',
): SparseEntry[][] {
  const strict = maskFn === 'first[i] < second[j]'
  return m.map((row, i) => {
    const fv = first[i] ?? 0n
    return row.filter((e) => {
      const sv = second[e[0]] ?? 0n
      return strict ? !(fv < sv) : !(fv <= sv)
    })
  })
}

/**
 * `row_hadamard_sparse`: row i scaled by `vector[i]`; stops when the vector runs out.
 *
 * @example
 * ```ts
 * import { rowHadamardSparse } from '@dtao/yuma'
 * rowHadamardSparse([[[3, 1n << 32n]]], [2n << 31n]) // [[[3, 4294967296n]]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · row_hadamard_sparse
 */
export function rowHadamardSparse(m: SparseMatrix, vector: readonly bigint[]): SparseEntry[][] {
  const out: SparseEntry[][] = []
  for (let i = 0; i < m.length && i < vector.length; i++) {
    const s = vector[i] as bigint
    out.push((m[i] as readonly SparseEntry[]).map((e) => [e[0], satMul(e[1], s)] as const))
  }
  return out
}

/**
 * `matmul_sparse`: r_j = Σᵢ vᵢ ⊗ m_ij (saturating), for j < `columns`.
 *
 * @example
 * ```ts
 * import { matmulSparse } from '@dtao/yuma'
 * matmulSparse([[[1, 1n << 32n]], [[1, 1n << 32n]]], [1n << 31n, 1n << 31n], 2) // [0n, 4294967296n]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · matmul_sparse
 */
export function matmulSparse(
  m: SparseMatrix,
  vector: readonly bigint[],
  columns: number,
): bigint[] {
  const r = new Array<bigint>(columns).fill(0n)
  m.forEach((row, i) => {
    const s = vector[i] ?? 0n
    for (const [j, v] of row) if (j < columns) r[j] = satAdd(r[j] as bigint, satMul(s, v))
  })
  return r
}

/**
 * `matmul_transpose_sparse`: r_i = Σⱼ vⱼ ⊗ m_ij (saturating; a missing vⱼ is 0).
 *
 * @example
 * ```ts
 * import { matmulTransposeSparse } from '@dtao/yuma'
 * matmulTransposeSparse([[[0, 1n << 32n]]], [3n]) // [3n]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · matmul_transpose_sparse
 */
export function matmulTransposeSparse(m: SparseMatrix, vector: readonly bigint[]): bigint[] {
  return m.map((row) => {
    let acc = 0n
    for (const [j, v] of row) acc = satAdd(acc, satMul(vector[j] ?? 0n, v))
    return acc
  })
}

/**
 * `col_clip_sparse`: entries above their column threshold become the threshold, or are
 * dropped when the threshold is ≤ 0 (a missing threshold is 0).
 *
 * @example
 * ```ts
 * import { colClipSparse } from '@dtao/yuma'
 * colClipSparse([[[0, 5n], [1, 5n]]], [3n, 0n]) // [[[0, 3n]]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · col_clip_sparse
 */
export function colClipSparse(m: SparseMatrix, colThreshold: readonly bigint[]): SparseEntry[][] {
  return m.map((row) => {
    const out: SparseEntry[] = []
    for (const e of row) {
      const th = colThreshold[e[0]] ?? 0n
      if (th < e[1]) {
        if (th > 0n) out.push([e[0], th])
      } else out.push(e)
    }
    return out
  })
}

/**
 * `mat_vec_mul_sparse`: m_ij ⊗ vⱼ, dropping exact-zero products and columns ≥ the vector length.
 *
 * @example
 * ```ts
 * import { matVecMulSparse } from '@dtao/yuma'
 * matVecMulSparse([[[0, 1n << 32n], [1, 1n << 32n]]], [0n, 2n]) // [[[1, 2n]]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · mat_vec_mul_sparse
 */
export function matVecMulSparse(m: SparseMatrix, vector: readonly bigint[]): SparseEntry[][] {
  return m.map((row) => {
    const out: SparseEntry[] = []
    for (const [j, v] of row) {
      if (j < vector.length) {
        const p = satMul(v, vector[j] as bigint)
        if (p !== 0n) out.push([j, p])
      }
    }
    return out
  })
}

/**
 * `interpolate_sparse`: A ⊕ ratio ⊗ (B ⊖ A) per densified row, keeping values > 0 in column
 * order (ratio 0 ⇒ A, ratio 1 ⇒ B, different row counts ⇒ B).
 *
 * @example
 * ```ts
 * import { interpolateSparse } from '@dtao/yuma'
 * interpolateSparse([[[0, 1n << 32n]]], [[]], 1, 1n << 31n) // [[[0, 2147483648n]]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · interpolate_sparse
 */
export function interpolateSparse(
  mat1: SparseMatrix,
  mat2: SparseMatrix,
  columns: number,
  ratio: bigint,
): SparseEntry[][] {
  if (ratio === 0n) return mat1.map((r) => r.slice())
  if (ratio === ONE || mat1.length !== mat2.length) return mat2.map((r) => r.slice())
  const row1 = new Array<bigint>(columns)
  const row2 = new Array<bigint>(columns)
  return mat1.map((r1, i) => {
    row1.fill(0n)
    row2.fill(0n)
    for (const [j, v] of r1) if (j < columns) row1[j] = v
    for (const [j, v] of mat2[i] as readonly SparseEntry[]) if (j < columns) row2[j] = v
    const out: SparseEntry[] = []
    for (let j = 0; j < columns; j++) {
      const a = row1[j] as bigint
      const x = satAdd(a, satMul(ratio, satSub(row2[j] as bigint, a)))
      if (0n < x) out.push([j, x])
    }
    return out
  })
}

/**
 * `mat_ema_sparse`: α ⊗ new ⊕ (1 ⊖ α) ⊗ old over the union of entries (columns < row count),
 * unclamped, keeping values > 0 in column order.
 *
 * @example
 * ```ts
 * import { matEmaSparse } from '@dtao/yuma'
 * matEmaSparse([[[0, 1n << 32n]]], [[]], 429496730n) // [[[0, 429496730n]]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · mat_ema_sparse
 */
export function matEmaSparse(
  newM: SparseMatrix,
  old: SparseMatrix,
  alpha: bigint,
): SparseEntry[][] {
  const n = newM.length
  if (n === 0) return []
  const oma = satSub(ONE, alpha)
  const acc = new Array<bigint>(n)
  return newM.map((nr, i) => {
    acc.fill(0n)
    for (const [j, v] of nr) if (j < n) acc[j] = satAdd(acc[j] as bigint, satMul(alpha, v))
    const orow = old[i]
    if (orow !== undefined)
      for (const [j, v] of orow) if (j < n) acc[j] = satAdd(acc[j] as bigint, satMul(oma, v))
    const out: SparseEntry[] = []
    for (let j = 0; j < n; j++) {
      const v = acc[j] as bigint
      if (v > 0n) out.push([j, v])
    }
    return out
  })
}

/**
 * `mat_ema_alpha_sparse`: per row, decay the old entries by (1 ⊖ α_ij), then for the entries
 * of `new` only, in their order: min(1, decayed ⊕ max(0, α_ij ⊗ w)), kept if > 0. Old bonds
 * whose column is absent from `new` are dropped. Shape mismatch ⇒ a copy of `new`.
 *
 * @example
 * ```ts
 * import { matEmaAlphaSparse } from '@dtao/yuma'
 * matEmaAlphaSparse([[[0, 1n << 32n]]], [[[1, 1n << 32n]]], [[429496730n, 429496730n]]) // [[[0, 429496730n]]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · mat_ema_alpha_sparse
 */
export function matEmaAlphaSparse(
  newM: SparseMatrix,
  old: SparseMatrix,
  alpha: readonly (readonly bigint[])[],
): SparseEntry[][] {
  if (newM.length !== old.length || newM.length !== alpha.length) return newM.map((r) => r.slice())
  return newM.map((nr, i) => {
    const arow = alpha[i] as readonly bigint[]
    const len = arow.length
    const decayed = new Array<bigint>(len).fill(0n)
    for (const [j, v] of old[i] as readonly SparseEntry[])
      if (j < len) decayed[j] = satMul(satSub(ONE, arow[j] as bigint), v)
    const out: SparseEntry[] = []
    for (const [j, w] of nr) {
      if (j < len) {
        let inc = satMul(arow[j] as bigint, w)
        if (inc < 0n) inc = 0n
        let v = satAdd(decayed[j] as bigint, inc)
        if (v > ONE) v = ONE
        if (v > 0n) out.push([j, v])
      }
    }
    return out
  })
}
