import type { EpochInput } from '../epochTypes.js'
import type { SparseRowU16 } from '../types.js'

type J = unknown
type O = Record<string, J>

function big(x: J): bigint {
  if (typeof x === 'string' || typeof x === 'number') return BigInt(x)
  throw new TypeError(`expected an integer string, got ${String(x)}`)
}
const bigs = (j: J): bigint[] => (j as J[]).map(big)
const rowsU16 = (j: J): SparseRowU16[] =>
  (j as number[][][]).map((r) => r.map((e) => [e[0] as number, e[1] as number] as const))

/**
 * Read an `epoch.json`-schema input object (snake_case, u64 as strings) as an {@link EpochInput}.
 * Used by tests and benches.
 *
 * @internal
 */
export function epochInputFromJson(i: O): EpochInput {
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
    commitRevealEnabled: i.commit_reveal_enabled === true,
    currentEpochWithLookahead: big(i.current_epoch_with_lookahead ?? '0'),
    revealPeriod: big(i.reveal_period ?? '0'),
    weightCommitsV2: ((i.weight_commits_v2 ?? []) as O[]).map((w) => ({
      uid: w.uid as number,
      queue: (w.queue as O[]).map((q) => ({
        commitEpoch: big(q.commit_epoch),
        commitBlock: big(q.commit_block),
      })),
    })),
    timelockedCommitsV4: ((i.timelocked_commits_v4 ?? []) as O[]).map((w) => ({
      commitEpoch: big(w.commit_epoch),
      queue: (w.queue as O[]).map((q) => ({
        uid: q.uid as number,
        commitBlock: big(q.commit_block),
      })),
    })),
    raoEmission: big(i.rao_emission),
  }
}
