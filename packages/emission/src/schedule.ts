import { BaseError } from '@dtao/errors'
import {
  BLOCKS_PER_YEAR,
  DEFAULT_ADMIN_FREEZE_WINDOW,
  DEFAULT_MAX_EPOCHS_PER_BLOCK,
  MAX_TEMPO,
} from './constants.js'
import { MAX_U64, u64, uint, uniqueNetuids } from './internal/check.js'

/**
 * The scheduler state of one subnet (spec ≥ 423).
 *
 * @example
 * ```ts
 * import type { EpochSchedule } from '@dtao/emission'
 * const s: EpochSchedule = { netuid: 1, tempo: 360, lastEpochBlock: 100n, pendingEpochAt: 0n, blocksSinceLastStep: 0n }
 * ```
 */
export type EpochSchedule = {
  /** The subnet id. */
  readonly netuid: number
  /** `Tempo` (u16); 0 stops epochs. */
  readonly tempo: number
  /** `LastEpochBlock`: the last consumed slot. */
  readonly lastEpochBlock: bigint
  /** `PendingEpochAt` (0 = none). */
  readonly pendingEpochAt: bigint
  /** `BlocksSinceLastStep`. */
  readonly blocksSinceLastStep: bigint
}

function sched(s: EpochSchedule): void {
  uint('tempo', s.tempo, 65535)
  u64('lastEpochBlock', s.lastEpochBlock)
  u64('pendingEpochAt', s.pendingEpochAt)
  u64('blocksSinceLastStep', s.blocksSinceLastStep)
}

/**
 * Whether the subnet's epoch slot is due at `block` (before the per-block cap): never with tempo 0;
 * else a pending trigger that has come, the `MAX_TEMPO` safety net, or `block − last ≥ tempo`.
 *
 * @param schedule - The subnet's scheduler state (with `BlocksSinceLastStep` already incremented for the block).
 * @param block - The block number.
 * @returns Whether it is due.
 * @throws {@link InvalidAmountError} on an out-of-range field.
 * @example
 * ```ts
 * import { shouldRunEpoch } from '@dtao/emission'
 * shouldRunEpoch({ netuid: 1, tempo: 100, lastEpochBlock: 0n, pendingEpochAt: 0n, blocksSinceLastStep: 1n }, 102n) // true
 * ```
 * @see subtensor pallets/subtensor/src/coinbase/run_coinbase.rs · should_run_epoch
 */
export function shouldRunEpoch(schedule: EpochSchedule, block: bigint): boolean {
  sched(schedule)
  u64('block', block)
  if (schedule.tempo === 0) return false
  if (schedule.pendingEpochAt > 0n && block >= schedule.pendingEpochAt) return true
  if (schedule.blocksSinceLastStep > BigInt(MAX_TEMPO)) return true
  const since = block > schedule.lastEpochBlock ? block - schedule.lastEpochBlock : 0n
  return since >= BigInt(schedule.tempo)
}

/**
 * Blocks until the next automatic epoch, `max(last + tempo − block, 0)` (saturating), ignoring
 * pending triggers, the safety net and deferral; `u64::MAX` for tempo 0.
 *
 * @param lastEpochBlock - `LastEpochBlock`.
 * @param tempo - The tempo to use (u16).
 * @param block - The block number.
 * @returns Blocks remaining.
 * @throws {@link InvalidAmountError} on an out-of-range input.
 * @example
 * ```ts
 * import { blocksUntilNextAutoEpoch } from '@dtao/emission'
 * blocksUntilNextAutoEpoch(0n, 10, 5n) // 5n   (test_regular_case)
 * blocksUntilNextAutoEpoch(0n, 0, 100n) // 18446744073709551615n   (test_zero_tempo)
 * ```
 * @see subtensor pallets/subtensor/src/coinbase/run_coinbase.rs · blocks_until_next_auto_epoch
 */
export function blocksUntilNextAutoEpoch(
  lastEpochBlock: bigint,
  tempo: number,
  block: bigint,
): bigint {
  u64('lastEpochBlock', lastEpochBlock)
  uint('tempo', tempo, 65535)
  u64('block', block)
  if (tempo === 0) return MAX_U64
  let next = lastEpochBlock + BigInt(tempo)
  if (next > MAX_U64) next = MAX_U64
  return next > block ? next - block : 0n
}

