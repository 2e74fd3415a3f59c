import { alphaBalance, taoBalance } from '@dtao/fixed'
import { describe, expect, test } from 'vitest'
import {
  AmountTooLowError,
  InsufficientBalanceError,
  InsufficientLiquidityError,
  ReservesTooLowError,
  SlippageTooHighError,
} from './errors.js'
import { getMaxAmountAdd } from './maxAmount.js'
import { balancerPool } from './pool.js'
import { spotPrice } from './price.js'
import { limitPriceForBuy, limitPriceForSell } from './slippage.js'
import { addStake, moveStake, removeStake } from './staking.js'
import { applySwap } from './state.js'
import { swapAlphaForTao, swapTaoForAlpha } from './swap.js'

const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 4n * 10n ** 9n })

describe('addStake', () => {
  test('add_stake 1 TAO: test_swap_basic triple (999 496 453 in, 1 999 496 326 out, fee 503 547 to the author)', () => {
    const r = addStake(pool, taoBalance(10n ** 9n), { freeBalance: taoBalance(5n * 10n ** 9n) })
    expect(r.swap).toEqual({
      amountPaidIn: 999_496_453n,
      amountPaidOut: 1_999_496_326n,
      feePaid: 503_547n,
      feeToBlockAuthor: 503_547n,
    })
    expect(r.taoSpent).toBe(10n ** 9n)
    expect(r.alphaStaked).toBe(1_999_496_326n)
    expect(r.blockAuthorTao).toBe(503_547n)
    expect(r.burnedTao).toBe(0n)
    expect(r.unspentTao).toBe(0n)
    expect(r.freeBalanceAfter).toBe(4n * 10n ** 9n)
    // the fee never enters the reserve
    expect(r.pool.taoReserve).toBe(10n ** 9n + 999_496_453n)
    expect(r.pool.alphaReserve).toBe(4n * 10n ** 9n - 1_999_496_326n)
  })
  test('minimum: DefaultMinStake + fee(DefaultMinStake) = 2 000 000 + ⌊2·10⁶·33/65535⌋ = 2 001 007', () => {
    expect(() => addStake(pool, taoBalance(2_001_006n))).toThrow(AmountTooLowError)
    expect(() => addStake(pool, taoBalance(2_001_007n))).not.toThrow()
  })
  test('no block author: the fee is burned', () => {
    const r = addStake(pool, taoBalance(10n ** 9n), { blockAuthor: false })
    expect([r.blockAuthorTao, r.burnedTao]).toEqual([0n, 503_547n])
  })
  test('extrinsic cap: more than 1000 × SubnetTAO is InsufficientLiquidity', () => {
    const small = balancerPool({ netuid: 1, taoReserve: 10n ** 6n, alphaReserve: 10n ** 9n })
    expect(() => addStake(small, taoBalance(10n ** 9n + 1n))).toThrow(InsufficientLiquidityError)
  })
  test('balance check', () => {
    expect(() =>
      addStake(pool, taoBalance(10n ** 9n), { freeBalance: taoBalance(10n ** 8n) }),
    ).toThrow(InsufficientBalanceError)
  })
  test('add_stake_limit: fill-or-kill fails, allowPartial clips to get_max_amount_add', () => {
    const limit = limitPriceForBuy(pool, 50)
    const max = getMaxAmountAdd(pool, limit)
    expect(() => addStake(pool, taoBalance(10n ** 9n), { limitPriceRao: limit })).toThrow(
      SlippageTooHighError,
    )
    const r = addStake(pool, taoBalance(10n ** 9n), { limitPriceRao: limit, allowPartial: true })
    expect(r.taoSpent).toBe(max)
    expect(r.swap).toEqual(swapTaoForAlpha(pool, max, { limitPriceRao: limit }))
    // the final spot price respects the limit (fee excluded)
    expect(spotPrice(r.pool) <= (limit << 64n) / 1_000_000_000n).toBe(true)
  })
})

