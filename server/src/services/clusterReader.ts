// Opens the cluster backend (cluster/src) read-only for the language server's cluster checks. The backend is its
// own bundle (dist/cluster.js, with @kubernetes/client-node) next to dist/server.js, required on the first lookup so
// a server that never checks a cluster never loads it; from the compiled tests (out/) it is out/cluster/src.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type * as ClusterModule from '../../../cluster/src/index';
import type { OpenClusterReader } from './clusterLookups';

let loaded: typeof ClusterModule | undefined;

function clusterModule(): typeof ClusterModule {
  if (loaded) return loaded;
  const bundle = join(__dirname, 'cluster.js');
  const path = existsSync(bundle) ? bundle : join(__dirname, '..', '..', '..', 'cluster', 'src', 'index.js');
  // A run-time require of the separate bundle: esbuild must not follow it into dist/server.js.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded = require(path) as typeof ClusterModule;
  return loaded;
}

/** Read-only: the server never writes to a cluster, and never reads Secrets. */
export const openClusterReader: OpenClusterReader = async (target) => {
  const backend = await clusterModule().openCluster(target, { readOnly: true, requestTimeoutMs: 5000 });
  return backend;
};
