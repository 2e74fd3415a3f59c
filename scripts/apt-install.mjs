// Installs Debian packages on a fresh machine (as root, or through sudo), for the test steps that
// need a system tool: the browser check (chromium) and the kernel check (clang, lld).
import { spawnSync } from 'node:child_process'

/**
 * `apt-get update` then `apt-get install -y` of `packages` (extra `options` before them).
 * @returns whether both succeeded.
 */
export function aptInstall(packages, options = []) {
  const sudo = process.getuid?.() === 0 ? [] : ['sudo']
  const apt = (args) =>
    spawnSync(sudo[0] ?? 'apt-get', [...(sudo.length ? ['apt-get'] : []), ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0
  return apt(['update', '-qq']) && apt(['install', '-y', '-qq', ...options, ...packages])
}
