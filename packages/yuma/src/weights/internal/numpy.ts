/**
 * NumPy 2 arithmetic for the weight helpers: float32 values rounded with `Math.fround` after every
 * operation, `np.sum`'s pairwise summation and `np.cumsum`'s sequential accumulation.
 * Not exported from the package.
 */

/** A NumPy float dtype: its name and its rounding. */
export type NpDtype = { readonly name: 'float32' | 'float64'; readonly r: (x: number) => number }

/** numpy.float32. */
export const npF32: NpDtype = { name: 'float32', r: Math.fround }
/** numpy.float64. */
export const npF64: NpDtype = { name: 'float64', r: (x) => x }

/** `np.sum` of a 1-D contiguous array: NumPy's `pairwise_sum` (8-way unrolled blocks of ≤ 128). */
export function npSum(
  a: ArrayLike<number>,
  d: NpDtype,
  off: number = 0,
  n: number = a.length,
): number {
  const r = d.r
  if (n < 8) {
    let s = 0
    for (let i = 0; i < n; i++) s = r(s + (a[off + i] as number))
    return s
  }
  if (n <= 128) {
    const acc: number[] = []
    for (let j = 0; j < 8; j++) acc.push(a[off + j] as number)
    let i = 8
    for (; i < n - (n % 8); i += 8)
      for (let j = 0; j < 8; j++) acc[j] = r((acc[j] as number) + (a[off + i + j] as number))
    const [r0, r1, r2, r3, r4, r5, r6, r7] = acc as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ]
    let s = r(r(r(r0 + r1) + r(r2 + r3)) + r(r(r4 + r5) + r(r6 + r7)))
    for (; i < n; i++) s = r(s + (a[off + i] as number))
    return s
  }
  let n2 = Math.floor(n / 2)
  n2 -= n2 % 8
  return r(npSum(a, d, off, n2) + npSum(a, d, off + n2, n - n2))
}

/** `np.cumsum` of a 1-D array in its own dtype. */
export function npCumsum(a: ArrayLike<number>, d: NpDtype): Float64Array {
  const out = new Float64Array(a.length)
  let s = 0
  for (let i = 0; i < a.length; i++) {
    s = d.r(s + (a[i] as number))
    out[i] = s
  }
  return out
}

/** Python's `round(x)` for a float: round half to even. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x)
  const diff = x - f
  if (diff > 0.5) return f + 1
  if (diff < 0.5) return f
  return f % 2 === 0 ? f : f + 1
}
