import type { Options } from 'tsup'

/** Shared build settings; each package's tsup.config.ts is one line. */
export const base: Options = {
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
}
