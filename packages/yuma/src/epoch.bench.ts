import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { bench, describe } from 'vitest'
import { runEpoch } from './epoch.js'
import { epochInputFromJson } from './internal/epochJson.js'

type Case = { id: string; input: Record<string, unknown> }
// ../shared/bench/inputs beside the repository (ANCHORS.md has the chain's timings)
const file = fileURLToPath(
  new URL('../../../../shared/bench/inputs/epoch-256.json', import.meta.url),
)
const doc = JSON.parse(readFileSync(process.env.DTAO_EPOCH_BENCH ?? file, 'utf8')) as {
  groups: Case[]
}

describe('runEpoch, n = 256 (epoch-256.json)', () => {
  for (const c of doc.groups) {
    const input = epochInputFromJson(c.input)
    // a longer warm-up than the default 100 ms, so that every stage is optimised before timing
    bench(
      c.id,
      () => {
        runEpoch(input)
      },
      { warmupTime: 1000, warmupIterations: 200, time: 1500 },
    )
  }
})
