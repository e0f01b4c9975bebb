// A real control plane per test run (issue 9, CLUSTER.md): etcd + kube-apiserver + the operator v0.1.7 on free
// 127.0.0.1 ports, the operator in a private mount namespace where /internal-data and the service-account files are
// bind mounts of the run folder. Only the PIDs started here are stopped. Plugins are served over http on 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
/* eslint-disable @typescript-eslint/no-explicit-any -- the harness handles arbitrary API server JSON (CRDs, RBAC, Status) */
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { controlPlaneDir } from './paths';
import { makePki, type Pki } from './pki';
import { freePort } from './ports';

export interface TestCluster {
  dir: string;
  /** CA, serving cert for 127.0.0.1 (a test webhook can use it), admin cert. */
  pki: Pki;
  server: string;
  /** Admin kubeconfig (client cert in system:masters). */
  kubeconfig: string;
  /** Kubeconfig of ServiceAccount team/viewer: get/list/watch on Workspaces and Modules in namespace team only. */
  restrictedKubeconfig: string;
  /** Base URL of the plugin file server (serves `pluginsDir`). */
  pluginUrl: string;
  pluginsDir: string;
  /** Admin request to the API server (JSON in, JSON out; throws with the status on >= 400 unless allowed). */
  admin(method: string, path: string, body?: unknown, contentType?: string): Promise<{ status: number; body: any }>;
  applyYaml(text: string): Promise<void>;
  stopApiServer(): Promise<void>;
  /** Compacts etcd to its current revision (older resourceVersions then answer 410 Gone). */
  compactEtcd(): Promise<void>;
  startApiServer(): Promise<void>;
  operatorLog(): string;
  stop(): Promise<void>;
}

interface Proc {
  name: string;
  child: ChildProcess;
  exited: Promise<void>;
}

const children = new Set<Proc>();
// A test process that dies (or is interrupted) takes its cluster down: only the PIDs recorded here.
process.once('exit', () => {
  for (const p of children) if (p.child.exitCode === null) p.child.kill('SIGKILL');
});

function startProc(
  name: string,
  command: string,
  args: string[],
  log: string,
  env: NodeJS.ProcessEnv = process.env,
): Proc {
  const out = createWriteStream(log, { flags: 'a' });
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const proc = { name, child, exited };
  children.add(proc);
  void exited.then(() => children.delete(proc));
  return proc;
}

async function stopProc(p: Proc | undefined, graceMs = 15000): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
  await p.exited;
  clearTimeout(timer);
}

