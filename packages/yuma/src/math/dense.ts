import { ONE, safeDiv, satAdd, satMul, satSub, wrap64 } from '../internal/fx.js'
import type { DenseMatrix } from '../types.js'
import { vecMul } from './vector.js'

/**
 * `inplace_row_normalize`: rows with a positive sum are divided by it (mutates `x`).
 *
 * @example
 * ```ts
 * import { inplaceRowNormalize } from '@dtao/yuma'
 * const x = [[1n, 1n]]; inplaceRowNormalize(x) // x = [[2147483648n, 2147483648n]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · inplace_row_normalize
 */
export function inplaceRowNormalize(x: bigint[][]): void {
  for (const row of x) {
    let s = 0n
    for (const v of row) s += v
    s = wrap64(s)
    if (s > 0n) for (let i = 0; i < row.length; i++) row[i] = safeDiv(row[i] as bigint, s)
  }
}

/**
 * `row_sum`: wrapping sum of each row; `[]` when the first row is empty.
 *
 * @example
 * ```ts
 * import { rowSum } from '@dtao/yuma'
 * rowSum([[1n, 2n], [3n]]) // [3n, 3n]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · row_sum
 */
export function rowSum(x: DenseMatrix): bigint[] {
  const first = x[0]
  if (first !== undefined && first.length === 0) return []
  return x.map((row) => {
    let s = 0n
    for (const v of row) s += v
    return wrap64(s)
  })
}

function colSums(x: DenseMatrix): bigint[] {
  const sums: bigint[] = []
  for (const row of x) {
    while (sums.length < row.length) sums.push(0n)
    for (let c = 0; c < row.length; c++) sums[c] = satAdd(sums[c] as bigint, row[c] as bigint)
  }
  return sums
}

/**
 * `inplace_col_normalize`: columns (padded with zeros) divided by their saturating sums (mutates `x`).
 *
 * @example
 * ```ts
 * import { inplaceColNormalize } from '@dtao/yuma'
 * const x = [[1n], [1n]]; inplaceColNormalize(x) // x = [[2147483648n], [2147483648n]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · inplace_col_normalize
 */
export function inplaceColNormalize(x: bigint[][]): void {
  const sums = colSums(x)
  if (sums.length === 0) return
  for (const row of x) {
    for (let c = 0; c < row.length && c < sums.length; c++) {
      const s = sums[c] as bigint
      if (s !== 0n) row[c] = safeDiv(row[c] as bigint, s)
    }
  }
}

/**
 * `inplace_col_max_upscale`: each column divided by its maximum (mutates `x`).
 *
 * @example
 * ```ts
 * import { inplaceColMaxUpscale } from '@dtao/yuma'
 * const x = [[1n], [2n]]; inplaceColMaxUpscale(x) // x = [[2147483648n], [4294967296n]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · inplace_col_max_upscale
 */
export function inplaceColMaxUpscale(x: bigint[][]): void {
  let maxCols = 0
  for (const r of x) if (r.length > maxCols) maxCols = r.length
  if (maxCols === 0) return
  const maxes = new Array<bigint>(maxCols).fill(0n)
  for (const row of x) {
    for (let c = 0; c < row.length; c++) {
      const v = row[c] as bigint
      if ((maxes[c] as bigint) < v) maxes[c] = v
    }
  }
  for (const row of x) {
    for (let c = 0; c < row.length; c++) {
      const m = maxes[c] as bigint
      if (m !== 0n) row[c] = safeDiv(row[c] as bigint, m)
    }
  }
}

/**
 * `inplace_mask_matrix`: zero cells whose mask is true (missing mask cells mask; nothing
 * when the mask or its first row is empty). Mutates `matrix`.
 *
 * @example
 * ```ts
 * import { inplaceMaskMatrix } from '@dtao/yuma'
 * const m = [[1n, 2n]]; inplaceMaskMatrix([[true, false]], m) // m = [[0n, 2n]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · inplace_mask_matrix
 */
export function inplaceMaskMatrix(mask: readonly (readonly boolean[])[], matrix: bigint[][]): void {
  const first = mask[0]
  if (first === undefined || first.length === 0) return
  matrix.forEach((row, r) => {
    const mr = mask[r]
    for (let c = 0; c < row.length; c++) if (mr?.[c] ?? true) row[c] = 0n
  })
}

/**
 * `inplace_mask_rows`: masked rows (missing mask entries mask) become zero rows as wide as
 * the first row. Mutates `matrix`.
 *
 * @example
 * ```ts
 * import { inplaceMaskRows } from '@dtao/yuma'
 * const m = [[1n, 2n], [3n, 4n]]; inplaceMaskRows([true, false], m) // m = [[0n, 0n], [3n, 4n]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · inplace_mask_rows
 */
export function inplaceMaskRows(mask: readonly boolean[], matrix: bigint[][]): void {
  const first = matrix[0]
  if (first === undefined) return
  const cols = first.length
  for (let r = 0; r < matrix.length; r++) {
    if (mask[r] ?? true) matrix[r] = new Array<bigint>(cols).fill(0n)
  }
}

