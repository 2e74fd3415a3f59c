import { describe, expect, test } from 'vitest'
import { updateMovingPriceCp } from './movingPrice.js'
import type { ConstantProductPool } from './pool.js'
import { calculateStakingFeeCp } from './stakingFee.js'

function pool(tao: bigint, alpha: bigint, netuid = 1): ConstantProductPool {
  return {
    era: 'constantProduct',
    netuid,
    mechanism: 1,
    taoReserve: tao,
    alphaReserve: alpha,
    alphaOutstanding: 0n,
  }
}

const none = { alphaEstimate: 0n, alphaDividendsPerSubnet: 0n, totalHotkeyAlphaLastEpoch: 0n }

describe('calculateStakingFeeCp', () => {
  test('DefaultStakingFee for adds, same-subnet moves and root origins', () => {
    const p = pool(10n ** 12n, 10n ** 12n)
    expect(calculateStakingFeeCp(undefined, none)).toBe(50_000n)
    expect(calculateStakingFeeCp(p, { ...none, destination: p })).toBe(50_000n)
    expect(calculateStakingFeeCp(pool(1n, 1n, 0), none)).toBe(50_000n)
  })

  test('dividend-based removal fee', () => {
    // y = x = 1000 TAO, estimate 10 α: τ̂ = ⌊10¹²·10¹⁰/1.01·10¹²⌋ = 9 900 990 099;
    // D/A = 1/4 exactly, so fee = ⌊9 900 990 099 / 4⌋ = 2 475 247 524 (> 0.005 % and > 50 000).
    const fee = calculateStakingFeeCp(pool(10n ** 12n, 10n ** 12n), {
      alphaEstimate: 10_000_000_000n << 32n,
      alphaDividendsPerSubnet: 1n,
      totalHotkeyAlphaLastEpoch: 4n,
    })
    expect(fee).toBe(2_475_247_524n)
  })
})

describe('updateMovingPriceCp', () => {
  // price 0.25 (y = 10⁹, x = 4·10⁹), SubnetMovingAlpha 0.5, previous moving price 0
  const p = pool(10n ** 9n, 4n * 10n ** 9n)
  const inputs = { movingAlpha: 1n << 31n, movingPrice: 0n }

  test('spec 233: plain EMA, 0.5·0.25 + 0.5·0 = 0.125', () => {
    expect(updateMovingPriceCp(p, inputs, { specVersion: 233 })).toBe(1n << 29n)
  })

  test('spec 274: α scaled by b/(b + h) = 100/200, so 0.25·0.25 = 0.0625', () => {
    const got = updateMovingPriceCp(
      p,
      { ...inputs, block: 100n, firstEmissionBlockNumber: 1n, emaPriceHalvingBlocks: 100n },
      { specVersion: 274 },
    )
    expect(got).toBe(1n << 28n)
  })
})
