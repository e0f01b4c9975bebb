// A small Forkspacer workspace on disk for the navigation tests: resources mapped from a URL prefix, Modules
// that use them (one file opened by the tests, the others only on disk), a Helm resource with templates,
// a multi-document file, a ConfigMap Module and a Go plugin folder.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const PREFIX = 'https://example.com/res/';

export const APP_RESOURCE = `kind: Custom
metadata:
  name: app
  version: 1.0.0
  supportedOperatorVersion: ">= 0.0.0, < 1.0.0"
config:
  - type: option
    name: Environment
    alias: env
    spec:
      default: development
      values: [development, staging, production]
      editable: true
  - type: integer
    name: Replicas
    alias: replicas
    spec:
      default: 1
      min: 1
      max: 10
      editable: true
  - type: boolean
    name: Debug
    alias: debug
    spec:
      editable: true
  - type: multiple-options
    name: Features
    alias: "features"
    spec:
      values: [metrics, tracing]
      editable: true
  - type: string
    name: Owner
    alias: owner
    spec:
      required: true
      editable: true
spec:
  repo:
    file: ../plugins/demo
`;

export const HELM_RESOURCE = `kind: Helm
metadata:
  name: redis
  version: 1.0.0
  supportedOperatorVersion: ">= 0.0.0"
config:
  - type: integer
    name: Replica count
    alias: replicaCount
    spec:
      default: 1
      editable: true
  - type: option
    name: Version
    alias: version
    spec:
      default: "21.2.9"
      values: ["21.2.9"]
      editable: true
spec:
  namespace: "{{ .releaseName }}-redis"
  repo: https://charts.example.com
  chartName: redis
  version: "{{ .config.version }}"
  values:
    - raw:
        replica:
          replicaCount: "{{ .config.replicaCount }}"
          again: "{{ index .config \\"replicaCount\\" }} and {{ .config.replicaCount }}"
`;

/** A resource whose alias repeats (the operator keeps the last item). */
export const REPEATED_RESOURCE = `kind: Custom
metadata:
  name: repeated
  version: 1.0.0
  supportedOperatorVersion: ">= 0.0.0"
config:
  - type: string
    name: Mode (first)
    alias: mode
    spec:
      default: a
      editable: true
  - type: string
    name: Mode (last)
    alias: mode
    spec:
      default: b
      editable: true
spec:
  repo:
    file: https://example.com/plugin.so
`;

export function moduleUsing(name: string, file: string, config: string): string {
  return `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: ${name}
spec:
  workspace:
    name: dev
  source:
    httpURL: ${PREFIX}${file}
  config:
${config}`;
}

export const DEPLOYMENT_DOC = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
`;

export const RAW_MODULE = `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: inline
spec:
  workspace:
    name: dev
  source:
    raw:
      kind: Custom
      metadata:
        name: inline-plugin
        version: 1.0.0
        supportedOperatorVersion: ">= 0.0.0"
      config:
        - type: option
          name: Environment
          alias: env
          spec:
            default: a
            values: [a, b]
            editable: true
      spec:
        repo:
          file: ./plugins/inline
  config:
    env: b
`;

export const CONFIGMAP_MODULE = `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: from-cluster
spec:
  workspace:
    name: dev
  source:
    configMap:
      name: my-resource
  config:
    env: staging
`;

export interface NavigationWorkspace {
  dir: string;
  uri(relative: string): string;
  path(relative: string): string;
  write(relative: string, text: string): string;
}

export function navigationWorkspace(): NavigationWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'forkspacer-nav-'));
  const path = (relative: string) => join(dir, relative);
  const uri = (relative: string) => pathToFileURL(path(relative)).toString();
  const write = (relative: string, text: string) => {
    mkdirSync(join(path(relative), '..'), { recursive: true });
    writeFileSync(path(relative), text);
    return uri(relative);
  };
  write('resources/app.yaml', APP_RESOURCE);
  write('resources/redis.yaml', HELM_RESOURCE);
  write('resources/repeated.yaml', REPEATED_RESOURCE);
  write('modules/a.yaml', moduleUsing('a', 'app.yaml', '    env: staging\n    replicas: 3\n    owner: me\n'));
  write(
    'modules/b.yaml',
    `${DEPLOYMENT_DOC}---\n${moduleUsing('b', 'app.yaml', '    env: production\n    owner: you\n')}---\n${RAW_MODULE}`,
  );
  write('modules/redis.yaml', moduleUsing('cache', 'redis.yaml', '    replicaCount: 2\n'));
  write('modules/repeated.yaml', moduleUsing('rep', 'repeated.yaml', '    mode: x\n'));
  write('modules/cm.yaml', CONFIGMAP_MODULE);
  write('modules/plugins/inline/main.go', 'package main\n');
  write(
    'plugins/demo/main.go',
    'package main\n\nimport "context"\n\nfunc NewManager(ctx context.Context) (any, error) { return nil, nil }\n',
  );
  write('plugins/demo/go.mod', 'module demo\n\ngo 1.26\n');
  write('node_modules/ignored/module.yaml', moduleUsing('ignored', 'app.yaml', '    env: staging\n'));
  return { dir, uri, path, write };
}