/**
 * The block whose `on_initialize` runs the next epoch: `min(last + tempo, PendingEpochAt)` when a
 * trigger is pending, else `last + tempo`; `undefined` for tempo 0. Cap deferral can delay it.
 *
 * @param schedule - `tempo`, `lastEpochBlock`, `pendingEpochAt`.
 * @returns The block, or `undefined`.
 * @throws {@link InvalidAmountError} on an out-of-range field.
 * @example
 * ```ts
 * import { nextEpochBlock } from '@dtao/emission'
 * nextEpochBlock({ tempo: 50, lastEpochBlock: 100n, pendingEpochAt: 120n }) // 120n
 * nextEpochBlock({ tempo: 50, lastEpochBlock: 100n, pendingEpochAt: 200n }) // 150n
 * ```
 * @see subtensor pallets/subtensor/src/coinbase/run_coinbase.rs · get_next_epoch_start_block
 */
export function nextEpochBlock(
  schedule: Pick<EpochSchedule, 'tempo' | 'lastEpochBlock' | 'pendingEpochAt'>,
): bigint | undefined {
  uint('tempo', schedule.tempo, 65535)
  u64('lastEpochBlock', schedule.lastEpochBlock)
  u64('pendingEpochAt', schedule.pendingEpochAt)
  if (schedule.tempo === 0) return undefined
  let auto = schedule.lastEpochBlock + BigInt(schedule.tempo)
  if (auto > MAX_U64) auto = MAX_U64
  if (schedule.pendingEpochAt > 0n)
    return auto < schedule.pendingEpochAt ? auto : schedule.pendingEpochAt
  return auto
}

/**
 * `is_in_admin_freeze_window`: a trigger is pending in the future, or fewer than `window` blocks
 * remain to the next automatic epoch. False for tempo 0.
 *
 * @param schedule - The scheduler state.
 * @param block - The block number.
 * @param options - `window` (`AdminFreezeWindow`, default 10).
 * @returns Whether owner hyperparameter changes are frozen.
 * @throws {@link InvalidAmountError} on an out-of-range input.
 * @example
 * ```ts
 * import { isInAdminFreezeWindow } from '@dtao/emission'
 * isInAdminFreezeWindow({ netuid: 1, tempo: 10, lastEpochBlock: 1n, pendingEpochAt: 0n, blocksSinceLastStep: 0n }, 5n, { window: 8 })
 * // true (6 blocks remain)
 * ```
 * @see subtensor pallets/subtensor/src/utils/misc.rs · is_in_admin_freeze_window
 */
export function isInAdminFreezeWindow(
  schedule: EpochSchedule,
  block: bigint,
  options: { readonly window?: number } = {},
): boolean {
  sched(schedule)
  const window = uint('window', options.window ?? DEFAULT_ADMIN_FREEZE_WINDOW, 65535)
  if (schedule.tempo === 0) return false
  if (schedule.pendingEpochAt > 0n && schedule.pendingEpochAt > block) return true
  return blocksUntilNextAutoEpoch(schedule.lastEpochBlock, schedule.tempo, block) < BigInt(window)
}

/** The scheduler state plus the inputs `drain_pending` reads, for {@link drainPending}. */
export type DrainSubnet = EpochSchedule & {
  /** `SubnetEpochIndex`. */
  readonly epochIndex: bigint
  /** The four buckets `[server, validator, root, ownerCut]`, alpha-rao. */
  readonly pending: readonly [bigint, bigint, bigint, bigint]
  /** True when `Keys` holds a duplicate hotkey: the slot is consumed but nothing is drained. */
  readonly duplicateKeys?: boolean
}