/**
 * `inplace_mask_cols`: zero column c where `mask[c]` (missing entries mask). Mutates `matrix`.
 *
 * @example
 * ```ts
 * import { inplaceMaskCols } from '@dtao/yuma'
 * const m = [[1n, 2n]]; inplaceMaskCols([false, true], m) // m = [[1n, 0n]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · inplace_mask_cols
 */
export function inplaceMaskCols(mask: readonly boolean[], matrix: bigint[][]): void {
  for (const row of matrix) for (let c = 0; c < row.length; c++) if (mask[c] ?? true) row[c] = 0n
}

function isSquareNonEmpty(matrix: bigint[][]): boolean {
  const first = matrix[0]
  return first !== undefined && first.length > 0 && matrix.length === first.length
}

/**
 * `inplace_mask_diag`: zero the diagonal of a square matrix (nothing otherwise). Mutates it.
 *
 * @example
 * ```ts
 * import { inplaceMaskDiag } from '@dtao/yuma'
 * const m = [[1n, 2n], [3n, 4n]]; inplaceMaskDiag(m) // m = [[0n, 2n], [3n, 0n]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · inplace_mask_diag
 */
export function inplaceMaskDiag(matrix: bigint[][]): void {
  if (!isSquareNonEmpty(matrix)) return
  matrix.forEach((row, i) => {
    if (i < row.length) row[i] = 0n
  })
}

/**
 * `inplace_mask_diag_except_index`: as {@link inplaceMaskDiag}, keeping entry (k, k). Mutates it.
 *
 * @example
 * ```ts
 * import { inplaceMaskDiagExceptIndex } from '@dtao/yuma'
 * const m = [[1n, 2n], [3n, 4n]]; inplaceMaskDiagExceptIndex(m, 1) // m = [[0n, 2n], [3n, 4n]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · inplace_mask_diag_except_index
 */
export function inplaceMaskDiagExceptIndex(matrix: bigint[][], exceptIndex: number): void {
  if (!isSquareNonEmpty(matrix)) return
  const keep = matrix[exceptIndex]?.[exceptIndex]
  inplaceMaskDiag(matrix)
  const row = matrix[exceptIndex]
  if (row !== undefined && exceptIndex < row.length && keep !== undefined) row[exceptIndex] = keep
}

/**
 * `row_hadamard`: row i scaled by `vector[i]` (saturating); stops when the vector runs out.
 *
 * @example
 * ```ts
 * import { rowHadamard } from '@dtao/yuma'
 * rowHadamard([[1n << 32n]], [2n << 32n]) // [[8589934592n]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · row_hadamard
 */
export function rowHadamard(matrix: DenseMatrix, vector: readonly bigint[]): bigint[][] {
  const first = matrix[0]
  if (first === undefined || first.length === 0) return [[]]
  const out: bigint[][] = []
  for (let i = 0; i < matrix.length && i < vector.length; i++) {
    const s = vector[i] as bigint
    out.push((matrix[i] as readonly bigint[]).map((m) => satMul(s, m)))
  }
  return out
}

/**
 * `matmul`: r_j = Σᵢ vᵢ ⊗ m_ij (saturating), over the first row's width.
 *
 * @example
 * ```ts
 * import { matmul } from '@dtao/yuma'
 * matmul([[1n << 32n], [1n << 32n]], [1n << 32n, 2n << 32n]) // [12884901888n]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · matmul
 */
export function matmul(matrix: DenseMatrix, vector: readonly bigint[]): bigint[] {
  const first = matrix[0]
  if (first === undefined || first.length === 0) return []
  const cols = first.length
  const acc = new Array<bigint>(cols).fill(0n)
  matrix.forEach((row, i) => {
    const s = vector[i] ?? 0n
    for (let c = 0; c < row.length && c < cols; c++)
      acc[c] = satAdd(acc[c] as bigint, satMul(s, row[c] as bigint))
  })
  return acc
}

/**
 * `matmul_transpose`: r_i = Σⱼ m_ij ⊗ vⱼ (saturating).
 *
 * @example
 * ```ts
 * import { matmulTranspose } from '@dtao/yuma'
 * matmulTranspose([[1n << 32n, 1n << 32n]], [1n << 32n, 2n << 32n]) // [12884901888n]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · matmul_transpose
 */
export function matmulTranspose(matrix: DenseMatrix, vector: readonly bigint[]): bigint[] {
  const first = matrix[0]
  if (first === undefined || first.length === 0) return []
  return matrix.map((row) => {
    let s = 0n
    for (let c = 0; c < row.length && c < vector.length; c++)
      s = satAdd(s, satMul(row[c] as bigint, vector[c] as bigint))
    return s
  })
}

