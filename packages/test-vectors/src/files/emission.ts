import type { FileHandler } from '../runner.js'

/** `emission.json` (not yet handled). */
export const emissionFile: FileHandler | undefined = undefined
/** `coinbase.json` (not yet handled). */
export const coinbaseFile: FileHandler | undefined = undefined
