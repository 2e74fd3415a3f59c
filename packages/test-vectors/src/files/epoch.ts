import {
  type EpochInput,
  type EpochOutput,
  type EpochTrace,
  runEpoch,
  runEpochDense,
  type SparseRowU16,
} from '@dtao/yuma'
import { big, type FileHandler, headerKeys, type Json, type JsonObject, Tally } from '../runner.js'
import { same, show } from './math.js'

const bigs = (j: Json | undefined): bigint[] => (j as Json[]).map(big)
const rowsU16 = (j: Json | undefined): SparseRowU16[] =>
  (j as Json[][]).map((r) =>
    r.map((e) => [(e as number[])[0] as number, (e as number[])[1] as number] as const),
  )

/** The epoch.json input object → {@link EpochInput}. */
export function epochInputFromJson(i: JsonObject): EpochInput {
  return {
    n: i.n as number,
    currentBlock: big(i.current_block),
    tempo: i.tempo as number,
    activityCutoffFactorMilli: i.activity_cutoff_factor_milli as number,
    lastUpdate: bigs(i.last_update),
    blockAtRegistration: bigs(i.block_at_registration),
    alphaStake: bigs(i.alpha_stake),
    taoStake: bigs(i.tao_stake),
    taoWeight: big(i.tao_weight),
    stakeThreshold: big(i.stake_threshold),
    ownerUid: (i.owner_uid ?? null) as number | null,
    validatorPermit: i.validator_permit as boolean[],
    maxAllowedValidators: i.max_allowed_validators as number,
    weights: rowsU16(i.weights),
    bonds: rowsU16(i.bonds),
    kappa: i.kappa as number,
    bondsPenalty: i.bonds_penalty as number,
    bondsMovingAverage: big(i.bonds_moving_average),
    yuma3Enabled: i.yuma3_enabled as boolean,
    liquidAlphaEnabled: i.liquid_alpha_enabled as boolean,
    alphaLow: i.alpha_low as number,
    alphaHigh: i.alpha_high as number,
    alphaSigmoidSteepness: i.alpha_sigmoid_steepness as number,
    lastMechanismStepBlock: big(i.last_mechanism_step_block),
    commitRevealEnabled: i.commit_reveal_enabled as boolean,
    currentEpochWithLookahead: big(i.current_epoch_with_lookahead ?? '0'),
    revealPeriod: big(i.reveal_period ?? '0'),
    weightCommitsV2: ((i.weight_commits_v2 ?? []) as JsonObject[]).map((w) => ({
      uid: w.uid as number,
      queue: (w.queue as JsonObject[]).map((q) => ({
        commitEpoch: big(q.commit_epoch),
        commitBlock: big(q.commit_block),
      })),
    })),
    timelockedCommitsV4: ((i.timelocked_commits_v4 ?? []) as JsonObject[]).map((w) => ({
      commitEpoch: big(w.commit_epoch),
      queue: (w.queue as JsonObject[]).map((q) => ({
        uid: q.uid as number,
        commitBlock: big(q.commit_block),
      })),
    })),
    raoEmission: big(i.rao_emission),
  }
}