/**
 * `epochs_deferred_this_block`: the subnets due at `block` (evaluated on the state *before*
 * `drain_pending` increments `BlocksSinceLastStep`) that the per-block cap defers. Only consistent
 * subnets (no duplicate keys) count towards the cap. The chain uses this list to skip CRv3 reveals.
 *
 * @param subnets - Every non-root subnet's scheduler state.
 * @param block - The block number.
 * @param options - `maxEpochsPerBlock` (default 2).
 * @returns Deferred netuids, ascending.
 * @throws {@link DuplicateNetuidError} if a netuid appears twice.
 * @throws {@link InvalidAmountError} on an out-of-range field.
 * @example
 * ```ts
 * import { epochsDeferredThisBlock } from '@dtao/emission'
 * const s = { tempo: 10, lastEpochBlock: 0n, pendingEpochAt: 0n, blocksSinceLastStep: 9n }
 * epochsDeferredThisBlock([{ netuid: 3, ...s }, { netuid: 7, ...s }, { netuid: 9, ...s }], 10n) // [9]
 * ```
 * @see subtensor pallets/subtensor/src/coinbase/run_coinbase.rs · epochs_deferred_this_block
 */
export function epochsDeferredThisBlock(
  subnets: readonly (EpochSchedule & { readonly duplicateKeys?: boolean })[],
  block: bigint,
  options: { readonly maxEpochsPerBlock?: number } = {},
): number[] {
  uniqueNetuids(subnets)
  const cap = uint(
    'maxEpochsPerBlock',
    options.maxEpochsPerBlock ?? DEFAULT_MAX_EPOCHS_PER_BLOCK,
    255,
  )
  const deferred: number[] = []
  let run = 0
  for (const s of [...subnets].filter((x) => x.netuid !== 0).sort((a, b) => a.netuid - b.netuid)) {
    if (!shouldRunEpoch(s, block)) continue
    if (run >= cap) {
      deferred.push(s.netuid)
      continue
    }
    if (s.duplicateKeys !== true) run++
  }
  return deferred
}

/** An event of {@link drainPending}, like the chain's. */
export type EpochEvent =
  | {
      /** `EpochDeferred`: due, but over the per-block cap. */
      readonly kind: 'deferred'
      /** The subnet. */
      readonly netuid: number
      /** The block it was due at. */
      readonly fromBlock: bigint
      /** The block it is retried at (`PendingEpochAt`). */
      readonly toBlock: bigint
    }
  | {
      /** `EpochSkipped`: inconsistent epoch inputs; the slot is consumed, nothing is drained. */
      readonly kind: 'skipped'
      /** The subnet. */
      readonly netuid: number
      /** The block. */
      readonly block: bigint
    }

/** The result of {@link drainPending}. */
export type DrainResult = {
  /** The subnets after the step, in input order. */
  readonly subnets: DrainSubnet[]
  /** netuid → drained `[server, validator, root, ownerCut]`, ascending netuid. */
  readonly drained: Map<number, readonly [bigint, bigint, bigint, bigint]>
  /** Netuids deferred by the per-block cap inside `drain_pending` (after the increment). */
  readonly deferred: number[]
  /** Events in emission order. */
  readonly events: EpochEvent[]
}

/**
 * `drain_pending` for one block over every non-root subnet (in ascending netuid order):
 * increments `BlocksSinceLastStep`; a due subnet beyond `maxEpochsPerBlock` is deferred
 * (`PendingEpochAt = block + 1`, slot not consumed); otherwise its buckets are drained (unless
 * its keys are inconsistent, then `skipped`), and the slot is consumed (`LastEpochBlock = block`,
 * `PendingEpochAt = 0`, epoch index + 1).
 *
 * @param subnets - Every non-root subnet's scheduler state and buckets.
 * @param block - The block number.
 * @param options - `maxEpochsPerBlock` (u8, default 2).
 * @returns New states, drained buckets, deferred netuids and events.
 * @throws {@link DuplicateNetuidError} if a netuid appears twice.
 * @throws {@link InvalidAmountError} on an out-of-range field.
 * @example
 * ```ts
 * import { drainPending } from '@dtao/emission'
 * const s = { tempo: 10, lastEpochBlock: 0n, pendingEpochAt: 0n, blocksSinceLastStep: 9n, epochIndex: 0n,
 *   pending: [5n, 4n, 3n, 2n] as const }
 * const r = drainPending([{ netuid: 3, ...s }, { netuid: 7, ...s }, { netuid: 9, ...s }], 10n)
 * r.deferred // [9]
 * r.drained.get(3) // [5n, 4n, 3n, 2n]
 * ```
 * @see subtensor pallets/subtensor/src/coinbase/run_coinbase.rs · drain_pending
 */
