// Test-only: the hyperparameters float mode's tests share (not exported by the package).
import type { ApproxEpochInput } from './approxEpoch.js'

/**
 * A Yuma 3 subnet at block 1000 (tempo 360, the default activity cutoff): κ ½, full bonds
 * penalty, bonds moving average 0.9, no liquid alpha, 1e9 rao to emit; no stake threshold.
 */
export const yuma3Hyperparameters: Pick<
  ApproxEpochInput,
  | 'currentBlock'
  | 'tempo'
  | 'activityCutoffFactorMilli'
  | 'stakeThreshold'
  | 'kappa'
  | 'bondsPenalty'
  | 'bondsMovingAverage'
  | 'yuma3Enabled'
  | 'liquidAlphaEnabled'
  | 'alphaLow'
  | 'alphaHigh'
  | 'alphaSigmoidSteepness'
  | 'lastMechanismStepBlock'
  | 'raoEmission'
> = {
  currentBlock: 1000,
  tempo: 360,
  activityCutoffFactorMilli: 13889,
  stakeThreshold: 0,
  kappa: 32767,
  bondsPenalty: 65535,
  bondsMovingAverage: 900_000,
  yuma3Enabled: true,
  liquidAlphaEnabled: false,
  alphaLow: 45875,
  alphaHigh: 58982,
  alphaSigmoidSteepness: 1000,
  lastMechanismStepBlock: 0,
  raoEmission: 1e9,
}
