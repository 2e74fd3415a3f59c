import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { BaseError } from '@dtao/errors'
import {
  type EpochInput,
  type EpochOutput,
  type MetagraphSnapshot,
  type MetagraphToEpochInputOptions,
  metagraphToEpochInput,
  parseMetagraphSnapshot,
  runEpoch,
} from '@dtao/yuma'

/** One exact epoch over an archived metagraph file. */
export type MetagraphEpoch = {
  /** The parsed archive. */
  readonly metagraph: MetagraphSnapshot
  /** The input `metagraphToEpochInput` built from it. */
  readonly input: EpochInput
  /** `runEpoch`'s output. */
  readonly output: EpochOutput
  /** The file, the block and what was assumed (the archive has stake and weights only). */
  readonly provenance: {
    /** The metagraph's block. */
    readonly block: number
    /** Its subnet, when the archive names it. */
    readonly netuid: number | undefined
    /** The file read and the assumptions made, in words. */
    readonly source: string
  }
}

/**
 * Runs `@dtao/yuma`'s exact epoch over a metagraph archived by bactensor/yuma-simulation (e.g.
 * `../shared/data/metagraphs/subnet15-block4769998.json`), read at run time: stake becomes
 * ⌊S·10⁹⌋ rao, weights become u16 as the SDK emits them, bonds start empty, permits are the top
 * `maxAllowedValidators`, other hyperparameters are `metagraphToEpochInput`'s defaults unless given.
 *
 * @param file - Path of the JSON archive.
 * @param options - Hyperparameters and state the archive lacks (`metagraphToEpochInput`'s options).
 * @returns The metagraph, the input, the output and the provenance.
 * @throws {@link MetagraphFileMissingError} If the file does not exist.
 * @example
 * ```ts
 * import { metagraphEpoch } from '@dtao/client'
 *
 * const e = await metagraphEpoch('../shared/data/metagraphs/subnet15-block4769998.json')
 * e.output.incentive.length // 256
 * ```
 */
export async function metagraphEpoch(
  file: string,
  options: MetagraphToEpochInputOptions = {},
): Promise<MetagraphEpoch> {
  if (!existsSync(file)) throw new MetagraphFileMissingError({ file })
  const metagraph = parseMetagraphSnapshot(JSON.parse(await readFile(file, 'utf8')))
  const input = metagraphToEpochInput(metagraph, options)
  return {
    metagraph,
    input,
    output: runEpoch(input),
    provenance: {
      block: metagraph.block,
      netuid: metagraph.netuid,
      source: `${file} (bactensor/yuma-simulation archive; stake ⌊S·10⁹⌋ rao, weights → u16 as the SDK emits, bonds empty, permits top ${input.maxAllowedValidators}, other hyperparameters: @dtao/yuma defaults)`,
    },
  }
}

/** The metagraph archive is not where it was looked for.
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 *
 * function explain(e: unknown): string {
 *   return isDtaoError(e, 'Client.MetagraphFileMissingError') ? e.shortMessage : String(e)
 * }
 * ``` */
export class MetagraphFileMissingError extends BaseError {
  override readonly name = 'Client.MetagraphFileMissingError'
  /** The path looked at. */
  readonly file: string

  constructor({ file }: { file: string }) {
    super(`No metagraph archive at ${file}.`, {
      metaMessages: [
        'The real metagraphs live in ../shared/data/metagraphs/ beside the repository; pass the path of one.',
      ],
    })
    this.file = file
  }
}
