import { storeAddF as storeAddFImport } from './csr.js'
import { satAdd as satAddImport, satSub as satSubImport } from './fx.js'

const cells = new BigInt64Array(6)

// Module-local references: cheaper than a live-binding read per call in hot loops.
const storeAddF = storeAddFImport
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
  // BigInt accumulators live in typed-array cells (a BigInt local that a loop or branch updates
  // is boxed on the heap): c[0] loStake, c[1] hiStake, c[2] lo, c[3] hi, c[4] loEdge, c[5] hiEdge.
  const c = cells
  let cur = 0
  let lowBuf = m
  let upBuf = 2 * m
  for (let t = 0; t < m; t++) scratch[t] = t
  let len = m
  c[2] = 0n
  c[3] = hi0
  let counter = 0
  for (;;) {
    if (len === 0) return 0n
    if (len === 1) return score[base + (scratch[cur] as number)] as bigint
    const pivot = score[base + (scratch[cur + (len >> 1)] as number)] as bigint
    c[0] = 0n
    c[1] = 0n
    let nl = 0
    let nu = 0
    for (let t = 0; t < len; t++) {
      const idx = scratch[cur + t] as number
      const s = score[base + idx] as bigint
      if (s === pivot) continue
      if (s < pivot) {
        storeAddF(c, 0, stake[idx] as bigint)
        scratch[lowBuf + nl] = idx
        nl++
      } else {
        storeAddF(c, 1, stake[idx] as bigint)
        scratch[upBuf + nu] = idx
        nu++
      }
    }
    c[4] = c[2] as bigint
    storeAddF(c, 4, c[0] as bigint)
    if (minority < (c[4] as bigint) && nl > 0) {
      const free = cur
      cur = lowBuf
      lowBuf = free
      len = nl
      c[3] = c[4] as bigint
    } else {
      c[5] = satSub(c[3] as bigint, c[1] as bigint)
      if ((c[5] as bigint) <= minority && nu > 0) {
        const free = cur
        cur = upBuf
        upBuf = free
        len = nu
        c[2] = c[5] as bigint
      } else return pivot
    }
    counter++
    if (counter > m) return 0n
  }
}

/**
 * Per column, the voters (positions in the stake vector) that have a score in it, and their
 * total stake: column c's voters are `uid[c·m …]`, `len[c]` of them, listed once each.
 *
 * @internal
 */
export type VoterLists = {
  uid: Int32Array
  len: Int32Array
  stake: BigInt64Array
  /** The last voter listed per column (−1 for none), to list a repeated entry once. */
  last: Int32Array
}

let uidBuf = new Int32Array(0)
/**
 * The voter table (n·m cells), reused between calls up to 2^20 cells like the epoch's score
 * matrix: only cells below each column's length are read, and those are written first.
 */
function uidScratch(size: number): Int32Array {
  if (size > 1 << 20) return new Int32Array(size)
  if (uidBuf.length < size) uidBuf = new Int32Array(size)
  return uidBuf
}

/** Empty {@link VoterLists} for n columns and m voters. @internal */
export function voterLists(n: number, m: number): VoterLists {
  return {
    uid: uidScratch(n * m),
    len: new Int32Array(n),
    stake: new BigInt64Array(n),
    last: new Int32Array(n).fill(-1),
  }
}

/**
 * {@link medianTyped} of column c, searching only the listed voters, for the case the caller
 * checks: every stake ≥ 0 with an exact total `total` ≤ i64::MAX, so no partial sum saturates.
 *
 * Why it is the same value: with S≤(v) the stake of the column's scores ≤ v, the quickselect
 * returns p*, the smallest score with S≤(p*) > minority (or the largest score when there is
 * none), whatever its pivots: a step goes below the pivot p only when minority < S<(p) (so
 * p* < p) and above only when S≤(p) ≤ minority (so p* > p), and it stops only at p*, since a
 * pivot below p* would leave p* in a non-empty upper part with S≤(p) ≤ minority and one above
 * it in a non-empty lower part with S<(p) > minority. Unlisted positions score 0, the least
 * possible score (weights are ≥ 0), with stake Z = total − listed stake. If some position is
 * unlisted and Z > minority, p* = 0. Otherwise S≤(v) = Z + S≤ over the listed, for every v ≥ 0,
 * so p* is the listed search's answer for minority − Z (and an empty list means every score is
 * 0).
 *
 * @internal
 */
export function medianOfVoters(
  stake: BigInt64Array,
  score: BigInt64Array,
  c: number,
  m: number,
  minority: bigint,
  total: bigint,
  lists: VoterLists,
  scratch: Int32Array,
): bigint {
  const len0 = lists.len[c] as number
  const base = c * m
  const listed = lists.stake[c] as bigint
  const z = BigInt.asIntN(64, total - listed)
  if (len0 < m && z > minority) return 0n
  if (len0 === 0) return 0n
  const uid = lists.uid
  for (let t = 0; t < len0; t++) scratch[t] = uid[base + t] as number
  return medianSearch(stake, score, base, len0, m, BigInt.asIntN(64, minority - z), listed, scratch)
}

/**
 * The quickselect of {@link medianTyped} with plain 64-bit sums (the caller guarantees none
 * saturates, so they equal the saturating ones) over the `len` positions already in `scratch[0 …]`, with hi = `hi0`.
 */
function medianSearch(
  stake: BigInt64Array,
  score: BigInt64Array,
  base: number,
  len0: number,
  m: number,
  minority: bigint,
  hi0: bigint,
  scratch: Int32Array,
): bigint {
  const c = cells
  let cur = 0
  let lowBuf = m
  let upBuf = 2 * m
  let len = len0
  c[2] = 0n
  c[3] = hi0
  for (;;) {
    if (len === 1) return score[base + (scratch[cur] as number)] as bigint
    const pivot = score[base + (scratch[cur + (len >> 1)] as number)] as bigint
    c[0] = 0n
    c[1] = 0n
    let nl = 0
    let nu = 0
    for (let t = 0; t < len; t++) {
      const idx = scratch[cur + t] as number
      const s = score[base + idx] as bigint
      if (s === pivot) continue
      if (s < pivot) {
        c[0] = BigInt.asIntN(64, (c[0] as bigint) + (stake[idx] as bigint))
        scratch[lowBuf + nl] = idx
        nl++
      } else {
        c[1] = BigInt.asIntN(64, (c[1] as bigint) + (stake[idx] as bigint))
        scratch[upBuf + nu] = idx
        nu++
      }
    }
    c[4] = BigInt.asIntN(64, (c[2] as bigint) + (c[0] as bigint))
    if (minority < (c[4] as bigint) && nl > 0) {
      const free = cur
      cur = lowBuf
      lowBuf = free
      len = nl
      c[3] = c[4] as bigint
    } else {
      c[5] = BigInt.asIntN(64, (c[3] as bigint) - (c[1] as bigint))
      if ((c[5] as bigint) <= minority && nu > 0) {
        const free = cur
        cur = upBuf
        upBuf = free
        len = nu
        c[2] = c[5] as bigint
      } else return pivot
    }
  }
}
