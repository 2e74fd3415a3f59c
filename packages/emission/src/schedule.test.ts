import { isDtaoError } from '@dtao/errors'
import { describe, expect, it } from 'vitest'
import {
  blocksUntilNextAutoEpoch,
  drainPending,
  epochsDeferredThisBlock,
  epochsPerYear,
  initialLastEpochBlock,
  isInAdminFreezeWindow,
  legacyBlocksUntilNextEpoch,
  migrateLegacySchedule,
  nextEpochBlock,
  shouldRunEpoch,
} from './schedule.js'

const MAX = (1n << 64n) - 1n

describe('blocksUntilNextAutoEpoch (tests/emission.rs, LastEpochBlock = 0)', () => {
  it.each([
    ['test_zero_tempo', 0, 100n, MAX],
    ['test_regular_case', 10, 5n, 5n],
    ['test_regular_case', 20, 15n, 5n],
    ['test_regular_case', 30, 25n, 5n],
    ['test_boundary_conditions', 65535, MAX, 0n],
    ['test_boundary_conditions', 65535, 0n, 65_535n],
    ['test_overflow_handling', 65535, MAX - 1n, 0n],
    ['test_epoch_alignment', 10, 9n, 1n],
    ['test_epoch_alignment', 20, 21n, 0n],
    ['test_different_network_ids', 10, 5n, 5n],
    ['test_large_tempo_values', 65534, 100n, 65_434n],
    ['test_wrap_around_behavior', 10, MAX, 0n],
    ['test_wrap_around_behavior', 10, MAX - 1n, 0n],
  ] as const)('%s: tempo %i at %s → %s', (_name, tempo, block, want) => {
    expect(blocksUntilNextAutoEpoch(0n, tempo, block)).toBe(want)
  })

  it('test_consecutive_blocks: strictly −1 per block', () => {
    let prev = blocksUntilNextAutoEpoch(0n, 100, 0n)
    for (let b = 1n; b < 100n; b++) {
      const cur = blocksUntilNextAutoEpoch(0n, 100, b)
      expect(cur).toBe(prev - 1n)
      prev = cur
    }
  })
})

describe('legacyBlocksUntilNextEpoch (tests/emission.rs @ ec2212c53)', () => {
  it.each([
    [1, 0, 100n, MAX],
    [1, 10, 5n, 3n],
    [2, 20, 15n, 2n],
    [3, 30, 25n, 1n],
    [65535, 65535, MAX, 0n],
    [65535, 65535, 0n, 65_535n],
    [65535, 65535, MAX - 1n, 1n],
    [1, 10, 9n, 10n],
    [2, 20, 21n, 17n],
    [2, 10, 5n, 2n],
    [3, 10, 5n, 1n],
    [1, 65534, 100n, 65_432n],
    [1, 10, MAX, 9n],
    [1, 10, MAX - 1n, 10n],
  ] as const)('(%i, %i, %s) → %s', (netuid, tempo, block, want) => {
    expect(legacyBlocksUntilNextEpoch(netuid, tempo, block)).toBe(want)
  })
})

describe('nextEpochBlock (tests/tempo_control.rs)', () => {
  it('none for tempo 0; last + tempo; pending when earlier; auto when earlier', () => {
    expect(nextEpochBlock({ tempo: 0, lastEpochBlock: 100n, pendingEpochAt: 0n })).toBeUndefined()
    expect(nextEpochBlock({ tempo: 50, lastEpochBlock: 100n, pendingEpochAt: 0n })).toBe(150n)
    expect(nextEpochBlock({ tempo: 50, lastEpochBlock: 100n, pendingEpochAt: 120n })).toBe(120n)
    expect(nextEpochBlock({ tempo: 50, lastEpochBlock: 100n, pendingEpochAt: 200n })).toBe(150n)
  })

  it('get_next_epoch_start_block_reflects_set_tempo_cycle_reset: set_tempo(720) at now → now + 720', () => {
    const now = 12_345n
    expect(nextEpochBlock({ tempo: 720, lastEpochBlock: now, pendingEpochAt: 0n })).toBe(now + 720n)
  })
})

describe('shouldRunEpoch', () => {
  const s = {
    netuid: 1,
    tempo: 100,
    lastEpochBlock: 0n,
    pendingEpochAt: 0n,
    blocksSinceLastStep: 1n,
  }
  it('test_coinbase_drain_pending_*: tempo 100, last 0, block 102 → due', () => {
    expect(shouldRunEpoch(s, 102n)).toBe(true)
    expect(shouldRunEpoch(s, 99n)).toBe(false)
  })
  it('pending trigger, safety net, and never at tempo 0', () => {
    expect(shouldRunEpoch({ ...s, pendingEpochAt: 50n }, 50n)).toBe(true)
    expect(shouldRunEpoch({ ...s, blocksSinceLastStep: 50_401n }, 10n)).toBe(true)
    expect(
      shouldRunEpoch({ ...s, tempo: 0, pendingEpochAt: 5n, blocksSinceLastStep: 60_000n }, 10n),
    ).toBe(false)
  })
})

describe('freeze window', () => {
  it('do_trigger_epoch_rejects_when_auto_epoch_already_imminent: tempo 10, last 1, window 8, block 5 → frozen (6 < 8)', () => {
    const s = {
      netuid: 1,
      tempo: 10,
      lastEpochBlock: 1n,
      pendingEpochAt: 0n,
      blocksSinceLastStep: 0n,
    }
    expect(isInAdminFreezeWindow(s, 5n, { window: 8 })).toBe(true)
    expect(isInAdminFreezeWindow(s, 5n, { window: 6 })).toBe(false)
    expect(isInAdminFreezeWindow({ ...s, pendingEpochAt: 9n }, 5n, { window: 0 })).toBe(true)
    expect(isInAdminFreezeWindow({ ...s, tempo: 0 }, 5n)).toBe(false)
  })
})

