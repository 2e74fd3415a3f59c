import { InvalidFloatInputError } from './errors.js'

/**
 * A dense row-major matrix of floats, used by float mode and the yuma-simulation variants.
 * Entry (i, j) is `data[i * cols + j]`. It never mixes with the exact API's bigint matrices.
 *
 * @example
 * ```ts
 * import { floatMatrixFromRows } from '@dtao/yuma'
 * const m = floatMatrixFromRows([[1, 0], [0.5, 0.5]])
 * m.data[1 * m.cols + 0] // 0.5
 * ```
 */
export type FloatMatrix = {
  /** Number of rows. */
  readonly rows: number
  /** Number of columns. */
  readonly cols: number
  /** `rows × cols` entries, row-major. */
  readonly data: Float64Array
}

/**
 * Build a {@link FloatMatrix} from nested arrays (all rows must have the same length).
 *
 * @param rows - The rows.
 * @param options - `cols`: the column count to use when `rows` is empty (default 0).
 * @returns The matrix.
 * @throws {@link InvalidFloatInputError} when rows differ in length.
 * @example
 * ```ts
 * import { floatMatrixFromRows } from '@dtao/yuma'
 * floatMatrixFromRows([[1, 2], [3, 4]]).data // Float64Array [1, 2, 3, 4]
 * ```
 */
export function floatMatrixFromRows(
  rows: readonly ArrayLike<number>[],
  options: { readonly cols?: number } = {},
): FloatMatrix {
  const cols = rows[0]?.length ?? options.cols ?? 0
  const data = new Float64Array(rows.length * cols)
  rows.forEach((row, i) => {
    if (row.length !== cols)
      throw new InvalidFloatInputError({
        field: `rows[${i}]`,
        reason: `has ${row.length} entries, expected ${cols}`,
      })
    for (let j = 0; j < cols; j++) data[i * cols + j] = row[j] as number
  })
  return { rows: rows.length, cols, data }
}

/**
 * The rows of a {@link FloatMatrix} as plain arrays.
 *
 * @param m - The matrix.
 * @returns One array per row.
 * @example
 * ```ts
 * import { floatMatrixFromRows, floatMatrixToRows } from '@dtao/yuma'
 * floatMatrixToRows(floatMatrixFromRows([[1, 2]])) // [[1, 2]]
 * ```
 */
export function floatMatrixToRows(m: FloatMatrix): number[][] {
  const out: number[][] = []
  for (let i = 0; i < m.rows; i++)
    out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)))
  return out
}
