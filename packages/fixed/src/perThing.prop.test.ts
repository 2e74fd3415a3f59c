import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { Perbill, Percent, Permill, Perquintill, type PerThingFormat } from './perThing.js'

const formats: readonly PerThingFormat<string>[] = [Percent, Permill, Perbill, Perquintill]
const format = fc.constantFrom(...formats)
const uint = fc.bigInt({ min: 0n, max: 2n ** 128n - 1n })

describe('per-thing properties', () => {
  test.prop([format, fc.bigInt({ min: 0n, max: 10n ** 18n }), uint])(
    'mulFloor ≤ mulInt ≤ mulCeil ≤ mulFloor + 1, and mulFloor·A ≤ n·P',
    (f, raw, n) => {
      const p = f.fromParts(raw % (f.ACCURACY + 1n))
      const lo = f.mulFloor(p, n)
      const mid = f.mulInt(p, n)
      const hi = f.mulCeil(p, n)
      expect(lo <= mid && mid <= hi && hi <= lo + 1n).toBe(true)
      expect(lo * f.ACCURACY <= n * f.deconstruct(p)).toBe(true)
      expect((lo + 1n) * f.ACCURACY > n * f.deconstruct(p)).toBe(true)
    },
  )

  test.prop([format, uint, uint])('fromRational floors A·p/q for p ≤ q, else one', (f, a, b) => {
    const r = f.fromRational(a, b)
    if (b === 0n || a > b) expect(r).toBe(f.ACCURACY)
    else {
      expect(r * b <= f.ACCURACY * a).toBe(true)
      expect((r + 1n) * b > f.ACCURACY * a).toBe(true)
      const up = f.fromRationalWithRounding(a, b, 'up') as bigint
      expect(up - r === 0n || up - r === 1n).toBe(true)
    }
  })
})