/**
 * `inplace_col_clip`: value = min(threshold_c, value). Mutates `x`.
 *
 * @example
 * ```ts
 * import { inplaceColClip } from '@dtao/yuma'
 * const x = [[5n, 5n]]; inplaceColClip(x, [3n]) // x = [[3n, 5n]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · inplace_col_clip
 */
export function inplaceColClip(x: bigint[][], colThreshold: readonly bigint[]): void {
  for (const row of x) {
    for (let c = 0; c < row.length && c < colThreshold.length; c++) {
      const t = colThreshold[c] as bigint
      if (t < (row[c] as bigint)) row[c] = t
    }
  }
}

/**
 * `interpolate`: A ⊕ ratio ⊗ (B ⊖ A), shaped like A (ratio 0 ⇒ A, ratio 1 ⇒ B).
 *
 * @example
 * ```ts
 * import { interpolate } from '@dtao/yuma'
 * interpolate([[0n]], [[1n << 32n]], 1n << 31n) // [[2147483648n]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · interpolate
 */
export function interpolate(mat1: DenseMatrix, mat2: DenseMatrix, ratio: bigint): bigint[][] {
  if (ratio === 0n) return mat1.map((r) => r.slice())
  if (ratio === ONE) return mat2.map((r) => r.slice())
  const first = mat1[0]
  if (first === undefined || first.length === 0) return [[]]
  const cols = first.length
  const out = mat1.map(() => new Array<bigint>(cols).fill(0n))
  for (let i = 0; i < mat1.length; i++) {
    const r1 = mat1[i] as readonly bigint[]
    const r2 = mat2[i]
    if (r2 === undefined) break
    const o = out[i] as bigint[]
    const m = Math.min(r1.length, r2.length, cols)
    for (let c = 0; c < m; c++) {
      const a = r1[c] as bigint
      o[c] = satAdd(a, satMul(ratio, satSub(r2[c] as bigint, a)))
    }
  }
  return out
}

/**
 * `mat_vec_mul`: each row multiplied elementwise by the vector ({@link vecMul}).
 *
 * @example
 * ```ts
 * import { matVecMul } from '@dtao/yuma'
 * matVecMul([[1n << 32n, 1n << 32n]], [2n << 32n, 0n]) // [[8589934592n, 0n]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · mat_vec_mul
 */
export function matVecMul(matrix: DenseMatrix, vector: readonly bigint[]): bigint[][] {
  const first = matrix[0]
  if (first === undefined || first.length === 0) return [[]]
  return matrix.map((row) => vecMul(row, vector))
}

/**
 * `mat_ema`: α ⊗ new ⊕ (1 ⊖ α) ⊗ old, over matching rows and cells.
 *
 * @example
 * ```ts
 * import { matEma } from '@dtao/yuma'
 * matEma([[1n << 32n]], [[0n]], 429496730n) // [[429496730n]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · mat_ema
 */
export function matEma(newM: DenseMatrix, old: DenseMatrix, alpha: bigint): bigint[][] {
  const first = newM[0]
  if (first === undefined || first.length === 0) return [[]]
  const oma = satSub(ONE, alpha)
  const out: bigint[][] = []
  for (let i = 0; i < newM.length; i++) {
    const o = old[i]
    if (o === undefined) break
    const n = newM[i] as readonly bigint[]
    const m = Math.min(n.length, o.length)
    const row = new Array<bigint>(m)
    for (let c = 0; c < m; c++)
      row[c] = satAdd(satMul(alpha, n[c] as bigint), satMul(oma, o[c] as bigint))
    out.push(row)
  }
  return out
}

/**
 * `mat_ema_alpha`: min(1, (1 ⊖ α_ij) ⊗ old ⊕ max(0, α_ij ⊗ new)) per cell; returns `old` when
 * the row counts differ and `new` when a row's lengths differ.
 *
 * @example
 * ```ts
 * import { matEmaAlpha } from '@dtao/yuma'
 * matEmaAlpha([[1n << 32n]], [[0n]], [[429496730n]]) // [[429496730n]]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · mat_ema_alpha
 */
export function matEmaAlpha(newM: DenseMatrix, old: DenseMatrix, alpha: DenseMatrix): bigint[][] {
  const first = newM[0]
  if (first === undefined || first.length === 0) return [[]]
  if (newM.length !== old.length || newM.length !== alpha.length) return old.map((r) => r.slice())
  for (let i = 0; i < newM.length; i++) {
    const n = (newM[i] as readonly bigint[]).length
    if (n !== (old[i] as readonly bigint[]).length || n !== (alpha[i] as readonly bigint[]).length)
      return newM.map((r) => r.slice())
  }
  return newM.map((nr, i) => {
    const orow = old[i] as readonly bigint[]
    const arow = alpha[i] as readonly bigint[]
    return nr.map((n, c) => {
      const a = arow[c] as bigint
      const decayed = satMul(satSub(ONE, a), orow[c] as bigint)
      let inc = satMul(a, n)
      if (inc < 0n) inc = 0n
      const v = satAdd(decayed, inc)
      return v < ONE ? v : ONE
    })
  })
}
