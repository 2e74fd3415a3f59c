import { bench, describe } from 'vitest'
import { BLOCKS_PER_YEAR } from './constants.js'
import { sampleSnapshot } from './internal/sampleSnapshot.js'
import { projectEmissions } from './projection.js'

const snap128 = sampleSnapshot(128, 11_200_000n * 10n ** 9n)
const nearHalving = sampleSnapshot(128, 15_500_000n * 10n ** 9n)

describe('projectEmissions', () => {
  bench(
    'one year (2 628 000 blocks), 128 subnets',
    () => {
      projectEmissions(snap128, { blocks: BLOCKS_PER_YEAR })
    },
    { iterations: 3, warmupIterations: 1 },
  )

  bench(
    'one year, 128 subnets, through a TAO halving, with epoch records',
    () => {
      projectEmissions(nearHalving, { blocks: BLOCKS_PER_YEAR }, { recordEpochs: true })
    },
    { iterations: 3, warmupIterations: 1 },
  )
})
