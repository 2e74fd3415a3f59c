// The per-block quantities of one emitting subnet, computed with raw U96F32 bit arithmetic.
// Each step mirrors an exported chain function (rootProportion, subnetTerms with the root-prop cap,
// alphaOutSplit) for non-negative inputs in range; perBlock.prop.test.ts checks the equality.
// The projection calls this on every re-evaluation, where the checked exported path is ~5x slower.

const max128 = (1n << 128n) - 1n
const max64 = (1n << 64n) - 1n
const half = 1n << 31n

function satMul(a: bigint, b: bigint): bigint {
  const p = (a * b) >> 32n
  return p > max128 ? max128 : p
}

function checkedDiv(a: bigint, b: bigint): bigint | undefined {
  if (b === 0n) return undefined
  const q = (a << 32n) / b
  return q > max128 ? undefined : q
}

function satAdd(a: bigint, b: bigint): bigint {
  const s = a + b
  return s > max128 ? max128 : s
}

function toU64(a: bigint): bigint {
  const v = a >> 32n
  return v > max64 ? max64 : v
}

/** ρ (U96F32 bits) from root TAO × weight (already multiplied: `rootTao · w` bits) and issuance. */
export function rootProportionBits(weighted: bigint, issuance: bigint): bigint {
  const iss = (issuance > max64 ? max64 : issuance) << 32n
  return checkedDiv(weighted, satAdd(weighted, iss)) ?? 0n
}

/** One block of a subnet with the spec ≥ 421 root-prop cap. All amounts u64, fixed values raw bits. */
export type PerBlockParts = {
  taoIn: bigint
  excess: bigint
  alphaIn: bigint
  created: bigint
  owner: bigint
  server: bigint
  validator: bigint
  root: bigint
  rootRecycled: bigint
  dust: bigint
  dIss: bigint
}

export function perBlockParts(p: {
  tau: bigint // U96F32 bits
  alphaEmission: bigint // u64
  spot: bigint // U64F64 bits
  weighted: bigint // U96F32 bits of R ⊗ w
  issuance: bigint // u64 (pre-block)
  kappa: bigint // U96F32 owner cut fraction, 0 when disabled
  rootSell: boolean
}): PerBlockParts {
  const a = p.alphaEmission
  const aBits = a << 32n
  const price = p.spot >> 32n > max128 ? max128 : p.spot >> 32n
  const rpPre = rootProportionBits(p.weighted, p.issuance)
  let taoIn = p.tau
  let alphaIn = price === 0n ? 0n : (checkedDiv(p.tau, price) ?? 0n)
  const cap = satMul(rpPre, aBits)
  if (alphaIn > cap) {
    alphaIn = cap
    taoIn = satMul(alphaIn, price)
  }
  const excess = p.tau > taoIn ? p.tau - taoIn : 0n
  const aIn = toU64(alphaIn)
  const created = a
  const post = p.issuance + aIn + created
  const rpPost = rootProportionBits(p.weighted, post)
  const cut = satMul(aBits, p.kappa)
  const rest = aBits > cut ? aBits - cut : 0n
  const rootAlpha = satMul(satMul(rpPost, rest), half)
  const serverAlpha = satMul(rest, half)
  const totalValidator = rest > serverAlpha ? rest - serverAlpha : 0n
  const validatorAlpha = totalValidator > rootAlpha ? totalValidator - rootAlpha : 0n
  const owner = toU64(cut)
  const server = toU64(serverAlpha)
  const validator = toU64(validatorAlpha)
  const root = toU64(rootAlpha)
  const dust = created - owner - server - validator - root
  return {
    taoIn: toU64(taoIn),
    excess: toU64(excess),
    alphaIn: aIn,
    created,
    owner,
    server,
    validator,
    root: p.rootSell ? root : 0n,
    rootRecycled: p.rootSell ? 0n : root,
    dust,
    dIss: aIn + created - (p.rootSell ? 0n : root),
  }
}
