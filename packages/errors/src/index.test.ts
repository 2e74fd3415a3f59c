import { expect, test } from 'vitest'

// The public surface, by name: adding or removing an export is a reviewed line here.
test('export surface', async () => {
  expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
    [
      "BaseError",
      "isDtaoError",
      "version",
    ]
  `)
})
