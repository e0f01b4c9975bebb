import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toModuleView } from '../../../../cluster/src/views';
import {
  deleteModuleConfirmation,
  deleteWorkspaceConfirmation,
  dryRunText,
  errorButtons,
  errorHint,
  forkDescription,
  hibernateResultText,
  immutableConfirmation,
  removeFinalizerConfirmation,
  resumeWorkspacePlan,
  storedResource,
} from '../../../../client/src/cluster/model/clusterMessagesModel';
import { mod, moduleObject, ws } from './clusterFixtures';

test('Delete of a Module names the plugin whose Uninstall runs and where', () => {
  const c = deleteModuleConfirmation(mod('web'), ws('dev'));
  assert.equal(c.message, 'Delete Module default/web?');
  assert.match(
    c.detail,
    /Uninstall of the plugin http:\/\/127\.0\.0\.1:8123\/cm-writer\.so \(Custom cm-writer 1\.0\.0\)/,
  );
  assert.match(c.detail, /Workspace default\/dev \(the cluster the operator runs in\)/);
  const remote = ws('dev', {
    spec: { connection: { type: 'kubeconfig', secretReference: { name: 'k', namespace: 'ops' } } },
  });
  assert.match(deleteModuleConfirmation(mod('web'), remote).detail, /kubeconfig in Secret ops\/k/);
});

test('Delete of a Helm Module names the release, and the namespace and PVCs its cleanup removes', () => {
  const raw = moduleObject('db');
  raw.metadata!.annotations!['forkspacer.com/resource'] =
    'kind: Helm\nmetadata: {name: pg, version: 1.2.0}\nspec:\n  chartName: postgresql\n  version: 15.0.0\n  namespace: data\n  cleanup: {removeNamespace: true, removePVCs: true}\n';
  const c = deleteModuleConfirmation(toModuleView(raw), undefined);
  assert.match(c.detail, /Helm release of chart postgresql 15\.0\.0 in namespace data/);
  assert.match(c.detail, /the namespace data and everything in it is deleted/);
  assert.match(c.detail, /PersistentVolumeClaims/);
  assert.match(c.detail, /not found in this context/);
  assert.deepEqual(storedResource(toModuleView(raw))?.helm, {
    chart: 'postgresql 15.0.0',
    namespace: 'data',
    removeNamespace: true,
    removePVCs: true,
  });
});

test('Delete of a Module that never stored its resource warns of the stuck deletion', () => {
  const c = deleteModuleConfirmation(mod('broken', { phase: 'failed', installed: false }), ws('dev'));
  assert.match(c.detail, /stored no resource/);
  assert.match(c.detail, /hang in "uninstalling"/);
  assert.match(c.detail, /may fail again/);
});

test('Delete of a Workspace: the operator deletes its Modules first (each Uninstall); a stuck one holds it', () => {
  const modules = [mod('web'), mod('broken', { installed: false, phase: 'failed' })];
  const c = deleteWorkspaceConfirmation(ws('dev'), modules);
  assert.match(c.detail, /deletes its 2 Modules first \(web, broken\)/);
  assert.match(c.detail, /broken never stored a resource/);
  assert.match(deleteWorkspaceConfirmation(ws('dev'), []).detail, /no Modules/);
});

test('Resume of a Workspace says which Modules the operator would leave asleep and that Forkspacer resumes them', () => {
  const modules = [
    mod('web', { phase: 'sleeped', hibernated: true }),
    mod('api', { phase: 'sleeped', hibernated: true }),
    mod('db'),
  ];
  const plan = resumeWorkspacePlan(ws('dev', { spec: { hibernated: true } }), modules);
  assert.match(plan, /2 Modules still marked hibernated \(web, api\)/);
  assert.match(plan, /resumes only Modules whose spec.hibernated is already false/);
  assert.doesNotMatch(plan, /db/);
  assert.match(resumeWorkspacePlan(ws('dev'), [mod('db')]), /the operator resumes its Modules/);
  const after = hibernateResultText(
    { workspace: ws('dev'), resumedModules: [{ namespace: 'default', name: 'web' }], summary: '' },
    false,
  );
  assert.match(after, /also resumed web \(the operator would have left it asleep\)/);
});

test('Fork says the operator copies the Modules', () => {
  assert.match(
    forkDescription(ws('dev'), [mod('web')], 'dev-2'),
    /copies the 1 Module of dev .* into dev-2, named <module>-<timestamp>/,
  );
});

test('finalizer removal warns that Uninstall does not run', () => {
  const c = removeFinalizerConfirmation(mod('broken', { deleting: true, phase: 'uninstalling' }), undefined);
  assert.match(c.detail, /WITHOUT running the plugin's Uninstall/);
  assert.equal(c.confirm, 'Remove Finalizer');
});

test('immutable fields are named before anything is sent, with Recreate', () => {
  const c = immutableConfirmation('default/web', ['spec.config']);
  assert.match(c.message, /spec\.config cannot change/);
  assert.match(c.detail, /immutable after creation/);
  assert.equal(c.confirm, 'Recreate Module');
});

test("the dry run's verdict: accepted (create / update), or refused by the webhook or the API server", () => {
  assert.match(
    dryRunText('Module default/web', { ok: true, creates: true, immutable: [] }).detail,
    /creates the Module/,
  );
  assert.match(dryRunText('Module default/web', { ok: true, creates: false, immutable: [] }).detail, /updates/);
  const refused = dryRunText('Module default/web', {
    ok: false,
    creates: true,
    immutable: [],
    error: {
      kind: 'webhook',
      message: 'admission webhook "vmodule.kb.io" denied the request: github source is not yet supported',
    },
  });
  assert.equal(refused.ok, false);
  assert.match(refused.message, /admission webhook/);
  assert.match(refused.detail, /github source is not yet supported/);
  assert.match(
    dryRunText('x', {
      ok: false,
      creates: true,
      immutable: [],
      error: { kind: 'invalid', message: 'spec.workspace.name: Required value' },
    }).message,
    /the API server/,
  );
});

test('each error kind offers what helps next', () => {
  assert.deepEqual(errorButtons({ kind: 'no-kubeconfig' }), ['Open Settings']);
  assert.ok(errorButtons({ kind: 'unreachable' }).includes('Retry'));
  assert.ok(errorButtons({ kind: 'immutable' }).includes('Recreate Module…'));
  assert.match(errorHint({ kind: 'crd-missing' })!, /operator .* not installed/);
  assert.match(errorHint({ kind: 'forbidden' })!, /RBAC/);
  assert.match(errorHint({ kind: 'conflict' })!, /Retry reads it again/);
});
