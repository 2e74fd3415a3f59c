import { alphaBalance, taoBalance } from '@dtao/fixed'
import { describe, expect, test } from 'vitest'
import { InvalidArgumentError } from './errors.js'
import { balancerPool } from './pool.js'
import {
  decodeSimSwapResult,
  encodeSimSwapResult,
  simSwapAlphaForTao,
  simSwapTaoForAlpha,
} from './simSwap.js'

const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 4n * 10n ** 9n })

describe('simSwap', () => {
  test('buy: tao_amount is net of fee; alpha_slippage = ⌊tao/P⌋ − out = 8000 − 7995', () => {
    expect(simSwapTaoForAlpha(pool, taoBalance(2_000n))).toEqual({
      taoAmount: 1_999n,
      alphaAmount: 7_995n,
      taoFee: 1n,
      alphaFee: 0n,
      taoSlippage: 0n,
      alphaSlippage: 5n,
    })
  })
  test('sell: alpha_amount is net of fee; tao_slippage = ⌊a·P⌋ − out = 500 − 499', () => {
    expect(simSwapAlphaForTao(pool, alphaBalance(2_000n))).toEqual({
      taoAmount: 499n,
      alphaAmount: 1_999n,
      taoFee: 0n,
      alphaFee: 1n,
      taoSlippage: 1n,
      alphaSlippage: 0n,
    })
  })
  test('any error is all zeros', () => {
    const thin = balancerPool({ netuid: 1, taoReserve: 10n ** 9n, alphaReserve: 10n })
    const r = simSwapTaoForAlpha(thin, taoBalance(10n ** 9n))
    expect(Object.values(r).every((v) => v === 0n)).toBe(true)
  })
  test('stable subnet: 1:1, no fee', () => {
    const stable = balancerPool({ netuid: 0, mechanism: 0, taoReserve: 0n, alphaReserve: 0n })
    expect(simSwapTaoForAlpha(stable, taoBalance(123n)).alphaAmount).toBe(123n)
  })
  test('SCALE: 48 and 32 bytes, little-endian u64', () => {
    const r = simSwapTaoForAlpha(pool, taoBalance(2_000n))
    const bytes = encodeSimSwapResult(r)
    expect(bytes.length).toBe(48)
    expect(Array.from(bytes.slice(0, 8))).toEqual([0xcf, 0x07, 0, 0, 0, 0, 0, 0]) // 1999
    expect(decodeSimSwapResult(bytes)).toEqual(r)
    const four = encodeSimSwapResult(r, { layout: 'fourField' })
    expect(four.length).toBe(32)
    expect(decodeSimSwapResult(four)).toEqual({ ...r, alphaSlippage: 0n })
    expect(() => decodeSimSwapResult(new Uint8Array(40))).toThrow(InvalidArgumentError)
  })
})
