import type { FileHandler } from '../runner.js'

/** `py-yuma.json` (not yet handled). */
export const pyYumaFile: FileHandler | undefined = undefined
/** `py-weights.json` (not yet handled). */
export const pyWeightsFile: FileHandler | undefined = undefined
/** `py-balance.json` (not yet handled). */
export const pyBalanceFile: FileHandler | undefined = undefined
