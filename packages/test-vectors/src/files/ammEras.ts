import type { FileHandler } from '../runner.js'

/** `amm-v3.json` (not yet handled). */
export const ammV3File: FileHandler | undefined = undefined
/** `amm-cp.json` (not yet handled). */
export const ammCpFile: FileHandler | undefined = undefined
