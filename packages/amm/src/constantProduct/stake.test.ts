import { U64F64 } from '@dtao/fixed'
import { describe, expect, test } from 'vitest'
import { type CpStakeState, stakeIntoSubnetCp, unstakeFromSubnetCp } from './stake.js'

function state(tao: bigint, alpha: bigint): CpStakeState {
  return {
    pool: {
      era: 'constantProduct',
      netuid: 1,
      mechanism: 1,
      taoReserve: tao,
      alphaReserve: alpha,
      alphaOutstanding: 0n,
    },
    totalStake: 0n,
    subnetVolume: 0n,
    totalHotkeyAlpha: 0n,
    totalHotkeyShares: U64F64.ZERO,
    alphaShare: undefined,
    hotkeyListed: false,
  }
}

const s0 = state(1_000_000_000_000n, 4_000_000_000_000n)
// 10 TAO after the 50 000 rao fee: x·Δ/(y+Δ) = 4·10¹²·10¹⁰/1.01·10¹² = 39 603 960 396.04 → 39 603 960 396
const alpha = 39_603_960_396n

describe.each([233, 274])('stakeIntoSubnetCp @ spec %i', (specVersion) => {
  const { alpha: got, state: s1 } = stakeIntoSubnetCp(
    s0,
    { tao: 10_000_050_000n, fee: 50_000n },
    { specVersion },
  )

  test('swaps τ − fee and keeps the fee in SubnetTAO', () => {
    expect(got).toBe(alpha)
    expect(s1.pool.taoReserve).toBe(s0.pool.taoReserve + 10_000_050_000n)
    expect(s1.pool.alphaReserve).toBe(s0.pool.alphaReserve - alpha)
    expect(s1.pool.alphaOutstanding).toBe(alpha)
    expect(s1.totalStake).toBe(10_000_050_000n)
    expect(s1.subnetVolume).toBe(10_000_000_000n)
  })

  test('the first staker gets every share', () => {
    expect(s1.totalHotkeyAlpha).toBe(alpha)
    expect(s1.totalHotkeyShares).toBe(alpha << 64n)
    expect(s1.alphaShare).toBe(alpha << 64n)
    expect(s1.hotkeyListed).toBe(true)
  })

  test('unstaking everything empties the share pool', () => {
    const { tao, state: s2 } = unstakeFromSubnetCp(s1, { alpha, fee: 50_000n }, { specVersion })
    // The first fee stayed in SubnetTAO (y = 1 010 000 050 000), so the sale pays
    // y·α/(x + α) = 1 010 000 050 000 · 39 603 960 396 / 4·10¹² = 10 000 000 495.0 → minus 50 000
    expect(tao).toBe(9_999_950_495n)
    expect(s2.totalHotkeyAlpha).toBe(0n)
    expect(s2.alphaShare).toBeUndefined()
    expect(s2.pool.alphaOutstanding).toBe(0n)
  })
})

describe('chain quirks', () => {
  test('a refused swap still charges the fee and stakes nothing', () => {
    // y = x = 10⁷: any buy would leave x' < 10⁷ → None → 0 α; the 50 rao fee still lands in SubnetTAO.
    const { alpha: got, state: s } = stakeIntoSubnetCp(state(10_000_000n, 10_000_000n), {
      tao: 1_000n,
      fee: 50n,
    })
    expect(got).toBe(0n)
    expect(s.pool.taoReserve).toBe(10_000_050n)
    expect(s.totalStake).toBe(50n)
    expect(s.hotkeyListed).toBe(false)
  })
})
