import { expect, test } from 'vitest'

// The public surface of float mode, the yuma-simulation variants, input preparation and
// simulate (this team's half of index.ts); adding or removing a name is a reviewed change.
const surface = [
  'InvalidFloatInputError',
  'floatMatrixFromRows',
  'floatMatrixToRows',
  'approxEpoch',
  'approxEpochEngine',
  'toApproxEpochInput',
  'toFloatCsr',
  'YUMA_SIMULATION_VARIANTS',
  'yumaSimulationEpoch',
  'runYumaSimulation',
  'yumaSimulationConsensus',
  'yumaSimulationLiquidAlpha',
  'yumaSimulationIncentive',
  'InvalidWeightsError',
  'convertWeightsAndUidsForEmit',
  'convertAndNormalizeWeightsAndUids',
  'convertMaybeSplitToU16',
  'normalizeMaxWeight',
  'processWeights',
  'convertWeightUidsAndValsToTensor',
  'convertRootWeightUidsAndValsToTensor',
  'convertBondUidsAndValsToTensor',
  'InvalidMetagraphError',
  'parseMetagraphSnapshot',
  'metagraphToEpochInput',
  'InvalidScenarioError',
  'applyEpoch',
  'simulate',
  'simulateFloat',
].sort()

test('index.ts exports the float/simulation/weights/metagraph surface', async () => {
  const exported = new Set(Object.keys(await import('../index.js')))
  expect(surface.filter((name) => !exported.has(name))).toEqual([])
})
