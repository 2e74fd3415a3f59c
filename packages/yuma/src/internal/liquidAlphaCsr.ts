import { alphaFromDiff as alphaFromDiffImport } from '../liquidAlpha.js'
import { addF as addFImport, type Csr, csrAlloc, csrRows, mulF as mulFImport } from './csr.js'
import { MAX, MIN, ONE } from './fx.js'

// Module-local references (a live-binding read per call costs in hot loops).
const addF = addFImport
const mulF = mulFImport

const alphaFromDiff = alphaFromDiffImport

/**
 * `compute_liquid_alpha_values_sparse` on CSR rows: the same monotone merge scan (an entry
 * after a larger column is never read), with `alpha_sigmoid` memoised by its argument d. Rows
 * whose weights and bonds are both empty are skipped (`undefined`) unless `full` is set: the
 * EMA never reads them.
 *
 * @internal
 */
export function liquidAlphaCsr(
  weights: Csr,
  bonds: Csr,
  consensus: readonly bigint[],
  low: bigint,
  high: bigint,
  slope: bigint,
  full: boolean,
): (BigInt64Array | undefined)[] {
  const memo = new Map<bigint, bigint>()
  const alphaOf = (d: bigint): bigint => {
    let a = memo.get(d)
    if (a === undefined) {
      a = alphaFromDiff(d, low, high, slope)
      memo.set(d, a)
    }
    return a
  }
  const alpha0 = alphaOf(0n)
  const cols = consensus.length
  const rows = Math.min(csrRows(weights), csrRows(bonds))
  const out: (BigInt64Array | undefined)[] = new Array(rows)
  for (let i = 0; i < rows; i++) {
    const w0 = weights.ptr[i] as number
    const w1 = weights.ptr[i + 1] as number
    const b0 = bonds.ptr[i] as number
    const b1 = bonds.ptr[i + 1] as number
    if (!full && w0 === w1 && b0 === b1) continue
    let wi = w0
    let bi = b0
    const row = new BigInt64Array(cols)
    for (let j = 0; j < cols; j++) {
      let w = 0n
      while (wi < w1) {
        const c = weights.col[wi] as number
        if (c < j) wi++
        else {
          if (c === j) w = weights.val[wi] as bigint
          break
        }
      }
      let b = 0n
      while (bi < b1) {
        const c = bonds.col[bi] as number
        if (c < j) bi++
        else {
          if (c === j) b = bonds.val[bi] as bigint
          break
        }
      }
      const cj = consensus[j] as bigint
      if (w === 0n && b === 0n && cj >= 0n) {
        // d = clamp(0 ⊖ Cⱼ, 0, 1) = 0: the common empty cell
        row[j] = alpha0
        continue
      }
      // clamp(x ⊖ y, 0, 1): saturation beyond ±2^63 cannot change a value clamped to [0, 1]
      const x = w >= b ? w - cj : b - w
      const d = x <= 0n ? 0n : x >= ONE ? ONE : x
      row[j] = d === 0n ? alpha0 : alphaOf(d)
    }
    out[i] = row
  }
  return out
}

/** `mat_ema_alpha_sparse` over CSR rows with one α row per matrix row (n columns). @internal */
export function emaAlphaCsr(
  next: Csr,
  old: Csr,
  alphas: readonly (BigInt64Array | undefined)[],
  n: number,
): Csr {
  const rows = csrRows(next)
  const out = csrAlloc(rows, next.ptr[rows] as number)
  const decayed = new BigInt64Array(n)
  let w = 0
  for (let i = 0; i < rows; i++) {
    const a = alphas[i]
    if (a !== undefined) {
      const len = a.length
      const o0 = old.ptr[i] as number
      const o1 = old.ptr[i + 1] as number
      for (let k = o0; k < o1; k++) {
        const j = old.col[k] as number
        if (j < len) decayed[j] = mulF(subF(ONE, a[j] as bigint), old.val[k] as bigint)
      }
      for (let k = next.ptr[i] as number; k < (next.ptr[i + 1] as number); k++) {
        const j = next.col[k] as number
        if (j < len) {
          let inc = mulF(a[j] as bigint, next.val[k] as bigint)
          if (inc < 0n) inc = 0n
          let x = addF(decayed[j] as bigint, inc)
          if (x > ONE) x = ONE
          if (x > 0n) {
            out.col[w] = j
            out.val[w] = x
            w++
          }
        }
      }
      for (let k = o0; k < o1; k++) {
        const j = old.col[k] as number
        if (j < len) decayed[j] = 0n
      }
    }
    out.ptr[i + 1] = w
  }
  return out
}

function subF(a: bigint, b: bigint): bigint {
  const s = a - b
  return s > MAX ? MAX : s < MIN ? MIN : s
}