describe('registration and migration (spec W8)', () => {
  it('netuid 42 registered at 5 000 000, tempo 360 → last 4 999 958, first epoch 5 000 318, 218 to go at 5 000 100', () => {
    const last = initialLastEpochBlock(42, 360, 5_000_000n)
    expect(last).toBe(4_999_958n)
    expect(nextEpochBlock({ tempo: 360, lastEpochBlock: last, pendingEpochAt: 0n })).toBe(
      5_000_318n,
    )
    expect(blocksUntilNextAutoEpoch(last, 360, 5_000_100n)).toBe(218n)
  })

  it('migration of netuid 1, tempo 360 at U = 6 000 000: first epoch where the legacy rule put it, then every 360', () => {
    expect(legacyBlocksUntilNextEpoch(1, 360, 6_000_000n)).toBe(178n)
    const m = migrateLegacySchedule(1, 360, 6_000_000n)
    expect(m).toEqual({ lastEpochBlock: 5_999_818n, epochIndex: 16_620n })
    expect(nextEpochBlock({ tempo: 360, lastEpochBlock: 5_999_818n, pendingEpochAt: 0n })).toBe(
      6_000_178n,
    )
    expect(migrateLegacySchedule(1, 0, 6_000_000n)).toBeUndefined()
  })
})

describe('drainPending', () => {
  const mk = (netuid: number) => ({
    netuid,
    tempo: 360,
    lastEpochBlock: 0n,
    pendingEpochAt: 0n,
    blocksSinceLastStep: 359n,
    epochIndex: 0n,
    pending: [1n, 2n, 3n, 4n] as const,
  })

  it('W8 cap example / test_epochs_deferred_this_block_respects_cap: 3, 7, 9 due → 3 and 7 fire, 9 deferred to B+1', () => {
    const r = drainPending([mk(9), mk(3), mk(7)], 360n)
    expect([...r.drained.keys()]).toEqual([3, 7])
    expect(r.deferred).toEqual([9])
    expect(r.events).toEqual([{ kind: 'deferred', netuid: 9, fromBlock: 360n, toBlock: 361n }])
    const nine = r.subnets[0]
    expect(nine).toMatchObject({
      netuid: 9,
      pendingEpochAt: 361n,
      lastEpochBlock: 0n,
      blocksSinceLastStep: 360n,
    })
    const three = r.subnets[1]
    expect(three).toMatchObject({
      lastEpochBlock: 360n,
      blocksSinceLastStep: 0n,
      epochIndex: 1n,
      pending: [0n, 0n, 0n, 0n],
    })
    // next block: 9 fires (pending trigger), and from then on at B + 1 + 360k
    const r2 = drainPending(r.subnets, 361n)
    expect([...r2.drained.keys()]).toEqual([9])
    expect(nextEpochBlock(r2.subnets[0] as (typeof r2.subnets)[0])).toBe(721n)
  })

  it('duplicate keys: slot consumed, EpochSkipped, pending keeps accumulating', () => {
    const r = drainPending([{ ...mk(5), duplicateKeys: true }], 360n)
    expect(r.drained.size).toBe(0)
    expect(r.events).toEqual([{ kind: 'skipped', netuid: 5, block: 360n }])
    expect(r.subnets[0]).toMatchObject({
      lastEpochBlock: 360n,
      epochIndex: 1n,
      pending: [1n, 2n, 3n, 4n],
      blocksSinceLastStep: 360n,
    })
  })

  it('epochsDeferredThisBlock reads the state before the increment (safety-net boundary)', () => {
    // BlocksSinceLastStep 50 400: not due before the increment (50 400 > 50 400 is false), due after (50 401)
    const s = {
      netuid: 4,
      tempo: 60_000,
      lastEpochBlock: 99n,
      pendingEpochAt: 0n,
      blocksSinceLastStep: 50_400n,
    }
    expect(epochsDeferredThisBlock([s], 100n, { maxEpochsPerBlock: 0 })).toEqual([])
    const r = drainPending([{ ...s, epochIndex: 0n, pending: [0n, 0n, 0n, 0n] }], 100n, {
      maxEpochsPerBlock: 0,
    })
    expect(r.deferred).toEqual([4])
    // duplicate-key subnets do not use up the cap
    const due = { tempo: 10, lastEpochBlock: 0n, pendingEpochAt: 0n, blocksSinceLastStep: 0n }
    expect(
      epochsDeferredThisBlock(
        [
          { netuid: 1, ...due, duplicateKeys: true },
          { netuid: 2, ...due },
          { netuid: 3, ...due },
          { netuid: 4, ...due },
        ],
        10n,
      ),
    ).toEqual([4])
  })

  it('rejects duplicate netuids', () => {
    try {
      drainPending([mk(1), mk(1)], 1n)
      expect.unreachable()
    } catch (e) {
      expect(isDtaoError(e, 'Emission.DuplicateNetuidError')).toBe(true)
    }
  })
})

describe('epochsPerYear', () => {
  it('2 628 000 / tempo, or / (tempo + 1) for the legacy schedule; tempo 0 is an error', () => {
    expect(epochsPerYear(360)).toEqual([2_628_000n, 360n])
    expect(epochsPerYear(360, { legacy: true })).toEqual([2_628_000n, 361n])
    try {
      epochsPerYear(0)
      expect.unreachable()
    } catch (e) {
      expect(isDtaoError(e, 'Emission.InvalidTempoError')).toBe(true)
    }
  })
})
