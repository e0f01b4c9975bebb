// YAML used by the client's unit tests: a Custom resource and Modules that use it (source.raw, httpURL).

export const RESOURCE = `kind: Custom
metadata:
  name: app-installer
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
  - type: string
    name: Locked
    alias: locked
    spec:
      required: false
      default: fixed
spec:
  repo:
    file: https://example.com/plugins/app/plugin.so
`;

export function moduleYaml(name: string, workspace: string, config: Record<string, unknown> = { replicas: 3 }): string {
  const raw = RESOURCE.split('\n')
    .map((l) => (l ? `      ${l}` : l))
    .join('\n');
  const cfg = Object.entries(config)
    .map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`)
    .join('\n');
  return `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: ${name}
spec:
  workspace:
    name: ${workspace}
  source:
    raw:
${raw.trimEnd()}
  config:
${cfg}
`;
}

export const HTTP_MODULE = `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: remote
  namespace: team-a
spec:
  workspace:
    name: staging
    namespace: team-a
  source:
    httpURL: https://example.com/resources/app.yaml
  config:
    env: production
`;

export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: not-ours
spec:
  replicas: 1
`;
