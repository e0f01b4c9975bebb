// Where the control plane's binaries are (scripts/build-controlplane.sh puts them under .tools/controlplane/<key>/
// and points .tools/controlplane/current at the newest), and whether the cluster tests can run.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir))
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'scripts', 'build-controlplane.sh'))) return dir;
  throw new Error('repository root not found');
}

export const ROOT = findRoot();
export const BINARIES = ['etcd', 'kube-apiserver', 'manager'] as const;

function complete(dir: string): boolean {
  return BINARIES.every((b) => existsSync(join(dir, b))) && existsSync(join(dir, 'config', 'go.mod'));
}

/** The folder with etcd, kube-apiserver, manager and config/ (CRDs, RBAC role, the operator's go.mod/go.sum). */
export function controlPlaneDir(): string | undefined {
  if (process.env.FORKSPACER_CONTROLPLANE)
    return complete(process.env.FORKSPACER_CONTROLPLANE) ? process.env.FORKSPACER_CONTROLPLANE : undefined;
  const base = join(ROOT, '.tools', 'controlplane');
  const current = join(base, 'current');
  if (existsSync(current) && complete(current)) return current;
  if (!existsSync(base)) return undefined;
  const dirs = readdirSync(base)
    .map((d) => join(base, d))
    .filter((d) => statSync(d).isDirectory() && complete(d))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return dirs[0];
}

/**
 * `skip` option for node:test: the cluster tests need the binaries; without them they skip with the reason, except in
 * CI (CI=true), where .ci/run builds them first and a missing binary is a failure.
 */
export function skipUnlessControlPlane(): string | false {
  if (controlPlaneDir()) return false;
  if (process.env.CI === 'true' || process.env.CI === '1') return false; // fail loudly in startCluster
  return 'control plane not built: run `bash scripts/build-controlplane.sh` (etcd, kube-apiserver, operator v0.1.7; ~8 min once, cached)';
}
