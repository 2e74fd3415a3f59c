/**
 * Float arithmetic that reproduces what torch 1.13 on x86 CPU does for the handful of kernels the
 * yuma-simulation code uses, so the Python references can be replayed value for value.
 *
 * - Every elementwise op rounds its result to the tensor dtype (`r`): `Math.fround` for float32,
 *   identity for float64. For `+ − × ÷` a float64 operation followed by `Math.fround` is the
 *   correctly rounded float32 result.
 * - Python scalars meeting a tensor are cast to the tensor dtype first (`r(scalar)`).
 * - `sum` follows ATen's `cascade_sum` (SumKernel.cpp): the reduced dimension is walked by
 *   `row_sum` (4 interleaved accumulators) or `multi_row_sum` (16-step cascade), and contiguous
 *   inner reductions of at least one SIMD vector are summed per lane. `cumsum` accumulates in
 *   double (`acc_type<float, false>` on CPU) and rounds each output.
 *
 * Not exported from the package.
 */

/** The dtype context: rounding function, SIMD lanes of the sum kernel, largest finite value. */
export type Dtype = {
  readonly r: (x: number) => number
  readonly lanes: number
  readonly max: number
}

// The references appear to come from an AVX-512 machine (ANCHORS.md: Cascade Lake), where torch
// 1.13 dispatches to its AVX512 kernels: 16 float32 / 8 float64 lanes (only long sums depend on it).
/** torch.float32 with AVX-512 kernels (16 lanes). */
export const f32: Dtype = { r: Math.fround, lanes: 16, max: 3.4028234663852886e38 }
/** torch.float64 with AVX-512 kernels (8 lanes). */
export const f64: Dtype = { r: (x) => x, lanes: 8, max: Number.MAX_VALUE }

type Load = (i: number) => number

/** ATen `multi_row_sum` for one lane: a 4-level cascade with 16-element steps. */
function cascade(load: Load, size: number, r: Dtype['r']): number {
  const levels = 4
  const power = Math.max(4, Math.floor(ceilLog2(size) / levels))
  const step = 1 << power
  const mask = step - 1
  const acc = [0, 0, 0, 0]
  let i = 0
  while (i + step <= size) {
    for (let j = 0; j < step; j++, i++) acc[0] = r((acc[0] as number) + load(i))
    for (let j = 1; j < levels; j++) {
      acc[j] = r((acc[j] as number) + (acc[j - 1] as number))
      acc[j - 1] = 0
      if ((i & (mask << (j * power))) !== 0) break
    }
  }
  for (; i < size; i++) acc[0] = r((acc[0] as number) + load(i))
  let s = acc[0] as number
  for (let j = 1; j < levels; j++) s = r(s + (acc[j] as number))
  return s
}

function ceilLog2(x: number): number {
  if (x <= 2) return 1
  return Math.ceil(Math.log2(x))
}

/** ATen `row_sum`: four interleaved cascades, the tail added to the first, then combined. */
function rowSum(load: Load, size: number, r: Dtype['r']): number {
  const ilp = 4
  const sizeIlp = Math.floor(size / ilp)
  const p: number[] = []
  for (let k = 0; k < ilp; k++) p.push(cascade((i) => load(i * ilp + k), sizeIlp, r))
  let s = p[0] as number
  for (let i = sizeIlp * ilp; i < size; i++) s = r(s + load(i))
  for (let k = 1; k < ilp; k++) s = r(s + (p[k] as number))
  return s
}

/** ATen `vectorized_inner_sum` for one output: per-lane `row_sum`, tail, then the lanes. */
function vectorInnerSum(load: Load, size: number, d: Dtype): number {
  const L = d.lanes
  const vecSize = Math.floor(size / L)
  let s = 0
  for (let k = vecSize * L; k < size; k++) s = d.r(s + load(k))
  for (let l = 0; l < L; l++) s = d.r(s + rowSum((v) => load(v * L + l), vecSize, d.r))
  return s
}

/** Sum of a contiguous run `a[off], a[off+1], …` (a contiguous inner reduction). */
export function innerSum(a: ArrayLike<number>, off: number, size: number, d: Dtype): number {
  const load: Load = (i) => a[off + i] as number
  return size >= d.lanes ? vectorInnerSum(load, size, d) : rowSum(load, size, d.r)
}

/** Row sums of a contiguous rows×cols matrix (`m.sum(dim=1)`). */
export function rowSums(m: Float64Array, rows: number, cols: number, d: Dtype): Float64Array {
  const out = new Float64Array(rows)
  for (let i = 0; i < rows; i++) out[i] = innerSum(m, i * cols, cols, d)
  return out
}

/** Column sums of a contiguous rows×cols matrix (`m.sum(dim=0)`, an outer reduction). */
export function colSums(m: Float64Array, rows: number, cols: number, d: Dtype): Float64Array {
  const out = new Float64Array(cols)
  const col =
    (j: number): Load =>
    (i) =>
      m[i * cols + j] as number
  // vectorized_outer_sum (≥ one vector of columns): blocks of 4 vectors use multi_row_sum,
  // single vectors and the tail use row_sum. scalar_outer_sum: groups of 4 columns use
  // multi_row_sum, the rest row_sum.
  const cascadeEnd =
    cols >= d.lanes ? Math.floor(cols / (4 * d.lanes)) * 4 * d.lanes : Math.floor(cols / 4) * 4
  for (let j = 0; j < cols; j++)
    out[j] = j < cascadeEnd ? cascade(col(j), rows, d.r) : rowSum(col(j), rows, d.r)
  return out
}

/** `torch.nan_to_num(x, 0)`: NaN → 0, ±∞ → ±max finite. */
export function nanToNum(x: number, d: Dtype): number {
  if (Number.isNaN(x)) return 0
  if (x === Number.POSITIVE_INFINITY) return d.max
  if (x === Number.NEGATIVE_INFINITY) return -d.max
  return x
}

/** `Tensor.int()` on x86: truncation; NaN and out-of-range give INT_MIN (`cvttss2si`). */
export function toInt32X86(x: number): number {
  if (Number.isNaN(x) || x >= 2147483648 || x <= -2147483649) return -2147483648
  return Math.trunc(x)
}
