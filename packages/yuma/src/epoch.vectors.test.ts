import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { runEpoch } from './epoch.js'
import { runEpochDense } from './epochDense.js'
import type { EpochOutput } from './epochTypes.js'
import { epochInputFromJson } from './internal/epochJson.js'

// The chain's own outputs (epoch_mechanism and epoch_dense_mechanism run on these inputs).
const shared = fileURLToPath(new URL('../../../../shared/', import.meta.url))
const vectors = process.env.DTAO_VECTORS ?? `${shared}vectors`
const benchFile = `${shared}bench/inputs/epoch-256.json`
const epochFile = `${vectors}/chain/epoch.json`

type Case = {
  id: string
  input: Record<string, unknown>
  output: Record<string, Record<string, unknown>>
}

/** JSON (u64 as decimal strings) → the shapes runEpoch returns. */
function revive(x: unknown): unknown {
  if (typeof x === 'string' && /^-?\d+$/.test(x)) return BigInt(x)
  if (Array.isArray(x)) return x.map(revive)
  if (x !== null && typeof x === 'object')
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, revive(v)]))
  return x
}

const fields: Record<string, keyof EpochOutput> = {
  stake: 'stake',
  stake_weight: 'stakeWeight',
  consensus: 'consensus',
  incentive: 'incentive',
  dividend: 'dividend',
  validator_trust: 'validatorTrust',
  active: 'active',
  new_validator_permit: 'newValidatorPermit',
  server_emission: 'serverEmission',
  validator_emission: 'validatorEmission',
  emission: 'emission',
  bond: 'bond',
}

function checkLive(c: Case): void {
  const out = runEpoch(epochInputFromJson(c.input))
  const live = c.output.epoch_mechanism as Record<string, unknown>
  for (const [k, f] of Object.entries(fields))
    expect(out[f], `${c.id} ${k}`).toEqual(revive(live[k]))
}

describe.skipIf(!existsSync(benchFile))('epoch-256.json: the 6 stored outputs (n = 256)', () => {
  const doc = existsSync(benchFile)
    ? (JSON.parse(readFileSync(benchFile, 'utf8')) as { groups: Case[] })
    : { groups: [] }
  for (const c of doc.groups) test(c.id, () => checkLive(c))
})

describe.skipIf(!existsSync(epochFile))('epoch.json: live and dense outputs of 300 subnets', () => {
  const doc = existsSync(epochFile)
    ? (JSON.parse(readFileSync(epochFile, 'utf8')) as { groups: Case[] })
    : { groups: [] }
  test('live epoch (epoch_mechanism)', () => {
    for (const c of doc.groups) checkLive(c)
  })
  test('dense variant (epoch_dense_mechanism)', () => {
    for (const c of doc.groups) {
      const d = runEpochDense(epochInputFromJson(c.input), { uidRange: 'chain' })
      const exp = revive(c.output.epoch_dense_mechanism) as Record<string, unknown>
      expect(d.serverEmission, c.id).toEqual(exp.server_emission)
      expect(d.validatorEmission, c.id).toEqual(exp.validator_emission)
      const s = exp.stored as Record<string, unknown>
      expect(d.stored.stakeWeight, c.id).toEqual(s.stake_weight)
      expect(d.stored.active, c.id).toEqual(s.active)
      expect(d.stored.emission, c.id).toEqual(s.emission)
      expect(d.stored.consensus, c.id).toEqual(s.consensus)
      expect(d.stored.incentive, c.id).toEqual(s.incentive)
      expect(d.stored.dividends, c.id).toEqual(s.dividends)
      expect(d.stored.validatorTrust, c.id).toEqual(s.validator_trust)
      expect(d.stored.validatorPermit, c.id).toEqual(s.validator_permit)
      expect(d.stored.bonds, c.id).toEqual(s.bonds)
    }
  })
})

test.runIf(!existsSync(benchFile) || !existsSync(epochFile))('vector files present', () => {
  throw new Error(`VECTOR FILES MISSING: ${benchFile} / ${epochFile} — nothing was checked`)
})
