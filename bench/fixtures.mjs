// The generated Forkspacer files the benchmarks share (bench/lsp.mjs, bench/cli.mjs).

/** One Module with an inline Custom resource: 70 lines. */
export function moduleDocument(i) {
  return `---
apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: app-${i}
  namespace: default
  labels:
    team: team-${i % 7}
spec:
  workspace:
    name: dev-${i % 5}
    namespace: default
  hibernated: false
  source:
    raw:
      kind: Custom
      metadata:
        name: installer-${i}
        version: 1.${i}.0
        supportedOperatorVersion: ">= 0.0.0, < 1.0.0"
        description: "Installer number ${i}"
        author: "Bench"
        category: "Application"
      config:
        - type: option
          name: Environment
          alias: env
          spec:
            required: false
            default: development
            values: [development, staging, production]
            editable: true
        - type: boolean
          name: Debug
          alias: debug
          spec:
            default: false
            editable: true
        - type: string
          name: Namespace
          alias: namespace
          spec:
            default: "default"
            regex: "^[a-z0-9-]+$"
            editable: true
        - type: integer
          name: Replicas
          alias: replicas
          spec:
            default: 1
            min: 1
            max: 10
            editable: true
        - type: multiple-options
          name: Features
          alias: features
          spec:
            values: [metrics, tracing, logging]
            max: 2
            editable: true
      spec:
        repo:
          file: https://example.com/plugins/installer-${i}/plugin.so
  config:
    env: staging
    debug: true
    namespace: app-${i}
    replicas: 3
    features: [metrics]
`;
}
