import { addF as addFImport } from './csr.js'
import { satAdd as satAddImport, satSub as satSubImport } from './fx.js'

// Module-local references (a live-binding read per call costs in hot loops).
const addF = addFImport

// Module-local references: cheaper than a live-binding read per call in hot loops.
const satAdd = satAddImport
const satSub = satSubImport

/**
 * The quickselect loop; `stake.length === score.length` is the caller's job.
 *
 * @internal
 */
export function medianCore(
  stake: readonly bigint[],
  score: readonly bigint[],
  partitionIdx: readonly number[],
  minority: bigint,
  lo0: bigint,
  hi0: bigint,
): bigint {
  let lo = lo0
  let hi = hi0
  let current: readonly number[] = partitionIdx
  const limit = partitionIdx.length
  let counter = 0
  for (;;) {
    const n = current.length
    if (n === 0) return 0n
    if (n === 1) return score[current[0] as number] ?? 0n
    const pivot = score[current[n >> 1] as number] ?? 0n
    let loStake = 0n
    let hiStake = 0n
    const lower: number[] = []
    const upper: number[] = []
    for (let t = 0; t < n; t++) {
      const idx = current[t] as number
      const s = score[idx] ?? 0n
      if (s === pivot) continue
      if (s < pivot) {
        loStake = satAdd(loStake, stake[idx] ?? 0n)
        lower.push(idx)
      } else {
        hiStake = satAdd(hiStake, stake[idx] ?? 0n)
        upper.push(idx)
      }
    }
    const loEdge = satAdd(lo, loStake)
    if (minority < loEdge && lower.length > 0) {
      current = lower
      hi = loEdge
    } else {
      const hiEdge = satSub(hi, hiStake)
      if (hiEdge <= minority && upper.length > 0) {
        current = upper
        lo = hiEdge
      } else return pivot
    }
    counter++
    if (counter > limit) return 0n
  }
}

/**
 * {@link medianCore} on typed arrays for the epoch (scores at `score[base …]`): partition = all m rows, lo = 0,
 * hi = `hi0`, and `scratch` (≥ 3m Int32 slots) holding the current, lower and upper index
 * lists, so that no array is allocated per iteration. Same comparisons, same saturating
 * partial sums in the same order.
 *
 * @internal
 */
export function medianTyped(
  stake: BigInt64Array,
  score: BigInt64Array,
  base: number,
  m: number,
  minority: bigint,
  hi0: bigint,
  scratch: Int32Array,
): bigint {
  let cur = 0
  let lowBuf = m
  let upBuf = 2 * m
  for (let t = 0; t < m; t++) scratch[t] = t
  let len = m
  let lo = 0n
  let hi = hi0
  let counter = 0
  for (;;) {
    if (len === 0) return 0n
    if (len === 1) return score[base + (scratch[cur] as number)] as bigint
    const pivot = score[base + (scratch[cur + (len >> 1)] as number)] as bigint
    let loStake = 0n
    let hiStake = 0n
    let nl = 0
    let nu = 0
    for (let t = 0; t < len; t++) {
      const idx = scratch[cur + t] as number
      const s = score[base + idx] as bigint
      if (s === pivot) continue
      if (s < pivot) {
        loStake = addF(loStake, stake[idx] as bigint)
        scratch[lowBuf + nl] = idx
        nl++
      } else {
        hiStake = addF(hiStake, stake[idx] as bigint)
        scratch[upBuf + nu] = idx
        nu++
      }
    }
    const loEdge = addF(lo, loStake)
    if (minority < loEdge && nl > 0) {
      const free = cur
      cur = lowBuf
      lowBuf = free
      len = nl
      hi = loEdge
    } else {
      const hiEdge = satSub(hi, hiStake)
      if (hiEdge <= minority && nu > 0) {
        const free = cur
        cur = upBuf
        upBuf = free
        len = nu
        lo = hiEdge
      } else return pivot
    }
    counter++
    if (counter > m) return 0n
  }
}
