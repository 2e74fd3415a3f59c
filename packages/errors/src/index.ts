/**
 * The base error of every `@dtao` package: one class, one guard, stable `name` codes.
 *
 * @packageDocumentation
 */
// biome-ignore-all lint/performance/noBarrelFile: the package's one entry lists its exports by name
export { BaseError, type BaseErrorOptions, isDtaoError } from './BaseError.js'
export { version } from './version.js'
