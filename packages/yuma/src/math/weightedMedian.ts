import { satSub } from '../internal/fx.js'
import { medianCore } from '../internal/median.js'
import type { DenseMatrix, SparseMatrix } from '../types.js'
import { inplaceNormalize, sum } from './vector.js'

/**
 * `weighted_median`: the chain's deterministic mid-pivot quickselect of the stake-weighted
 * median. Partial stake sums are saturating and taken in partition order; the result is 0 when
 * `stake` and `score` differ in length or the partition is empty.
 *
 * @param stake - Normalised stake (I32F32 bits).
 * @param score - Scores (I32F32 bits).
 * @param options - `partitionIdx`, `minority` (= Σstake ⊖ majority), `partitionLo`, `partitionHi`.
 * @returns The median score (I32F32 bits).
 * @example
 * ```ts
 * import { weightedMedian } from '@dtao/yuma'
 * const half = 1n << 31n
 * weightedMedian([half, half], [858993459n, 3435973837n], {
 *   partitionIdx: [0, 1], minority: 2147516416n, partitionLo: 0n, partitionHi: 1n << 32n,
 * }) // 3435973837n (κ = 32767/65535 < ½ picks the higher vote)
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · weighted_median
 */
export function weightedMedian(
  stake: readonly bigint[],
  score: readonly bigint[],
  options: {
    /** Indices forming the partition. */
    readonly partitionIdx: readonly number[]
    /** 1 − majority. */
    readonly minority: bigint
    /** Lower stake edge of the partition. */
    readonly partitionLo: bigint
    /** Upper stake edge of the partition. */
    readonly partitionHi: bigint
  },
): bigint {
  if (stake.length !== score.length) return 0n
  return medianCore(
    stake,
    score,
    options.partitionIdx,
    options.minority,
    options.partitionLo,
    options.partitionHi,
  )
}

/**
 * `weighted_median_col`: per column of a dense score matrix, the weighted median over rows with
 * positive stake (rows of the wrong width vote 0 with stake 0).
 *
 * @example
 * ```ts
 * import { weightedMedianCol } from '@dtao/yuma'
 * weightedMedianCol([1n << 31n, 1n << 31n], [[0n], [1n << 32n]], 2147450879n) // [4294967296n]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · weighted_median_col
 */
export function weightedMedianCol(
  stake: readonly bigint[],
  score: DenseMatrix,
  majority: bigint,
): bigint[] {
  const columns = score[0]?.length ?? 0
  const median = new Array<bigint>(columns).fill(0n)
  for (let c = 0; c < columns; c++) {
    const useStake: bigint[] = []
    const useScore: bigint[] = []
    for (let r = 0; r < stake.length; r++) {
      const st = stake[r] as bigint
      if (st > 0n) {
        const row = score[r]
        if (row !== undefined && row.length === columns) {
          useStake.push(st)
          useScore.push(row[c] ?? 0n)
        } else {
          useStake.push(0n)
          useScore.push(0n)
        }
      }
    }
    if (useStake.length > 0) {
      inplaceNormalize(useStake)
      const stakeSum = sum(useStake)
      const minority = satSub(stakeSum, majority)
      const idxs = useStake.map((_, i) => i)
      median[c] = medianCore(useStake, useScore, idxs, minority, 0n, stakeSum)
    }
  }
  return median
}

/**
 * `weighted_median_col_sparse`: per column < `columns`, the weighted median of the votes of
 * the positive-stake rows (an absent entry votes 0), with κ = `majority`.
 *
 * @example
 * ```ts
 * import { weightedMedianColSparse } from '@dtao/yuma'
 * weightedMedianColSparse([1n << 31n, 1n << 31n], [[], [[0, 1n << 32n]]], 1, 2147450879n) // [4294967296n]
 * ```
 * @see subtensor pallets/subtensor/src/epoch/math.rs · weighted_median_col_sparse
 */
export function weightedMedianColSparse(
  stake: readonly bigint[],
  score: SparseMatrix,
  columns: number,
  majority: bigint,
): bigint[] {
  const useStake = stake.filter((s) => s > 0n)
  inplaceNormalize(useStake)
  const stakeSum = sum(useStake)
  const minority = satSub(stakeSum, majority)
  const m = useStake.length
  const idxs = useStake.map((_, i) => i)
  const useScore: bigint[][] = []
  for (let c = 0; c < columns; c++) useScore.push(new Array<bigint>(m).fill(0n))
  let k = 0
  const rows = Math.min(stake.length, score.length)
  for (let i = 0; i < rows; i++) {
    if ((stake[i] as bigint) > 0n) {
      for (const [c, v] of score[i] as SparseMatrix[number]) {
        const col = useScore[c]
        if (col !== undefined && k < m) col[k] = v
      }
      k++
    }
  }
  return useScore.map((col) => medianCore(useStake, col, idxs, minority, 0n, stakeSum))
}
