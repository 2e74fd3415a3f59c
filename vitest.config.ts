import { existsSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const root = fileURLToPath(new URL('.', import.meta.url))
const packages = readdirSync(`${root}packages`).filter((name) =>
  existsSync(`${root}packages/${name}/src/index.ts`),
)

/** `@dtao/*` resolves to sources, so tests run with no build step. */
const alias = Object.fromEntries(
  packages.map((name) => [`@dtao/${name}`, `${root}packages/${name}/src/index.ts`]),
)

export default defineConfig({
  resolve: { alias },
  test: {
    projects: packages.map((name) => ({
      resolve: { alias },
      test: {
        name,
        root: `${root}packages/${name}`,
        include: ['src/**/*.test.ts'],
        setupFiles: [`${root}vitest.setup.ts`],
        typecheck: {
          enabled: true,
          include: ['src/**/*.test-d.ts'],
          tsconfig: `${root}tsconfig.json`,
        },
        benchmark: { include: ['src/**/*.bench.ts'] },
      },
    })),
  },
})
