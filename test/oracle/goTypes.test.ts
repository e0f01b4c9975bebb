// The config NewManager receives, value and Go type, from the operator and from the embedded host: one plugin
// (test/oracle/types-plugin) refuses with the %T of every value; it runs through the operator's own
// manager.NewModuleCustomManager (the operator oracle, after its webhook and HandleResource) and through the host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createHost } from '../../host/src/index';
import { buildOperatorOracle, buildTypesPlugin, runOperatorOracle, TYPES_PLUGIN_DIR } from './operatorOracle';

const WORK = resolve(__dirname, '..', '..', '..', 'test', '.work', 'oracle');

const ITEMS = `      config:
      - {type: integer, name: I, alias: intDefault, spec: {default: 3, editable: true}}
      - {type: integer, name: I2, alias: intGiven, spec: {default: 1, editable: true}}
      - {type: integer, name: I3, alias: intZero, spec: {editable: true}}
      - {type: float, name: F, alias: floatDefault, spec: {default: 1.5, editable: true}}
      - {type: float, name: F2, alias: floatGiven, spec: {editable: true}}
      - {type: string, name: S, alias: str, spec: {default: a, editable: true}}
      - {type: boolean, name: B, alias: flag, spec: {editable: true}}
      - {type: option, name: O, alias: opt, spec: {values: [a, b], default: a, editable: true}}
      - {type: multiple-options, name: M, alias: listDefault, spec: {values: [a, b], default: [a], editable: true}}
      - {type: multiple-options, name: M2, alias: listGiven, spec: {values: [a, b], editable: true}}
      - {type: multiple-options, name: M3, alias: listNone, spec: {values: [a, b], editable: true}}
`;

const CONFIGS = [
  '{}',
  '{intGiven: 5, floatGiven: 2, listGiven: [a, b], flag: true, str: x}',
  '{intGiven: 2.5, floatGiven: 1e3, listGiven: [], opt: b, intDefault: 7}',
];

function moduleText(name: string, pluginFile: string, config: string): string {
  return `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: ${name}
spec:
  workspace:
    name: dev
  source:
    raw:
      kind: Custom
      metadata: {name: types, version: 1.0.0, supportedOperatorVersion: ">= 0.0.0"}
${ITEMS}      spec:
        repo:
          file: ${pluginFile}
  config: ${config}
`;
}

test(
  'NewManager gets the same config types from the operator and from the embedded host',
  { timeout: 40 * 60_000 },
  async () => {
    const oracle = buildOperatorOracle();
    const so = buildTypesPlugin(oracle);
    const operator = runOperatorOracle<{ types?: Record<string, string>; error?: string }>(
      oracle,
      CONFIGS.map((config, id) => ({
        id,
        kind: 'types',
        text: moduleText(`m${id}`, 'https://example.com/types.so', config),
        plugin: so,
      })),
    );
    mkdirSync(WORK, { recursive: true });
    const dir = mkdtempSync(join(WORK, 'types-'));
    const host = createHost({
      stateDir: join(dir, 'state'),
      cacheDir: join(WORK, 'host-cache'),
      buildTimeoutMs: 30 * 60_000,
    });
    for (let id = 0; id < CONFIGS.length; id++) {
      const file = join(dir, `m${id}.yaml`);
      writeFileSync(file, moduleText(`m${id}`, TYPES_PLUGIN_DIR, CONFIGS[id]!));
      const result = await host.install(file, 0);
      const at = result.error?.indexOf('forkspacer-types:') ?? -1;
      assert.ok(at >= 0, `host: the plugin did not refuse with its types: ${result.error}`);
      const hostTypes = JSON.parse(result.error!.slice(at + 'forkspacer-types:'.length)) as Record<string, string>;
      const goTypes = operator[id]!.types;
      assert.ok(goTypes, `operator: ${JSON.stringify(operator[id])}`);
      console.log(`types, config ${CONFIGS[id]}: ${JSON.stringify(goTypes)}`);
      assert.deepEqual(hostTypes, goTypes, `config ${CONFIGS[id]}: host vs operator`);
    }
  },
);
