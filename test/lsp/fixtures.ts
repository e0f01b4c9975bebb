// YAML texts for the language server tests. Lines are referenced by content (lineOf), not by number.

/** A Module with an inline Custom resource; `config` is appended by the caller. */
export function moduleWithResource(name: string, config: string, resourceName = 'my-plugin', extraItems = ''): string {
  return `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: ${name}
spec:
  workspace:
    name: dev-workspace
  source:
    raw:
      kind: Custom
      metadata:
        name: ${resourceName}
        version: 1.0.0
        supportedOperatorVersion: ">= 0.0.0, < 1.0.0"
      config:
        - type: option
          name: Environment
          alias: env
          spec:
            default: development
            values:
              - development
              - staging
              - production
            editable: true
        - type: integer
          name: Replica count
          alias: replicas
          spec:
            default: 1
            min: 1
            max: 10
            editable: true
${extraItems}      spec:
        repo:
          file: https://example.com/plugins/${resourceName}/plugin.so
  config:
${config}`;
}

export const VALID_MODULE = moduleWithResource('my-app', '    env: staging\n    replicas: 3\n');

export const VALID_CUSTOM = `kind: Custom
metadata:
  name: my-plugin
  version: 1.0.0
  supportedOperatorVersion: ">= 0.0.0, < 1.0.0"
  description: "My custom application plugin"
config:
  - type: string
    name: Application name
    alias: appName
    spec:
      required: true
      regex: "^[a-z][a-z0-9-]*$"
      editable: true
  - type: boolean
    name: Debug
    alias: debug
    spec:
      default: false
      editable: true
spec:
  repo:
    file: https://example.com/plugins/my-plugin/plugin.so
`;

export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: "three"
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

export const COMPOSE = `services:
  web:
    image: nginx
    ports:
      - "8080:80"
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: example
`;

/** 0-based line of the first line containing `needle` (after `from`). */
export function lineOf(text: string, needle: string, from = 0): number {
  const lines = text.split('\n');
  for (let i = from; i < lines.length; i++) if (lines[i]!.includes(needle)) return i;
  throw new Error(`'${needle}' not found`);
}

/** Applies LSP TextEdits (non-overlapping) to a text. */
export function applyEdits(
  text: string,
  edits: {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    newText: string;
  }[],
): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) => (lineStarts[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const e of sorted)
    result = result.slice(0, offset(e.range.start)) + e.newText + result.slice(offset(e.range.end));
  return result;
}

/** The README's try-local-plugin.yaml: a Module whose plugin is a Go source folder (a path). */
export const LOCAL_PLUGIN_MODULE = `# Install me: the local host builds and runs a real Go plugin.
apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: try-local-plugin
spec:
  workspace:
    name: dev-workspace
  source:
    raw:
      kind: Custom
      metadata:
        name: test-plugin
        version: 1.0.0
        supportedOperatorVersion: ">= 0.0.0, < 1.0.0"
      spec:
        repo:
          file: ./plugins/simple
`;
