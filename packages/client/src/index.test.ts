import * as amm from '@dtao/amm'
import * as emission from '@dtao/emission'
import * as errors from '@dtao/errors'
import * as fixed from '@dtao/fixed'
import * as yuma from '@dtao/yuma'
import { describe, expect, test } from 'vitest'
import * as client from './index.js'

const math = { errors, fixed, amm, yuma, emission } as const

describe('export surface', () => {
  test("the client's own exports", () => {
    const reexported = new Set(Object.values(math).flatMap((m) => Object.values(m)))
    const own = Object.entries(client)
      .filter(([, v]) => !reexported.has(v))
      .map(([k]) => k)
      .sort()
    expect(own).toMatchInlineSnapshot(`
      [
        "BlockNotFoundError",
        "EpochUnavailableError",
        "InvalidMechanismError",
        "InvalidQuoteOptionsError",
        "InvalidSnapshotError",
        "InvalidUrlError",
        "MalformedResponseError",
        "MetagraphFileMissingError",
        "MissingRuntimeApiError",
        "MissingStorageError",
        "ProjectionUnavailableError",
        "QuoteMismatchError",
        "RpcConnectionError",
        "RpcResponseError",
        "RpcTimeoutError",
        "SNAPSHOT_FORMAT",
        "SimSwapFailedError",
        "SnapshotBlockMismatchError",
        "SnapshotMissingError",
        "SubnetNotFoundError",
        "UnknownSpecError",
        "assertSnapshotBlock",
        "callRuntimeApi",
        "callRuntimeApiRaw",
        "chainRulesForSpec",
        "closeClient",
        "createClient",
        "createRpc",
        "embeddedSnapshot",
        "epoch",
        "getCurrentAlphaPrice",
        "getDynamicInfo",
        "getEmissionInputs",
        "getEpochInputs",
        "getHyperparameters",
        "getMetagraph",
        "getNetuids",
        "getPoolState",
        "getPoolStates",
        "getSpecVersion",
        "hasRuntimeApi",
        "hasStorage",
        "inheritedStake",
        "metagraphEpoch",
        "nextEpoch",
        "parseSnapshot",
        "poolEraForSpec",
        "poolPriceRao",
        "project",
        "quote",
        "readSnapshot",
        "readStorage",
        "readStorageEntries",
        "readStorageMany",
        "resolveBlock",
        "runtimeAt",
        "runtimeVersionAt",
        "serializeSnapshot",
        "simSwap",
        "snapshot",
        "snapshotRecord",
        "svgLinePlot",
        "toAmmPool",
        "toEpochInput",
        "toProjectionSnapshot",
        "writeSnapshot",
      ]
    `)
  })

  test('every runtime export of the math packages is re-exported, by name or package-prefixed', () => {
    const surface = client as Record<string, unknown>
    for (const [pkg, m] of Object.entries(math))
      for (const [name, value] of Object.entries(m)) {
        const prefixed = /^[A-Z]/.test(name)
          ? `${pkg[0]?.toUpperCase()}${pkg.slice(1)}${name}`
          : `${pkg}${name[0]?.toUpperCase()}${name.slice(1)}`
        expect(surface[name] === value || surface[prefixed] === value, `@dtao/${pkg}.${name}`).toBe(
          true,
        )
      }
  })
})
