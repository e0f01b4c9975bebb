import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, VIEWS } from '../../../client/src/ids';
import {
  configurationProperties,
  readSettings,
  RESTRICTED_SETTINGS,
  hostSettingsChanged,
} from '../../../client/src/config';
import { EXECUTES } from '../../../client/src/commands/trustModel';
import { moduleContextValue, type ModulePhase } from '../../../client/src/commands/phaseActionsModel';
import { SETTINGS } from '../../../common/src/settings';
import { CLUSTER_COMMANDS } from '../../../client/src/cluster/model/clusterIds';

const root = join(__dirname, '..', '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

test('every command is declared once, in the table and in package.json with category Forkspacer', () => {
  const declared = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
  // The Cluster view's commands are declared with it (client/src/cluster/model/clusterIds.ts).
  assert.deepEqual(declared, [...Object.values(COMMANDS), ...Object.values(CLUSTER_COMMANDS)].sort());
  assert.deepEqual(Object.keys(EXECUTES).sort(), Object.keys(COMMANDS).sort());
  // Only the lifecycle commands (they run plugins) and go mod tidy (it downloads modules) are refused untrusted.
  assert.deepEqual(
    Object.entries(EXECUTES)
      .filter(([, v]) => v)
      .map(([k]) => k)
      .sort(),
    ['goModTidy', 'installModule', 'resumeModule', 'sleepModule', 'uninstallModule'],
  );
  for (const c of pkg.contributes.commands) {
    assert.equal(c.category, 'Forkspacer');
    assert.match(c.command, /^forkspacer\.[a-z]+[A-Z][A-Za-z]*$/);
  }
});

test('settings in package.json are generated from the one declaration (scripts/manifest-contributes.mjs)', () => {
  assert.deepEqual(pkg.contributes.configuration.properties, configurationProperties());
  assert.deepEqual(
    pkg.capabilities.untrustedWorkspaces.restrictedConfigurations,
    RESTRICTED_SETTINGS.map((k) => `forkspacer.${k}`),
  );
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  for (const key of RESTRICTED_SETTINGS)
    assert.ok(
      SETTINGS.some((s) => s.key === key),
      key,
    );
});

test('inline tree actions follow the phase table: no Sleep unless ready', () => {
  const inline = pkg.contributes.menus['view/item/context'].filter(
    (m: { group: string; when: string }) => m.group.startsWith('inline') && m.when.includes(VIEWS.modules),
  );
  const shown = (phase: ModulePhase) =>
    inline
      .filter((m: { when: string }) => {
        const re = /viewItem =~ \/(.*)\/$/.exec(m.when);
        return re && new RegExp(re[1]!.replace(/\\\\/g, '\\')).test(moduleContextValue(phase));
      })
      .map((m: { command: string }) => m.command)
      .sort();
  assert.deepEqual(shown('ready'), [COMMANDS.sleepModule, COMMANDS.uninstallModule].sort());
  assert.deepEqual(shown('not-installed'), [COMMANDS.installModule]);
  assert.deepEqual(shown('sleeped'), [COMMANDS.resumeModule, COMMANDS.uninstallModule].sort());
  assert.deepEqual(shown('installing'), []);
  // Restricted Mode: no lifecycle action in the tree.
  for (const m of inline) assert.match(m.when, /^isWorkspaceTrusted && /, m.command);
});

test('files the manifest points at exist, and the .vsix whitelist keeps them', () => {
  const files = [
    pkg.icon,
    pkg.main.replace('./', ''),
    ...pkg.contributes.viewsContainers.activitybar.map((c: { icon: string }) => c.icon),
    ...pkg.contributes.grammars.map((g: { path: string }) => g.path.replace('./', '')),
  ];
  const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
  for (const file of files) {
    if (!file.startsWith('dist/')) assert.ok(existsSync(join(root, file)), `${file} exists`);
    const dir = file.slice(0, file.lastIndexOf('/'));
    assert.ok(ignore.includes(`!${file}`) || ignore.includes(`!${dir}/*`), `${file} whitelisted`);
  }
});

test('settings read through the normaliser; host-relevant changes are recognised', () => {
  const values: Record<string, unknown> = {
    operatorVersion: ' 0.2.0 ',
    'plugin.timeoutSeconds': -5,
    'network.fetchHttp': 'no',
  };
  const s = readSettings((k) => values[k]);
  assert.equal(s.operatorVersion, '0.2.0');
  assert.equal(s.pluginTimeoutSeconds, 1);
  assert.equal(s.fetchHttp, true);
  assert.ok(hostSettingsChanged((id) => id === 'forkspacer.goPath'));
  assert.ok(!hostSettingsChanged((id) => id === 'forkspacer.unrelated'));
});
