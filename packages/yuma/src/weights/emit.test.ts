import { isDtaoError } from '@dtao/errors'
import { describe, expect, it } from 'vitest'
import {
  convertAndNormalizeWeightsAndUids,
  convertMaybeSplitToU16,
  convertWeightsAndUidsForEmit,
} from './emit.js'

describe('convertWeightsAndUidsForEmit', () => {
  it('max-upscales and rounds half to even (spec W6: [0.7, 0.3] → [65535, 28086])', () => {
    // 0.3/0.7·65535 = 28086.43 → 28086
    expect(convertWeightsAndUidsForEmit([0, 1], [0.7, 0.3])).toEqual([
      [0, 1],
      [65535, 28086],
    ])
  })
  it('ties go to even: [1, 0.5] → 32767.5 → 32768 (PY-FORMAT.md)', () => {
    expect(convertWeightsAndUidsForEmit([0, 1], [1, 0.5])).toEqual([
      [0, 1],
      [65535, 32768],
    ])
  })
  it('drops values that round to 0 with their uid', () => {
    // 1e-6·65535 = 0.066 → 0, dropped
    expect(convertWeightsAndUidsForEmit([5, 6, 7], [1, 1e-6, 0])).toEqual([[5], [65535]])
  })
  it('gives nothing for all-zero weights', () => {
    expect(convertWeightsAndUidsForEmit([0, 1, 2], [0, 0, 0])).toEqual([[], []])
  })
  it('rejects negative weights and uids, and length mismatches', () => {
    for (const [u, w] of [
      [
        [0, 1],
        [1, -0.5],
      ],
      [
        [0, -1],
        [1, 0.5],
      ],
      [
        [0, 1, 2],
        [1, 0.5],
      ],
    ] as const) {
      try {
        convertWeightsAndUidsForEmit(u, w)
        expect.unreachable()
      } catch (e) {
        expect(isDtaoError(e, 'Yuma.InvalidWeightsError')).toBe(true)
      }
    }
  })
  it('casts to float32 first in convertAndNormalizeWeightsAndUids', () => {
    expect(convertAndNormalizeWeightsAndUids([243], [5])).toEqual([[243], [65535]])
  })
})

describe('convertMaybeSplitToU16', () => {
  it('corrects the rounding error on the first maximal element ([1, 1] → [32767, 32768])', () => {
    // 0.5·65535 = 32767.5 → 32768 twice (even), sum 65536, so the first max loses 1
    expect(convertMaybeSplitToU16([1, 1])).toEqual([32767, 32768])
  })
  it('splits [1, 1, 1] evenly: 21845 each (65535/3 exactly)', () => {
    expect(convertMaybeSplitToU16([1, 1, 1])).toEqual([21845, 21845, 21845])
  })
  it('rejects empty, negative and zero-sum splits', () => {
    for (const s of [[], [-1, 2], [0, 0]])
      expect(() => convertMaybeSplitToU16(s)).toThrow(/Invalid weights input/)
  })
})
