/**
 * One entry of a sparse row as the chain stores it: `(uid, u16)`.
 *
 * @example
 * ```ts
 * import type { SparseEntryU16 } from '@dtao/yuma'
 * const e: SparseEntryU16 = [3, 65535]
 * ```
 */
export type SparseEntryU16 = readonly [uid: number, value: number]

/**
 * A sparse row of `(uid, u16)` pairs, in storage order (order is part of the chain's result).
 *
 * @example
 * ```ts
 * import type { SparseRowU16 } from '@dtao/yuma'
 * const row: SparseRowU16 = [[4, 19660], [3, 45875]]
 * ```
 */
export type SparseRowU16 = readonly SparseEntryU16[]

/**
 * One entry of a sparse fixed-point row: `(column, raw bits)`.
 *
 * @example
 * ```ts
 * import type { SparseEntry } from '@dtao/yuma'
 * const e: SparseEntry = [1, 1n << 31n] // column 1, I32F32 0.5
 * ```
 */
export type SparseEntry = readonly [col: number, bits: bigint]

/**
 * A sparse row of fixed-point raw bits, entries in the order the code produced them.
 *
 * @example
 * ```ts
 * import type { SparseRow } from '@dtao/yuma'
 * const row: SparseRow = [[0, 4294967296n], [2, 0n]]
 * ```
 */
export type SparseRow = readonly SparseEntry[]

/**
 * A sparse matrix (`Vec<Vec<(u16, I32F32)>>`): one row per uid, raw bits.
 *
 * @example
 * ```ts
 * import type { SparseMatrix } from '@dtao/yuma'
 * const m: SparseMatrix = [[[1, 4294967296n]], []]
 * ```
 */
export type SparseMatrix = readonly SparseRow[]

/**
 * A dense matrix of raw bits (`Vec<Vec<I32F32>>`); rows may differ in length, as in Rust.
 *
 * @example
 * ```ts
 * import type { DenseMatrix } from '@dtao/yuma'
 * const m: DenseMatrix = [[0n, 4294967296n], [4294967296n, 0n]]
 * ```
 */
export type DenseMatrix = readonly (readonly bigint[])[]
