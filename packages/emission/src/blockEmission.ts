import { BaseError } from '@dtao/errors'
import { I96F32 } from '@dtao/fixed'
import { DEFAULT_BLOCK_EMISSION, TOTAL_SUPPLY } from './constants.js'
import { u64 } from './internal/check.js'

const supplyBits = I96F32.saturatingFromNum(TOTAL_SUPPLY)
const halfSupplyTimesTwo = I96F32.saturatingMul(
  I96F32.saturatingFromNum(2.0),
  I96F32.saturatingFromNum(10_500_000_000_000_000.0),
)
const two = I96F32.saturatingFromNum(2.0)
const baseBits = I96F32.saturatingFromNum(DEFAULT_BLOCK_EMISSION)

/**
 * Rao (or alpha-rao) emitted per block at an issuance: the chain's I96F32 pipeline
 * `⌊(1 ⊘ 2^⌊log2(1 ⊘ (1 − I ⊘ 21e15))⌋) ⊗ 10⁹⌋`, bit for bit. Issuance at or above the
 * 21 M supply gives 0 (defined, not an error). The same function drives every subnet's alpha
 * emission from its alpha issuance.
 *
 * @param issuance - `TotalIssuance` in rao (u64), or a subnet's alpha issuance.
 * @returns The emission per block, u64.
 * @throws {@link InvalidAmountError} if `issuance` is not a u64 `bigint`.
 * @example
 * ```ts
 * import { blockEmissionForIssuance } from '@dtao/emission'
 * blockEmissionForIssuance(11_200_000_000_000_000n) // 500000000n
 * blockEmissionForIssuance(21_000_000_000_000_000n) // 0n
 * ```
 * @see subtensor pallets/subtensor/src/coinbase/block_emission.rs · get_block_emission_for_issuance
 */
export function blockEmissionForIssuance(issuance: bigint): bigint {
  u64('issuance', issuance)
  const totalIssuance = I96F32.saturatingFromNum(issuance)
  if (totalIssuance >= supplyBits) return 0n
  // Each checked step is Err only for I ≥ supply, excluded above; kept as the chain has them.
  const ratio = I96F32.checkedDiv(totalIssuance, halfSupplyTimesTwo)
  if (ratio === undefined) return 0n
  const rest = I96F32.checkedSub(I96F32.ONE, ratio)
  if (rest === undefined) return 0n
  const inverse = I96F32.checkedDiv(I96F32.ONE, rest)
  if (inverse === undefined) return 0n
  const residual = I96F32.log2(inverse)
  if (residual === undefined) return 0n
  const flooredInt = I96F32.saturatingToNum(I96F32.floor(residual), 'u64')
  let multiplier: bigint = I96F32.ONE
  for (let i = 0n; i < flooredInt; i++) multiplier = I96F32.saturatingMul(multiplier, two)
  const percentage = I96F32.safeDiv(I96F32.ONE, multiplier)
  const emission = I96F32.saturatingMul(percentage, baseBits)
  return I96F32.saturatingToNum(emission, 'u64')
}

/**
 * The halving index k at an issuance: the largest n ≥ 0 with `2ⁿ·(supply − I) ≤ supply`
 * (exact rational form of the chain's `⌊log2⌋`; emission is `⌊10⁹ / 2^k⌋`). `undefined` at or
 * above the supply, where emission is 0.
 *
 * @param issuance - Issuance in rao (u64).
 * @returns k, or `undefined` once the supply is reached.
 * @throws {@link InvalidAmountError} if `issuance` is not a u64 `bigint`.
 * @example
 * ```ts
 * import { halvingIndex } from '@dtao/emission'
 * halvingIndex(10_500_000_000_000_000n) // 1
 * halvingIndex(15_749_999_999_999_999n) // 1
 * ```
 * @see subtensor pallets/subtensor/src/coinbase/block_emission.rs · get_block_emission_for_issuance
 */
export function halvingIndex(issuance: bigint): number | undefined {
  u64('issuance', issuance)
  if (issuance >= TOTAL_SUPPLY) return undefined
  const left = TOTAL_SUPPLY - issuance
  let n = 0
  while (left << BigInt(n + 1) <= TOTAL_SUPPLY) n++
  return n
}

