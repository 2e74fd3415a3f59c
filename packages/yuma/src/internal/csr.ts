/**
 * Compressed sparse rows on typed arrays for the epoch's hot path. Row i is the entries
 * `ptr[i] … ptr[i+1]−1` of `col` (Int32Array) and `val` (BigInt64Array of I32F32 raw bits), in
 * the order the chain's code produces them.
 *
 * I32F32 bits are i64, so a BigInt64Array holds every value exactly. The helpers below take a
 * fast path when the operands are small enough for the exact result to fit in 64 bits. V8 then
 * compiles the `BigInt.asIntN(64, …)`/`asUintN(64, …)` forms to native integer instructions
 * with no heap allocation. Otherwise they fall back to the general arbitrary-precision formula.
 * Both paths give the same bits.
 *
 * @internal
 */
import type { SparseEntry } from '../types.js'
import {
  MAX,
  MIN,
  ONE,
  safeDiv as safeDivImport,
  satAdd as satAddImport,
  satMul as satMulImport,
} from './fx.js'

const safeDivG = safeDivImport
const satAddG = satAddImport
const satMulG = satMulImport
const L32 = 1n << 32n

/** A CSR matrix. @internal */
export type Csr = { ptr: Int32Array; col: Int32Array; val: BigInt64Array }

/** `a.saturating_mul(b)` (I32F32). @internal */
export function mulF(a: bigint, b: bigint): bigint {
  // 0 ≤ a, b < 2^32 ⇒ a·b < 2^64 fits a u64, and (a·b) >> 32 < 2^32 needs no clamp.
  if (a >= 0n && a < L32 && b >= 0n && b < L32)
    return BigInt.asIntN(64, BigInt.asUintN(64, a * b) >> 32n)
  return satMulG(a, b)
}

/** `a.saturating_add(b)` (I32F32). @internal */
export function addF(a: bigint, b: bigint): bigint {
  if (a >= 0n && b >= 0n) {
    // a + b < 2^64: it wraps negative exactly when it exceeds i64::MAX.
    const s = BigInt.asIntN(64, a + b)
    return s < 0n ? MAX : s
  }
  return satAddG(a, b)
}

/** `a.safe_div(b)` (I32F32): 0 on b = 0 or overflow. @internal */
export function divF(a: bigint, b: bigint): bigint {
  if (b === 0n) return 0n
  if (a >= 0n && a < L32 && b > 0n) {
    // a < 2^32 ⇒ a·2^32 < 2^64 fits a u64
    const q = BigInt.asUintN(64, a << 32n) / b
    return q > MAX || q < MIN ? 0n : q
  }
  return safeDivG(a, b)
}

/** An empty matrix with `rows` rows and room for `capacity` entries. @internal */
export function csrAlloc(rows: number, capacity: number): Csr {
  return {
    ptr: new Int32Array(rows + 1),
    col: new Int32Array(capacity),
    val: new BigInt64Array(capacity),
  }
}

/** Number of rows. @internal */
export function csrRows(m: Csr): number {
  return m.ptr.length - 1
}

/** To the public tuple form (for traces). @internal */
export function csrToTuples(m: Csr): SparseEntry[][] {
  const rows = csrRows(m)
  const out: SparseEntry[][] = new Array(rows)
  for (let i = 0; i < rows; i++) {
    const r: SparseEntry[] = []
    for (let k = m.ptr[i] as number; k < (m.ptr[i + 1] as number); k++)
      r.push([m.col[k] as number, m.val[k] as bigint])
    out[i] = r
  }
  return out
}

/** A copy. @internal */
export function csrCopy(m: Csr): Csr {
  return { ptr: m.ptr.slice(), col: m.col.slice(), val: m.val.slice() }
}

/** Saturating column sums over j < columns. @internal */
export function csrColSums(m: Csr, columns: number): BigInt64Array {
  const sums = new BigInt64Array(columns)
  const end = m.ptr[csrRows(m)] as number
  for (let k = 0; k < end; k++) {
    const j = m.col[k] as number
    if (j < columns) sums[j] = addF(sums[j] as bigint, m.val[k] as bigint)
  }
  return sums
}

/** `inplace_col_normalize_sparse`. @internal */
export function csrColNormalize(m: Csr, columns: number): void {
  const sums = csrColSums(m, columns)
  // A sum that is a whole number D (as for raw I32F32(u16) bonds) divides exactly like
  // x ⊘ D·2^32 = trunc(x·2^32 / (D·2^32)) = trunc(x / D): one division instead of shift + divide.
  const whole = new BigInt64Array(columns)
  for (let j = 0; j < columns; j++) {
    const d = sums[j] as bigint
    if (d > 0n && (d & 0xffffffffn) === 0n) whole[j] = d >> 32n
  }
  const end = m.ptr[csrRows(m)] as number
  for (let k = 0; k < end; k++) {
    const j = m.col[k] as number
    if (j >= columns) continue
    const x = m.val[k] as bigint
    const d = sums[j] as bigint
    if (x === 0n || d === 0n) continue
    const w = whole[j] as bigint
    m.val[k] = w !== 0n && (x < 0n || x >= L32) ? x / w : divF(x, d)
  }
}

