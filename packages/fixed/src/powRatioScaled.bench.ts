import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bench, describe } from 'vitest'
import { powRatioScaled } from './powRatioScaled.js'

// Inputs: /work/shared/bench/inputs/swap-quotes.json ($DTAO_BENCH_INPUTS or ../shared/bench/inputs
// beside the repo). Each swap's pow_ratio_scaled call: buy → (y, y + Δy, w_quote, w_base),
// sell → (x, x + Δx, w_base, w_quote), precision 256, scale 10^18, with Δ = amount_paid_in (the
// amount after the fee, which is what convert_deltas sees). Compare ns/call with
// `node /work/shared/bench/calibrate.mjs` run in the same shell (see ANCHORS.md).

const e18 = 10n ** 18n
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const inputsDir =
  process.env.DTAO_BENCH_INPUTS !== undefined && process.env.DTAO_BENCH_INPUTS !== ''
    ? resolve(process.env.DTAO_BENCH_INPUTS)
    : resolve(repoRoot, '../shared/bench/inputs')
const file = resolve(inputsDir, 'swap-quotes.json')

type Call = readonly [bigint, bigint, bigint, bigint]
type SwapCase = {
  readonly path: string
  readonly direction: string
  readonly quote_parts: string
  readonly tao_reserve: string
  readonly alpha_reserve: string
  readonly r: { readonly amount_paid_in: string }
}

const approx: Call[] = []
const exact: Call[] = []
if (existsSync(file)) {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { groups: { cases: SwapCase[] }[] }
  for (const c of doc.groups[0]?.cases ?? []) {
    const wq = BigInt(c.quote_parts)
    const wb = e18 - wq
    const delta = BigInt(c.r.amount_paid_in)
    const call: Call =
      c.direction === 'buy_alpha_with_tao'
        ? [BigInt(c.tao_reserve), BigInt(c.tao_reserve) + delta, wq, wb]
        : [BigInt(c.alpha_reserve), BigInt(c.alpha_reserve) + delta, wb, wq]
    ;(c.path === 'approx' ? approx : exact).push(call)
  }
}

/** Fixed pool, non-trivial weight (0.4909…, a fallback-path exponent), distinct reserves per call. */
const wMicro = 490958281271181711n
const micro: Call[] = Array.from({ length: 1024 }, (_, i) => {
  const y = 53895745497605n + BigInt(i) * 7919n
  return [y, y + 210323217n + BigInt(i), wMicro, e18 - wMicro] as const
})

let sink = 0n
function cycle(calls: readonly Call[]): () => void {
  let i = 0
  return () => {
    const c = calls[i] as Call
    i = i + 1 === calls.length ? 0 : i + 1
    sink ^= powRatioScaled(c[0], c[1], c[2], c[3], 256, e18) ?? 0n
  }
}

describe('powRatioScaled (precision 256, scale 10^18)', () => {
  bench('micro: one call, weight 0.4909…, fresh reserves every call', cycle(micro))
  if (approx.length > 0) {
    bench(`swap-quotes approx: one call (${approx.length} distinct inputs)`, cycle(approx))
    let j = 0
    bench('swap-quotes approx: a whole swap (2 identical calls, as the chain makes)', () => {
      const c = approx[j] as Call
      j = j + 1 === approx.length ? 0 : j + 1
      sink ^= powRatioScaled(c[0], c[1], c[2], c[3], 256, e18) ?? 0n
      sink ^= powRatioScaled(c[0], c[1], c[2], c[3], 256, e18) ?? 0n
    })
  }
  if (exact.length > 0)
    bench(`swap-quotes exact (w = 0.5): one call (${exact.length} inputs)`, cycle(exact))
})

export { sink as _sink }
