import { U96F32 } from '@dtao/fixed'

const U64_MAX = 0xffff_ffff_ffff_ffffn

/**
 * A hotkey's stake after child-key delegation, as the epoch weighs it: its own stake, minus the
 * share each child takes, plus the share taken from each parent. Every step is `U96F32` with the
 * chain's saturating ops, and the result truncates to `u64`.
 *
 * The same rule gives the alpha stake on a subnet (`get_inherited_for_hotkey_on_subnet`: own and
 * parents' `TotalHotkeyAlpha[·][netuid]`) and the TAO stake (`get_tao_inherited_for_hotkey_on_subnet`:
 * their root stakes `TotalHotkeyAlpha[·][0]`), with the `ChildKeys`/`ParentKeys` of the subnet.
 * On the root subnet the alpha stake is the own stake, untouched (pass `root: true`).
 *
 * @param stake - `own`: the hotkey's stake in rao; `children`: the proportions (`u64`, out of
 *   `u64::MAX`) of its `ChildKeys`; `parents`: each `ParentKeys` proportion with that parent's stake.
 * @param options - `root`: the subnet is root (alpha only).
 * @returns The inherited stake, rao.
 * @see subtensor pallets/subtensor/src/staking/stake_utils.rs · get_inherited_for_hotkey_on_subnet, get_tao_inherited_for_hotkey_on_subnet
 * @example
 * ```ts
 * import { inheritedStake } from '@dtao/client'
 *
 * // Half to a child (proportion 2⁶³ ≈ 0.5), a quarter of a 300-TAO parent (2⁶²):
 * inheritedStake({ own: 1000n * 10n ** 9n, children: [2n ** 63n], parents: [{ proportion: 2n ** 62n, stake: 300n * 10n ** 9n }] })
 * // 575000000000n
 * ```
 */
export function inheritedStake(
  stake: {
    readonly own: bigint
    readonly children: readonly bigint[]
    readonly parents: readonly { readonly proportion: bigint; readonly stake: bigint }[]
  },
  options: { readonly root?: boolean } = {},
): bigint {
  const initial = U96F32.saturatingFromNum(stake.own)
  if (options.root === true) return U96F32.saturatingToNum(initial, 'u64')
  const normalized = (proportion: bigint) =>
    U96F32.safeDiv(U96F32.saturatingFromNum(proportion), U96F32.saturatingFromNum(U64_MAX))
  let toChildren = U96F32.saturatingFromNum(0n)
  for (const proportion of stake.children)
    toChildren = U96F32.saturatingAdd(
      toChildren,
      U96F32.saturatingMul(initial, normalized(proportion)),
    )
  let fromParents = U96F32.saturatingFromNum(0n)
  for (const parent of stake.parents)
    fromParents = U96F32.saturatingAdd(
      fromParents,
      U96F32.saturatingMul(U96F32.saturatingFromNum(parent.stake), normalized(parent.proportion)),
    )
  return U96F32.saturatingToNum(
    U96F32.saturatingAdd(U96F32.saturatingSub(initial, toChildren), fromParents),
    'u64',
  )
}
