// Builds the workspace folders the end-to-end tests open: the repository's examples/ plus scenario files.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, WORK } from './paths';

/** A Custom resource with an option, an integer and a string item (embedded in the scenario Modules). */
function resource(pluginFile: string): string {
  return `kind: Custom
metadata:
  name: e2e-installer
  version: 1.0.0
  supportedOperatorVersion: ">= 0.0.0, < 1.0.0"
config:
  - type: option
    name: Environment
    alias: env
    spec:
      required: false
      default: development
      values: [development, staging, production]
      editable: true
  - type: integer
    name: Replicas
    alias: replicas
    spec:
      required: false
      default: 1
      min: 1
      max: 10
      editable: true
spec:
  repo:
    file: ${pluginFile}
`;
}

export function moduleYaml(name: string, pluginFile: string, config: string): string {
  const raw = resource(pluginFile)
    .trimEnd()
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n');
  return `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: ${name}
spec:
  workspace:
    name: e2e-workspace
  source:
    raw:
${raw}
  config:
${config}
`;
}

export interface ScenarioWorkspace {
  dir: string;
  /** A Module whose config has an invalid option value (env: prod). */
  broken: string;
  /** A Module whose plugin is the Go source folder of a real test plugin (test/go/plugins/simple). */
  plugin: string;
  /** A Module whose plugin's Install returns an error (test/go/plugins/installerror). */
  failing: string;
}

export function scenarioWorkspace(name: string): ScenarioWorkspace {
  const dir = join(WORK, `${name}-ws`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  // The local host builds a Go source folder given as spec.repo.file (a path): the operator wants an
  // http(s) URL there, so the editor flags it, but the host runs it (host/src/pluginLocation.ts).
  const simple = join(ROOT, 'test', 'go', 'plugins', 'simple');
  writeFileSync(
    join(dir, 'broken-module.yaml'),
    moduleYaml('broken', 'https://example.com/plugins/e2e/plugin.so', '    env: prod'),
  );
  writeFileSync(join(dir, 'plugin-module.yaml'), moduleYaml('go-plugin', simple, '    env: staging\n    replicas: 3'));
  const installError = join(ROOT, 'test', 'go', 'plugins', 'installerror');
  writeFileSync(join(dir, 'failing-module.yaml'), moduleYaml('failing', installError, '    env: staging'));
  return { dir, broken: 'broken-module.yaml', plugin: 'plugin-module.yaml', failing: 'failing-module.yaml' };
}
