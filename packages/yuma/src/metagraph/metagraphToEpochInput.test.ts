import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isDtaoError } from '@dtao/errors'
import { describe, expect, it } from 'vitest'
import { runEpoch } from '../epoch.js'
import { metagraphToEpochInput, parseMetagraphSnapshot } from './metagraphToEpochInput.js'

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..')
const sn15 = resolve(root, '../shared/data/metagraphs/subnet15-block4769998.json')

describe('metagraphToEpochInput', () => {
  it('converts a tiny snapshot', () => {
    const input = metagraphToEpochInput({
      n: 3,
      block: 100,
      stake: [1000, 2.5, 0],
      weights: [
        [
          [1, 0.7],
          [2, 0.3],
        ],
        [],
        [],
      ],
    })
    expect(input.alphaStake).toEqual([1_000_000_000_000n, 2_500_000_000n, 0n])
    // emitted as the SDK does: [0.7, 0.3] → [65535, 28086]
    expect(input.weights[0]).toEqual([
      [1, 65535],
      [2, 28086],
    ])
    expect(input.validatorPermit).toEqual([true, true, false])
    expect(runEpoch(input).incentive[1]).toBeGreaterThan(0)
  })
  it('rejects malformed snapshots', () => {
    try {
      parseMetagraphSnapshot({ n: 2, block: 1, stake: [1], weights: [[], []] })
      expect.unreachable()
    } catch (e) {
      expect(isDtaoError(e, 'Yuma.InvalidMetagraphError')).toBe(true)
    }
  })
  it.skipIf(!existsSync(sn15))('reads the subnet-15 snapshot (256 uids, 20 weight rows)', () => {
    const snap = parseMetagraphSnapshot(JSON.parse(readFileSync(sn15, 'utf8')))
    expect(snap.n).toBe(256)
    const input = metagraphToEpochInput(snap)
    expect(input.weights.filter((r) => r.length > 0).length).toBe(20)
    expect(input.validatorPermit.filter(Boolean).length).toBe(64)
    // every emitted row has its maximum at 65535
    for (const r of input.weights)
      if (r.length > 0) expect(Math.max(...r.map(([, v]) => v))).toBe(65535)
  })
})
