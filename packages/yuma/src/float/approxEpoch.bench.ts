/**
 * Float mode on the input yuma-simulation's Yuma 3 is compared with (64 validators × 256 uids;
 * scripts/bench-float-vs-torch.mjs times the two alternately, epoch by epoch, for the ratio).
 * Inputs: /work/shared/bench/inputs/epoch-256.json (n = 256, 64 validators),
 * read from `../shared/bench` beside the repository (or `$DTAO_BENCH`). Compare with
 * `node ../shared/bench/calibrate.mjs` run in the same shell.
 */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bench, describe } from 'vitest'
import { type ApproxEpochInput, approxEpoch, toFloatCsr } from './approxEpoch.js'
import { floatMatrixFromRows } from './floatMatrix.js'
import { yumaSimulationEpoch } from './yumaSimulation.js'

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..')
const file = resolve(
  process.env.DTAO_BENCH ?? resolve(root, '../shared/bench'),
  'inputs/epoch-256.json',
)

type Raw = Record<string, unknown>
const num = (x: unknown): number => Number(x)
const rows = (x: unknown): [number, number][][] =>
  (x as [number, number][][]).map((r) => r.map(([j, v]) => [j, v]))

function toInput(i: Raw): ApproxEpochInput {
  const tau = num(i.tao_weight) / Number(2n ** 64n - 1n)
  const alpha = (i.alpha_stake as unknown[]).map(num)
  const tao = (i.tao_stake as unknown[]).map(num)
  return {
    n: num(i.n),
    currentBlock: num(i.current_block),
    tempo: num(i.tempo),
    activityCutoffFactorMilli: num(i.activity_cutoff_factor_milli),
    lastUpdate: (i.last_update as unknown[]).map(num),
    blockAtRegistration: (i.block_at_registration as unknown[]).map(num),
    stake: alpha.map((a, k) => a + (tao[k] as number) * tau),
    stakeThreshold: num(i.stake_threshold),
    ownerUid: i.owner_uid === null || i.owner_uid === undefined ? null : num(i.owner_uid),
    validatorPermit: i.validator_permit as boolean[],
    maxAllowedValidators: num(i.max_allowed_validators),
    weights: rows(i.weights),
    bonds: rows(i.bonds),
    kappa: num(i.kappa),
    bondsPenalty: num(i.bonds_penalty),
    bondsMovingAverage: num(i.bonds_moving_average),
    yuma3Enabled: i.yuma3_enabled === true,
    liquidAlphaEnabled: i.liquid_alpha_enabled === true,
    alphaLow: num(i.alpha_low),
    alphaHigh: num(i.alpha_high),
    alphaSigmoidSteepness: num(i.alpha_sigmoid_steepness),
    lastMechanismStepBlock: num(i.last_mechanism_step_block),
    raoEmission: num(i.rao_emission),
  }
}

const groups = existsSync(file)
  ? ((JSON.parse(readFileSync(file, 'utf8')) as { groups: { id: string; input: Raw }[] }).groups ??
    [])
  : []

describe('approxEpoch on epoch-256.json (n = 256, 64 validators)', () => {
  for (const g of groups) {
    const input = toInput(g.input)
    bench(`${g.id} (tuple rows)`, () => {
      approxEpoch(input)
    })
    // the float pipeline's own storage: rows packed once, as a sweep keeps them between epochs
    const packedInput: ApproxEpochInput = {
      ...input,
      weights: toFloatCsr(input.weights as [number, number][][]),
      bonds: toFloatCsr(input.bonds as [number, number][][]),
    }
    bench(`${g.id} (FloatCsr rows)`, () => {
      approxEpoch(packedInput)
    })
  }
})

// yuma-simulation's Yuma 3 on the same 64 validators × 256 columns (this port, for reference).
const random = groups.find((g) => g.id === 'yuma3-random')
if (random !== undefined) {
  const input = toInput(random.input)
  const validators = input.validatorPermit.flatMap((p, i) => (p ? [i] : []))
  const W = floatMatrixFromRows(
    validators.map((i) => {
      const row = new Array<number>(input.n).fill(0)
      for (const [j, v] of (input.weights as [number, number][][])[i] ?? []) row[j] = v
      return row
    }),
  )
  const S = Float64Array.from(validators, (i) => input.stake[i] as number)
  const B = floatMatrixFromRows(validators.map(() => new Array<number>(input.n).fill(0.01)))
  const C = new Float64Array(input.n).fill(1 / input.n)
  describe('yumaSimulationEpoch YUMA3, 64 × 256', () => {
    for (const precision of ['float32', 'float64'] as const)
      bench(precision, () => {
        yumaSimulationEpoch(
          'YUMA3',
          { weights: W, stake: S, bondsOld: B, consensusOld: C },
          { precision, config: { bondMovingAvg: 0.975 } },
        )
      })
  })
}