/** `inplace_col_max_upscale_sparse`. @internal */
export function csrColMaxUpscale(m: Csr, columns: number): void {
  const maxes = new BigInt64Array(columns)
  const end = m.ptr[csrRows(m)] as number
  for (let k = 0; k < end; k++) {
    const j = m.col[k] as number
    const x = m.val[k] as bigint
    if (j < columns && (maxes[j] as bigint) < x) maxes[j] = x
  }
  for (let k = 0; k < end; k++) {
    const j = m.col[k] as number
    if (j >= columns) continue
    const x = m.val[k] as bigint
    const d = maxes[j] as bigint
    if (x !== 0n && d !== 0n) m.val[k] = divF(x, d)
  }
}

/** `scalar_vec_mask_sparse_matrix` with `scalar <= vector[j]` (drops those). @internal */
export function csrMaskRecentlyRegistered(m: Csr, scalar: bigint, vector: readonly bigint[]): Csr {
  const rows = csrRows(m)
  const out = csrAlloc(rows, m.ptr[rows] as number)
  let w = 0
  for (let i = 0; i < rows; i++) {
    for (let k = m.ptr[i] as number; k < (m.ptr[i + 1] as number); k++) {
      const j = m.col[k] as number
      if (!(scalar <= (vector[j] ?? 0n))) {
        out.col[w] = j
        out.val[w] = m.val[k] as bigint
        w++
      }
    }
    out.ptr[i + 1] = w
  }
  return out
}

/** `interpolate_sparse` (β ∉ {0, 1}, equal row counts). @internal */
export function csrInterpolate(a: Csr, b: Csr, columns: number, ratio: bigint): Csr {
  const rows = csrRows(a)
  let cap = 0
  for (let i = 0; i < rows; i++)
    if (
      (a.ptr[i + 1] as number) > (a.ptr[i] as number) ||
      (b.ptr[i + 1] as number) > (b.ptr[i] as number)
    )
      cap += columns
  const out = csrAlloc(rows, cap)
  const r1 = new BigInt64Array(columns)
  const r2 = new BigInt64Array(columns)
  let w = 0
  for (let i = 0; i < rows; i++) {
    const a0 = a.ptr[i] as number
    const a1 = a.ptr[i + 1] as number
    const b0 = b.ptr[i] as number
    const b1 = b.ptr[i + 1] as number
    if (a0 === a1 && b0 === b1) {
      out.ptr[i + 1] = w
      continue
    }
    r1.fill(0n)
    r2.fill(0n)
    for (let k = a0; k < a1; k++) {
      const j = a.col[k] as number
      if (j < columns) r1[j] = a.val[k] as bigint
    }
    for (let k = b0; k < b1; k++) {
      const j = b.col[k] as number
      if (j < columns) r2[j] = b.val[k] as bigint
    }
    for (let j = 0; j < columns; j++) {
      const x1 = r1[j] as bigint
      const x = satAddG(x1, satMulG(ratio, satSubG(r2[j] as bigint, x1)))
      if (0n < x) {
        out.col[w] = j
        out.val[w] = x
        w++
      }
    }
    out.ptr[i + 1] = w
  }
  return out
}

function satSubG(a: bigint, b: bigint): bigint {
  const s = a - b
  return s > MAX ? MAX : s < MIN ? MIN : s
}

/** `mat_ema_sparse`: union of entries, columns < row count, ascending, values > 0. @internal */
export function csrEma(next: Csr, old: Csr, alpha: bigint): Csr {
  const n = csrRows(next)
  const oldRows = csrRows(old)
  let cap = 0
  for (let i = 0; i < n; i++) {
    cap += (next.ptr[i + 1] as number) - (next.ptr[i] as number)
    if (i < oldRows) cap += (old.ptr[i + 1] as number) - (old.ptr[i] as number)
  }
  const out = csrAlloc(n, cap)
  if (n === 0) return out
  const oma = satSubG(ONE, alpha)
  const acc = new BigInt64Array(n)
  const hit = new Uint8Array(n)
  let w = 0
  for (let i = 0; i < n; i++) {
    const n0 = next.ptr[i] as number
    const n1 = next.ptr[i + 1] as number
    const o0 = i < oldRows ? (old.ptr[i] as number) : 0
    const o1 = i < oldRows ? (old.ptr[i + 1] as number) : 0
    if (n0 === n1 && o0 === o1) {
      out.ptr[i + 1] = w
      continue
    }
    let lo = n
    let hi = -1
    for (let k = n0; k < n1; k++) {
      const j = next.col[k] as number
      if (j < n) {
        const x = next.val[k] as bigint
        if (x !== 0n) acc[j] = addF(acc[j] as bigint, mulF(alpha, x))
        hit[j] = 1
        if (j < lo) lo = j
        if (j > hi) hi = j
      }
    }
    for (let k = o0; k < o1; k++) {
      const j = old.col[k] as number
      if (j < n) {
        const x = old.val[k] as bigint
        if (x !== 0n) acc[j] = addF(acc[j] as bigint, mulF(oma, x))
        hit[j] = 1
        if (j < lo) lo = j
        if (j > hi) hi = j
      }
    }
    for (let j = lo; j <= hi; j++) {
      if (hit[j] === 1) {
        const x = acc[j] as bigint
        if (x > 0n) {
          out.col[w] = j
          out.val[w] = x
          w++
        }
        acc[j] = 0n
        hit[j] = 0
      }
    }
    out.ptr[i + 1] = w
  }
  return out
}
