// npm run bench:cluster — the cluster backend's live model against a real API server (issue 9): 1,000 Modules in
// 10 Workspaces listed into the model (time to a full model), requests and open watches per refresh (target: one
// list + one watch per kind, whatever the number of Modules), and phase change → model update latency p50/p95.
// Needs the control plane (bash scripts/build-controlplane.sh). No operator: the phases are written through the
// status subresource, as the operator writes them, so only the API server and the backend are measured.
// BENCH_MODULES / BENCH_WORKSPACES / BENCH_CHANGES change the sizes.
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { startCluster } = require(join(root, 'out', 'test', 'cluster', 'harness', 'cluster.js'));
const { controlPlaneDir } = require(join(root, 'out', 'test', 'cluster', 'harness', 'paths.js'));
const { openCluster } = require(join(root, 'out', 'cluster', 'src', 'index.js'));

const MODULES = Number(process.env.BENCH_MODULES ?? 1000);
const WORKSPACES = Number(process.env.BENCH_WORKSPACES ?? 10);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 100);
if (!controlPlaneDir()) {
  console.error('control plane not built: run bash scripts/build-controlplane.sh');
  process.exit(1);
}

const ms = (t) => `${t.toFixed(0)} ms`;
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const t0 = performance.now();
const cluster = await startCluster({ operator: false });
console.log(`control plane (etcd + kube-apiserver, CRDs, RBAC) up in ${ms(performance.now() - t0)}`);
try {
  const admin = await openCluster({ kubeconfigPath: cluster.kubeconfig });
  const create = async (body) => {
    const plural = body.kind === 'Module' ? 'modules' : 'workspaces';
    const r = await cluster.admin('POST', `/apis/batch.forkspacer.com/v1/namespaces/default/${plural}`, body);
    if (r.status >= 300) throw new Error(JSON.stringify(r.body));
  };
  const t1 = performance.now();
  for (let w = 0; w < WORKSPACES; w++)
    await create({ apiVersion: 'batch.forkspacer.com/v1', kind: 'Workspace', metadata: { name: `ws${w}` }, spec: {} });
  const names = Array.from({ length: MODULES }, (_, i) => `m${String(i).padStart(4, '0')}`);
  for (let i = 0; i < names.length; i += 25)
    await Promise.all(
      names.slice(i, i + 25).map((name, j) =>
        create({
          apiVersion: 'batch.forkspacer.com/v1',
          kind: 'Module',
          metadata: { name },
          spec: {
            workspace: { name: `ws${(i + j) % WORKSPACES}` },
            source: { httpURL: `http://127.0.0.1:1/${name}.yaml` },
            config: { replicas: 1 },
          },
        }),
      ),
    );
  console.log(`created ${WORKSPACES} Workspaces and ${MODULES} Modules in ${ms(performance.now() - t1)}`);
  admin.dispose();

  // Full model, three refreshes (a refresh = close both models and open them again).
  const backend = await openCluster({ kubeconfigPath: cluster.kubeconfig });
  const fullTimes = [];
  for (let refresh = 0; refresh < 3; refresh++) {
    const before = backend.stats().requests;
    const t = performance.now();
    const workspaces = backend.watchWorkspaces(undefined);
    const modules = backend.watchModules(undefined);
    await Promise.all([workspaces.ready(), modules.ready()]);
    fullTimes.push(performance.now() - t);
    if (modules.items.length !== MODULES || workspaces.items.length !== WORKSPACES)
      throw new Error(`model has ${modules.items.length} modules, ${workspaces.items.length} workspaces`);
    await new Promise((r) => setTimeout(r, 300)); // let the watches open
    console.log(
      `refresh ${refresh + 1}: full model (${WORKSPACES} Workspaces + ${MODULES} Modules) in ${ms(fullTimes.at(-1))}; ` +
        `requests ${backend.stats().requests - before} (lists ${workspaces.stats.lists + modules.stats.lists}, ` +
        `watches ${workspaces.stats.watches + modules.stats.watches}); open watches ${backend.stats().openWatches}`,
    );
    if (refresh < 2) {
      workspaces.dispose();
      modules.dispose();
      if (backend.stats().openWatches !== 0) throw new Error('watches leaked after dispose');
    }
  }

  // Phase change → model update latency.
  const modules = backend.watchModules(undefined);
  await modules.ready();
  await new Promise((r) => setTimeout(r, 300));
  const waiting = new Map();
  modules.onChange((c) => {
    if (c.type !== 'modified') return;
    const w = waiting.get(`${c.item.name}/${c.item.phase}`);
    if (w) w(performance.now());
  });
  const latencies = [];
  const phases = ['installing', 'ready', 'sleeping', 'sleeped', 'resuming'];
  for (let i = 0; i < CHANGES; i++) {
    const name = names[(i * 37) % names.length];
    const phase = phases[i % phases.length];
    const seen = new Promise((resolve) => waiting.set(`${name}/${phase}`, resolve));
    const t = performance.now();
    await cluster.admin(
      'PATCH',
      `/apis/batch.forkspacer.com/v1/namespaces/default/modules/${name}/status`,
      { status: { phase } },
      'application/merge-patch+json',
    );
    latencies.push((await seen) - t);
    waiting.delete(`${name}/${phase}`);
  }
  console.log(
    `phase change → model update (${CHANGES} changes, from sending the status patch): ` +
      `p50 ${pct(latencies, 50).toFixed(1)} ms, p95 ${pct(latencies, 95).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms; ` +
      `lists ${modules.stats.lists}, watches ${modules.stats.watches}, events ${modules.stats.events}`,
  );
  const rss = process.memoryUsage().rss / 1048576;
  console.log(`bench process RSS with ${MODULES} Modules in 3 live models: ${rss.toFixed(0)} MB`);
  backend.dispose();
} finally {
  await cluster.stop();
}
