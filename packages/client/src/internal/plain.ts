/**
 * Turns a polkadot-api decoded value into plain data: `Binary` → `0x` hex, options stay
 * `undefined`, bigints and numbers are kept as they are.
 *
 * @internal
 */
export function toPlain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Uint8Array)
    return `0x${Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('')}`
  if ('asHex' in value && typeof (value as { asHex: unknown }).asHex === 'function')
    return (value as { asHex: () => string }).asHex()
  if (Array.isArray(value)) return value.map(toPlain)
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]))
}