async function waitUntil(
  what: string,
  timeoutMs: number,
  check: () => Promise<boolean>,
  proc?: Proc,
  log?: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc && proc.child.exitCode !== null)
      throw new Error(`${proc.name} exited (${proc.child.exitCode}) before ${what}:\n${tail(log)}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${tail(log)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function tail(file?: string): string {
  if (!file || !existsSync(file)) return '';
  return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
}

function kubeconfigYaml(server: string, ca: string, user: Record<string, string>, namespace = 'default'): string {
  const userLines = Object.entries(user)
    .map(([k, v]) => `    ${k}: ${v}`)
    .join('\n');
  return `apiVersion: v1
kind: Config
clusters:
- name: test
  cluster:
    server: ${server}
    certificate-authority-data: ${Buffer.from(readFileSync(ca)).toString('base64')}
users:
- name: user
  user:
${userLines}
contexts:
- name: test
  context:
    cluster: test
    user: user
    namespace: ${namespace}
current-context: test
`;
}

export interface StartOptions {
  /** Start the operator (default true). */
  operator?: boolean;
  /** Install the CRDs (default true; false for the "operator not installed" message). */
  crds?: boolean;
}

export async function startCluster(options: StartOptions = {}): Promise<TestCluster> {
  const bin = controlPlaneDir();
  if (!bin)
    throw new Error('control plane not built: run `bash scripts/build-controlplane.sh` first (.ci/run does it in CI)');
  const dir = mkdtempSync(join(tmpdir(), 'forkspacer-cluster-'));
  const pki = makePki(dir);
  const [etcdPort, peerPort, apiPort, healthPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const server = `https://127.0.0.1:${apiPort}`;
  const procs: { etcd?: Proc; api?: Proc; operator?: Proc } = {};
  let pluginServer: Server | undefined;

  const admin = (method: string, path: string, body?: unknown, contentType = 'application/json') =>
    adminRequest(pki, apiPort, method, path, body, contentType);

  const stop = async () => {
    await stopProc(procs.operator, 5000);
    await stopProc(procs.api);
    await stopProc(procs.etcd);
    await new Promise<void>((r) => (pluginServer ? pluginServer.close(() => r()) : r()));
    if (!process.env.FORKSPACER_KEEP_CLUSTER) rmSync(dir, { recursive: true, force: true });
  };

  try {
    procs.etcd = startProc(
      'etcd',
      join(bin, 'etcd'),
      [
        '--name=test',
        `--data-dir=${join(dir, 'etcd')}`,
        `--listen-client-urls=http://127.0.0.1:${etcdPort}`,
        `--advertise-client-urls=http://127.0.0.1:${etcdPort}`,
        `--listen-peer-urls=http://127.0.0.1:${peerPort}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${peerPort}`,
        `--initial-cluster=test=http://127.0.0.1:${peerPort}`,
        '--log-level=warn',
        // Compaction is left to the apiserver (5 min default); the 410 test forces one (compactEtcd).
      ],
      join(dir, 'etcd.log'),
    );
    const apiArgs = [
      `--etcd-servers=http://127.0.0.1:${etcdPort}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${apiPort}`,
      `--cert-dir=${join(dir, 'certs')}`,
      `--tls-cert-file=${pki.serverCert}`,
      `--tls-private-key-file=${pki.serverKey}`,
      `--client-ca-file=${pki.ca}`,
      `--token-auth-file=${pki.tokenFile}`,
      '--authorization-mode=RBAC',
      `--service-account-issuer=${server}`,
      `--service-account-key-file=${pki.saPub}`,
      `--service-account-signing-key-file=${pki.saKey}`,
      '--service-cluster-ip-range=10.0.0.0/24',
      '--allow-privileged=true',
      '--disable-admission-plugins=ServiceAccount',
    ];
    const startApi = async () => {
      procs.api = startProc('kube-apiserver', join(bin, 'kube-apiserver'), apiArgs, join(dir, 'apiserver.log'));
      await waitUntil(
        'the API server /readyz',
        90_000,
        async () => (await admin('GET', '/readyz')).status === 200,
        procs.api,
        join(dir, 'apiserver.log'),
      );
    };
    await startApi();

    if (options.crds !== false) {
      for (const f of ['batch.forkspacer.com_modules.yaml', 'batch.forkspacer.com_workspaces.yaml'])
        await applyYamlText(admin, readFileSync(join(bin, 'config', f), 'utf8'));
      for (const crd of ['modules.batch.forkspacer.com', 'workspaces.batch.forkspacer.com'])
        await waitUntil(`CRD ${crd} Established`, 30_000, async () => {
          const r = await admin('GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd}`);
          return (r.body?.status?.conditions ?? []).some((c: any) => c.type === 'Established' && c.status === 'True');
        });
      // Discovery of the new group can lag the Established condition by a moment.
      await waitUntil(
        'the forkspacer API group',
        30_000,
        async () => (await admin('GET', '/apis/batch.forkspacer.com/v1/modules')).status === 200,
      );
    }

    // The operator's identity: its ServiceAccount, ClusterRole manager-role (config/rbac/role.yaml) and binding.
    await applyYamlText(
      admin,
      `apiVersion: v1
kind: Namespace
metadata: {name: forkspacer-system}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: forkspacer-controller-manager, namespace: forkspacer-system}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: manager-rolebinding}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: manager-role}
subjects: [{kind: ServiceAccount, name: forkspacer-controller-manager, namespace: forkspacer-system}]
---
apiVersion: v1
kind: Namespace
metadata: {name: team}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: viewer, namespace: team}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: forkspacer-viewer, namespace: team}
rules:
- apiGroups: [batch.forkspacer.com]
  resources: [modules, workspaces]
  verbs: [get, list, watch]
- apiGroups: [""]
  resources: [events]
  verbs: [get, list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: forkspacer-viewer, namespace: team}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: forkspacer-viewer}
subjects: [{kind: ServiceAccount, name: viewer, namespace: team}]
`,
    );
    await applyYamlText(admin, readFileSync(join(bin, 'config', 'role.yaml'), 'utf8'));

    const kubeconfig = join(dir, 'admin.kubeconfig');
    writeFileSync(
      kubeconfig,
      kubeconfigYaml(server, pki.ca, {
        'client-certificate-data': readFileSync(pki.adminCert).toString('base64'),
        'client-key-data': readFileSync(pki.adminKey).toString('base64'),
      }),
    );
    const viewerToken = await token(admin, 'team', 'viewer');
    const restrictedKubeconfig = join(dir, 'viewer.kubeconfig');
    writeFileSync(restrictedKubeconfig, kubeconfigYaml(server, pki.ca, { token: viewerToken }, 'team'));

    // Plugins over http on 127.0.0.1.
    const pluginsDir = join(dir, 'plugins');
    mkdirSync(pluginsDir);
    pluginServer = createServer((req, res) => {
      const file = join(pluginsDir, basename(decodeURIComponent((req.url ?? '/').split('?')[0])));
      if (!existsSync(file)) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(readFileSync(file));
    });
    await new Promise<void>((r) => pluginServer!.listen(0, '127.0.0.1', () => r()));
    const address = pluginServer.address();
    const pluginUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const startOperator = async () => {
      const sa = join(dir, 'serviceaccount');
      const data = join(dir, 'internal-data');
      mkdirSync(sa, { recursive: true });
      mkdirSync(data, { recursive: true });
      writeFileSync(join(sa, 'token'), await token(admin, 'forkspacer-system', 'forkspacer-controller-manager'));
      writeFileSync(join(sa, 'ca.crt'), readFileSync(pki.ca));
      writeFileSync(join(sa, 'namespace'), 'forkspacer-system');
      // The operator writes plugins to the hard-coded /internal-data/custom-plugins and reads its in-cluster
      // identity from /run/secrets: inside a private mount namespace both are bind mounts of the run folder,
      // so nothing lands on the host (an empty /internal-data mount point is created once if missing).
      if (!existsSync('/internal-data')) mkdirSync('/internal-data');
      const script = [
        'set -e',
        'mount --make-rprivate /',
        `mount --bind ${data} /internal-data`,
        'mount -t tmpfs tmpfs /run',
        'mkdir -p /run/secrets/kubernetes.io/serviceaccount',
        `mount --bind ${sa} /run/secrets/kubernetes.io/serviceaccount`,
        `exec ${join(bin, 'manager')} --metrics-bind-address=0 --health-probe-bind-address=127.0.0.1:${healthPort} --leader-elect=false`,
      ].join('\n');
      procs.operator = startProc('operator', 'unshare', ['--mount', 'sh', '-c', script], join(dir, 'operator.log'), {
        ...process.env,
        ENABLE_WEBHOOKS: 'false',
        KUBERNETES_SERVICE_HOST: '127.0.0.1',
        KUBERNETES_SERVICE_PORT: String(apiPort),
        KUBECONFIG: '',
      });
      await waitUntil(
        'the operator /readyz',
        60_000,
        async () => (await fetch(`http://127.0.0.1:${healthPort}/readyz`)).ok,
        procs.operator,
        join(dir, 'operator.log'),
      );
    };
    if (options.operator !== false) await startOperator();

    return {
      dir,
      pki,
      server,
      kubeconfig,
      restrictedKubeconfig,
      pluginUrl,
      pluginsDir,
      admin,
      applyYaml: (text) => applyYamlText(admin, text),
      stopApiServer: () => stopProc(procs.api),
      compactEtcd: async () => {
        const base = `http://127.0.0.1:${etcdPort}/v3/kv`;
        const range = await fetch(`${base}/range`, {
          method: 'POST',
          body: JSON.stringify({ key: Buffer.from('/').toString('base64') }),
        });
        const revision = ((await range.json()) as { header: { revision: string } }).header.revision;
        const r = await fetch(`${base}/compaction`, {
          method: 'POST',
          body: JSON.stringify({ revision, physical: true }),
        });
        if (!r.ok) throw new Error(`etcd compaction: ${r.status} ${await r.text()}`);
      },
      startApiServer: startApi,
      operatorLog: () => (existsSync(join(dir, 'operator.log')) ? readFileSync(join(dir, 'operator.log'), 'utf8') : ''),
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

async function token(admin: TestCluster['admin'], namespace: string, sa: string): Promise<string> {
  const r = await admin('POST', `/api/v1/namespaces/${namespace}/serviceaccounts/${sa}/token`, {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    spec: { expirationSeconds: 86400 },
  });
  if (r.status >= 300) throw new Error(`TokenRequest for ${namespace}/${sa}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.status.token as string;
}

const PLURALS: Record<string, string> = {
  Namespace: 'namespaces',
  ServiceAccount: 'serviceaccounts',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  ClusterRole: 'clusterroles',
  ClusterRoleBinding: 'clusterrolebindings',
  Role: 'roles',
  RoleBinding: 'rolebindings',
  CustomResourceDefinition: 'customresourcedefinitions',
  ValidatingWebhookConfiguration: 'validatingwebhookconfigurations',
  Module: 'modules',
  Workspace: 'workspaces',
};
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'ValidatingWebhookConfiguration',
]);

/** Server-side apply of each document (field manager `test-harness`). */
async function applyYamlText(admin: TestCluster['admin'], text: string): Promise<void> {
  for (const doc of parseAllDocuments(text)) {
    const o = doc.toJS() as any;
    if (!o?.kind) continue;
    const plural = PLURALS[o.kind];
    if (!plural) throw new Error(`harness: no plural for ${o.kind}`);
    const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
    const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
    const ns = CLUSTER_SCOPED.has(o.kind) ? '' : `/namespaces/${o.metadata.namespace ?? 'default'}`;
    const r = await admin(
      'PATCH',
      `${base}${ns}/${plural}/${o.metadata.name}?fieldManager=test-harness&force=true`,
      o,
      'application/apply-patch+yaml',
    );
    if (r.status >= 300) throw new Error(`apply ${o.kind} ${o.metadata.name}: ${r.status} ${JSON.stringify(r.body)}`);
  }
}

function adminRequest(
  pki: Pki,
  port: number,
  method: string,
  path: string,
  body: unknown,
  contentType: string,
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        ca: readFileSync(pki.ca),
        cert: readFileSync(pki.adminCert),
        key: readFileSync(pki.adminKey),
        headers: data ? { 'content-type': contentType, 'content-length': Buffer.byteLength(data) } : {},
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // plain text (readyz)
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timeout`)));
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}
