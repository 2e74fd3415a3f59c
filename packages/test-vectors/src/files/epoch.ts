import type { FileHandler } from '../runner.js'

/** `epoch.json` (not yet handled). */
export const epochFile: FileHandler | undefined = undefined
