import { isDtaoError } from '@dtao/errors'
import { describe, expect, it } from 'vitest'
import { floatMatrixFromRows } from './floatMatrix.js'
import { runYumaSimulation, yumaSimulationEpoch } from './yumaSimulation.js'

const f = Math.fround
const allOnS1 = floatMatrixFromRows([
  [1, 0],
  [1, 0],
  [1, 0],
])
const stake = Float64Array.of(0.8, 0.1, 0.1)

describe('yumaSimulationEpoch (float32, torch semantics)', () => {
  it('normalises rows with the +1e-6 bias: a one-hot row becomes 0.99999905 (PY-FORMAT.md)', () => {
    const out = yumaSimulationEpoch('YUMA2', { weights: allOnS1, stake })
    // f32(1 / f32(1 + f32(1e-6)))
    expect(out.weight.data[0]).toBe(f(1 / f(1 + f(1e-6))))
    expect(out.weight.data[0]).toBe(f(0.99999905))
  })
  it('renormalises and quantises the consensus: [0.99999905, 0] → [1, 0]', () => {
    const out = yumaSimulationEpoch('YUMA3', { weights: allOnS1, stake })
    // C/ΣC = [1, NaN→…]: 0/0.99999905 = 0 → 0; 1·65535 → 65535/65535 = 1
    expect(Array.from(out.serverConsensusWeight)).toEqual([1, 0])
  })
  it('Yuma 3 epoch 0: bonds = α·W with α = 1 − 0.975, dividends ∝ stake', () => {
    const out = yumaSimulationEpoch(
      'YUMA3',
      { weights: allOnS1, stake },
      { config: { bondMovingAvg: 0.975 } },
    )
    const w = f(1 / f(1 + f(1e-6)))
    expect(out.validatorBonds?.data[0]).toBe(f(f(1 - 0.975) * w))
    // every validator holds the same bond on server 1, so D = S·(1/3)·I, normalised → S (with the ε bias)
    const d = out.validatorRewardNormalized
    expect(Math.abs((d[0] as number) - 0.8)).toBeLessThan(1e-5)
    expect(Math.abs((d[1] as number) - 0.1)).toBeLessThan(1e-5)
  })
  it('Yuma 1 has no EMA memory (alpha = 1)', () => {
    expect(yumaSimulationEpoch('YUMA1', { weights: allOnS1, stake }).alpha).toBe(1)
  })
  it('rejects mismatched shapes', () => {
    try {
      yumaSimulationEpoch('YUMA2', { weights: allOnS1, stake: [1, 2] })
      expect.unreachable()
    } catch (e) {
      expect(isDtaoError(e, 'Yuma.InvalidFloatInputError')).toBe(true)
    }
  })
})

describe('runYumaSimulation', () => {
  it('carries bonds between epochs and applies the bond reset (Yuma 3)', () => {
    const w = floatMatrixFromRows([
      [0, 1],
      [0, 1],
      [0, 1],
    ])
    const outs = runYumaSimulation(
      'YUMA3',
      {
        weights: [w, w, w],
        stakes: [stake, stake, stake],
        resetBonds: true,
        resetBondsIndex: 1,
        resetBondsEpoch: 2,
      },
      { config: { bondMovingAvg: 0.975 } },
    )
    const b0 = outs[0]?.validatorBonds?.data[1] as number
    const b1 = outs[1]?.validatorBonds?.data[1] as number
    const b2 = outs[2]?.validatorBonds?.data[1] as number
    expect(b1).toBeGreaterThan(b0) // the bond grows towards 1
    // after the reset at epoch 2 the bond restarts from 0: same as epoch 0
    expect(b2).toBe(b0)
  })
  it('reports progress', () => {
    const seen: number[] = []
    runYumaSimulation(
      'YUMA2',
      { weights: [allOnS1, allOnS1], stakes: [stake, stake] },
      { onEpoch: (e) => seen.push(e) },
    )
    expect(seen).toEqual([0, 1])
  })
})
