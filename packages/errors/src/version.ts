/**
 * The version of the `@dtao/*` packages (they move in lockstep), printed in every error message.
 *
 * @example
 * ```ts
 * import { version } from '@dtao/errors'
 * console.log(version) // '0.0.0'
 * ```
 */
export const version: string = '0.0.0'
