import { fc } from '@fast-check/vitest'

// CI owns the number of property-test runs: FC_NUM_RUNS (default fast-check's 100).
const runs = Number(process.env.FC_NUM_RUNS)
if (Number.isInteger(runs) && runs > 0) fc.configureGlobal({ numRuns: runs })
