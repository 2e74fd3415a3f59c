import { describe, expect, it } from 'vitest'
import { normalizeMaxWeight } from './normalizeMaxWeight.js'
import { processWeights } from './processWeights.js'
import { convertWeightUidsAndValsToTensor } from './toTensor.js'

describe('normalizeMaxWeight', () => {
  it('caps at the limit minus the 1e-7 epsilon effect ([1, 2, 3, 4], 0.3 → 0.29999986, PY-FORMAT.md)', () => {
    const y = normalizeMaxWeight([1, 2, 3, 4], { limit: 0.3 })
    expect(y[3]).toBe(Math.fround(0.29999986))
    expect(y[2]).toBe(Math.fround(0.29999986))
    // the rest keep their ratio 1:2
    expect(Math.abs((y[1] as number) / (y[0] as number) - 2)).toBeLessThan(1e-6)
  })
  it('zeros can push the cutoff negative: [1, 0, 0, 0] with 0.5 → 0.25 each (PY-FORMAT.md)', () => {
    expect(Array.from(normalizeMaxWeight([1, 0, 0, 0], { limit: 0.5 }))).toEqual([
      0.25, 0.25, 0.25, 0.25,
    ])
  })
  it('is uniform when Σx = 0 or n·limit ≤ 1', () => {
    expect(Array.from(normalizeMaxWeight([0, 0, 0, 0], { limit: 0.1 }))).toEqual([
      0.25, 0.25, 0.25, 0.25,
    ])
    expect(Array.from(normalizeMaxWeight([5, 1], { limit: 0.5 }))).toEqual([0.5, 0.5])
  })
  it('just normalises when nothing exceeds the limit', () => {
    expect(Array.from(normalizeMaxWeight([1, 1, 2], { limit: 0.9 }))).toEqual([0.25, 0.25, 0.5])
  })
})

describe('processWeights', () => {
  it('falls back to uniform float64 weights over all neurons without positive weights', () => {
    const p = processWeights([0, 1, 2, 3], [0, 0, 0, 0], {
      numNeurons: 4,
      minAllowedWeights: 1,
      maxWeightLimit: 0.5,
    })
    expect(p).toEqual({
      uids: [0, 1, 2, 3],
      weights: Float64Array.of(0.25, 0.25, 0.25, 0.25),
      dtype: 'float64',
    })
  })
  it('keeps positive weights and normalises them in float32', () => {
    const p = processWeights([7, 8, 9], [0, 1, 3], {
      numNeurons: 10,
      minAllowedWeights: 1,
      maxWeightLimit: 1,
    })
    expect(p.uids).toEqual([8, 9])
    expect(Array.from(p.weights)).toEqual([0.25, 0.75])
    expect(p.dtype).toBe('float32')
  })
})

describe('convertWeightUidsAndValsToTensor', () => {
  it('a later duplicate overwrites an earlier one (PY-FORMAT.md example)', () => {
    // row = [200, 300, 0, 0, 0] → /500
    expect(Array.from(convertWeightUidsAndValsToTensor(5, [0, 0, 1], [100, 200, 300]))).toEqual([
      Math.fround(0.4),
      Math.fround(0.6),
      0,
      0,
      0,
    ])
  })
  it('rejects a uid ≥ n (IndexError upstream)', () => {
    expect(() => convertWeightUidsAndValsToTensor(2, [2], [1])).toThrow(/out of bounds/)
  })
})