export function drainPending(
  subnets: readonly DrainSubnet[],
  block: bigint,
  options: { readonly maxEpochsPerBlock?: number } = {},
): DrainResult {
  uniqueNetuids(subnets)
  u64('block', block)
  const cap = uint(
    'maxEpochsPerBlock',
    options.maxEpochsPerBlock ?? DEFAULT_MAX_EPOCHS_PER_BLOCK,
    255,
  )
  const order = subnets
    .map((s, i) => [s, i] as const)
    .filter(([s]) => s.netuid !== 0)
    .sort((a, b) => a[0].netuid - b[0].netuid)
  const out: DrainSubnet[] = [...subnets]
  const drained = new Map<number, readonly [bigint, bigint, bigint, bigint]>()
  const deferred: number[] = []
  const events: EpochEvent[] = []
  let run = 0
  for (const [s0, i] of order) {
    sched(s0)
    let s: DrainSubnet = {
      ...s0,
      blocksSinceLastStep: s0.blocksSinceLastStep < MAX_U64 ? s0.blocksSinceLastStep + 1n : MAX_U64,
    }
    if (shouldRunEpoch(s, block)) {
      if (run >= cap) {
        const to = block < MAX_U64 ? block + 1n : MAX_U64
        s = { ...s, pendingEpochAt: to }
        deferred.push(s.netuid)
        events.push({ kind: 'deferred', netuid: s.netuid, fromBlock: block, toBlock: to })
      } else {
        if (s.duplicateKeys === true) {
          events.push({ kind: 'skipped', netuid: s.netuid, block })
        } else {
          drained.set(s.netuid, s.pending)
          s = { ...s, blocksSinceLastStep: 0n, pending: [0n, 0n, 0n, 0n] }
          run++
        }
        s = {
          ...s,
          lastEpochBlock: block,
          pendingEpochAt: 0n,
          epochIndex: s.epochIndex < MAX_U64 ? s.epochIndex + 1n : MAX_U64,
        }
      }
    }
    out[i] = s
  }
  return { subnets: out, drained, deferred, events }
}

/**
 * Legacy schedule (spec < 423): `tempo − ((block + netuid + 1) mod (tempo + 1))` with wrapping u64
 * addition; the epoch fires when it is 0 (period tempo + 1). `u64::MAX` for tempo 0.
 *
 * @param netuid - The subnet id.
 * @param tempo - The tempo (u16).
 * @param block - The block number.
 * @returns Blocks until the epoch.
 * @throws {@link InvalidAmountError} on an out-of-range input.
 * @example
 * ```ts
 * import { legacyBlocksUntilNextEpoch } from '@dtao/emission'
 * legacyBlocksUntilNextEpoch(1, 10, 5n) // 3n
 * legacyBlocksUntilNextEpoch(1, 10, 18446744073709551615n) // 9n (wrapping add)
 * ```
 * @see subtensor pallets/subtensor/src/coinbase/run_coinbase.rs · blocks_until_next_epoch (at ec2212c53)
 */
export function legacyBlocksUntilNextEpoch(netuid: number, tempo: number, block: bigint): bigint {
  uint('netuid', netuid, 65535)
  uint('tempo', tempo, 65535)
  u64('block', block)
  if (tempo === 0) return MAX_U64
  const netuidPlusOne = BigInt(netuid) + 1n
  const blockPlusNetuid = (block + netuidPlusOne) & MAX_U64
  return BigInt(tempo) - (blockPlusNetuid % (BigInt(tempo) + 1n))
}

/**
 * `LastEpochBlock` for a subnet registered at `registrationBlock` (spec ≥ 423): the netuid
 * stagger `block − (netuid mod max(tempo, 1))`.
 *
 * @param netuid - The subnet id.
 * @param tempo - Its tempo.
 * @param registrationBlock - The registration block.
 * @returns The initial `LastEpochBlock`.
 * @throws {@link InvalidAmountError} on an out-of-range input.
 * @example
 * ```ts
 * import { initialLastEpochBlock } from '@dtao/emission'
 * initialLastEpochBlock(42, 360, 5_000_000n) // 4999958n
 * ```
 * @see subtensor pallets/subtensor/src/subnets/subnet.rs · init_new_network
 */
