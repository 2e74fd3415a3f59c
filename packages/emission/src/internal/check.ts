import { DuplicateNetuidError, InvalidAmountError } from '../errors.js'

const maxU64 = (1n << 64n) - 1n
const maxU128 = (1n << 128n) - 1n

/** Assert a u64 (amounts, block numbers) and return it. */
export function u64(field: string, value: unknown): bigint {
  if (typeof value !== 'bigint' || value < 0n || value > maxU64)
    throw new InvalidAmountError({ field, value, expected: 'a bigint in the u64 range' })
  return value
}

/** Assert a u128 (fixed-point raw bits of unsigned formats) and return it. */
export function u128(field: string, value: unknown): bigint {
  if (typeof value !== 'bigint' || value < 0n || value > maxU128)
    throw new InvalidAmountError({ field, value, expected: 'a bigint in the u128 range' })
  return value
}

/** Assert an integer `number` in [0, max] (u8/u16/u32 chain values) and return it. */
export function uint(field: string, value: unknown, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max)
    throw new InvalidAmountError({ field, value, expected: `an integer number in [0, ${max}]` })
  return value
}

/** Throw if two entries share a netuid. */
export function uniqueNetuids(subnets: readonly { readonly netuid: number }[]): void {
  const seen = new Set<number>()
  for (const s of subnets) {
    uint('netuid', s.netuid, 65535)
    if (seen.has(s.netuid)) throw new DuplicateNetuidError({ netuid: s.netuid })
    seen.add(s.netuid)
  }
}

/** `u64::MAX`. */
export const MAX_U64: bigint = maxU64
