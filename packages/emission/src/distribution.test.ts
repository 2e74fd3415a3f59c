import { describe, expect, it } from 'vitest'
import {
  delegateTake,
  dividendDistribution,
  minerBurned,
  parentChildDividends,
  rootClaimableIncrement,
  rootOwed,
  splitMechanismEmission,
} from './distribution.js'

const w018 = 773_094_113n // U96F32(TaoWeight 0.18)
const f32 = (b: bigint | undefined) => Number(b) / 2 ** 32

describe('splitMechanismEmission (tests/mechanism.rs · split_emissions)', () => {
  it('even: 25 over 5 → [5, 5, 5, 5, 5]; 10 over 4 → [4, 2, 2, 2] (remainder to mechanism 0)', () => {
    expect(splitMechanismEmission(25n, { count: 5 })).toEqual([5n, 5n, 5n, 5n, 5n])
    expect(splitMechanismEmission(10n, { count: 4 })).toEqual([4n, 2n, 2n, 2n])
  })
  it('weighted: 19 with [3450, 6899, 10348, 17247, 27594] → [1, 2, 3, 5, 8]', () => {
    expect(
      splitMechanismEmission(19n, { count: 5, split: [3450, 6899, 10348, 17247, 27594] }),
    ).toEqual([1n, 2n, 3n, 5n, 8n])
  })
  it('[u16::MAX/4, rest] → 0.25 / 0.75; padded and trimmed to the count', () => {
    const [a, b] = splitMechanismEmission(1_000_000n, { count: 2, split: [16383, 65535 - 16383] })
    expect(Math.abs(Number(a) / 1e6 - 0.25)).toBeLessThan(1e-4)
    expect(Math.abs(Number(b) / 1e6 - 0.75)).toBeLessThan(1e-4)
    expect(splitMechanismEmission(10n, { count: 3, split: [65535] })).toEqual([10n, 0n, 0n])
    expect(splitMechanismEmission(10n, { count: 1, split: [32767, 32768] })).toEqual([10n])
  })
})

describe('dividendDistribution (test_calculate_dividend_distribution_totals, spec W6)', () => {
  const V = 183_123_567_452n
  const R = 837_120_949_872n
  const r = dividendDistribution(
    { validatorPool: V, rootPool: R, taoWeight: w018 },
    new Map([
      ['h0', { alphaStake: 4_859_302n, rootStake: 2_342_352n, dividend: 77_783_738n << 32n }],
      ['h1', { alphaStake: 23_423n, rootStake: 859_273n, dividend: 19_283_940n << 32n }],
    ]),
  )
  it('Σ alpha = V and Σ root = R within 1 000', () => {
    const sa = [...r.alpha.values()].reduce((a, b) => a + b, 0n) >> 32n
    const sr = [...r.root.values()].reduce((a, b) => a + b, 0n) >> 32n
    expect(Number(V - sa)).toBeLessThanOrEqual(1000)
    expect(Number(R - sr)).toBeLessThanOrEqual(1000)
  })
  it('W6: alpha payouts ≈ 176 856 534 496.6 / 6 267 032 912.8, root ≈ 226 443 796 624.1 / 610 677 153 053.0', () => {
    expect(Math.abs(f32(r.alpha.get('h0')) - 176_856_534_496.6)).toBeLessThan(200)
    expect(Math.abs(f32(r.alpha.get('h1')) - 6_267_032_912.8)).toBeLessThan(200)
    expect(Math.abs(f32(r.root.get('h0')) - 226_443_796_624.1)).toBeLessThan(200)
    expect(Math.abs(f32(r.root.get('h1')) - 610_677_153_053.0)).toBeLessThan(200)
  })
})

describe('parentChildDividends', () => {
  it('test_drain_alpha_childkey_parentkey: parent → child 100 %, take u16::MAX/10 → parent 0.9e9, child 0.1e9 (±1e4)', () => {
    const r = parentChildDividends({
      id: 'child',
      dividend: 10n ** 9n,
      alphaStake: 0n,
      rootStake: 0n,
      taoWeight: 0n,
      childkeyTake: Math.floor(65535 / 10),
      parents: [
        { id: 'parent', proportion: (1n << 64n) - 1n, alphaStake: 10n ** 12n, rootStake: 0n },
      ],
    })
    const [[p, pv], [c, cv]] = r.payouts as [[string, bigint], [string, bigint]]
    expect([p, c]).toEqual(['parent', 'child'])
    expect(Number(pv - 900_000_000n)).toBeLessThanOrEqual(10_000)
    expect(Number(100_000_000n - cv)).toBeLessThanOrEqual(10_000)
    expect(pv + cv <= 10n ** 9n).toBe(true)
  })

  it('same-coldkey parents pay no take; CKBurn is recycled; no parents → the hotkey keeps all', () => {
    const base = {
      id: 'h',
      dividend: 1000n,
      alphaStake: 100n,
      rootStake: 0n,
      taoWeight: 0n,
      childkeyTake: 65535,
    }
    expect(parentChildDividends(base)).toEqual({ payouts: [['h', 1000n]], recycled: 0n })
    const same = parentChildDividends({
      ...base,
      alphaStake: 0n,
      parents: [
        {
          id: 'p',
          proportion: (1n << 64n) - 1n,
          alphaStake: 100n,
          rootStake: 0n,
          sameColdkey: true,
        },
      ],
    })
    // π = (2⁶⁴−1) ⊘ (2⁶⁴−1) = 1 exactly, the parent is the only contributor: factor 1, no take
    expect(same.payouts).toEqual([
      ['p', 1000n],
      ['h', 0n],
    ])
    const burn = parentChildDividends({
      ...base,
      alphaStake: 0n,
      childkeyTake: 0,
      ckBurn: (1n << 63n) - 1n,
      parents: [{ id: 'p', proportion: (1n << 64n) - 1n, alphaStake: 100n, rootStake: 0n }],
    })
    expect(burn.recycled > 490n && burn.recycled < 510n).toBe(true)
  })
})

describe('takes and root claim (tests/claim_root.rs · test_claim_root_with_drain_emissions)', () => {
  it('R_p = 1 000 000 on 2 000 000 root stake, take 18 % → validator +≈180 000, rate 0.41', () => {
    const { take, rest } = delegateTake(1_000_000n << 32n)
    expect(Number(take - 180_000n)).toBeLessThanOrEqual(100)
    const rate = rootClaimableIncrement(rest, 2_000_000n) as bigint
    expect(Math.abs(f32(rate) - 0.41)).toBeLessThan(0.001)
    // a Keep claim stakes ≈ rate × rootStake (±10), and a second round adds another 0.41
    expect(Number(rootOwed(rate, 2_000_000n, 0n) - 820_000n)).toBeLessThanOrEqual(10)
    expect(rootOwed(rate, 2_000_000n, 10n ** 7n)).toBe(0n)
    expect(rootClaimableIncrement(10n, 5n)).toBeUndefined()
  })

  it('MinerBurned: withheld / total, 0/0 → 0', () => {
    expect(minerBurned(1n, 4n)).toBe(1n << 30n)
    expect(minerBurned(0n, 0n)).toBe(0n)
  })
})
