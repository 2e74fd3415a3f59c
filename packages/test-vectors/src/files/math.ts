import type { FileHandler } from '../runner.js'

/** `math.json` (not yet handled). */
export const mathFile: FileHandler | undefined = undefined
