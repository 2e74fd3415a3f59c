import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { powRatioScaled } from './powRatioScaled.js'
import { U64F64 } from './types.js'

// Parity with the chain's own balancer exponentials (../shared/vectors/chain/balancer.json,
// groups exp_base_quote / exp_quote_base). `exp_scaled` is re-derived inline from spec §11.3 so
// that this file tests powRatioScaled alone:
//   s = x + dx (saturating u64) or x ⊖ |dx|; s = 0 → 0
//   R = pow_ratio_scaled(x, s, a, b, 256, 10^18), (a, b) = (w1, w2) for base_quote else (w2, w1)
//   R fits u64 → r = U64F64(R) ⊘ U64F64(10^18), min(r, 1) when dx ≥ 0; otherwise 0.

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const vectorsDir =
  process.env.DTAO_VECTORS !== undefined && process.env.DTAO_VECTORS !== ''
    ? resolve(process.env.DTAO_VECTORS)
    : resolve(repoRoot, '../shared/vectors')
const file = resolve(vectorsDir, 'chain/balancer.json')
const present = existsSync(file)
if (!present)
  // biome-ignore lint/suspicious/noConsole: a missing vector folder must be loud, never silent
  console.warn(
    `!!! powRatioScaled.vectors.test.ts: ${file} not found — balancer parity SKIPPED. Set DTAO_VECTORS. !!!`,
  )

const maxU64 = 0xffff_ffff_ffff_ffffn
const accuracy = 10n ** 18n

type ExpCase = {
  readonly quote_parts: string
  readonly reserve: string
  readonly delta: string
  readonly r: { readonly bits: string; readonly type: string }
}

function expScaled(quoteParts: bigint, x: bigint, dx: bigint, baseQuote: boolean): bigint {
  let s: bigint
  if (dx >= 0n) s = x + dx > maxU64 ? maxU64 : x + dx
  else s = x + dx < 0n ? 0n : x + dx
  if (s === 0n) return 0n
  const w2 = quoteParts
  const w1 = accuracy > w2 ? accuracy - w2 : 0n
  const r = baseQuote
    ? powRatioScaled(x, s, w1, w2, 256, accuracy)
    : powRatioScaled(x, s, w2, w1, 256, accuracy)
  if (r === undefined || r < 0n || r > maxU64) return 0n
  const q = U64F64.safeDiv(U64F64.fromNum(r), U64F64.fromNum(accuracy))
  return dx >= 0n && q > U64F64.ONE ? U64F64.ONE : q
}

describe.skipIf(!present)('powRatioScaled · balancer.json exp_scaled parity', () => {
  const doc = present
    ? (JSON.parse(readFileSync(file, 'utf8')) as {
        groups: { fn: string; cases: ExpCase[] }[]
      })
    : { groups: [] }
  for (const fn of ['exp_base_quote', 'exp_quote_base'] as const) {
    test(fn, () => {
      const groups = doc.groups.filter((g) => g.fn === fn)
      expect(groups.length).toBeGreaterThan(0)
      let ran = 0
      const failures: string[] = []
      for (const g of groups) {
        g.cases.forEach((c, i) => {
          ran++
          const got = expScaled(
            BigInt(c.quote_parts),
            BigInt(c.reserve),
            BigInt(c.delta),
            fn === 'exp_base_quote',
          )
          if (got !== BigInt(c.r.bits)) failures.push(`#${i}: got ${got}, want ${c.r.bits}`)
        })
      }
      // biome-ignore lint/suspicious/noConsole: the parity count is part of the report
      console.log(`${fn}: ${ran - failures.length}/${ran} balancer.json cases match`)
      expect(failures).toEqual([])
      expect(ran).toBeGreaterThan(0)
    })
  }
})