describe('removeStake', () => {
  const a = alphaBalance(40_000_000n)
  test('remove_stake: swap, then the alpha fee is sold into the same pool for the author', () => {
    const r = removeStake(pool, a)
    const s = swapAlphaForTao(pool, a)
    expect(r.swap).toEqual(s)
    expect(r.taoReceived).toBe(s.amountPaidOut)
    expect(r.alphaRefunded).toBe(0n)
    expect(r.alphaUnstaked).toBe(a)
    const afterUser = applySwap(pool, 'sell', s)
    const sale = swapAlphaForTao(afterUser, s.feeToBlockAuthor, { dropFees: true })
    expect(r.blockAuthorTao).toBe(sale.amountPaidOut)
    expect(r.pool).toEqual(applySwap(afterUser, 'sell', sale))
    expect(r.pool.alphaReserve).toBe(pool.alphaReserve + a) // net + fee both end up in the reserve
  })
  test('without an author the alpha fee is burned and only the user swap moves the pool', () => {
    const r = removeStake(pool, a, { blockAuthor: false })
    expect(r.burnedAlpha).toBe(r.swap.feePaid)
    expect(r.pool.alphaReserve).toBe(pool.alphaReserve + r.swap.amountPaidIn)
  })
  test('partial unstake below 0.002 TAO is AmountTooLow; the whole position is allowed', () => {
    const small = alphaBalance(4_000_000n) // ≈ 10⁶ rao of TAO
    expect(() => removeStake(pool, small)).toThrow(AmountTooLowError)
    expect(() => removeStake(pool, small, { stake: small })).not.toThrow()
    expect(() => removeStake(pool, alphaBalance(0n))).toThrow(AmountTooLowError)
  })
  test('the fee sale of a dust position can pay out 0 and fail the whole unstake (amm.md §2.6)', () => {
    // price 10⁻⁴: the user's 99 950 α net give ⌊10⁹·99950/(10¹³+99950)⌋ = 9 TAO rao, but the
    // 50 α fee sells for ⌊50·10⁻⁴⌋ = 0
    const cheap = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 10n ** 13n })
    const dust = alphaBalance(100_000n)
    expect(() => removeStake(cheap, dust, { stake: dust })).toThrow(ReservesTooLowError)
    expect(() => removeStake(cheap, dust, { stake: dust, blockAuthor: false })).not.toThrow()
  })
  test('remove_stake_limit: refund of unspent alpha with allowPartial', () => {
    const big = alphaBalance(4n * 10n ** 9n)
    const limit = limitPriceForSell(pool, 50)
    expect(() => removeStake(pool, big, { limitPriceRao: limit })).toThrow(SlippageTooHighError)
    const r = removeStake(pool, big, { limitPriceRao: limit, allowPartial: true, stake: big })
    expect(r.alphaUnstaked + r.alphaRefunded).toBeLessThanOrEqual(big)
    expect(r.stakeAfter).toBe(big - r.alphaUnstaked)
    expect(r.alphaUnstaked < big).toBe(true)
  })
  test('more than the stake on a limit order is NotEnoughStakeToWithdraw', () => {
    expect(() =>
      removeStake(pool, alphaBalance(40_000_000n), {
        stake: alphaBalance(1n),
        limitPriceRao: limitPriceForSell(pool, 50),
      }),
    ).toThrow(InsufficientBalanceError)
  })
})

describe('moveStake', () => {
  const b = balancerPool({ netuid: 2, taoReserve: 10n ** 12n, alphaReserve: 10n ** 12n })
  test('cross-subnet: the sell leg pays the fee, the buy leg is fee-free (spec ≥ 315)', () => {
    const r = moveStake(pool, b, alphaBalance(40_000_000n))
    expect(r.sell?.swap.feePaid).toBeGreaterThan(0n)
    expect(r.buy?.swap.feePaid).toBe(0n)
    expect(r.buy?.swap).toEqual(swapTaoForAlpha(b, r.taoMoved, { dropFees: true }))
    expect(r.alphaReceived).toBe(r.buy?.alphaStaked)
  })
  test('root origin: the sell is 1:1 and the buy leg pays the fee', () => {
    const root = balancerPool({
      netuid: 0,
      mechanism: 0,
      taoReserve: 10n ** 12n,
      alphaReserve: 10n ** 12n,
    })
    const r = moveStake(root, b, alphaBalance(10n ** 9n))
    expect(r.taoMoved).toBe(10n ** 9n)
    expect(r.buy?.swap.feePaid).toBe(503_547n)
  })
  test('TAO equivalent must exceed DefaultMinStake', () => {
    expect(() => moveStake(pool, b, alphaBalance(8_000_000n))).toThrow(AmountTooLowError)
  })
  test('same subnet: a share transfer, no swap; TAO equivalent ⌊P·a⌋ ≥ DefaultMinStake', () => {
    const r = moveStake(pool, pool, alphaBalance(40_000_000n))
    expect(r.origin).toBe(pool)
    expect(r.taoMoved).toBe(10_000_000n) // 0.25 · 4·10⁷
    expect(() => moveStake(pool, pool, alphaBalance(7_999_999n))).toThrow(AmountTooLowError)
  })
  test('swap_stake_limit fill-or-kill', () => {
    expect(() =>
      moveStake(pool, b, alphaBalance(4n * 10n ** 9n), {
        limitPriceRao: taoBalance(249_000_000n),
        allowPartial: false,
      }),
    ).toThrow(SlippageTooHighError)
  })
})