export function initialLastEpochBlock(
  netuid: number,
  tempo: number,
  registrationBlock: bigint,
): bigint {
  uint('netuid', netuid, 65535)
  uint('tempo', tempo, 65535)
  u64('registrationBlock', registrationBlock)
  const offset = BigInt(netuid % Math.max(tempo, 1))
  return registrationBlock > offset ? registrationBlock - offset : 0n
}

/**
 * The spec-423 migration of one subnet from the legacy schedule: `LastEpochBlock = U − (tempo −
 * blocks_until_legacy(U))`, so the first new epoch lands where the legacy formula put it, and
 * `SubnetEpochIndex = (U + netuid + 1) div (tempo + 1)`. `undefined` for tempo 0 (not migrated).
 *
 * @param netuid - The subnet id.
 * @param tempo - Its tempo.
 * @param upgradeBlock - The upgrade block U.
 * @returns The seeded `lastEpochBlock` and `epochIndex`, or `undefined`.
 * @throws {@link InvalidAmountError} on an out-of-range input.
 * @example
 * ```ts
 * import { migrateLegacySchedule } from '@dtao/emission'
 * migrateLegacySchedule(1, 360, 6_000_000n) // { lastEpochBlock: 5999818n, epochIndex: 16620n }
 * ```
 * @see subtensor pallets/subtensor/src/migrations/migrate_dynamic_tempo.rs · migrate_dynamic_tempo
 */
export function migrateLegacySchedule(
  netuid: number,
  tempo: number,
  upgradeBlock: bigint,
):
  | {
      /** The seeded `LastEpochBlock`. */
      lastEpochBlock: bigint
      /** The seeded `SubnetEpochIndex`. */
      epochIndex: bigint
    }
  | undefined {
  if (tempo === 0) return undefined
  const until = legacyBlocksUntilNextEpoch(netuid, tempo, upgradeBlock)
  const back = BigInt(tempo) - until
  return {
    lastEpochBlock: upgradeBlock > back ? upgradeBlock - back : 0n,
    epochIndex: (upgradeBlock + BigInt(netuid) + 1n) / (BigInt(tempo) + 1n),
  }
}

/**
 * Epochs per year for a tempo: `blocksPerYear / tempo` (spec ≥ 423) or `/ (tempo + 1)` (legacy),
 * as an exact rational `[numerator, denominator]`.
 *
 * @param tempo - The tempo (u16, > 0).
 * @param options - `blocksPerYear` (default 2 628 000), `legacy` (period tempo + 1).
 * @returns `[blocksPerYear, period]`.
 * @throws {@link InvalidTempoError} for tempo 0.
 * @throws {@link InvalidAmountError} for a tempo outside the u16 range.
 * @example
 * ```ts
 * import { epochsPerYear } from '@dtao/emission'
 * epochsPerYear(360) // [2628000n, 360n]  (7300 epochs)
 * ```
 */
export function epochsPerYear(
  tempo: number,
  options: { readonly blocksPerYear?: bigint; readonly legacy?: boolean } = {},
): [bigint, bigint] {
  uint('tempo', tempo, 65535)
  if (tempo === 0) throw new InvalidTempoError({ tempo })
  const year = u64('blocksPerYear', options.blocksPerYear ?? BLOCKS_PER_YEAR)
  return [year, BigInt(tempo) + (options.legacy === true ? 1n : 0n)]
}

/**
 * Tempo 0 where a running schedule is required (epochs never run at tempo 0).
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * import { epochsPerYear } from '@dtao/emission'
 * try { epochsPerYear(0) } catch (e) { isDtaoError(e, 'Emission.InvalidTempoError') } // true
 * ```
 */
export class InvalidTempoError extends BaseError {
  /** The stable error code. */
  override readonly name = 'Emission.InvalidTempoError'
  /** The rejected tempo. */
  readonly tempo: number

  constructor({ tempo }: { tempo: number }) {
    super(`Tempo ${tempo}: epochs never run, so there is no period.`, {
      metaMessages: ["Tempo 0 stops a subnet's epochs; pending emission then grows without limit."],
    })
    this.tempo = tempo
  }
}
