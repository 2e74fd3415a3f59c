import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getDynamicBuilder, getLookupFn } from '@polkadot-api/metadata-builders'
import { Bytes, decAnyMetadata, Option, unifyMetadata } from '@polkadot-api/substrate-bindings'
import { afterAll, describe, expect, test } from 'vitest'
import { embeddedSnapshot } from './embeddedSnapshot.js'
import { getEmissionInputs } from './emissionInputs.js'
import { getEpochInputs } from './epochInputs.js'
import { loadRecording, startTestNode, syntheticHandler } from './internal/testNode.js'
import { getPoolState } from './pool.js'
import {
  parseSnapshot,
  readSnapshot,
  serializeSnapshot,
  snapshot,
  writeSnapshot,
} from './snapshot.js'
import { getDynamicInfo, getHyperparameters } from './subnet.js'

const dir = mkdtempSync(join(tmpdir(), 'dtao-snapshot-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('embeddedSnapshot', () => {
  test('quotes the recorded figures of subnet 1 at block 6852690 (finney-recorded.json, scenario metagraph)', () => {
    const snap = embeddedSnapshot()
    expect(snap.provenance).toMatchObject({ block: 6_852_690, specVersion: 343 })
    expect(snap.pools[0]).toMatchObject({
      netuid: 1,
      taoReserve: 22_079_400_556_774n,
      alphaReserve: 2_316_467_425_363_654n,
    })
    // Every figure not read from the chain is labelled.
    for (const field of ['alphaSqrtPrice', 'feeRate', 'quoteWeight', 'mechanism'])
      expect(snap.notes.some((n) => n.includes(field) && n.includes('derived'))).toBe(true)
  })

  test('matches the recording when ../shared/data is present', () => {
    const rec = loadRecording()
    if (rec === undefined) {
      process.stderr.write('SKIPPING embedded-vs-recording check: ../shared/data is absent\n')
      return
    }
    const builder = getDynamicBuilder(
      getLookupFn(
        unifyMetadata(
          decAnyMetadata(
            Option(Bytes()).dec(rec.metadata.Metadata_metadata_at_version) as Uint8Array,
          ),
        ),
      ),
    )
    const calls = rec.responses.metagraph?.state_call ?? {}
    const [, answer] =
      Object.entries(calls).find(([k]) => k.includes('get_selective_mechagraph')) ?? []
    const decoded = builder
      .buildRuntimeCall('SubnetInfoRuntimeApi', 'get_selective_mechagraph')
      .value.dec((answer as { result: string }).result) as Record<string, unknown>
    const info = embeddedSnapshot().dynamicInfo[1] ?? {}
    for (const k of [
      'tao_in',
      'alpha_in',
      'alpha_out',
      'moving_price',
      'subnet_volume',
      'tao_in_emission',
    ])
      expect(info[k]).toBe(decoded[k])
  })
})

describe('serializeSnapshot / parseSnapshot', () => {
  test('round-trips bigints exactly and reads back through the same functions', async () => {
    const file = join(dir, 'embedded.json')
    await writeSnapshot(file, embeddedSnapshot())
    const back = await readSnapshot(file)
    expect(back.pools).toEqual(embeddedSnapshot().pools)
    expect(await getPoolState(back, { netuid: 1, block: 6_852_690 })).toEqual(
      embeddedSnapshot().pools[0],
    )
    expect((await getDynamicInfo(back, { netuid: 1 })).value.tao_in).toBe(22_079_400_556_774n)
    expect(serializeSnapshot(back)).toBe(serializeSnapshot(embeddedSnapshot()))
  })

  test('rejects what is not a snapshot with Client.InvalidSnapshotError', async () => {
    expect(() => parseSnapshot('{"format":"other"}')).toThrow(
      expect.objectContaining({ name: 'Client.InvalidSnapshotError' }),
    )
    expect(() => parseSnapshot('not json')).toThrow(
      expect.objectContaining({ name: 'Client.InvalidSnapshotError' }),
    )
    const file = join(dir, 'bad.json')
    writeFileSync(file, '[]')
    await expect(readSnapshot(file)).rejects.toMatchObject({ name: 'Client.InvalidSnapshotError' })
    await expect(readSnapshot(join(dir, 'missing.json'))).rejects.toMatchObject({
      name: 'Client.InvalidSnapshotError',
    })
  })

  test('parts it does not hold are Client.SnapshotMissingError', async () => {
    const snap = embeddedSnapshot()
    await expect(getEpochInputs(snap, { netuid: 1 })).rejects.toMatchObject({
      name: 'Client.SnapshotMissingError',
    })
    await expect(getEmissionInputs(snap)).rejects.toMatchObject({
      name: 'Client.SnapshotMissingError',
    })
    await expect(getHyperparameters(snap, { netuid: 1 })).rejects.toMatchObject({
      name: 'Client.SnapshotMissingError',
    })
  })
})

const recording = loadRecording()
describe.skipIf(recording === undefined)('snapshot(url) from a local node', () => {
  const rec = recording as NonNullable<typeof recording>

  test('a synthetic spec-343 node: pools, epoch inputs and emission inputs captured at one block', async () => {
    const chain = {
      spec: 343,
      block: 100,
      storage: new Map<string, string>(),
      calls: new Map<string, string>(),
    }
    const node = await startTestNode(syntheticHandler(chain, rec))
    try {
      const snap = await snapshot(node.url, { netuids: [1] })
      expect(snap.provenance).toMatchObject({ block: 100, specVersion: 343, source: node.url })
      // Empty storage: every ValueQuery item reads as its declared default.
      expect(snap.pools[0]).toMatchObject({ taoReserve: 0n, alphaReserve: 0n, feeRate: 33 })
      expect(snap.epochInputs[1]).toMatchObject({ n: 0, hotkeys: [] })
      expect(snap.emissionInputs?.subnets[1]).toMatchObject({ SubnetTAO: 0n, SubnetMechanism: 0 })
      // No runtime-API answers on this node: those parts are named in notes, not invented.
      expect(snap.dynamicInfo[1]).toBeUndefined()
      expect(snap.notes.some((n) => n.startsWith('dynamic info of subnet 1: not captured'))).toBe(
        true,
      )
      expect(
        snap.notes.some((n) => n.startsWith('hyperparameters of subnet 1: not captured')),
      ).toBe(true)
    } finally {
      await node.close()
    }
  })
})
