// The calls the demo makes, from the embedded snapshot and the real subnet-15 metagraph, so the
// tour is known to work offline.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { alphaBalance, formatAlpha, formatTao, taoBalance } from '@dtao/fixed'
import { afterAll, describe, expect, test } from 'vitest'
import { embeddedSnapshot } from './embeddedSnapshot.js'
import { sharedDataDir } from './internal/testNode.js'
import { MetagraphFileMissingError, metagraphEpoch } from './metagraphEpoch.js'
import { svgLinePlot } from './plot.js'
import { getPoolState } from './pool.js'
import { poolPriceRao, quote } from './quote.js'

const dir = mkdtempSync(join(tmpdir(), 'dtao-tour-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('demo tour', () => {
  test('price and quote on the embedded real pool, with provenance', async () => {
    const snap = embeddedSnapshot()
    const pool = await getPoolState(snap, { netuid: 1 })
    // 22079400556774 rao τ / 2316467425363654 rao α = 0.009531… τ/α.
    expect(formatTao(taoBalance(poolPriceRao(pool)))).toMatch(/^0\.00953\d+$/)
    const q = await quote(snap, { netuid: 1, side: 'buy', amount: 1_500_000_000n })
    // fee = ⌊1.5e9 · 33 / 65535⌋ = 755321 rao (spec 343's DefaultFeeRate 33/65535).
    expect(q.fee).toBe(755_321n)
    expect(formatAlpha(alphaBalance(q.amountOut))).toBe('157.283058786') // the README's figure
    expect(q.provenance).toMatchObject({ block: 6_852_690, specVersion: 343 })
  })

  const file = join(sharedDataDir, 'metagraphs', 'subnet15-block4769998.json')
  test.skipIf(!existsSync(file))('an exact epoch over the real subnet-15 metagraph', async () => {
    const e = await metagraphEpoch(file)
    expect(e.provenance.block).toBe(4_769_998)
    expect(e.output.incentive).toHaveLength(256)
    // Default raoEmission 360 α (metagraphToEpochInput), half to servers, half to validators.
    // Each uid's share is an I32F32 fraction (floored, ≤ 2⁻³² off) of 180 α, so each half loses
    // less than 256 · ⌈180·10⁹ / 2³²⌉ = 256 · 42 rao to flooring, and never gains.
    const sum = (xs: readonly bigint[]) => xs.reduce((a, b) => a + b, 0n)
    for (const half of [sum(e.output.serverEmission), sum(e.output.validatorEmission)]) {
      expect(half <= 180n * 10n ** 9n).toBe(true)
      expect(half > 180n * 10n ** 9n - 256n * 42n).toBe(true)
    }
    // Some miners earn incentive and some validators dividends (the archive's weights are live).
    expect(e.output.incentive.some((x) => x > 0)).toBe(true)
    expect(e.output.dividend.some((x) => x > 0)).toBe(true)
  })

  test('a missing metagraph file is a clear typed error', async () => {
    await expect(metagraphEpoch(join(dir, 'none.json'))).rejects.toThrow(MetagraphFileMissingError)
    await expect(metagraphEpoch(join(dir, 'none.json'))).rejects.toThrow(/No metagraph archive at/)
  })

  test('an SVG plot is written', () => {
    const svg = svgLinePlot(
      [
        [0, 1],
        [1, 3],
      ],
      { title: 'a < b & "c"', xLabel: 'x', yLabel: 'y' },
    )
    writeFileSync(join(dir, 'p.svg'), svg)
    const text = readFileSync(join(dir, 'p.svg'), 'utf8')
    expect(text).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
    expect(text).toContain('a &lt; b &amp; &quot;c&quot;') // labels are escaped
    // Two points span the plot box: x 56 → 584, y 344 → 56 (640×400, 56 px padding).
    expect(text).toContain('d="M56.0,344.0 L584.0,56.0"')
  })
})
