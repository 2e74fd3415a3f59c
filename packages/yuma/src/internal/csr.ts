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
const L31 = 1n << 31n
const L62 = 1n << 62n

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

/** Reused buffers of {@link csrScratch}, per slot. */
const pool: { ptr: Int32Array; col: Int32Array; val: BigInt64Array }[] = []
const POOL_LIMIT = 1 << 20

/**
 * Like {@link csrAlloc}, but on buffers kept between calls in `slot` (up to 2^20 entries), for
 * matrices that never outlive one epoch: a fresh megabyte of ArrayBuffers per epoch costs
 * off-heap allocation and more frequent garbage collection. Only `ptr[0]` is zeroed: the caller
 * writes every `ptr[i + 1]` and every entry it keeps (or zeroes `val` itself).
 *
 * @internal
 */
export function csrScratch(slot: number, rows: number, capacity: number): Csr {
  if (rows + 1 > POOL_LIMIT || capacity > POOL_LIMIT) return csrAlloc(rows, capacity)
  let b = pool[slot]
  if (b === undefined || b.ptr.length < rows + 1 || b.col.length < capacity) {
    const r = Math.max(rows + 1, b?.ptr.length ?? 0)
    const c = Math.max(capacity, b?.col.length ?? 0)
    b = { ptr: new Int32Array(r), col: new Int32Array(c), val: new BigInt64Array(c) }
    pool[slot] = b
  }
  const m = {
    ptr: b.ptr.subarray(0, rows + 1),
    col: b.col.subarray(0, capacity),
    val: b.val.subarray(0, capacity),
  }
  m.ptr[0] = 0
  return m
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

/**
 * `out[k] = a.safe_div(b)` (I32F32), written so that V8 keeps every step in int64 registers: each
 * branch stores its own result (a BigInt that merges two branches is boxed on the heap), and
 * every intermediate is `BigInt.asIntN(64, …)` of a value that provably fits, so the wrapping is
 * a no-op. For b ≥ 2 and 0 ≤ a < 2^32 the exact quotient q = ⌊a·2^32 / b⌋ is < 2^63 (no
 * overflow, as safe_div's check would also find) and:
 * - a < 2^31: a·2^32 < 2^63 is one signed 64-bit division;
 * - 2^31 ≤ a < 2^32: with x = a·2^31 < 2^63, q₁ = ⌊x / b⌋, r₁ = x − q₁·b ∈ [0, b), we get
 *   a·2^32 = 2x = 2q₁·b + 2r₁ with 0 ≤ 2r₁ < 2b, so q = 2q₁ + [2r₁ ≥ b]; b < 2^62 keeps
 *   2r₁ < 2^63.
 * Anything else takes the general formula. Integer arithmetic only: the same bits.
 *
 * @internal
 */
export function storeDivF(out: BigInt64Array, k: number, a: bigint, b: bigint): void {
  if (b > 1n && b < L62 && a >= 0n && a < L32) {
    if (a < L31) out[k] = BigInt.asIntN(64, a << 32n) / b
    else {
      const x = BigInt.asIntN(64, a << 31n)
      const q1 = BigInt.asIntN(64, x / b)
      const r1 = BigInt.asIntN(64, x - BigInt.asIntN(64, q1 * b))
      const q2 = BigInt.asIntN(64, q1 << 1n)
      if (BigInt.asIntN(64, r1 << 1n) >= b) out[k] = BigInt.asIntN(64, q2 + 1n)
      else out[k] = q2
    }
  } else out[k] = safeDivG(a, b)
}

/** `out[k] = out[k].saturating_add(x)` (I32F32), each branch storing its own result. @internal */
export function storeAddF(out: BigInt64Array, k: number, x: bigint): void {
  const a = out[k] as bigint
  if (a >= 0n && x >= 0n) {
    // a + x < 2^64: it wraps negative exactly when it exceeds i64::MAX.
    const s = BigInt.asIntN(64, a + x)
    if (s < 0n) out[k] = MAX
    else out[k] = s
  } else out[k] = satAddG(a, x)
}

/**
 * `out[k] = out[k].saturating_add(a.saturating_mul(b))` (I32F32), each branch storing its own
 * result. For 0 ≤ a, b < 2^32 the product a·b < 2^64 is exact in a u64 and (a·b) >> 32 < 2^32
 * needs no clamp; the rest takes the general formulas.
 *
 * @internal
 */
export function storeMulAddF(out: BigInt64Array, k: number, a: bigint, b: bigint): void {
  if (a >= 0n && a < L32 && b >= 0n && b < L32)
    storeAddF(out, k, BigInt.asIntN(64, BigInt.asUintN(64, a * b) >> 32n))
  else storeAddF(out, k, satMulG(a, b))
}

/** `out[k] = a.saturating_mul(b)` (I32F32), each branch storing its own result. @internal */
export function storeMulF(out: BigInt64Array, k: number, a: bigint, b: bigint): void {
  if (a >= 0n && a < L32 && b >= 0n && b < L32)
    out[k] = BigInt.asIntN(64, BigInt.asUintN(64, a * b) >> 32n)
  else out[k] = satMulG(a, b)
}

/** Saturating column sums over j < columns. @internal */
export function csrColSums(m: Csr, columns: number): BigInt64Array {
  const sums = new BigInt64Array(columns)
  const end = m.ptr[csrRows(m)] as number
  const col = m.col
  const val = m.val
  for (let k = 0; k < end; k++) {
    const j = col[k] as number
    if (j < columns) storeAddF(sums, j, val[k] as bigint)
  }
  return sums
}

/** `inplace_col_normalize_sparse`. @internal */
export function csrColNormalize(m: Csr, columns: number): void {
  const sums = csrColSums(m, columns)
  // A sum that is a whole number D (as for raw I32F32(u16) bonds) divides exactly like
  // x ⊘ D·2^32 = trunc(x·2^32 / (D·2^32)) = trunc(x / D), for every x, and |x / D| ≤ |x| cannot
  // overflow: one int64 division.
  const whole = new BigInt64Array(columns)
  for (let j = 0; j < columns; j++) {
    const d = sums[j] as bigint
    if (d > 0n && BigInt.asIntN(64, d & 0xffffffffn) === 0n) whole[j] = BigInt.asIntN(64, d >> 32n)
  }
  const end = m.ptr[csrRows(m)] as number
  const col = m.col
  const val = m.val
  for (let k = 0; k < end; k++) {
    const j = col[k] as number
    if (j >= columns) continue
    const x = val[k] as bigint
    const d = sums[j] as bigint
    if (x === 0n || d === 0n) continue
    const w = whole[j] as bigint
    if (w !== 0n) val[k] = x / w
    else storeDivF(val, k, x, d)
  }
}

/** `inplace_col_max_upscale_sparse`. @internal */
export function csrColMaxUpscale(m: Csr, columns: number): void {
  const maxes = new BigInt64Array(columns)
  const end = m.ptr[csrRows(m)] as number
  const col = m.col
  const val = m.val
  for (let k = 0; k < end; k++) {
    const j = col[k] as number
    const x = val[k] as bigint
    if (j < columns && (maxes[j] as bigint) < x) maxes[j] = x
  }
  for (let k = 0; k < end; k++) {
    const j = col[k] as number
    if (j >= columns) continue
    const x = val[k] as bigint
    const d = maxes[j] as bigint
    if (x !== 0n && d !== 0n) storeDivF(val, k, x, d)
  }
}

/** `scalar_vec_mask_sparse_matrix` with `scalar <= vector[j]` (drops those). @internal */
export function csrMaskRecentlyRegistered(m: Csr, scalar: bigint, vector: readonly bigint[]): Csr {
  const rows = csrRows(m)
  const out = csrAlloc(rows, m.ptr[rows] as number)
  // The comparison per column once, not per entry (a missing vector[j] reads as 0).
  const end = m.ptr[rows] as number
  let cols = 0
  for (let k = 0; k < end; k++) if ((m.col[k] as number) >= cols) cols = (m.col[k] as number) + 1
  const drop = new Uint8Array(cols)
  for (let j = 0; j < cols; j++) drop[j] = scalar <= (vector[j] ?? 0n) ? 1 : 0
  let w = 0
  for (let i = 0; i < rows; i++) {
    for (let k = m.ptr[i] as number; k < (m.ptr[i + 1] as number); k++) {
      const j = m.col[k] as number
      if (drop[j] === 0) {
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
        if (x !== 0n) storeMulAddF(acc, j, alpha, x)
        hit[j] = 1
        if (j < lo) lo = j
        if (j > hi) hi = j
      }
    }
    for (let k = o0; k < o1; k++) {
      const j = old.col[k] as number
      if (j < n) {
        const x = old.val[k] as bigint
        if (x !== 0n) storeMulAddF(acc, j, oma, x)
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

/**
 * {@link csrEma} for operands known to be in range, with no per-entry range checks (each BigInt
 * comparison is a runtime call in V8; they were most of the kernel's time). Preconditions, which
 * the caller establishes once per matrix: every value of `next` and `old` lies in [0, 2^32]
 * (I32F32 in [0, 1]) and 0 < α < 2^32. Then α·x and (1 − α)·y are < 2^64, so the fast-path
 * product (a·b) >> 32 is exact and below 2^32, saturating_mul never clamps, and a row's
 * accumulator is a sum of fewer than 2^31 such terms (< 2^63), so saturating_add never clamps
 * either: the same bits as {@link csrEma}. Adding a zero product changes nothing, so zeros are
 * not skipped.
 *
 * Returns the matrix and whether every output value is ≤ 2^32. That holds when no row lists a
 * column twice in `next` or in `old`: each output is then ⌊α·x⌋ + ⌊(1 − α)·y⌋ ≤ α + (1 − α) = 1.
 *
 * @internal
 */
export function csrEmaBounded(
  next: Csr,
  old: Csr,
  alpha: bigint,
): { ema: Csr; atMostOne: boolean } {
  const n = csrRows(next)
  const oldRows = csrRows(old)
  let cap = 0
  for (let i = 0; i < n; i++) {
    cap += (next.ptr[i + 1] as number) - (next.ptr[i] as number)
    if (i < oldRows) cap += (old.ptr[i + 1] as number) - (old.ptr[i] as number)
  }
  const out = csrScratch(3, n, cap)
  if (n === 0) return { ema: out, atMostOne: true }
  const oma = BigInt.asIntN(64, ONE - alpha)
  const acc = new BigInt64Array(n)
  // bit 1: seen in `next`, bit 2: seen in `old` (a repeat within one operand breaks the bound)
  const hit = new Uint8Array(n)
  let repeated = false
  const nc = next.col
  const nv = next.val
  const oc = old.col
  const ov = old.val
  const outCol = out.col
  const outVal = out.val
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
      const j = nc[k] as number
      if (j < n) {
        acc[j] = BigInt.asIntN(
          64,
          (acc[j] as bigint) +
            BigInt.asIntN(64, BigInt.asUintN(64, alpha * (nv[k] as bigint)) >> 32n),
        )
        const h = hit[j] as number
        if ((h & 1) !== 0) repeated = true
        hit[j] = h | 1
        if (j < lo) lo = j
        if (j > hi) hi = j
      }
    }
    for (let k = o0; k < o1; k++) {
      const j = oc[k] as number
      if (j < n) {
        acc[j] = BigInt.asIntN(
          64,
          (acc[j] as bigint) +
            BigInt.asIntN(64, BigInt.asUintN(64, oma * (ov[k] as bigint)) >> 32n),
        )
        const h = hit[j] as number
        if ((h & 2) !== 0) repeated = true
        hit[j] = h | 2
        if (j < lo) lo = j
        if (j > hi) hi = j
      }
    }
    for (let j = lo; j <= hi; j++) {
      if (hit[j] !== 0) {
        const x = acc[j] as bigint
        if (x > 0n) {
          outCol[w] = j
          outVal[w] = x
          w++
        }
        acc[j] = 0n
        hit[j] = 0
      }
    }
    out.ptr[i + 1] = w
  }
  return { ema: out, atMostOne: !repeated }
}
