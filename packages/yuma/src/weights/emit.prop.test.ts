import { fc, test } from '@fast-check/vitest'
import { expect } from 'vitest'
import { convertWeightsAndUidsForEmit } from './emit.js'

const rows = fc
  .array(
    fc.tuple(fc.integer({ min: 0, max: 4095 }), fc.double({ min: 0, max: 1e6, noNaN: true })),
    {
      minLength: 1,
      maxLength: 64,
    },
  )
  .filter((r) => r.some(([, w]) => w > 0))

test.prop([rows])('outputs are u16, the maximum is 65535, and uid order is preserved', (row) => {
  const uids = row.map(([u]) => u)
  const [outUids, vals] = convertWeightsAndUidsForEmit(
    uids,
    row.map(([, w]) => w),
  )
  expect(outUids.length).toBe(vals.length)
  for (const v of vals) {
    expect(Number.isInteger(v)).toBe(true)
    expect(v).toBeGreaterThanOrEqual(1)
    expect(v).toBeLessThanOrEqual(65535)
  }
  expect(Math.max(...vals)).toBe(65535)
  // a subsequence of the input uids, in order
  let k = 0
  for (const u of uids) if (k < outUids.length && outUids[k] === u) k++
  expect(k).toBe(outUids.length)
})

test.prop([rows])('values are monotone in the weights', (row) => {
  const w = row.map(([, x]) => x)
  const [, vals] = convertWeightsAndUidsForEmit(
    row.map((_, i) => i),
    w,
  )
  const [outUids] = convertWeightsAndUidsForEmit(
    row.map((_, i) => i),
    w,
  )
  for (let a = 0; a < outUids.length; a++)
    for (let b = 0; b < outUids.length; b++)
      if ((w[outUids[a] as number] as number) < (w[outUids[b] as number] as number))
        expect(vals[a] as number).toBeLessThanOrEqual(vals[b] as number)
})
