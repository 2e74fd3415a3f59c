/**
 * `TotalSupply`: 21 M TAO in rao; also the alpha supply cap per subnet.
 *
 * @example
 * ```ts
 * import { TOTAL_SUPPLY } from '@dtao/emission'
 * TOTAL_SUPPLY // 21000000000000000n
 * ```
 * @see subtensor pallets/subtensor/src/lib.rs · DefaultTotalSupply
 */
export const TOTAL_SUPPLY: bigint = 21_000_000_000_000_000n

/**
 * `DefaultBlockEmission`: 1 TAO (or 1 alpha) per block before the first halving, in rao.
 *
 * @example
 * ```ts
 * import { DEFAULT_BLOCK_EMISSION } from '@dtao/emission'
 * DEFAULT_BLOCK_EMISSION // 1000000000n
 * ```
 * @see subtensor pallets/subtensor/src/lib.rs · DefaultBlockEmission
 */
export const DEFAULT_BLOCK_EMISSION: bigint = 1_000_000_000n

/**
 * `MAX_TEMPO`: the owner tempo bound and the `BlocksSinceLastStep` safety net of the scheduler.
 *
 * @example
 * ```ts
 * import { MAX_TEMPO } from '@dtao/emission'
 * MAX_TEMPO // 50400
 * ```
 * @see subtensor pallets/subtensor/src/lib.rs · MAX_TEMPO
 */
export const MAX_TEMPO: number = 50_400

/**
 * Default `SubnetOwnerCut` (u16 numerator over 65 535): ≈ 18 %.
 *
 * @example
 * ```ts
 * import { DEFAULT_SUBNET_OWNER_CUT } from '@dtao/emission'
 * DEFAULT_SUBNET_OWNER_CUT // 11796
 * ```
 * @see subtensor runtime/src/lib.rs · SubtensorInitialSubnetOwnerCut
 */
export const DEFAULT_SUBNET_OWNER_CUT: number = 11_796

/**
 * Mainnet `TaoWeight` (raw u64 over `u64::MAX`, ≈ 0.18), written once by `migrate_rao`.
 *
 * @example
 * ```ts
 * import { MAINNET_TAO_WEIGHT, taoWeight } from '@dtao/emission'
 * taoWeight(MAINNET_TAO_WEIGHT) // 773094113n (U96F32 bits)
 * ```
 * @see subtensor pallets/subtensor/src/migrations/migrate_rao.rs · migrate_rao
 */
export const MAINNET_TAO_WEIGHT: bigint = 3_320_413_933_267_719_290n

/**
 * Default `SubnetMovingAlpha` as I96F32 bits (`0.000003` rounded to nearest).
 *
 * @example
 * ```ts
 * import { DEFAULT_SUBNET_MOVING_ALPHA } from '@dtao/emission'
 * DEFAULT_SUBNET_MOVING_ALPHA // 12885n
 * ```
 * @see subtensor pallets/subtensor/src/lib.rs · DefaultMovingAlpha
 */
export const DEFAULT_SUBNET_MOVING_ALPHA: bigint = 12_885n

/**
 * Default `EMAPriceHalvingBlocks` (28 days of 12 s blocks).
 *
 * @example
 * ```ts
 * import { DEFAULT_EMA_PRICE_HALVING_BLOCKS } from '@dtao/emission'
 * DEFAULT_EMA_PRICE_HALVING_BLOCKS // 201600n
 * ```
 * @see subtensor runtime/src/lib.rs · InitialEmaPriceHalvingPeriod
 */
export const DEFAULT_EMA_PRICE_HALVING_BLOCKS: bigint = 201_600n

/**
 * Mainnet `MaxEpochsPerBlock`.
 *
 * @example
 * ```ts
 * import { DEFAULT_MAX_EPOCHS_PER_BLOCK } from '@dtao/emission'
 * DEFAULT_MAX_EPOCHS_PER_BLOCK // 2
 * ```
 * @see subtensor runtime/src/lib.rs · SubtensorMaxEpochsPerBlock
 */
export const DEFAULT_MAX_EPOCHS_PER_BLOCK: number = 2

/**
 * Default `AdminFreezeWindow` in blocks.
 *
 * @example
 * ```ts
 * import { DEFAULT_ADMIN_FREEZE_WINDOW } from '@dtao/emission'
 * DEFAULT_ADMIN_FREEZE_WINDOW // 10
 * ```
 * @see subtensor pallets/subtensor/src/lib.rs · DefaultAdminFreezeWindow
 */
export const DEFAULT_ADMIN_FREEZE_WINDOW: number = 10

/**
 * Blocks in a 365-day year at 12 s per block.
 *
 * @example
 * ```ts
 * import { BLOCKS_PER_YEAR } from '@dtao/emission'
 * BLOCKS_PER_YEAR // 2628000n
 * ```
 */
export const BLOCKS_PER_YEAR: bigint = 2_628_000n

/**
 * The runtime `spec_version` whose rules this package implements by default.
 *
 * @example
 * ```ts
 * import { LATEST_SPEC_VERSION, rulesForSpec } from '@dtao/emission'
 * rulesForSpec(LATEST_SPEC_VERSION).shares // 'price-ema-burn'
 * ```
 */
export const LATEST_SPEC_VERSION: number = 425
