import type { FileHandler } from '../runner.js'

/** `balancer.json` (not yet handled: owned by @dtao/amm). */
export const balancerFile: FileHandler | undefined = undefined