/**
 * The first integer issuance at which halving `index` is in effect: `supply − ⌊supply / 2ⁿ⌋`
 * (= ⌈supply·(1 − 2⁻ⁿ)⌉).
 *
 * @param index - Halving number n ≥ 0 (0 is the start).
 * @returns The threshold issuance in rao.
 * @throws {@link InvalidHalvingIndexError} if `index` is not an integer in [0, 64].
 * @example
 * ```ts
 * import { halvingThreshold } from '@dtao/emission'
 * halvingThreshold(1) // 10500000000000000n
 * halvingThreshold(30) // 20999999980442226n
 * ```
 */
export function halvingThreshold(index: number): bigint {
  if (!Number.isInteger(index) || index < 0 || index > 64)
    throw new InvalidHalvingIndexError({ index })
  return TOTAL_SUPPLY - (TOTAL_SUPPLY >> BigInt(index))
}

/** The next halving after an issuance, from {@link nextHalving}. */
export type NextHalving = {
  /** The halving number that comes next (current index + 1). */
  readonly index: number
  /** The issuance at which it takes effect, rao. */
  readonly threshold: bigint
  /** Rao still to be issued before it: `threshold − issuance`. */
  readonly remaining: bigint
  /** Emission per block now, rao. */
  readonly emissionBefore: bigint
  /** Emission per block after it, rao. */
  readonly emissionAfter: bigint
}

/**
 * The next halving at an issuance. `undefined` once emission is already 0 (issuance past the
 * 30th threshold, 20 999 999 980 442 226 rao, or the supply).
 *
 * @param issuance - Issuance in rao (u64).
 * @returns The next halving, or `undefined`.
 * @throws {@link InvalidAmountError} if `issuance` is not a u64 `bigint`.
 * @example
 * ```ts
 * import { nextHalving } from '@dtao/emission'
 * nextHalving(11_200_000_000_000_000n)
 * // { index: 2, threshold: 15750000000000000n, remaining: 4550000000000000n,
 * //   emissionBefore: 500000000n, emissionAfter: 250000000n }
 * ```
 */
export function nextHalving(issuance: bigint): NextHalving | undefined {
  const k = halvingIndex(issuance)
  if (k === undefined) return undefined
  const emissionBefore = blockEmissionForIssuance(issuance)
  if (emissionBefore === 0n) return undefined
  const threshold = halvingThreshold(k + 1)
  return {
    index: k + 1,
    threshold,
    remaining: threshold - issuance,
    emissionBefore,
    emissionAfter: DEFAULT_BLOCK_EMISSION >> BigInt(k + 1),
  }
}

/**
 * Estimated block of the next halving, assuming the current emission per block continues and
 * `netRecyclePerBlock` rao leave `TotalIssuance` every block (recycling, unissued dust). Halvings
 * are driven by issuance, not height, so this is an estimate; `undefined` when no halving comes
 * (emission 0, or recycling ≥ emission).
 *
 * @param issuance - `TotalIssuance` now, rao.
 * @param currentBlock - The current block number.
 * @param options - `netRecyclePerBlock` (default 0n).
 * @returns The first block whose issuance is at or past the threshold, or `undefined`.
 * @throws {@link InvalidAmountError} on a negative or non-bigint input.
 * @example
 * ```ts
 * import { estimateHalvingBlock } from '@dtao/emission'
 * estimateHalvingBlock(15_749_999_000_000_000n, 100n) // 102n (2 blocks of 0.5 TAO)
 * ```
 */
export function estimateHalvingBlock(
  issuance: bigint,
  currentBlock: bigint,
  options: { readonly netRecyclePerBlock?: bigint } = {},
): bigint | undefined {
  u64('currentBlock', currentBlock)
  const recycle = u64('netRecyclePerBlock', options.netRecyclePerBlock ?? 0n)
  const next = nextHalving(issuance)
  if (next === undefined) return undefined
  const rate = next.emissionBefore - recycle
  if (rate <= 0n) return undefined
  return currentBlock + (next.remaining + rate - 1n) / rate
}

/**
 * A halving index that is not an integer in [0, 64].
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * import { halvingThreshold } from '@dtao/emission'
 * try { halvingThreshold(-1) } catch (e) { isDtaoError(e, 'Emission.InvalidHalvingIndexError') } // true
 * ```
 */
export class InvalidHalvingIndexError extends BaseError {
  /** The stable error code. */
  override readonly name = 'Emission.InvalidHalvingIndexError'
  /** The rejected index. */
  readonly index: number

  constructor({ index }: { index: number }) {
    super(`Halving index ${index} is not an integer in [0, 64].`)
    this.index = index
  }
}
