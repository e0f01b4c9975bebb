// The kubeconfig and context the Uninstall confirmation names: the local host's choice (host/src/host.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeKubeTarget, kubeTarget } from '../../../client/src/commands/kubeTargetModel';

const files: Record<string, string> = {
  '/home/u/.kube/config': 'apiVersion: v1\nkind: Config\ncurrent-context: kind-dev\ncontexts: []\n',
  '/etc/a.yaml': 'apiVersion: v1\nkind: Config\n',
  '/etc/b.yaml': 'current-context: prod-eu\n',
  '/etc/broken.yaml': 'current-context: [\n',
};
const read = (path: string) => files[path];

test('the setting, else $KUBECONFIG, else ~/.kube/config; the context setting, else current-context', () => {
  const base = { kubeconfigSetting: '', contextSetting: '', read };
  assert.deepEqual(kubeTarget({ ...base, env: { HOME: '/home/u' } }), {
    kubeconfig: '/home/u/.kube/config',
    context: 'kind-dev',
  });
  assert.deepEqual(kubeTarget({ ...base, contextSetting: 'staging', env: { HOME: '/home/u' } }), {
    kubeconfig: '/home/u/.kube/config',
    context: 'staging',
  });
  // A $KUBECONFIG list: the first file that names a current-context (kubectl's merge).
  assert.deepEqual(kubeTarget({ ...base, env: { KUBECONFIG: '/etc/a.yaml:/etc/b.yaml', HOME: '/home/u' } }), {
    kubeconfig: '/etc/a.yaml:/etc/b.yaml',
    context: 'prod-eu',
  });
  assert.deepEqual(kubeTarget({ ...base, kubeconfigSetting: '/etc/broken.yaml', env: {} }), {
    kubeconfig: '/etc/broken.yaml',
  });
  assert.deepEqual(kubeTarget({ ...base, env: { HOME: '/nobody' } }), {});
});

test('the detail says what the plugin reaches, or that it reaches no cluster', () => {
  assert.equal(
    describeKubeTarget({ kubeconfig: '/home/u/.kube/config', context: 'kind-dev' }),
    `The plugin's Uninstall runs with your kubeconfig /home/u/.kube/config, context "kind-dev".`,
  );
  assert.match(describeKubeTarget({}), /points at no cluster/);
});