const outputFields: Readonly<Record<string, keyof EpochOutput>> = {
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

const traceFields: Readonly<Record<string, keyof EpochTrace>> = {
  'Filtered stake': 'filteredStake',
  'Normalised Stake': 'normalisedStake',
  'Active Stake': 'activeStake',
  Consensus: 'consensus',
  'Validator Trust': 'validatorTrust',
  'Incentive (=Rank)': 'incentive',
  Dividends: 'dividends',
  'Normalized Server Emission': 'normalizedServerEmission',
  'Normalized Validator Emission': 'normalizedValidatorEmission',
  'Normalized Combined Emission': 'normalizedCombinedEmission',
  total_bonds_per_validator: 'totalBondsPerValidator',
  Inactive: 'inactive',
  validator_permits: 'validatorPermits',
  new_validator_permits: 'newValidatorPermits',
  'Server Emission': 'serverEmission',
  'Validator Emission': 'validatorEmission',
  'Combined Emission': 'combinedEmission',
  Weights: 'weights',
  'Weights (permit)': 'weightsPermit',
  'Weights (permit+diag)': 'weightsPermitDiag',
  'Weights (permit+diag+outdate)': 'weightsPermitDiagOutdate',
  'Weights (mask+norm)': 'weightsMaskNorm',
  'Clipped Weights': 'clippedWeights',
  B: 'bonds',
  'B (outdatedmask)': 'bondsMasked',
  'B (mask+norm)': 'bondsMaskNorm',
  ΔB: 'bondsDelta',
  'ΔB (norm)': 'bondsDeltaNorm',
  'Exponential Moving Average Bonds Normal': 'emaBondsNormal',
  'Exponential Moving Average Bonds': 'emaBonds',
  Bonds: 'bonds',
  'Bonds: (mask)': 'bondsMasked',
  weights_for_bonds: 'weightsForBonds',
  emaB: 'emaBonds',
  'emaB norm': 'emaBondsNorm',
  alphas: 'alphas',
}

/** Check one subnet: every live output, every trace field present, and the dense variant. */
export function checkEpochCase(c: JsonObject): true | string {
  const input = epochInputFromJson(c.input as JsonObject)
  const expected = c.output as JsonObject
  const bad: string[] = []
  const live = expected.epoch_mechanism as JsonObject
  const out = runEpoch(input, { trace: true, uidRange: 'chain' })
  for (const [k, e] of Object.entries(live)) {
    if (k === 'trace') continue
    if (k === 'uid') {
      if (
        !same(
          e,
          Array.from({ length: input.n }, (_, i) => i),
        )
      )
        bad.push('uid')
      continue
    }
    const f = outputFields[k]
    if (f === undefined) bad.push(`unknown output ${k}`)
    else if (!same(e, out[f])) bad.push(`${k}: expected ${show(e)}, got ${show(out[f])}`)
  }
  const trace = (live.trace ?? {}) as JsonObject
  for (const [k, e] of Object.entries(trace)) {
    const f = traceFields[k]
    const got = f === undefined ? undefined : out.trace?.[f]
    if (f === undefined) bad.push(`unknown trace field ${k}`)
    else if (got === undefined) bad.push(`trace ${k}: not produced`)
    else if (!same(e, got)) bad.push(`trace ${k}: expected ${show(e)}, got ${show(got)}`)
  }
  const dense = expected.epoch_dense_mechanism as JsonObject | undefined
  if (dense !== undefined) {
    const d = runEpochDense(input, { uidRange: 'chain' })
    for (const k of ['server_emission', 'validator_emission'] as const) {
      const got = k === 'server_emission' ? d.serverEmission : d.validatorEmission
      if (!same(dense[k] as Json, got))
        bad.push(`dense ${k}: expected ${show(dense[k])}, got ${show(got)}`)
    }
    const stored = (dense.stored ?? {}) as JsonObject
    const map: Record<string, unknown> = {
      stake_weight: d.stored.stakeWeight,
      active: d.stored.active,
      emission: d.stored.emission,
      consensus: d.stored.consensus,
      incentive: d.stored.incentive,
      dividends: d.stored.dividends,
      validator_trust: d.stored.validatorTrust,
      validator_permit: d.stored.validatorPermit,
      bonds: d.stored.bonds,
    }
    for (const [k, e] of Object.entries(stored)) {
      if (!(k in map)) bad.push(`unknown dense stored ${k}`)
      else if (!same(e, map[k])) bad.push(`dense ${k}: expected ${show(e)}, got ${show(map[k])}`)
    }
    for (const k of Object.keys(dense))
      if (!['server_emission', 'validator_emission', 'stored'].includes(k))
        bad.push(`unknown dense output ${k}`)
  }
  for (const k of Object.keys(expected))
    if (k !== 'epoch_mechanism' && k !== 'epoch_dense_mechanism') bad.push(`unknown output ${k}`)
  return bad.length === 0 ? true : bad.slice(0, 4).join('; ')
}

/** `epoch.json`: one case per subnet (live epoch outputs, trace, dense variant). */
export const epochFile: FileHandler = (doc, file) => {
  const t = new Tally()
  for (const key of Object.keys(doc))
    if (key !== 'groups' && !headerKeys.has(key))
      t.fail(`unknown top-level section ${JSON.stringify(key)}`)
  const groups = (doc.groups ?? []) as readonly JsonObject[]
  t.total = groups.length
  for (const g of groups) t.one(String(g.id), () => checkEpochCase(g))
  return t.result(file)
}
