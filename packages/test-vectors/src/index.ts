/**
 * The parity runner: loads vector files and checks every group against the `@dtao` packages.
 *
 * @packageDocumentation
 */
// biome-ignore-all lint/performance/noBarrelFile: the package's one entry lists its exports by name

export { listVectorFiles, repoRoot, vectorsDir } from './locate.js'
export { handlers } from './registry.js'
export {
  attempt,
  expectValue,
  type FileHandler,
  type FileResult,
  runGroups,
  Tally,
} from './runner.js'
